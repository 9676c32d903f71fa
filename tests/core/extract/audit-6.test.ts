/**
 * Held-out parse audit 6: mail written before reading the rules (batches of 108 and more), each case below wrongly
 * filed or wrongly read before. Rows vary the wording of what the audit found, so that each shows a rule, not one message.
 */
import { describe, expect, it } from 'vitest';
import { extractProposal, looksLikeProposal } from '../../../src/core/extract/index.ts';
import { mail } from '../classify/build.ts';

const ctx = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

async function proposal(subject: string, body: string) {
  const m = await mail({ subject, body });
  expect(looksLikeProposal(m)).toBe(true);
  return extractProposal(m, ctx).proposal;
}

describe('the title a label or a naming word gives', () => {
  it.each([
    // a quoted title opening on a figure after an inline title label (prose-title.ts INLINE_LABEL)
    ['Suggestion de sujet pour le meetup', "Bonjour,\n\nJe peux venir raconter notre billetterie. Titre : « 200 000 billets en 10 minutes ». Vingt-cinq minutes me suffiraient.\n\nHélène", '200 000 billets en 10 minutes'],
    ['Une idée pour mars', 'Bonjour,\n\nJe pourrais parler des index, environ 30 minutes. Titre : « 10 erreurs à éviter avec les index ».\n\nPaul', '10 erreurs à éviter avec les index'],
    // a label saying title over one naming the subject (fields.ts namesTitle)
    ['Proposition de talk', 'Bonjour,\n\nSujet proposé : la sécurité des rôles dans PostgreSQL 16 (CREATEROLE, SECURITY DEFINER).\n\nTitre provisoire : Rôles et privilèges, ce qui a changé\n\nDurée : 45 minutes\n\nJB', 'Rôles et privilèges, ce qui a changé'],
    ['Talk proposal', 'Hello,\n\nTopic: how we shard our tenants across nodes\nTitle: Sharding tenants with Citus\nLength: 30 min\n\nDana', 'Sharding tenants with Citus'],
    // « titre "X" » with no colon: the quotes right after the word are the title (prose-title.ts PROVISIONAL)
    ['talk', 'bonjour\n\nje voudrais proposer un talk sur pg_repack vs VACUUM FULL, quand et comment réorganiser une table sans bloquer la prod. titre "pg_repack sans douleur". 20 min\n\nsandrine', 'pg_repack sans douleur'],
    ['Proposal', 'Hi,\n\nI would like to give a talk on autovacuum for hot tables, what we tuned and why. Title "Autovacuum for the impatient". 20 min\n\nDiego', 'Autovacuum for the impatient'],
  ])('%s', async (subject, body, title) => {
    expect((await proposal(subject, body)).title).toBe(title);
  });
});

describe('a quoted title after the offer of a workshop or an experience report beats the subject (prose-title.ts QUOTED_AFTER_OFFER, TALK_OFFERED)', () => {
  it.each([
    ['Proposition : atelier de 1h30 sur les fonctions fenêtres', "Bonjour,\n\nJe propose un atelier pratique « Les fonctions fenêtres par l'exemple », 1h30, chacun vient avec son portable.\n\nAgnès", "Les fonctions fenêtres par l'exemple"],
    ['Proposal: workshop on pgvector', 'Hi,\n\nI would like to propose a hands-on workshop "From embeddings to HNSW with pgvector", 90 minutes.\n\nNoor', 'From embeddings to HNSW with pgvector'],
    ["Proposition de talk : PostgreSQL pour l'enseignement", "Bonjour,\n\nEnseignante à l'université, je propose un retour d'expérience : « Enseigner le SQL avec PostgreSQL à 400 étudiants ». Disons 25 minutes.\n\nValérie", 'Enseigner le SQL avec PostgreSQL à 400 étudiants'],
  ])('%s', async (subject, body, title) => {
    expect((await proposal(subject, body)).title).toBe(title);
  });
});

describe('the wish to speak with no topic yet offers nothing (score.ts NO_TOPIC_YET)', () => {
  it.each([
    ['Idées de sujets ?', "Bonjour,\n\nJ'aimerais bien parler un jour au meetup, mais je n'ai pas encore de sujet précis. Quels thèmes intéresseraient le public ? Débutant, avancé ?\n\nMerci,\nLina"],
    ['Sujet pour un talk ?', "Bonjour,\n\nJe voudrais faire un talk au printemps mais je ne sais pas encore de quoi parler. Des suggestions ?\n\nMarc"],
    ['Speaking at the meetup', "Hi,\n\nI'd love to give a talk at one of your meetups someday, but I don't have a topic yet. What would people like to hear about?\n\nRyan"],
  ])('%s', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body }))).toBe(false);
  });
  it('a title still to find is no topic missing', async () => {
    expect(looksLikeProposal(await mail({ subject: 'Proposition de talk', body: "Bonjour,\n\nJe voudrais présenter un talk sur pgvector et la recherche hybride, 30 minutes. Je n'ai pas encore de titre.\n\nNoé" }))).toBe(true);
  });
});

describe("a colleague's proposal passed on in the writer's words (source.ts relayed, score.ts; prose-title.ts quotedQuestion)", () => {
  it.each([
    ['Proposition de talk pour un collègue', "Bonjour,\n\nJe transmets la proposition de ma collègue Nadia Cherif (nadia.cherif@startup-exemple.io), qui n'est pas encore inscrite à la liste :\n\n« Les advisory locks comme file d'attente : bonne ou mauvaise idée ? »\n\nElle a besoin d'environ 20 minutes. Elle vous écrira directement pour la suite.\n\nKarim", "Les advisory locks comme file d'attente : bonne ou mauvaise idée ?", 'Nadia Cherif'],
    ['Talk proposal for a colleague', "Hello,\n\nI'm forwarding the proposal of my colleague Ravi Kumar (ravi.kumar@example.com), who is not on the list yet:\n\n\"Hash partitioning: when and why?\"\n\nHe needs about 20 minutes and will write to you directly.\n\nSam", 'Hash partitioning: when and why?', 'Ravi Kumar'],
  ])('%s', async (subject, body, title, speaker) => {
    const p = await proposal(subject, body);
    expect(p.title).toBe(title);
    expect(p.speakers.map((s) => s.name)).toEqual([speaker]);
  });
});

describe('presenters listed before the writer (speakers.ts LISTED_BEFORE)', () => {
  it.each([
    ['Proposition de talk (à trois)', 'Bonjour,\n\nNous serions trois à présenter : Paul Martin, Inès Roy et moi-même. Le sujet : « Citus en production chez un e-commerçant ».\n\nDurée souhaitée : 45 minutes.\n\nPierre Lambert', ['Paul Martin', 'Inès Roy']],
    ['Talk proposal', 'Hi,\n\nWe would be three on stage: Ana Silva, Tom Baker and I. The talk: "Running Postgres on bare metal again", 40 minutes.\n\nJo Park', ['Ana Silva', 'Tom Baker']],
    ['Proposition à quatre', 'Bonjour,\n\nNous aimerions présenter « Un an de pgvector en production », 45 minutes. Nous serons quatre : Claire Morel, Hugo Petit, Léa Roux et moi.\n\nMax Dubois', ['Claire Morel', 'Hugo Petit', 'Léa Roux']],
  ])('%s', async (subject, body, others) => {
    const names = (await proposal(subject, body)).speakers.map((s) => s.name);
    expect(names.filter((n) => n !== null && others.includes(n))).toEqual(others);
  });
});

describe('a title after an offer and a colon may open on a number counting something (prose-title.ts COUNTED_LEAD, batch 2)', () => {
  it.each([
    ["Proposition d'exposé", "Bonjour,\n\nJe vous propose un exposé : 12 ans de PostgreSQL dans un cabinet d'expertise comptable.\n\nDe la 8.4 à la 16, sans DBA dédié : ce qui a tenu, ce qui a cassé. Une demi-heure me conviendrait.\n\nJérôme", "12 ans de PostgreSQL dans un cabinet d'expertise comptable"],
    ['A talk for March', 'Hi,\n\nI would like to give a talk: 10 lessons from running Postgres on Kubernetes.\n\nWhat broke, what we changed, what we would do again. 30 minutes.\n\nAmir', '10 lessons from running Postgres on Kubernetes'],
  ])('%s', async (subject, body, title) => {
    expect((await proposal(subject, body)).title).toBe(title);
  });
});

describe('colleagues named together after « avec mes collègues » / "with my colleagues" (speakers.ts MY_COLLEAGUES, batch 2)', () => {
  it.each([
    ['Proposition de talk', 'Bonjour,\n\nJe souhaite proposer un talk avec mes collègues Julie Caron et Hervé Dumas, intitulé « Partitionner une table de 2 milliards de lignes à chaud ». Durée estimée : 40 min.\n\nRachid Amrani', ['Julie Caron', 'Hervé Dumas']],
    ['Talk proposal', 'Hello,\n\nI would like to propose a talk with my colleagues Ana Silva, Tom Baker and Li Wei, called "Sharding a SaaS with Citus", 45 minutes.\n\nJo Park', ['Ana Silva', 'Tom Baker', 'Li Wei']],
  ])('%s', async (subject, body, others) => {
    const names = (await proposal(subject, body)).speakers.map((s) => s.name);
    expect(names.filter((n) => n !== null && others.includes(n))).toEqual(others);
  });
});

describe('batch 3: "Title:" inside a line, "my proposal for the meetup:", "a 2-hour workshop"', () => {
  it.each([
    // "Title:" in the middle of a line, as « Titre : » is (prose-title.ts INLINE_LABEL)
    ['Talk idea: pg_squeeze', 'Hi,\n\nI\'d like to present a short talk on pg_squeeze, how we removed 2 TB of bloat without downtime. Title: "Squeezing the bloat out". 15 minutes.\n\nTariq', 'Squeezing the bloat out'],
    ['Talk idea: autovacuum', 'Hello,\n\nI could give a talk about autovacuum tuning on very hot tables. Title: Autovacuum for the impatient. About 20 minutes.\n\nMei', 'Autovacuum for the impatient'],
    // the proposal's word, then whom it is for, then a colon (prose-title.ts PROVISIONAL)
    ['Talk proposal: Postgres in manufacturing', 'Hello,\n\nMy proposal for the meetup: "Time-series from 3,000 machines into PostgreSQL". 30 min. I\'ll speak English.\n\nAnna', 'Time-series from 3,000 machines into PostgreSQL'],
    ['Proposition : PostgreSQL à la mairie', 'Bonjour,\n\nMa proposition pour le meetup de mars : « Dix ans de cadastre dans PostGIS ». 30 minutes.\n\nYann', 'Dix ans de cadastre dans PostGIS'],
  ])('%s', async (subject, body, title) => {
    expect((await proposal(subject, body)).title).toBe(title);
  });
  // an hour's length written with a hyphen, after an article (durations.ts HOURS: « a » is no « à » there)
  it.each([
    ['Workshop proposal', 'Hi there,\n\nI\'d like to run a 2-hour hands-on workshop "Learn PL/pgSQL by building a job queue". Attendees bring a laptop.\n\nJordan', 120],
    ['Tutorial proposal', 'Hello,\n\nI would like to give a tutorial, "Logical replication from scratch", as a 3-hour session with exercises.\n\nNina', 180],
  ])('%s', async (subject, body, minutes) => {
    expect((await proposal(subject, body)).durationMinutes).toBe(minutes);
  });
});

describe('batch 4: « Count me in! », « Titre envisagé : », speaking at the meetup then a quoted title', () => {
  it.each([
    // the volunteer's exclamation before the quoted title (prose-title.ts QUOTED_AFTER_OFFER)
    ['Re: Call for speakers – March meetup', 'Count me in! "pg_stat_kcache: CPU and I/O per query", 20 minutes.\n\nGrace', 'pg_stat_kcache: CPU and I/O per query'],
    ["Re: Appel à orateurs – meetup d'avril", 'Je me lance ! « Les triggers de contrainte différés », 15 minutes.\n\nPaul', 'Les triggers de contrainte différés'],
    // a title label qualified as envisaged, tentative (INLINE_LABEL)
    ['Proposition', "Bonjour,\n\nJ'aimerais proposer une intervention sur la compression TOAST (pglz vs lz4). Titre envisagé : « LZ4 ou pglz : le match de la compression TOAST ». Une demi-heure.\n\nClément", 'LZ4 ou pglz : le match de la compression TOAST'],
    // to speak at the meetup, then the quoted title (score.ts DIRECT, prose-title.ts QUOTED_AFTER_OFFER)
    ['Intervention au meetup PostgreSQL', 'Bonjour,\n\nJe veux bien intervenir au meetup : « PostgreSQL dans une banque : conformité DORA et haute disponibilité ». 40 minutes.\n\nAline', 'PostgreSQL dans une banque : conformité DORA et haute disponibilité'],
  ])('%s', async (subject, body, title) => {
    const m = await mail({ subject, body, headers: /^Re:/.test(subject) ? { 'In-Reply-To': '<cfp@pgug.example.org>' } : {} });
    expect(looksLikeProposal(m)).toBe(true);
    expect(extractProposal(m, ctx).proposal.title).toBe(title);
  });
});

describe('batch 5: an inline title label with its qualifier (prose-title.ts INLINE_LABEL)', () => {
  it.each([
    ['Suggestion', "Bonjour,\n\nJe pourrais venir parler de notre migration de SQL Server vers PostgreSQL dans un hôpital. Titre possible : « De SQL Server à PostgreSQL à l'hôpital ». Environ 30 minutes.\n\nNadège", "De SQL Server à PostgreSQL à l'hôpital"],
  ])('%s', async (subject, body, title) => {
    expect((await proposal(subject, body)).title).toBe(title);
  });
});

describe("a version offered now after the talk given elsewhere (score.ts DIRECT; duration.ts CUE, describesAnotherEvent's cut before « et je pourrais » / \"and would\"; batch 4)", () => {
  it.each([
    ['Proposal', 'Hello PostgreSQL Paris,\n\nI gave this talk at P2D2 in Prague (50 min) and would happily do a 30-minute version for you: "Query plans you should never see in production".\n\nStefan', 30],
    ['Proposition de talk', "Bonjour,\n\nJe l'ai présenté au PGDay l'an dernier (45 min) et je pourrais en faire une version de 20 minutes pour vous : « Les plans d'exécution à ne jamais voir en production ».\n\nStéphane", 20],
  ])('%s', async (subject, body, minutes) => {
    expect((await proposal(subject, body)).durationMinutes).toBe(minutes);
  });
});

describe('an offer put off to later, with no title nor length, offers nothing yet (score.ts OFFERS_LATER, batch 6)', () => {
  it.each([
    ["Proposer un talk l'an prochain", "Bonjour,\n\nJ'aimerais beaucoup proposer un talk l'année prochaine, quand j'aurai fini notre migration. Je reviendrai vers vous à ce moment-là !\n\nAnaïs"],
    ['Talk later', "Hi,\n\nI'd love to give a talk about our sharding project, but only once we're done with it, probably next year. I'll write again then.\n\nTom"],
  ])('%s', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body }))).toBe(false);
  });
  it('a talk named for later is offered now', async () => {
    expect(looksLikeProposal(await mail({ subject: 'Proposition de talk', body: "Bonjour,\n\nJe voudrais présenter « Dix ans de PostGIS au cadastre », plutôt l'année prochaine. 30 minutes.\n\nYann" }))).toBe(true);
  });
});

describe('the offer, its topic, then a dash or a colon and the quoted title, beats the subject (prose-title.ts QUOTED_AFTER_OFFER, batch 6)', () => {
  it.each([
    ['Lightning talk: pgbench scripting', 'Hi!\n\nI\'d love to give a lightning talk about custom pgbench scripts — "pgbench beyond TPC-B".\n\nNils', 'pgbench beyond TPC-B'],
    ['Talk : statistiques étendues', 'Bonjour,\n\nJe voudrais proposer un talk sur les statistiques étendues : « CREATE STATISTICS pour les nuls », 20 minutes.\n\nLéon', 'CREATE STATISTICS pour les nuls'],
  ])('%s', async (subject, body, title) => {
    expect((await proposal(subject, body)).title).toBe(title);
  });
});

describe('« nous proposons « X » » offers X as « je propose « X » » does (score.ts OFFER_WORD, DIRECT; prose-title.ts QUOTED_AFTER_OFFER, batch 7)', () => {
  it.each([
    ['Talk', 'Bonjour,\n\nEn binôme avec Léna Costa (lena.costa@gmail.com), nous proposons « PostgreSQL et Rust : sqlx en production ». 30 minutes.\n\nMarius', 'PostgreSQL et Rust : sqlx en production'],
    ['Pour le meetup', 'Bonjour,\n\nAvec Hugo, on vous propose « Dix pièges de la réplication logique », une demi-heure.\n\nNina', 'Dix pièges de la réplication logique'],
  ])('%s', async (subject, body, title) => {
    expect((await proposal(subject, body)).title).toBe(title);
  });
});
