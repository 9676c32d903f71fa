/**
 * Held-out parse audit 10 (HTML-only and Outlook mail, legacy charsets, attached proposals, answers to a call, co-speakers,
 * free-form lengths, mail close to a proposal that is none): mail written before reading the rules, each case below
 * wrongly read before. Rows vary the wording of what the audit found, so that each shows a rule, not one message.
 */
import { describe, expect, it } from 'vitest';
import { stripSignature } from '../../../src/core/text/signature.ts';
import { proposalReader } from './read.ts';


const read = proposalReader(['title', 'abstract', 'minutes', 'format', 'speakers']);

describe('a question whether the call still has room is no proposal (score.ts ASKS_ABOUT_CALL)', () => {
  it.each([
    ['Lightning talks in January?', 'Hi,\n\nAre lightning talks still open for the January meetup, or is the programme full?\nAnd do you have a projector with HDMI?\n\nThanks,\nOmar\n'],
    ['Lightning talks', 'Hello,\n\nAre there any slots left for lightning talks at the next meetup?\n\nBest,\nOmar\n'],
    ['Lightning talks', 'Hi,\n\nIs the agenda already full for February?\n\nOmar\n'],
    ['Créneaux lightning talks', 'Bonjour,\n\nReste-t-il des créneaux pour des lightning talks en mars ?\n\nMerci,\nOmar\n'],
    ['Lightning talks en février ?', "Bonjour,\n\nLe programme est-il déjà complet pour février ? L'appel est-il encore ouvert ?\n\nOmar\n"],
  ])('%s', async (subject, body) => {
    expect((await read('Omar Haddad <omar.haddad@mail.example>', subject, body)).kind).toBe('other');
  });

  it.each([
    // guards: the question asked, and the talk offered with its title
    ['Lightning talk', 'Hi,\n\nIs there still room for a lightning talk in February? I\'d like to present "pg_cron in three slides".\n\nThanks,\nEmma\n'],
    ['Lightning talk', 'Bonjour,\n\nReste-t-il un créneau pour un lightning talk ? Je propose « psql : dix astuces ».\n\nThéo\n'],
  ])('guard: %s', async (subject, body) => {
    expect((await read('Emma Wilson <emma@x.example>', subject, body)).kind).toBe('proposal');
  });
});

describe('sign-offs after « with » or thanks close the mail (text/signature.ts SIGN_OFFS)', () => {
  it.each([
    ['With best regards,\nAhmed El Amrani\nLead Backend Engineer', 'Ahmed El Amrani'],
    ['With kind regards,\nAhmed El Amrani', 'Ahmed El Amrani'],
    ['Thank you and regards,\nDmitri Volkov', 'Dmitri Volkov'],
    ['Thanks & best regards,\nDmitri Volkov', 'Dmitri Volkov'],
    ['Thanks and regards\nDmitri Volkov', 'Dmitri Volkov'],
    ['Sincères salutations,\nHélène Giraud', 'Hélène Giraud'],
    ['Meilleures salutations,\nHélène Giraud', 'Hélène Giraud'],
    ['En vous remerciant par avance,\nHélène Giraud', 'Hélène Giraud'],
    ['Excellente journée,\nHélène Giraud', 'Hélène Giraud'],
    // batch 2
    ['Thank you very much,\nYuki Tanaka', 'Yuki Tanaka'],
    ['Thanks so much!\nYuki Tanaka', 'Yuki Tanaka'],
  ])('%s', (closing, name) => {
    expect(stripSignature(`Hello,\n\nThe talk covers partitioning and its pitfalls in production.\n\n${closing}\n`)).toEqual({
      body: 'Hello,\n\nThe talk covers partitioning and its pitfalls in production.',
      name,
    });
  });

  it('guard: "With regards to …" is a sentence of the text', () => {
    const text = 'Hello,\n\nThe talk covers partitioning.\n\nWith regards to the length, 30 minutes would suit me.\nPriya\n';
    expect(stripSignature(text).body).toContain('With regards to the length');
  });

  it('the abstract of an HTML-only proposal ends before "With best regards"', async () => {
    const html = '<html><body><p>Good morning,</p><h2>Geospatial queries with PostGIS for delivery routing</h2><p>Our company use PostGIS and pgRouting to calculate delivery routes for 2000 drivers daily.</p><p>Duration: around 40 minutes</p><p>With best regards,<br>Ahmed El Amrani<br>Lead Backend Engineer<br>Tel: +212 6 61 23 45 67</p></body></html>';
    const r = await read('Ahmed El Amrani <ahmed@delivr.example>', 'Proposal for meetup', html, 'text/html; charset=utf-8');
    expect(r.abstract).toBe('Our company use PostGIS and pgRouting to calculate delivery routes for 2000 drivers daily.');
  });
});

describe('the name under a sign-off past Outlook\'s empty paragraphs (text/signature.ts firstName)', () => {
  it('« Cordialement, » then an &nbsp; paragraph then the name: the signed order wins over "Lefèvre Nathalie"', async () => {
    const p = (t: string) => `<p class="MsoNormal">${t}<o:p></o:p></p>`;
    const html = `<html><body><div class="WordSection1">${[
      'Bonjour,', '&nbsp;', 'Je souhaiterais proposer une présentation.', '&nbsp;', '<b>Titre :</b> Migrer d’Oracle à PostgreSQL en douceur',
      '<b>Résumé :</b> Nous avons migré 40 bases Oracle vers PostgreSQL en deux ans, avec ora2pg et pgloader.', '&nbsp;', 'Cordialement,', '&nbsp;',
      '<b>Nathalie Lefèvre</b>', 'Architecte bases de données | Groupe Transalp', 'Tél. : +33 1 44 55 66 77',
    ].map(p).join('\n')}</div></body></html>`;
    const r = await read('Lefèvre Nathalie <nathalie.lefevre@transalp.example>', 'Proposition de présentation', html, 'text/html; charset=utf-8');
    expect(r.speakers).toEqual(['Nathalie Lefèvre']);
  });

  it.each([
    ['Cordialement,\n\n \n\nNathalie Lefèvre\n\nArchitecte', 'Nathalie Lefèvre'],
    ['Regards,\n\n\n\n\nTom Becker', 'Tom Becker'],
  ])('%j', (closing, name) => expect(stripSignature(`Bonjour,\n\nLe texte du résumé, assez long.\n\n${closing}\n`).name).toBe(name));
});

describe('each co-speaker of a list after "co-presented with" (speakers.ts CO_SPEAKER)', () => {
  it.each([
    ['I\'d like to propose "Observability for Postgres with OpenTelemetry", co-presented with Anna Schmidt and Li Wei from our SRE team.', ['Ben Carter', 'Anna Schmidt', 'Li Wei']],
    ['Je propose « Patroni sur Kubernetes », co-animé avec Julie Caron, Hervé Dumas et Léa Roy.', ['Ben Carter', 'Julie Caron', 'Hervé Dumas', 'Léa Roy']],
    ['We propose "Patroni on Kubernetes", together with Anna Schmidt, Li Wei and Tom Baker.', ['Ben Carter', 'Anna Schmidt', 'Li Wei', 'Tom Baker']],
    // guard: one co-speaker as before
    ['I\'d like to propose "Observability for Postgres", co-presented with Anna Schmidt.', ['Ben Carter', 'Anna Schmidt']],
  ])('%s', async (offer, speakers) => {
    const body = `Hi all,\n\n${offer}\n\nWe instrumented our connection poolers and the database and correlate traces with pg_stat_activity.\n\nCheers,\nBen Carter\n`;
    expect((await read('Ben Carter <ben.carter@obs.example>', 'Talk proposal', body)).speakers).toEqual(speakers);
  });
});

describe('an offer to host or sponsor closing the mail is no part of the abstract (abstract.ts ALSO_OFFERED)', () => {
  it.each([
    ['Par ailleurs, notre société peut accueillir un prochain meetup dans ses locaux à la Défense (salle de 60 places).'],
    ['Nous pourrions aussi offrir les pizzas et les boissons ce soir-là.'],
    ['Also, my company would be happy to sponsor the pizzas for that evening.'],
    ['We could also host one of your next meetups in our office near Bastille.'],
  ])('%s', async (aside) => {
    const body = `Bonjour,\n\nJe propose un talk : « TimescaleDB ou partitionnement natif ? ».\nComparaison sur nos données de capteurs : ingestion, compression, requêtes.\nDurée : 30 minutes.\n\n${aside}\n\nCordialement,\nIsabelle Nguyen\n`;
    const r = await read('Isabelle Nguyen <isabelle@iotech.example>', 'Proposition de talk', body);
    expect(r.abstract).toContain('Comparaison sur nos données de capteurs : ingestion, compression, requêtes.');
    expect(r.abstract).not.toContain(aside);
  });

  it('guard: a description ending on events stored is kept', async () => {
    const body = 'Hello,\n\nI\'d like to propose "Event sourcing on Postgres", 30 minutes.\nWe store every change as a row.\n\nI will show how we host 500 events per second on one table.\n\nBest,\nIsabelle\n';
    const r = await read('Isabelle Nguyen <isabelle@iotech.example>', 'Talk proposal', body);
    expect(r.abstract).toContain('I will show how we host 500 events per second on one table.');
  });
});

// Batch 2: fresh mail, new genres and phrasings, scored before any change for it.

describe('a past talk\'s slides or recording asked for is no proposal (score.ts ABOUT_A_PROPOSAL, given already)', () => {
  it.each([
    ['Recording of the lightning talks', 'Hi,\n\nCan you share the recording of the lightning talks from last Tuesday? I missed the one about pg_cron.\n\nThanks!\nAisha\n'],
    ['Lightning talks slides', 'Hello,\n\nCould you please post the slides of the lightning talks? The one on UUIDv7 was great.\n\nAisha\n'],
    ['Lightning talks de jeudi', 'Bonjour,\n\nPourriez-vous partager les slides des lightning talks de jeudi ?\n\nMerci,\nAisha\n'],
    ['Lightning talks', 'Bonjour,\n\nLes vidéos des lightning talks seront-elles en ligne ?\n\nAisha\n'],
  ])('%s', async (subject, body) => {
    expect((await read('Aisha Bello <aisha.bello@mail.example>', subject, body)).kind).toBe('other');
  });
});

describe('a talk wished for, its speaker sought, is no proposal (score.ts ABOUT_A_PROPOSAL, for someone else to give)', () => {
  it.each([
    ['Talk idea: pgvector and RAG', 'Hello,\n\nIt would be great to have a talk about pgvector and RAG at a future meetup.\nDoes anyone in the group work on that? I\'d definitely attend.\n\nCheers,\nTom\n'],
    ['Suggestion de thème', "Bonjour,\n\nSuggestion pour un prochain meetup : ce serait bien d'avoir une présentation sur la\nsécurité (chiffrement, audit, pgaudit). Ça intéresserait sûrement du monde.\n\nBonne soirée,\nAnne\n"],
    ['Idée de talk', "Bonjour,\n\nUn talk sur TimescaleDB serait top. Quelqu'un dans le groupe connaît le sujet ?\n\nAnne\n"],
  ])('%s', async (subject, body) => {
    expect((await read('Tom Brooks <tom.brooks@mail.example>', subject, body)).kind).toBe('other');
  });
});

it('"Would it be possible to present it? Title could be "…"" offers the talk (score.ts MODAL)', async () => {
  const body = 'Hello,\n\nI\'m a master student at Sorbonne and I did my thesis on learned cardinality estimation in PostgreSQL. Would it be possible to present it? Title could be "Can machine learning fix the planner\'s estimates?". Maybe 15-20 minutes.\n\nThank you very much,\nYuki Tanaka\n';
  const r = await read('Yuki Tanaka <yuki.tanaka@etu.example>', 'Presenting my master thesis?', body);
  expect(r).toMatchObject({ kind: 'proposal', title: "Can machine learning fix the planner's estimates?", minutes: 20 });
  // "Thank you very much," closes the mail (signature.ts SIGN_OFFS)
  expect(r.abstract).not.toContain('Thank you');
});

it.each([
  ['I propose a 1 hour workshop "Writing your first PL/pgSQL functions" for beginners.', 60],
  ['I propose a 2 hours workshop "Writing your first PL/pgSQL functions" for beginners.', 120],
  // guard: a French clock time
  ['Je propose « Écrire ses premières fonctions PL/pgSQL », un atelier ; je peux être là à 1 heure.', 45],
])('« à » folded is no article before an English hour: %s → %i (durations.ts HOURS)', async (line, minutes) => {
  const body = `Hello,\n\n${line}\nAttendees bring a laptop, we write functions, triggers and error handling together.\n\nRegards,\nBianca Rossi\n`;
  expect((await read('Bianca Rossi <bianca.rossi@yahoo.example>', 'Workshop proposal', body)).minutes).toBe(minutes);
});

it.each([
  ['Thème : Écrire des extensions PostgreSQL en Rust avec pgrx', 'Écrire des extensions PostgreSQL en Rust avec pgrx'],
  ['Thème de l\'intervention : Écrire des extensions PostgreSQL en Rust avec pgrx', 'Écrire des extensions PostgreSQL en Rust avec pgrx'],
  ['Theme: Writing PostgreSQL extensions in Rust with pgrx', 'Writing PostgreSQL extensions in Rust with pgrx'],
])('« Thème : » labels the title (labels.ts): %s', async (line, title) => {
  const body = `Bonjour,\n\n${line}\nPublic visé : développeurs\nDurée : 45 minutes\n\nPrésentation de pgrx, d'une extension écrite pas à pas, des tests et du packaging.\n\nCordialement,\nThomas Riviere\n`;
  expect((await read('Thomas Riviere <thomas.riviere@rust.example>', 'Proposition de présentation', body)).title).toBe(title);
});

it.each([
  ['Nuage Léger <contact@nuageleger.example>'],
  ['Nuage Léger <hello@nuageleger.example>'],
  ['Nuage Léger <info@nuageleger.example>'],
])('a role mailbox\'s display name is no speaker, the one who signs is (speakers.ts ROLE_MAILBOX): %s', async (from) => {
  const body = 'Hello,\n\nWe\'d like to propose a talk: "Building a multi-region Postgres SaaS on a budget".\nWe replicate between Paris and Montreal with logical replication.\n\n40 minutes.\n\nBest regards,\nPaul Roy\nCTO, Nuage Léger\n';
  expect((await read(from, 'Talk proposal', body)).speakers).toEqual(['Paul Roy']);
});

describe('a one-line « other » label (« Niveau : », "Level:") ends at the blank line: the paragraph after is the abstract (fields.ts, labels.ts ONE_LINE_TERMS)', () => {
  it.each([
    ['## Table bloat: measure it, then fix it\n\n**Duration**: 30 min\n**Level**: intermediate'],
    ['Title: Table bloat: measure it, then fix it\nDuration: 30 min\nLevel: intermediate'],
    ['Title: Table bloat: measure it, then fix it\nDuration: 30 min\nCompany: Acme'],
    ['Titre : Table bloat: measure it, then fix it\nDurée : 30 min\nNiveau : intermédiaire'],
  ])('%s', async (head) => {
    const body = `Hi!\n\n${head}\n\nUsing pgstattuple and the bloat estimation queries, then pg_repack vs VACUUM FULL in production.\n\n-- \nInes Duarte\n`;
    expect((await read('Ines Duarte <ines.duarte@dev.example>', 'Talk proposal', body)).abstract).toBe(
      'Using pgstattuple and the bloat estimation queries, then pg_repack vs VACUUM FULL in production.',
    );
  });

  it('guard: a bio over two paragraphs stays the bio', async () => {
    const body = 'Hi!\n\nTitle: Table bloat\nDuration: 30 min\nAbstract: Using pgstattuple and the bloat queries, then pg_repack in production.\nBio: DBA at Acme since 2015.\n\nBefore that, ten years of Oracle.\n\nInes Duarte\n';
    expect((await read('Ines Duarte <ines.duarte@dev.example>', 'Talk proposal', body)).abstract).toBe('Using pgstattuple and the bloat queries, then pg_repack in production.');
  });
});

describe('emoji as bullets hide no line (text/names.ts leadingEmojiOff, signature.ts TRAILING_EMOJI)', () => {
  it.each([
    ['📌 "Serverless Postgres: what actually happens under the hood"\n⏱️ 25 min\n📝 Storage/compute separation, cold starts, branching, explained with diagrams.'],
    ['🎤 Title: Serverless Postgres: what actually happens under the hood\n⏱ Duration: 25 min\n📝 Storage/compute separation, cold starts, branching, explained with diagrams.'],
    ['👉 « Serverless Postgres: what actually happens under the hood »\n\n⏱️ 25 min\n\n📝 Storage/compute separation, cold starts, branching, explained with diagrams.'],
  ])('%s', async (block) => {
    const body = `Hi team! 👋\n\nI'd love to give a talk at one of your meetups 🚀\n\n${block}\n\nThanks 🙏\nJade Kim\n`;
    const r = await read('Jade Kim <jade.kim@mail.example>', 'Talk proposal 🐘', body);
    expect(r).toMatchObject({ kind: 'proposal', title: 'Serverless Postgres: what actually happens under the hood', minutes: 25, speakers: ['Jade Kim'] });
    expect(r.abstract).toContain('Storage/compute separation');
    expect(r.abstract).not.toContain('Jade Kim');
  });

  it.each([['Thanks 🙏\nJade Kim'], ['Merci ! 😊\nJade Kim'], ['Cheers 🍻\nJade Kim']])('sign-off %j', (closing) => {
    expect(stripSignature(`Hello,\n\nThe talk covers serverless storage.\n\n${closing}\n`)).toEqual({ body: 'Hello,\n\nThe talk covers serverless storage.', name: 'Jade Kim' });
  });
});
