/**
 * Parse audit 14 (forwarded proposals « TR : » / "Fwd:" / "FW:" from Outlook, Gmail, Apple Mail and Thunderbird, replies to
 * the call with the call quoted, HTML-only webmail, co-speakers with affiliations, lengths in words, levels, links and
 * slides attached, ISO-8859-1 / Windows-1252 / UTF-8, and near misses: questions about the call, sponsor, venue, job and
 * training offers), and what audit 13 left: mail written before reading the rules, each case below wrongly read before.
 * Rows vary the wording of what the audit found, so that each shows a rule, not one message; guards keep the nearby
 * shapes' reading.
 */
import { describe, expect, it } from 'vitest';
import { proposalReader } from './read.ts';

const read = proposalReader(['title', 'abstract', 'minutes', 'format']);
const FROM = 'Lucie Perrin <lucie.perrin@gmx.example>';

describe('a Markdown table padded with spaces: a field is the cell after the pipe, not the pipe (fields.ts COLUMN_LABEL)', () => {
  it.each([
    ['| Champ        | Valeur                                     |\n|--------------|--------------------------------------------|\n| Titre        | Les index BRIN pour les séries temporelles |\n| Durée        | 20 minutes                                 |\n| Résumé       | Un index de 2 Mo à la place de 40 Go.      |'],
    ['Champ    | Valeur\n---------+-------------------------------------------\nTitre    | Les index BRIN pour les séries temporelles\nDurée    | 20 minutes\nRésumé   | Un index de 2 Mo à la place de 40 Go.'],
    ['|  Title       |  Les index BRIN pour les séries temporelles  |\n|  Duration    |  20 min  |\n|  Abstract    |  Un index de 2 Mo à la place de 40 Go.  |'],
  ])('%s', async (table) => {
    const r = await read(FROM, 'Proposition de talk', `Bonjour,\n\n${table}\n\nLucie\n`);
    expect(r).toMatchObject({ kind: 'proposal', title: 'Les index BRIN pour les séries temporelles', minutes: 20, abstract: 'Un index de 2 Mo à la place de 40 Go.' });
  });

  it('guard: a form typed as columns without pipes keeps its reading', async () => {
    const r = await read(FROM, 'Proposition de talk', 'Bonjour,\n\nTitre      Les index BRIN pour les séries temporelles\nDurée      20 minutes\nRésumé     Un index de 2 Mo à la place de 40 Go.\n\nLucie\n');
    expect(r).toMatchObject({ kind: 'proposal', title: 'Les index BRIN pour les séries temporelles', minutes: 20 });
  });
});

describe("a length in hours before an English session's name is no clock time (durations.ts SESSION_AFTER)", () => {
  it.each([
    ['A 1 h hands-on workshop: "Writing your first extension in C". We build a tiny type with its operators and an index.', 60],
    ['I could run a 2h workshop, "Writing your first extension in C": a tiny type, its operators and an index.', 120],
    ['What about a 1 h deep-dive talk, "Writing your first extension in C"? A tiny type, its operators and an index.', 60],
  ])('%s', async (line, minutes) => {
    expect(await read(FROM, 'Workshop', `Hi,\n\n${line}\n\nLucie\n`)).toMatchObject({ kind: 'proposal', minutes });
  });

  it('guard: « à 1 h » before what is done then stays a time', async () => {
    const r = await read(FROM, 'Talk', 'Bonjour,\n\nJe propose un talk « Les index BRIN » ; on pourrait finir à 1 h du matin comme la dernière fois.\n\nLucie\n');
    expect(r).toMatchObject({ kind: 'proposal', minutes: 45 });
  });
});

describe("a length offered on a quoted subject, after « je vous propose » or opening its sentence (score.ts LENGTH_OFFERED, prose-title.ts)", () => {
  it.each([
    ["Un petit quart d'heure sur « Les triggers d'événements », avec deux exemples d'audit des DDL.", "Les triggers d'événements", 15],
    ["je vous propose 20 min sur « Les triggers d'événements », avec deux exemples d'audit des DDL.", "Les triggers d'événements", 20],
    ["Je propose une demi-heure sur « Les triggers d'événements » : deux exemples d'audit des DDL.", "Les triggers d'événements", 30],
    ['Twenty minutes on "Event triggers in practice", with two examples of auditing DDL.', 'Event triggers in practice', 20],
    ['We propose 25 minutes on "Event triggers in practice": two examples of auditing DDL.', 'Event triggers in practice', 25],
  ])('%s', async (line, title, minutes) => {
    expect(await read(FROM, 'Meetup', `Bonjour,\n\n${line}\n\nLucie\n`)).toMatchObject({ kind: 'proposal', title, minutes });
  });

  it.each([
    ["Un petit quart d'heure sur « Les triggers d'événements », c'est assez pour un lightning ?"],
    ["20 minutes sur « Les triggers d'événements », c'était parfait, merci pour l'accueil."],
    ['Twenty minutes on "Event triggers in practice" was just right, thanks again for having me.'],
  ])('guard: a length asked about, or thanked for, offers nothing: %s', async (line) => {
    expect((await read(FROM, 'Meetup', `Bonjour,\n\n${line}\n\nLucie\n`)).kind).not.toBe('proposal');
  });

  it.each([
    ['Au programme : 20 min sur « Les index BRIN » par Lucie Perrin, puis 45 minutes sur « Patroni en production » par Marc.'],
    ['20 minutes on "BRIN indexes" by Lucie, then 45 minutes on "Patroni in production" by Marc.'],
    ['Merci à tous. 20 minutes sur « Les index BRIN » : le format court a bien marché, on le garde.'],
    ['Pour jeudi : 10 minutes sur « Le mot des sponsors » puis les talks.'],
  ])("guard: a programme's items, a length inside a paragraph, offer nothing: %s", async (line) => {
    expect((await read('Dim <dim@other.example>', 'Meetup de février', `Bonjour à tous,\n\n${line}\n\nDim\n`)).kind).not.toBe('proposal');
  });
});

describe("the talk's length said of itself: opening its sentence after « une petite », with the questions (duration.ts LEADS_A_LENGTH, CUE)", () => {
  it.each([
    ["Une petite demi-heure suffira : l'histoire de nos migrations depuis la 7.4, ce qui a marché, ce que je referais autrement.", 30],
    ['A good half hour should do: the story of our migrations since 7.4, what worked and what I would do differently.', 30],
    ["Je compte 40 minutes avec les questions : inventaire du code PL/SQL, ora2pg, les tests et la bascule d'un week-end.", 40],
    ["I'd say 35 minutes including questions, after two years of running it in production.", 35],
  ])('%s', async (line, minutes) => {
    const r = await read(FROM, "Proposition d'intervention : Migrer d'Oracle à PostgreSQL", `Bonjour,\n\nJe propose un exposé intitulé « Migrer d'Oracle à PostgreSQL ».\n\n${line}\n\nLucie\n`);
    expect(r).toMatchObject({ kind: 'proposal', minutes });
  });

  it('guard: a length a migration took, in a sentence that names no talk, is not the slot', async () => {
    const r = await read(FROM, "Proposition d'intervention : Migrer d'Oracle à PostgreSQL", "Bonjour,\n\nJe propose un exposé intitulé « Migrer d'Oracle à PostgreSQL ».\n\nLa petite bascule a pris 40 minutes depuis la sauvegarde d'un week-end.\n\nLucie\n");
    expect(r).toMatchObject({ kind: 'proposal', minutes: 45 });
  });
});

describe("a reply answering the call point by point, between its quoted lines (source.ts textBetweenQuotes)", () => {
  const call = (a: string, b: string, c: string) =>
    `On Mon, Nov 30, 2026 at 9:00 AM PostgreSQL Paris <talks@pgug.example.org> wrote:\n> Hello everyone,\n>\n> We are looking for speakers for the January meetup. Please send us:\n> - a title\n\n${a}\n\n> - a short abstract\n\n${b}\n\n> - the length you would like (20 or 45 minutes)\n\n${c}\n\n> Thanks,\n> The PostgreSQL Paris team\n\nCheers,\nSam\n`;
  it.each([
    [call('Postgres on Kubernetes, two years in', 'What the operators promised, what we actually got: failovers, storage classes and backups to S3.', '30 minutes if possible, otherwise 20.'), 'Postgres on Kubernetes, two years in', 30],
    [
      "Le 12/11/2026 à 18:03, PostgreSQL Paris a écrit :\n> Bonjour à toutes et à tous,\n>\n> Pour proposer un talk, envoyez-nous :\n> - un titre\nSauvegardes avec pgBackRest : trois ans de production\n> - un résumé de quelques lignes\nLes sauvegardes incrémentales, la restauration à un instant donné et les pièges rencontrés sur 3 To.\n> - la durée souhaitée\n20 minutes\n>\n> L'équipe\n\nHugo\n",
      'Sauvegardes avec pgBackRest : trois ans de production',
      20,
    ],
  ])('%s', async (body, title, minutes) => {
    const r = await read('Sam Okafor <sam.okafor@cloudco.example>', 'Re: Call for speakers - January meetup', body);
    expect(r).toMatchObject({ kind: 'proposal', title, minutes });
  });

  it('guard: questions asked between the quoted lines offer no talk', async () => {
    const body = call('Does it have to be about PostgreSQL itself, or can it be about tooling around it?', 'How long should it be, a paragraph?', 'Is 45 minutes still possible, or only 20?');
    expect((await read('Sam Okafor <sam.okafor@cloudco.example>', 'Re: Call for speakers - January meetup', body)).kind).not.toBe('proposal');
  });
});

describe("a bare title after the offer's colon may open on PostgreSQL's own lower-case names (prose-title.ts TOOL_OPENING)", () => {
  it('an HTML mail whose bold title lost its marks', async () => {
    const html = '<div dir="ltr">Hi,<div><br></div><div>I&#39;d like to propose a lightning talk for the next meetup: <b>psql tricks you didn&#39;t know about</b></div><div><br></div><div>\\watch, \\gexec and a .psqlrc that saves me an hour a week. Five minutes, lots of live typing.</div><div><br></div><div>Lena</div></div>';
    const r = await read('Lena Fischer <lena.fischer@gmail.example>', 'Lightning talk?', html, 'text/html; charset=utf-8');
    expect(r).toMatchObject({ kind: 'proposal', title: "psql tricks you didn't know about", format: 'lightning' });
  });

  it.each([
    ['Bonjour,\n\nJe voudrais proposer un talk pour le prochain meetup : pgvector sans le battage\n\nCe que donne vraiment HNSW sur nos 10 millions de vecteurs.\n\nLena\n', 'pgvector sans le battage'],
    ["Hi,\n\nI'd like to propose a talk for the spring meetup: postgres as a message queue\n\nSKIP LOCKED, LISTEN/NOTIFY and the numbers after a year, 20 minutes.\n\nLena\n", 'postgres as a message queue'],
  ])('%s', async (body, title) => {
    expect(await read('Lena Fischer <lena.fischer@gmail.example>', 'Meetup', body)).toMatchObject({ kind: 'proposal', title });
  });

  it('guard: another lower-case opening after the colon is still no title', async () => {
    const r = await read('Lena Fischer <lena.fischer@gmail.example>', 'Lightning talk?', "Hi,\n\nI'd like to propose a lightning talk for the next meetup: some shell tricks you didn't know about\n\nFive minutes, lots of live typing.\n\nLena\n");
    expect(r.title ?? null).toBeNull();
  });
});
