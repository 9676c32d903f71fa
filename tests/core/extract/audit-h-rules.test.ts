/**
 * Held-out audit h: proposals written without the words of one (a title line over its description, "Title - X"
 * labels, "Workshop:" subjects), format words as title labels, questions about the call, third-person speakers,
 * outlines, durations told with a speaking verb. Each case is written anew, not copied from the audit's messages.
 */
import { describe, expect, it } from 'vitest';
import { extractProposal, looksLikeProposal } from '../../../src/core/extract/index.ts';
import { matchLabel } from '../../../src/core/extract/fields.ts';
import { standaloneTitle } from '../../../src/core/extract/prose-title.ts';
import { durationFromProse } from '../../../src/core/extract/duration.ts';
import { mail } from '../classify/build.ts';

const ctx = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

describe('a proposal by its shape, without "I propose"', () => {
  it.each([
    ['Talk proposal', 'Hi,\n\nWe will compare three ways of running Postgres on Kubernetes and explain which one we kept after a year. Around 25 minutes.\n\nSam'],
    ['Proposition de talk', 'Bonjour,\n\nNous expliquerons comment nous avons migré 4 To vers PostgreSQL 17 sans arrêt de service. Il faut compter 30 minutes.\n\nInès'],
    ['Submission', 'Hello,\n\n**Logical replication without tears** (30 min)\n\nWhat breaks when you replicate across major versions, and how to notice before your users do: slots, conflicts, sequences.\n\nThanks,\nOla'],
    ['Pour le meetup', 'Bonjour,\n\nRéplication logique sans douleur (20 min)\n\nJe montrerai ce qui casse quand on réplique entre versions majeures, et comment le voir avant les utilisateurs.\n\nOla'],
    ['Submission', 'Hi,\n\nThe planner and your partitions (~35 min)\n\nAgenda:\n- how pruning works\n- run-time pruning\n- picking a key\n\nOla'],
    ['Postgres talk', 'Hello,\n\nTalk title - Vacuum for the impatient\nLength - 20 minutes\n\nI will walk you through the autovacuum settings that matter.\n\nBo'],
    ['Proposition', "Bonjour,\n\nTitre – Le vacuum pour les pressés\nDurée – 20 minutes\n\nLes réglages d'autovacuum qui comptent vraiment, avec des mesures.\n\nBo"],
    ['Workshop: Tuning autovacuum by hand', 'Hello,\n\nWe will tune a busy database together, table by table.\n\nBo'],
    ['Atelier : Écrire son extension en Rust', "Bonjour,\n\nNous écrirons ensemble une extension avec pgrx, de zéro jusqu'aux tests.\n\nBo"],
    ['Idée', 'Bonjour,\n\nMon collègue Paul Girard (paul.girard@example.net) et moi aimerions présenter notre outil de migration de schémas.\n\nBo'],
    ['Meetup', 'Bonjour,\n\nJe voudrais parler pendant une demi-heure de « pg_stat_statements au quotidien ».\n\nBo'],
  ])('%s', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body }))).toBe(true);
  });

  it.each([
    ['Salle', "Bonjour,\n\nSalle disponible en mars\n\nNous avons une salle de 80 places près de Bastille, libre les mardis soir, si cela peut servir au groupe.\n\nMarc"],
    ['Meetup', 'Hi,\n\nThe next meetup is on 10 April. Doors open at 19:00.\n\nSee you there,\nAnna'],
    ['Question', "Bonjour,\n\nLe meetup #12 aura lieu le 26 juin. Envoyez-nous vos propositions :\n\nTitre, résumé et durée.\n\nL'équipe"],
    ['Notes - meetup', 'Hi,\n\nNotes - the projector was broken again, we should bring our own next time and test it before.\n\nAnna'],
  ])('%s: no proposal', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body }))).toBe(false);
  });

  it('a label set apart by a dash is one; a sentence with a dash is not', () => {
    expect(matchLabel('Title - Vacuum for the impatient')).toMatchObject({ field: 'title', inline: 'Vacuum for the impatient' });
    expect(matchLabel('Durée – 20 minutes')).toMatchObject({ field: 'duration', inline: '20 minutes' });
    expect(matchLabel('Postgres 17 - what changed for us')).toBeNull();
    expect(matchLabel('Notes - bring a laptop')).toBeNull();
  });

  it('a title line sits between the greeting and its description; a sentence or a name does not', () => {
    expect(standaloneTitle('Hi,\n\n**Vacuum for the impatient** (~20 min)\n\nThe autovacuum settings that matter, measured on three real databases.\n\nBo')?.title).toBe('Vacuum for the impatient');
    expect(standaloneTitle('Hi,\n\nSee you on Tuesday. Bring a laptop.\n\nThe room is on the 3rd floor, take the lift on the left after the desk.\n\nBo')).toBeNull();
    expect(standaloneTitle('Bonjour,\n\nMerci pour vos soirées\n\nJe viens à chaque meetup depuis deux ans et je voulais vous dire que tout est très bien organisé.\n\nBo')).toBeNull();
    expect(standaloneTitle('Hi,\n\nThe slides are online now and the video will follow next week, thanks to all.\n\nBo Lind\n\nPGUG')).toBeNull();
  });
});

describe('a format word leads a title', () => {
  it.each([
    ['Lightning: psql tricks you never knew', 'psql tricks you never knew'],
    ['LT - pg_dump en 5 minutes chrono', 'pg_dump en 5 minutes chrono'],
    ['Workshop – Indexing JSONB the right way', 'Indexing JSONB the right way'],
    ['Atelier : « Sauvegarder avec pgBackRest »', 'Sauvegarder avec pgBackRest'],
  ])('subject %s', async (subject, title) => {
    const m = await mail({ subject, body: 'Bonjour,\n\nNous montrerons pas à pas comment faire, avec des exemples tirés de la production.\n\nBo' });
    expect(looksLikeProposal(m)).toBe(true);
    expect(extractProposal(m, ctx).proposal.title).toBe(title);
  });

  it.each([
    ['Lightning: psql tricks you never knew', 'psql tricks you never knew'],
    ['Atelier : « Sauvegarder avec pgBackRest »', 'Sauvegarder avec pgBackRest'],
    ['Workshop - Indexing JSONB the right way', 'Indexing JSONB the right way'],
    ['LT: Les CTE récursives', 'Les CTE récursives'],
  ])('body label %s', async (line, title) => {
    const m = await mail({ subject: 'Proposition', body: `Bonjour,\n\n${line}\nDurée : 20 minutes\n\nNous montrerons pas à pas comment faire, avec des exemples tirés de la production.\n\nBo` });
    expect(extractProposal(m, ctx).proposal.title).toBe(title);
  });
});

describe('a question about the call is no proposal', () => {
  it.each([
    ['Talk submission deadline?', "Hello,\n\nI'd like to give a talk on pgvector at one of your meetups. Until when can we send proposals? And is 30 minutes fine?\n\nThanks,\nKim"],
    ['Appel à orateurs', "Bonjour,\n\nJ'aimerais présenter un retour d'expérience sur Patroni. Sous quel format faut-il envoyer la proposition ? Quel est le format attendu ?\n\nMerci,\nKim"],
    ['CFP question', 'Hi,\n\nI would like to submit a talk about pg_partman. How do I submit it, is there a form?\n\nKim'],
  ])('%s', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body }))).toBe(false);
  });

  it('an offer that describes its talk and asks a question too is a proposal', async () => {
    const body = "Hello,\n\nI'd like to give a talk on pgvector: I will show how we index 50 million embeddings and what it costs. Until when can we send proposals?\n\nKim";
    expect(looksLikeProposal(await mail({ subject: 'Talk proposal', body }))).toBe(true);
  });

  it('a subject that asks is no title; a question set apart after a tag may be one', async () => {
    const body = 'Bonjour,\n\nNous montrerons pas à pas comment faire, avec des exemples tirés de la production. Comptez 20 minutes.\n\nBo';
    expect(extractProposal(await mail({ subject: 'Les index BRIN, ça vous intéresse ?', body }), ctx).proposal.title).toBeNull();
    expect(extractProposal(await mail({ subject: 'Talk: Is Postgres a good queue?', body }), ctx).proposal.title).toBe('Is Postgres a good queue?');
  });
});

describe('a title on a line of its own', () => {
  it.each([
    ['Speaking at the meetup', "Hi all,\n\nThis is something I've wanted to share for a while:\n\nSchema changes without downtime using pgroll\n\nWe rewrote 40 tables online last spring; I will go through the tooling and the two outages it did not prevent.\n\nMaya", 'Schema changes without downtime using pgroll'],
    ['Submission', 'Hello,\n\n## Observability for Postgres on a budget\n\nA tour of pg_stat_statements, auto_explain and a 200-line exporter that covers most of what paid tools sell.\n\nMaya', 'Observability for Postgres on a budget'],
    ['Proposition : index BRIN', "Salut,\n\nSuite à notre discussion de mardi dernier au bar :\n\n__Les index BRIN : petits, rapides, méconnus__\n\nNous verrons quand un index BRIN bat un B-tree et quand il ne sert à rien, mesures à l'appui.\n\nMaya", 'Les index BRIN : petits, rapides, méconnus'],
  ])('%s', async (subject, body, title) => {
    const m = await mail({ subject, body });
    expect(looksLikeProposal(m)).toBe(true);
    const p = extractProposal(m, ctx).proposal;
    expect(p.title).toBe(title);
    // the intro over the title is the covering letter, not the description
    expect(p.abstract ?? '').not.toMatch(/wanted to share|discussion de mardi/);
  });
});

describe('the abstract is the description, not the covering letter', () => {
  const abstractOf = async (subject: string, body: string) => extractProposal(await mail({ subject, body }), ctx).proposal.abstract ?? '';

  it('a trailing lone first name (a signature without a closing formula) is cut; a last sentence is kept', async () => {
    const a = await abstractOf('Talk proposal: Vacuum for the impatient', 'Hello,\n\nThe autovacuum settings that matter, measured on three real databases. About 25 minutes.\n\nNoor');
    expect(a).toBe('The autovacuum settings that matter, measured on three real databases. About 25 minutes.');
  });

  it('a first line addressed to the forwarder is cut', async () => {
    const a = await abstractOf('Proposition de talk : Le vacuum pour les pressés', 'Bonjour,\n\nPaul, tu pourrais le transmettre aux organisateurs du meetup ?\n\nLes réglages d\'autovacuum qui comptent vraiment, mesurés sur trois bases réelles.\n\nNoor');
    expect(a).toBe("Les réglages d'autovacuum qui comptent vraiment, mesurés sur trois bases réelles.");
  });

  it('sentences about the mail itself are cut, the description kept', async () => {
    const a = await abstractOf('Talk proposal: Vacuum for the impatient', "Hi,\n\nAs requested in the call, here is my proposal. The autovacuum settings that matter, measured on three real databases.\n\nThe title is the subject of this email.\n\nNoor");
    expect(a).toBe('The autovacuum settings that matter, measured on three real databases.');
  });

  it('a bilingual mail keeps its first version', async () => {
    const a = await abstractOf(
      'Proposition de talk : Le vacuum pour les pressés',
      "(version anglaise plus bas)\n\nBonjour,\n\nLes réglages d'autovacuum qui comptent vraiment, mesurés sur trois bases de production.\n\n---\n\nHello,\n\nThe autovacuum settings that really matter, measured on three production databases.\n\nNoor",
    );
    expect(a).toBe("Les réglages d'autovacuum qui comptent vraiment, mesurés sur trois bases de production.");
  });
});

describe('speakers named in the third person', () => {
  const speakersOf = async (from: string, body: string) => extractProposal(await mail({ from, subject: 'Talk proposal', body }), ctx).proposal.speakers;

  it('a Speaker label naming someone else with an address: that person, not the sender', async () => {
    const s = await speakersOf('Office <office@example.com>', 'Hello,\n\nTitle: Vacuum for the impatient\nSpeakers: Noor Haddad <noor@example.com>, Ivan Petrov <ivan@example.com>\n\nThe autovacuum settings that matter, measured on three real databases.\n\nThe office');
    expect(s.map((x) => x.email)).toEqual(['noor@example.com', 'ivan@example.com']);
  });

  it('the sender stays when the label names a co-speaker or the text says "X and I"', async () => {
    const co = await speakersOf('Bo Lind <bo@example.com>', 'Hello,\n\nTitle: Vacuum for the impatient\nCo-speaker: Noor Haddad <noor@example.com>\n\nThe autovacuum settings that matter, measured on three real databases.\n\nBo');
    expect(co.map((x) => x.email)).toEqual(['bo@example.com', 'noor@example.com']);
    const and = await speakersOf('Bo Lind <bo@example.com>', 'Hello,\n\nNoor and I will go through the autovacuum settings that matter.\n\nTitle: Vacuum for the impatient\nSpeaker: Noor Haddad <noor@example.com>\nDuration: 20 minutes\n\nBo');
    expect(and.map((x) => x.email)).toEqual(['bo@example.com', 'noor@example.com']);
  });

  it('« Notre architecte, Lina Haddad (lina@…), aimerait présenter »: Lina, not the sender', async () => {
    const s = await speakersOf('Com <com@example.fr>', "Bonjour,\n\nNotre architecte, Lina Haddad (lina.haddad@example.fr), aimerait présenter notre plateforme Postgres lors d'une soirée.\n\nElle expliquera comment nous gérons 80 bases avec Patroni.\n\nLe service communication");
    expect(s).toEqual([{ name: 'Lina Haddad', email: 'lina.haddad@example.fr' }]);
    const bare = await speakersOf('Com <com@example.fr>', "Bonjour,\n\nLina Haddad (lina.haddad@example.fr) souhaiterait présenter notre plateforme Postgres lors d'une soirée.\n\nElle expliquera comment nous gérons 80 bases avec Patroni.\n\nLe service communication");
    expect(bare).toEqual([{ name: 'Lina Haddad', email: 'lina.haddad@example.fr' }]);
  });
});

describe('an outline is part of the description', () => {
  it.each([
    ['Plan :', 'Bonjour,\n\nTitre : Le vacuum pour les pressés\nDurée : 20 min\n\nPlan :\n- les réglages qui comptent\n- mesurer avant de changer\n\nBo', 'mesurer avant de changer'],
    ['Agenda:', 'Hi,\n\nTitle: Vacuum for the impatient\nAbstract: The autovacuum settings that matter.\n\nAgenda:\n1. the settings\n2. measuring first\n\nBo', 'measuring first'],
    ['Déroulé :', "Bonjour,\n\nAtelier : « Le vacuum pour les pressés »\nDurée : 2 h\n\nDéroulé :\n1. théorie\n2. exercices sur une base fournie\n\nBo", 'exercices sur une base fournie'],
  ])('%s', async (_, body, item) => {
    const p = extractProposal(await mail({ subject: 'Proposition de talk', body }), ctx).proposal;
    expect(p.abstract ?? '').toContain(item);
    expect(p.abstract ?? '').not.toContain('Bo\n');
  });

  it('a labelled abstract keeps the outline after it', async () => {
    const body = 'Hi,\n\nTitle: Vacuum for the impatient\nAbstract: The autovacuum settings that matter.\n\nOutline:\n- the settings\n- measuring first\n\nAudience: DBAs\n\nBo';
    const p = extractProposal(await mail({ subject: 'Talk proposal', body }), ctx).proposal;
    expect(p.abstract).toBe('The autovacuum settings that matter.\n\nOutline:\n- the settings\n- measuring first');
  });
});

describe('a length governed by a speaking verb is the talk\'s', () => {
  it.each([
    ["On a migré nos 40 bases l'an dernier, je pourrais raconter tout ça en 20 minutes.", 20],
    ['We moved off Oracle over two years; I could tell the whole story in 35 min.', 35],
    ["Après six mois de production, je voudrais en parler pendant une demi-heure.", 30],
    ['Last year we rewrote the billing schema and I would present it in about 25 minutes.', 25],
  ])('%s', async (sentence, minutes) => {
    expect(durationFromProse([sentence])?.minutes).toBe(minutes);
  });

  it('the spoken length beats a number that measures something else', () => {
    expect(durationFromProse(['The nightly job took 3 hours, and last year we cut it to 40 minutes: I could tell the story in 20 minutes.'])?.minutes).toBe(20);
  });

  it('« Belle journée, » is a sign-off', async () => {
    const p = extractProposal(await mail({ subject: 'Proposition de talk : Le vacuum pour les pressés', body: "Bonjour,\n\nLes réglages d'autovacuum qui comptent vraiment, mesurés sur trois bases réelles.\n\nBelle journée,\nNoor" }), ctx).proposal;
    expect(p.abstract).toBe("Les réglages d'autovacuum qui comptent vraiment, mesurés sur trois bases réelles.");
  });
});

describe('a proposal sent as an attached document', () => {
  it('the cover sentence is no abstract, and the warning names the attachment', async () => {
    const b = 'MIX-7';
    const body = [
      `--${b}`, 'Content-Type: text/plain; charset=utf-8', '', 'Bonjour,', '', 'Vous trouverez ci-joint ma proposition de talk détaillée.', '', 'Cordialement,', 'Paul Henry', '',
      `--${b}`, 'Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name="proposition.docx"', 'Content-Disposition: attachment; filename="proposition.docx"', 'Content-Transfer-Encoding: base64', '', 'UEsDBBQAAAAIAA==', '',
      `--${b}--`, '',
    ].join('\n');
    const x = extractProposal(await mail({ subject: 'Proposition de talk : Open data avec PostgREST', mime: { contentType: `multipart/mixed; boundary="${b}"`, body } }), ctx);
    expect(x.proposal.abstract).toBeNull();
    expect(x.warnings.join('\n')).toContain('proposition.docx');
  });
});
