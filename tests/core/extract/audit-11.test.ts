/**
 * Held-out parse audit 11 (forwarded proposals, web forms' notifications, several talks in one mail, answers to a call,
 * legacy charsets and format=flowed, HTML-only mail, phones' signatures, titles in quotes or asterisks, lengths in words,
 * workshops and round tables, co-speakers, names with particles, mail close to a proposal that is none): mail written
 * before reading the rules, each case below wrongly read before. Rows vary the wording of what the audit found, so that
 * each shows a rule, not one message.
 */
import { describe, expect, it } from 'vitest';
import { proposalReader } from './read.ts';


const read = proposalReader(['title', 'abstract', 'minutes', 'format', 'speakers'], { speakers: 'addresses' });

describe('a workshop, a round table or a panel states its length as a talk does (duration.ts CUE, TALK_LENGTH; durations.ts HOURS)', () => {
  it.each([
    ['Proposition d’atelier', 'Bonjour,\n\nJe propose un atelier pratique de 1h30 : « Écrire sa première extension PostgreSQL en C ».\n\nLes participants viennent avec leur portable ; nous écrivons ensemble une petite extension.\n\nCamille\n', 90],
    ['Atelier', 'Bonjour,\n\nJe peux animer un atelier de 2h sur « pgbench de A à Z ».\n\nChacun lance ses tests et nous comparons les résultats.\n\nCamille\n', 120],
    ['Table ronde', 'Bonjour,\n\nNous proposons une table ronde de 1h : « Le DBA a-t-il encore un avenir ? »\n\nTrois invités, un débat avec la salle.\n\nCamille\n', 60],
    ['Workshop proposal', 'Hi,\n\nI\'d like to run a 2-hour workshop, "Hands-on query tuning", where attendees get a dataset and a list of slow queries to fix.\n\nEmily\n', 120],
  ])('%s', async (subject, body, minutes) => {
    expect((await read('Camille Durand <camille.durand@formation.example>', subject, body)).minutes).toBe(minutes);
  });

  it('guard: « de 19h » is when an evening starts, no length', async () => {
    const r = await read('Camille Durand <camille.durand@formation.example>', 'Proposition de talk', 'Bonjour,\n\nJe propose « psql au quotidien », au meetup de 19h.\n\nCamille\n');
    expect(r.minutes).toBe(45);
  });
});

describe('titles named without quotes the usual way (prose-title.ts QUOTED, TALK_OFFERED, OFFER_THEN_COLON)', () => {
  it.each([
    // asterisks around the title, plain text's emphasis
    ['Talk submission', 'Hello,\n\nI would like to submit *Upgrading PostgreSQL major versions with pg_upgrade --link* for a future meetup.\n\nWe upgraded 60 clusters in one weekend.\n\nOlivia\n', 'Upgrading PostgreSQL major versions with pg_upgrade --link'],
    ['Proposition', 'Bonjour,\n\nJe voudrais présenter **Les verrous consultatifs en pratique** lors du prochain meetup.\n\nFiles d’attente, tâches planifiées et pièges.\n\nOlivia\n', 'Les verrous consultatifs en pratique'],
    // « le sujet suivant : » / "the following talk:" and the title after it on the line (an HTML <b> lost in the text)
    ['Proposition pour le prochain meetup', 'Bonjour,\n\nJe voudrais vous proposer le sujet suivant : Full-text search en français avec PostgreSQL\n\nDictionnaires, unaccent et tri par pertinence sur 200 000 annonces.\n\nJulien\n', 'Full-text search en français avec PostgreSQL'],
    ['Meetup', 'Hi,\n\nI would like to propose the following talk: Sharding with Citus in practice\n\nHow we split a 4 TB database over eight nodes.\n\nJulien\n', 'Sharding with Citus in practice'],
    // what the writer comes with: "answer the call with a talk: X"
    ['Re: Call for speakers', "Hello,\n\nI'd like to answer the call with a talk: Vector tiles straight from PostGIS.\n\nWe serve map tiles for 40 cities from PostGIS.\n\nAhmed\n", 'Vector tiles straight from PostGIS'],
    ['Re: Appel à orateurs', "Bonjour,\n\nJe réponds à l'appel avec un talk : Superviser PostgreSQL avec pgwatch.\n\nTableaux de bord et alertes utiles.\n\nAhmed\n", 'Superviser PostgreSQL avec pgwatch'],
  ])('%s', async (subject, body, title) => {
    expect((await read('Olivia Brown <olivia.brown@saas.example>', subject, body)).title).toBe(title);
  });

  it('guard: a word between asterisks is emphasis, no title', async () => {
    const r = await read('Olivia Brown <olivia.brown@saas.example>', 'Proposition de talk : pg_cron', 'Bonjour,\n\nJe voudrais *vraiment* présenter pg_cron et ses usages.\n\nOlivia\n');
    expect(r.title).toBe('pg_cron');
  });
});

describe('a round table or a panel is offered as a talk is (subject.ts lead, prose-title.ts talk nouns, labels.ts participants)', () => {
  it('« Proposition de table ronde » names no title: the quoted one in the text does, and its participants speak', async () => {
    const body = "Bonjour,\n\nNous aimerions animer une table ronde de 45 minutes : « PostgreSQL dans le cloud : RDS, Cloud SQL ou Kubernetes ? »\n\nTrois retours d'expérience et un débat avec la salle.\n\nParticipants :\n- Thomas Girard <thomas.girard@conseil.example>\n- Aïcha Diallo <aicha.diallo@cloudops.example>\n\nThomas Girard\n";
    const r = await read('Thomas Girard <thomas.girard@conseil.example>', 'Proposition de table ronde', body);
    expect(r).toMatchObject({ title: 'PostgreSQL dans le cloud : RDS, Cloud SQL ou Kubernetes ?', minutes: 45 });
    expect(r.speakers).toEqual(['Thomas Girard <thomas.girard@conseil.example>', 'Aïcha Diallo <aicha.diallo@cloudops.example>']);
    expect(r.abstract).toMatch(/Trois retours d'expérience et un débat avec la salle\.$/);
  });

  it.each([
    ['Panel proposal', 'Hi,\n\nWe would like to host a panel: "Postgres at the edge".\n\nThree teams, three architectures.\n\nKai\n', 'Postgres at the edge'],
    ['Round table proposal', 'Hi,\n\nWe could run a round table on "Hiring DBAs in 2027" with three hiring managers.\n\nKai\n', 'Hiring DBAs in 2027'],
  ])('%s', async (subject, body, title) => {
    expect((await read('Kai Nakamura <kai@x.example>', subject, body)).title).toBe(title);
  });
});

describe('a form\'s notification: its questions as labels, its own lines out of the answers (labels.ts, fields.ts FORM_NOTICE)', () => {
  it('Google Forms, each question over its answer: "Speaker name", "Preferred length"', async () => {
    const body = 'PG Paris talk submissions\n\nSpeaker name\nFatima Zahra Alaoui\n\nEmail\nfz.alaoui@telecom.example\n\nTalk title\nMonitoring PostgreSQL with Prometheus\n\nAbstract\nWhich metrics matter and which alerts woke us up for nothing.\n\nPreferred length\n20-25 min\n\nEdit this form\n';
    const r = await read('Google Forms <forms-receipts-noreply@google.com>', 'PG Paris talk submissions: new response', body);
    expect(r).toMatchObject({ kind: 'proposal', title: 'Monitoring PostgreSQL with Prometheus', minutes: 25, abstract: 'Which metrics matter and which alerts woke us up for nothing.' });
    expect(r.speakers).toEqual(['Fatima Zahra Alaoui <fz.alaoui@telecom.example>']);
  });

  it.each([
    ['Tell us about it', 'You\'ve got a new response to PG Paris Call for Speakers.\n\nWhat\'s your name?\nPriya Raman\n\nYour email address\npriya.raman@cloudco.example\n\nTitle of your talk\nRow-level security for SaaS\n\nTell us about it\nWe rely on RLS policies to keep 400 customers apart.\n\nView all responses in your Typeform account.\n'],
    ['Describe your talk', 'New response.\n\nName\nPriya Raman\n\nEmail\npriya.raman@cloudco.example\n\nTalk title\nRow-level security for SaaS\n\nDescribe your talk\nWe rely on RLS policies to keep 400 customers apart.\n'],
    ['Décrivez votre talk', 'Nouvelle réponse au formulaire.\n\nNom : Priya Raman\nEmail : priya.raman@cloudco.example\nTitre : Row-level security for SaaS\nDécrivez votre talk : We rely on RLS policies to keep 400 customers apart.\n\nAfficher toutes les réponses\n'],
  ])('the description asked as "%s"', async (_, body) => {
    const r = await read('Typeform <notifications@typeform.com>', 'New response for "PG Paris Call for Speakers"', body);
    expect(r).toMatchObject({ kind: 'proposal', title: 'Row-level security for SaaS', abstract: 'We rely on RLS policies to keep 400 customers apart.' });
  });

  it.each([
    ['You can view the submission at https://pretalx.example/pgparis/orga/submissions/ABC12/'],
    ['Voir la soumission : https://pretalx.example/pgparis/orga/submissions/ABC12/'],
    ['View submission: https://pretalx.example/pgparis/orga/submissions/ABC12/'],
  ])('a tool\'s link under the abstract: %s', async (notice) => {
    const body = `Hi,\n\na new proposal has been submitted:\n\n  Title: Debugging slow queries with auto_explain\n  Speaker: Lukas Schneider <lukas.schneider@shop.example>\n\nAbstract:\nauto_explain logs the plans of slow queries as they happen.\n\n${notice}\n`;
    const r = await read('PG Paris CfP <noreply@pretalx.example>', '[PG Paris] New submission: Debugging slow queries with auto_explain', body);
    expect(r.abstract).toBe('auto_explain logs the plans of slow queries as they happen.');
  });
});

describe('the subject\'s title cased otherwise than the text quotes it (index.ts shorthandOf)', () => {
  it.each([
    ['Workshop proposal: hands-on query tuning', 'Hi,\n\nI\'d like to run a workshop, "Hands-on query tuning", where attendees fix slow queries together.\n\nEmily\n', 'Hands-on query tuning'],
    ['Talk proposal: vacuum internals', 'Hi,\n\nI\'d like to present "VACUUM Internals" at a meetup: what autovacuum does with dead tuples and why it falls behind.\n\nEmily\n', 'VACUUM Internals'],
  ])('%s', async (subject, body, title) => {
    expect((await read('Emily Carter <emily.carter@training.example>', subject, body)).title).toBe(title);
  });
});

// batch 2: fresh mail on the same themes, scored before any change
describe('an answer to a call worded as a search for speakers (subject.ts CALL_FOR_TALKS)', () => {
  it.each([
    ['RE: [PG Paris] On cherche des orateurs pour décembre !', 'Bonjour Dimitri,\n\nPartante pour décembre ! Mon sujet : « Les extensions de recherche floue : pg_trgm et fuzzystrmatch ». Une demi-heure avec la démo.\n\nAurélie\n'],
    ['Re: Nous recherchons des intervenants pour janvier', 'Bonjour,\n\nVolontiers ! Mon sujet : « pg_trgm pour la recherche floue ». Une demi-heure avec la démo.\n\nAurélie\n'],
    ['Re: Speakers wanted for the January meetup', 'Hi,\n\nHappy to help! My topic: "Fuzzy search with pg_trgm". Half an hour with a demo.\n\nAurélie\n'],
  ])('%s', async (subject, body) => {
    expect((await read('Aurélie Caron <aurelie.caron@media.example>', subject, body)).kind).toBe('proposal');
  });
});

describe('a greeting opening a long line leaves the abstract, the rest of the line stays (abstract.ts opensWithGreeting)', () => {
  it.each([
    ["Bonjour, je propose un talk « Tester ses migrations avec pgTAP » d'une vingtaine de minutes. Je montre comment on bloque une migration cassée en CI.", "Je propose un talk « Tester ses migrations avec pgTAP » d'une vingtaine de minutes. Je montre comment on bloque une migration cassée en CI."],
    ['Hi Laura, I\'d like to present "Sharding with Citus: a year later" at the Paris meetup, 40 minutes.', 'I\'d like to present "Sharding with Citus: a year later" at the Paris meetup, 40 minutes.'],
    ["salut, je suis dev backend et on a basculé de MySQL à Postgres, je pourrais raconter ça en 25 min si ça intéresse : « MySQL vers Postgres » et nos surprises", "Je suis dev backend et on a basculé de MySQL à Postgres, je pourrais raconter ça en 25 min si ça intéresse : « MySQL vers Postgres » et nos surprises"],
  ])('%s', async (line, abstract) => {
    expect((await read('Yasmine Belkacem <yasmine@x.example>', 'Proposition de talk : MySQL vers Postgres', `${line}\n\nYasmine\n`)).abstract).toBe(abstract);
  });

  it("guard: a pleasantry after the greeting keeps the line whole", async () => {
    const line = "Bonjour, j'espère que vous allez bien, je propose un talk « Tester ses migrations avec pgTAP » d'une vingtaine de minutes.";
    expect((await read('Yasmine Belkacem <yasmine@x.example>', 'Talk meetup', `${line}\n\nYasmine\n`)).abstract).toBe(line);
  });
});

describe("a form's questions in other words (labels.ts), its own lines out of a prose abstract (abstract.ts FORM_NOTICE)", () => {
  it('« Présentez votre sujet en quelques lignes », « Modifier ce formulaire »', async () => {
    const body = "Proposer une intervention\n\nVotre nom\nBastien Leclerc\n\nVotre adresse e-mail\nbastien.leclerc@ecole.example\n\nTitre de votre intervention\nEnseigner SQL avec PostgreSQL\n\nPrésentez votre sujet en quelques lignes\nComment j'utilise PostgreSQL pour enseigner SQL à 150 étudiants par an.\n\nDurée souhaitée\n30 minutes\n\nModifier ce formulaire\n";
    const r = await read('Google Forms <forms-receipts-noreply@google.com>', 'Proposer une intervention — réponse reçue', body);
    expect(r).toMatchObject({ title: 'Enseigner SQL avec PostgreSQL', abstract: "Comment j'utilise PostgreSQL pour enseigner SQL à 150 étudiants par an.", minutes: 30 });
  });

  it.each([['How long do you need?: 40 minutes'], ['How much time would you need? 40 minutes'.replace('? ', '?: ')], ['Combien de temps vous faut-il ? : 40 minutes']])('%s', async (line) => {
    const body = `Full name: Oskar Lindqvist\nEmail: oskar.lindqvist@nordbank.example\nTalk title: Running PostgreSQL on Kubernetes\nShort description: Operators, backups and failover tests.\n${line}\n`;
    const r = await read('Tally Forms <notifications@tally.so>', 'New Tally form submission: Speak at PG Paris', body);
    expect(r).toMatchObject({ minutes: 40, abstract: 'Operators, backups and failover tests.' });
  });

  it('the notification lines around a prose proposal relayed by a form', async () => {
    const body = "Bonjour,\n\nJe propose « Les index GIN en pratique » pour un prochain meetup.\n\nJSONB, tableaux et recherche plein texte : quand GIN aide et ce qu'il coûte en écriture.\n\nAfficher toutes les réponses\n";
    const r = await read('Hannah Schmidt <hannah.schmidt@bio.example>', 'Proposition de talk : les index GIN', body);
    expect(r.abstract).not.toContain('Afficher');
  });
});

describe('titles marked otherwise (prose-title.ts QUOTED underscores, SENTENCE_FORMAT_LABEL, MEETUP_TAIL)', () => {
  it.each([
    ['Submission', "Hello,\n\nI'd like to propose _Streaming sensor data into PostgreSQL with TimescaleDB_ for a meetup.\n\nOur robots send 50k readings per second.\n\nKenji\n", 'Streaming sensor data into PostgreSQL with TimescaleDB'],
    ['Submission', "Hello,\n\nI'd like to present *pg_stat_statements in practice* at a meetup.\n\nThe queries I run every morning.\n\nKenji\n", 'pg_stat_statements in practice'],
    ['Re: CfP: January meetup', "I'm in! Lightning talk: Advisory locks as a job queue.\n\nKenji\n", 'Advisory locks as a job queue'],
    ['Re: Appel à orateurs', 'Je suis partant. Atelier : Écrire ses premiers tests avec pgTAP.\n\nKenji\n', 'Écrire ses premiers tests avec pgTAP'],
    ['Proposal for PG Paris', "Hello,\n\nI'd like to present a talk called Storing genomes in PostgreSQL at one of your meetups.\n\nOur lab stores 20 TB of sequencing results in PostgreSQL.\n\nHannah\n", 'Storing genomes in PostgreSQL'],
    ['Proposition', 'Bonjour,\n\nJe voudrais présenter un talk intitulé Sauvegardes avec Barman au prochain meetup.\n\nRetour sur trois ans de restaurations.\n\nHannah\n', 'Sauvegardes avec Barman'],
  ])('%s', async (subject, body, title) => {
    expect((await read('Kenji Watanabe <kenji.watanabe@robot.example>', subject, body)).title).toBe(title);
  });
});

describe('names with particles « den », « del », « dos » sign a mail (text/names.ts looksLikePersonName)', () => {
  it.each([['Bram van den Broek'], ['Lucía del Río'], ['João dos Santos']])('%s', async (name) => {
    const r = await read(`${name} <speaker@dutch.example>`, 'Talk: PostgreSQL on ARM servers', `Hi,\n\nI'd like to give a talk called "PostgreSQL on ARM servers". We moved from x86 to Graviton.\n\n40 minutes.\n\n${name}\n`);
    expect(r.abstract).not.toContain(name);
  });
});
