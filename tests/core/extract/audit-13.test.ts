/**
 * Held-out parse audit 13 (CfP form exports and HTML tables, Markdown mail, proposals in attached .txt / .md files,
 * Windows-1252 and ISO-8859-1 French, replies to the call quoting it, lengths in words, levels, several talks in one
 * mail, a speaker writing for a colleague, signatures with phones and legal footers, "Sent from" lines, and near
 * misses: questions about the call, sponsor, job and venue offers): mail written before reading the rules, each case
 * below wrongly read before. Rows vary the wording of what the audit found, so that each shows a rule, not one message;
 * guards keep the nearby shapes' reading.
 */
import { describe, expect, it } from 'vitest';
import { proposalReader } from './read.ts';

const read = proposalReader(['title', 'minutes', 'format']);

describe('a length offered in words on a subject (durations.ts LENGTH_IN_WORDS in score.ts DIRECT, prose-title.ts SPOKEN_LENGTH)', () => {
  it.each([
    ['Hi!\n\nI could do a quarter of an hour on "pgvector without the hype": what recall you really get with HNSW.\n\nGrace\n', 'pgvector without the hype', 15],
    ['Hello,\n\nI can do half an hour on "Backups you can restore", with a live restore at the end.\n\nGrace\n', 'Backups you can restore', 30],
    ['Bonjour,\n\nJe peux faire une demi-heure sur « Les index BRIN », avec des mesures sur nos séries temporelles.\n\nGrace\n', 'Les index BRIN', 30],
    ["Bonjour,\n\nJe pourrais faire trois quarts d'heure sur « Patroni en production », trois ans de bascules.\n\nGrace\n", 'Patroni en production', 45],
    ['Hi,\n\nI could do an hour on "Logical decoding from scratch" if you have a long slot.\n\nGrace\n', 'Logical decoding from scratch', 60],
  ])('%s', async (body, title, minutes) => {
    expect(await read('Grace Kim <grace.kim@startup.example>', 'Meetup', body)).toMatchObject({ kind: 'proposal', title, minutes });
  });

  it.each([
    ["Bonjour,\n\nJe peux faire une demi-heure sur l'accueil et les annonces en début de soirée.\n\nGrace\n"],
    ['Hi,\n\nI could do a quarter of an hour on the welcome and housekeeping at the start of the evening.\n\nGrace\n'],
  ])("guard: a length on the evening's own business offers no talk: %s", async (body) => {
    expect((await read('Grace Kim <grace.kim@startup.example>', 'Meetup', body)).kind).not.toBe('proposal');
  });
});

describe("a length after the quoted title a verb of speaking governs, or a length done on a subject (duration.ts SPOKEN, DONE)", () => {
  it.each([
    ["Je peux présenter « TimescaleDB pour les capteurs industriels » en une demi-heure : hypertables, compression, sur 3 ans de mesures d'usine.", 30],
    ['I could present "Tuning autovacuum on a ten terabyte cluster" in 25 minutes: what we changed over two years.', 25],
    ["Je pourrais présenter « Index partiels : moins d'écritures, plus de lectures, des plans plus simples » en vingt minutes, après deux ans de production.", 20],
    ['I can show "The queue we built on SKIP LOCKED, and why we would build it again" in 40 minutes, after a year of running it.', 40],
  ])('%s', async (line, minutes) => {
    const r = await read('Arnaud Petit <arnaud.petit@laposte.example>', 'Talk', `Bonjour,\n\n${line}\n\nArnaud\n`);
    expect(r).toMatchObject({ kind: 'proposal', minutes });
  });

  // (a title of 40 characters or fewer was read before: blanked out as the title, it left room for the verb's object)
  it('guard: a length the quoted title measures, after a verb of the past, is not the slot', async () => {
    const r = await read('Arnaud Petit <arnaud.petit@laposte.example>', 'Talk', "Bonjour,\n\nJe propose un talk « Restaurer 2 To » : l'an dernier, la restauration prenait encore 4 heures.\n\nArnaud\n");
    expect(r).toMatchObject({ kind: 'proposal', minutes: 45 });
  });
});

describe("a title line, then the call's short fields, then the description (prose-title.ts standaloneTitle, shortField)", () => {
  it.each([
    ['Hi,\n\nVacuuming a 20 TB table\n\nLength: 40 minutes\nLevel: advanced\n\nOur largest table never finished an anti-wraparound vacuum. This is the story of how we got it done.\n\nWei Zhang\n', 'Vacuuming a 20 TB table', 40],
    ["Bonjour,\n\nLes index BRIN pour les séries temporelles\n\nDurée : 25 minutes\n\nNiveau : intermédiaire\n\nNos capteurs écrivent deux milliards de lignes par an : un index BRIN de 2 Mo remplace un B-tree de 40 Go.\n\nWei\n", 'Les index BRIN pour les séries temporelles', 25],
    ['Hello,\n\nPartition pruning, step by step\n\nFormat: talk, 20 min\nLanguage: English\n\nPlanning-time and execution-time pruning, read from EXPLAIN output on a table of a thousand partitions.\n\nWei\n', 'Partition pruning, step by step', 20],
  ])('%s', async (body, title, minutes) => {
    expect(await read('Wei Zhang <wei.zhang@shop.example>', 'Talk proposal', body)).toMatchObject({ kind: 'proposal', title, minutes });
  });

  it('an HTML mail, each field its own paragraph', async () => {
    const html = '<div><p>Hi,</p><h2>Vacuuming a 20 TB table</h2><p><strong>Length:</strong> 40 minutes</p><p><strong>Level:</strong> advanced</p><p>Our largest table never finished an anti-wraparound vacuum. This is the story of how we got it done: index cleanup off, parallel vacuum, and a lot of patience.</p><p>Wei Zhang<br>Database Reliability Engineer</p></div>';
    expect(await read('Wei Zhang <wei.zhang@shop.example>', 'Talk proposal', html, 'text/html; charset=utf-8')).toMatchObject({ kind: 'proposal', title: 'Vacuuming a 20 TB table', minutes: 40 });
  });

  it('guard: a heading over fields and no description is no talk', async () => {
    const r = await read('Wei Zhang <wei.zhang@shop.example>', 'Notes', 'Hi,\n\nQuarterly database review\n\nDate: 12 March\nRoom: B204\n\nThanks,\nWei\n');
    expect(r.kind).not.toBe('proposal');
  });
});

describe('a length closing a bare proposal subject names a talk (score.ts SLOT_AT_THE_END)', () => {
  const body = "Bonjour,\n\nRetour sur dix ans de PostGIS à l'IGN : chargement de la BD TOPO, index GiST, et le passage à PostgreSQL 16.\n\nLucie Perrin\n";
  it.each([
    ["Proposition – Dix ans de PostGIS à l'IGN – 30 min", "Dix ans de PostGIS à l'IGN", 30],
    ["Proposition : Dix ans de PostGIS à l'IGN (30 minutes)", "Dix ans de PostGIS à l'IGN", 30],
    ["Proposal: Ten years of PostGIS, 20 min", 'Ten years of PostGIS', 20],
    ["Soumission - Dix ans de PostGIS - 40mn", 'Dix ans de PostGIS', 40],
  ])('%s', async (subject, title, minutes) => {
    expect(await read('Lucie Perrin <lucie.perrin@gmx.example>', subject, body)).toMatchObject({ kind: 'proposal', title, minutes });
  });

  it('guard: a bare proposal subject with no length, over a text that names no talk, stays other', async () => {
    const r = await read('Lucie Perrin <lucie.perrin@gmx.example>', 'Proposition : covoiturage depuis Lyon', 'Bonjour,\n\nJe pars de Lyon en voiture pour le meetup, il me reste trois places, départ à 16 h de la Part-Dieu.\n\nLucie\n');
    expect(r.kind).not.toBe('proposal');
  });
});

describe('the offer labelling its title, over a length the text states, is a proposal (score.ts scoreOf, WAY_THERE)', () => {
  it.each([
    ["Bonjour,\n\nJe propose : Les extensions indispensables en 2027\n\n45 mn pour faire le tour de pg_cron, pg_partman, hypopg et pg_squeeze, avec pour chacune un cas d'usage réel.\n\nSeb\n", 'Les extensions indispensables en 2027', 45],
    ['Hi,\n\nI propose: Understanding the WAL\n\nTwenty minutes, from the record format to what pg_waldump shows of a checkpoint.\n\nSeb\n', 'Understanding the WAL', 20],
    ['Bonjour,\n\nNous proposons : Citus chez un assureur\n\nTrente minutes pour raconter un an de production distribuée sur douze nœuds.\n\nSeb\n', 'Citus chez un assureur', 30],
  ])('%s', async (body, title, minutes) => {
    expect(await read('Sébastien Roche <seb.roche@hosting.example>', 'Meetup de février', body)).toMatchObject({ kind: 'proposal', title, minutes });
  });

  it('the offer labelling the title on a paragraph of its own is no part of the description (abstract.ts OFFER_LABEL)', async () => {
    const body = "Bonjour,\n\nJe propose : Les extensions indispensables en 2027\n\n45 mn pour faire le tour de pg_cron, pg_partman, hypopg et pg_squeeze, avec pour chacune un cas d'usage réel.\n\nSeb\n";
    const r = await proposalReader(['abstract'])('Sébastien Roche <seb.roche@hosting.example>', 'Meetup de février', body);
    expect(r.abstract).toBe("45 mn pour faire le tour de pg_cron, pg_partman, hypopg et pg_squeeze, avec pour chacune un cas d'usage réel.");
  });

  it.each([
    ['Bonjour,\n\nJe propose : Jeudi 14 plutôt, la salle est à 10 minutes du métro.\n\nSeb\n'],
    ["Bonjour,\n\nJe propose : Le Bistrot, rue Oberkampf\n\nC'est à 5 minutes à pied de la salle, et ils ont une grande table.\n\nSeb\n"],
    ["Bonjour,\n\nJe propose : Jeudi 14 plutôt que mercredi.\nDurée de la soirée : 2 heures, comme d'habitude.\n\nSeb\n"],
    ['Hi,\n\nI propose: The Crown, on Baker Street\n\nIt is 10 minutes walk from the venue and they have a back room.\n\nSeb\n'],
  ])('guard: a place or a day offered, a way there measured, is no talk: %s', async (body) => {
    expect((await read('Sébastien Roche <seb.roche@hosting.example>', 'Meetup de février', body)).kind).not.toBe('proposal');
  });
});
