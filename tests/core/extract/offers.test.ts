/**
 * Ways of offering a talk that are not "I'd like to give a talk" (found on mail written by someone else: each case
 * below was filed `other` before), and their look-alikes that must stay `other`; a stated length against a passing
 * "lightning"; numbers in an abstract that measure its subject, not the talk.
 */
import { describe, expect, it } from 'vitest';
import { extractProposal, looksLikeProposal } from '../../../src/core/extract/index.ts';
import { topicFromProse } from '../../../src/core/extract/prose-title.ts';
import { durationsIn } from '../../../src/core/extract/durations.ts';
import { durationFromProse } from '../../../src/core/extract/duration.ts';
import { fold } from '../../../src/core/text/fold.ts';
import { mail } from '../classify/build.ts';

const ctx = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

describe('offers to give a talk, in other words', () => {
  it.each([
    ['pgvector au prochain meetup', 'Je me propose pour un talk sur pgvector et la recherche sémantique, environ 30 minutes.'],
    ['Volontaire', 'Bonjour,\n\nJe me porte volontaire pour une présentation sur le partitionnement déclaratif en production.\n\nLéa'],
    ['Meetup de mai', "Bonjour,\n\nY aurait-il encore de la place pour un lightning talk sur psql au meetup de mai ?\n\nMerci,\nPaul"],
    ['Talk for PG Paris?', 'Hi,\n\nWould there be room at one of your next meetups for a 30-minute talk on pg_duckdb?\n\nBest,\nHannah'],
    ['Next meetup', 'Hello,\n\nIs there still room for a short presentation about logical decoding in June?\n\nCheers,\nOmar'],
    ['Quick demo slot?', 'Hi organizers!\n\nCould I get a 10-minute slot at the next meetup for a quick demo of pgvector?\n\nThanks!\nAiko'],
    ['pg_squeeze', 'Hello,\n\nCan I book a slot for a lightning talk about pg_squeeze?\n\nAnna'],
    ['Sujet pour le meetup', 'Bonjour,\n\nSeriez-vous intéressés par une présentation sur pgBackRest en production ?\n\nMarc'],
    ['Idée', 'Bonjour,\n\nÇa vous intéresserait un talk sur les index BRIN ? Je peux le faire en 20 minutes.\n\nMarc'],
    ['Sujet', "Bonjour,\n\nJ'ai un sujet de talk : la réplication logique avec pglogical. Qu'en pensez-vous ?\n\nMarc"],
    ['Meetup', 'Bonjour,\n\nEst-ce que ça vous dirait que je présente pg_repack au prochain meetup ?\n\nMarc'],
    ['Talk', 'Hi,\n\nWould you be interested in a talk about Citus at a future meetup?\n\nJane'],
    ['Speaking', "Hi,\n\nI'd be interested in presenting our move from MongoDB to Postgres at one of your meetups.\n\nJane"],
    ['Pitch', 'Hi,\n\nI want to pitch a talk: Postgres as a queue, with SKIP LOCKED.\n\nJane'],
    ['Meetup', "Hi,\n\nWe're submitting a lightning talk about psql tricks, 5 minutes, if there is room.\n\nJohn and Ana"],
    ['Meetup', 'Hello,\n\nAre you looking for speakers? I could talk about our Postgres upgrade to 17.\n\nJane'],
    // held-out audit c (second round): "I'd be up for giving a talk", « je me propose pour présenter X »
    ['next meetup', "Hey,\n\nI'd be up for giving a talk about pgvector at the next meetup, maybe 25 min? We run it on 50M embeddings.\n\nBen"],
    ['Meetup de mars', 'Bonjour,\n\nJe me propose pour présenter Barman lors du meetup de mars (30 min) : sauvegardes, rétention et restauration PITR.\n\nMarc'],
    ['Décembre', "Bonjour,\n\nJe me porte volontaire pour parler de pgBadger au meetup de décembre.\n\nMarc"],
    // held-out audit g: offered for a colleague, in the third person
    ['Un sujet pour le meetup', 'Bonjour,\n\nMon collègue Hugo Blanc voudrait présenter un lightning talk sur pgvector.\n\nNathalie'],
    ['Meetup', 'Hi,\n\nMy colleague Priya would like to give a talk about observability with OpenTelemetry.\n\nMark'],
    ['Pour le meetup', 'Bonjour,\n\nMa collègue Irène Joliot (irene.joliot@labo.example.fr) souhaiterait présenter une intervention sur « Sauvegardes avec Barman », 20 minutes.\n\nMarie'],
    // held-out audit 4: a quoted title after « intervenir sur », "talk about", a bare « je propose », or a length offered on it
    ["Proposition d'intervention", "Bonjour,\n\nJe souhaiterais intervenir sur « PostGIS pour les développeurs web » ; il me faudrait trois quarts d'heure.\n\nCamille"],
    ['Meetup', 'Hi,\n\nI\'d like to talk about "Partition pruning gotchas" at the next meetup.\n\nTom'],
    ['Re: Appel à orateurs pour le meetup du 12 mars', "Bonjour,\n\nJe propose « JSONB : quand l'utiliser, quand l'éviter », une demi-heure.\n\nVincent"],
    ['RE: Call for speakers - March meetup', 'I can do 20 minutes on "Partition pruning gotchas". Let me know.\n\nTom'],
    ['Meetup de mars', 'Bonjour,\n\nJe peux faire vingt minutes sur les verrous consultatifs au prochain meetup, si vous avez de la place.\n\nSandrine'],
    // coming to present: « je viendrais volontiers présenter », "I'd gladly give", "I could come and present"
    ['Présentation pg_cron', 'Bonjour,\n\nJe viendrais volontiers présenter pg_cron au prochain meetup : planifier des tâches dans la base, surveiller les échecs.\nUne vingtaine de minutes.\n\nBruno'],
    ['pg_cron', "Hi,\n\nI'd gladly give a talk on pg_cron at the next meetup.\n\nBruno"],
    ['pg_cron talk', 'Hi,\n\nI could come and present pg_cron at the next meetup, about 20 minutes.\n\nBruno'],
    // a talk offered, then pizzas for the afterwork in the same sentence: still an offer (score.ts NOT_FOR_ELSE)
    ['Meetup de mai', "Bonjour,\n\nJe propose un talk sur pgvector pour le meetup de mai, et je peux offrir les pizzas pour l'apéro.\n\nAnne"],
    ['Talk for May', 'Hello,\n\nWe propose a talk on pgvector at scale for the May meetup, and we can sponsor the pizzas for the afterwork.\n\nAnne'],
    // prices as a talk's topic, to the group's members: no service sold (7b67df2's rule wants the seller's own price)
    [
      'Proposition : comparer les offres PostgreSQL managées',
      "Bonjour,\n\nJe voudrais présenter à vos membres une comparaison des offres PostgreSQL managées (RDS, Cloud SQL, Azure) : tarifs, performances, et à partir de quelle taille l'auto-hébergement redevient rentable. 30 minutes environ.\n\nMarc",
    ],
    ['Talk proposal: what Postgres really costs', 'Hello,\n\nI would present to your members what managed Postgres really costs: pricing models, egress rates, and when a quote for dedicated hardware wins.\n\nTom'],
  ])('%s', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body }))).toBe(true);
  });

  // held-out audit 4: in answer to the call, « une présentation éclair pour moi » takes a slot as « je me lance » does
  it.each([
    ['Re: Appel à orateurs pour le meetup du 12 mars', "Bonjour,\n\nUne présentation éclair pour moi : « pg_repack sans temps d'arrêt ».\n\nHugo\n\nLe 02/02/2026 à 09:00, PostgreSQL Paris a écrit :\n> Nous cherchons des orateurs !\n"],
    ['Re: Call for speakers - March meetup', 'A lightning talk from me: "COPY vs INSERT".\n\nGrace\n\nOn Mon, Feb 2, 2026 at 9:00 AM PostgreSQL Paris <talks@pgug.example.org> wrote:\n> We are looking for speakers!\n'],
    // « pour moi si c'est possible », "from me if possible": the slot taken, politely
    ['Re: Appel à orateurs pour le meetup du 12 mars', 'Hello,\nUn LT pour moi si c\'est possible : "psql et ses variables".\nKim\n\nLe 02/02/2026 à 09:00, PostgreSQL Paris a écrit :\n> Nous cherchons des orateurs !\n'],
    ['Re: Call for speakers - March meetup', 'A lightning talk from me if possible: "COPY vs INSERT".\n\nGrace\n'],
  ])('in answer to the call: %s', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body, headers: { 'In-Reply-To': '<call-2026-03@pgug.example.org>' } }))).toBe(true);
  });
  it.each([
    ['Re: Appel à orateurs pour le meetup de mars', "Bonjour,\n\nUne présentation pour moi, c'est trop tôt cette année, mais je peux aider à l'accueil si besoin.\n\nAnne\n"],
    ['Re: Call for speakers - March meetup', 'Hi,\n\nA talk from me is unlikely this season, but I can bring snacks!\n\nAnne\n'],
  ])('in answer to the call, « une présentation pour moi » going on into a no: %s', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body, headers: { 'In-Reply-To': '<call-2026-03@pgug.example.org>' } }))).toBe(false);
  });

  // held-out audit 4: the answer to an invitation to speak names the talk when it says yes, offers none when it says no
  it.each([
    ['Re: Would you give a talk in June?', 'Hi,\n\nYes, happy to! I\'ll give the talk "Logical replication at scale", 30 minutes, in English.\n\nLaura\n\nOn Wed, Feb 4, 2026 at 2:00 PM PostgreSQL Paris <talks@pgug.example.org> wrote:\n> Hi Laura, would you give a talk about logical replication at our June meetup?\n', 'Logical replication at scale'],
    ['Re: Invitation à présenter au meetup de juin', 'Bonjour,\n\nAvec plaisir ! Je présenterai « pg_stat_kcache : mesurer le CPU par requête », 30 minutes.\n\nPierre\n\nLe 04/02/2026 à 14:00, PostgreSQL Paris a écrit :\n> Bonjour Pierre, aimerais-tu présenter ton travail sur pg_stat_kcache au meetup de juin ?\n', 'pg_stat_kcache : mesurer le CPU par requête'],
  ])('a yes to an invitation: %s', async (subject, body, title) => {
    const m = await mail({ subject, body, headers: { 'In-Reply-To': '<invite@pgug.example.org>' } });
    expect(looksLikeProposal(m)).toBe(true);
    expect(extractProposal(m, ctx).proposal.title).toBe(title);
  });
  it.each([
    ['Re: Would you give a talk in March?', "Hi,\n\nThanks so much for thinking of me! Unfortunately I have to decline this time: I'm travelling in March. I'd be happy to give the talk later in the year though.\n\nLaura\n"],
    ['Re: Invitation à présenter au meetup de mars', "Bonjour,\n\nMerci beaucoup pour l'invitation à présenter. Malheureusement je ne serai pas disponible en mars. Je pourrais présenter un talk à l'automne ?\n\nPierre\n"],
    ['Re: Appel à orateurs pour le meetup du 12 mars', "Bonjour,\n\nJe dois malheureusement décliner cette fois, mais je serais ravi de présenter un talk sur pgBackRest en juin.\n\nMarc\n"],
    // a yes to something else, and no talk (« sure », "happy to" at the top read as a yes to the invitation)
    ['Re: Would you give a talk in June?', 'Sure, happy to help with the room booking instead, but no talk from me this time.\n\nAnne\n'],
    ['Re: Invitation à présenter au meetup de juin', "Avec plaisir pour l'accueil des participants, mais pas de talk de ma part cette fois.\n\nAnne\n"],
  ])('a no to an invitation or a call: %s', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body, headers: { 'In-Reply-To': '<invite@pgug.example.org>' } }))).toBe(false);
  });
  it.each([
    ['Re: Appel à orateurs pour le meetup du 12 mars', 'Bonjour,\n\nJe propose « Les index BRIN en pratique », 20 minutes. Malheureusement je ne pourrai pas venir avant 19h30.\n\nJulie\n'],
    ['Re: Call for speakers - March meetup', 'Hi,\n\nUnfortunately I can\'t make it before 7:30 pm, but I\'d like to give a talk: "COPY in depth", 20 minutes.\n\nJulie\n'],
  ])('a proposal that says what the speaker cannot do is still one: %s', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body, headers: { 'In-Reply-To': '<call@pgug.example.org>' } }))).toBe(true);
  });

  it('an offer answering the announcement of a meetup is a proposal; a question about it is not', async () => {
    const headers = { 'In-Reply-To': '<announce-42@pgug.example.org>' };
    const subject = 'Re: Prochain meetup PostgreSQL Paris le 10 avril';
    const offer = 'Bonjour,\n\nSi vous cherchez encore des orateurs, je me propose pour un talk sur pgvector, environ 30 minutes.\n\nRomain\n\nLe lun. 3 mars 2025, PostgreSQL Paris a écrit :\n> Le prochain meetup aura lieu le 10 avril.\n';
    expect(looksLikeProposal(await mail({ subject, headers, body: offer }))).toBe(true);
    const question = 'Bonjour,\n\nEst-ce que les talks seront filmés ? Je ne pourrai venir que pour le deuxième.\n\nRomain\n';
    expect(looksLikeProposal(await mail({ subject, headers, body: question }))).toBe(false);
    // A proposal's own thread is discussion of the proposal already sent, not a new one.
    const thread = "Hi Tom,\n\nThanks for the proposal! I'd like to present it second: could you do 20 minutes instead?\n\nDimitri\n";
    expect(looksLikeProposal(await mail({ subject: 'Re: Meetup talk idea', headers, body: thread }))).toBe(false);
  });

  it.each([
    ['Slides', 'Hi,\n\nCould I get the slides of the talk about VACUUM from last month?\n\nThanks'],
    ['Meetup', "Bonjour,\n\nY a-t-il encore de la place pour venir avec un collègue au meetup ?\n\nMerci"],
    ['Inscription', 'Hello,\n\nIs there still room for two more attendees at the next meetup?\n\nBest'],
    ['Vidéo', "Bonjour,\n\nPourrais-je avoir la vidéo de la présentation d'hier ?\n\nMerci"],
    ['Question', "Bonjour,\n\nJ'ai une question sur le talk d'hier : les slides sont-elles en ligne ?\n\nMerci"],
    ['Après le meetup', "Bonjour,\n\nÇa vous dirait qu'on aille boire un verre après le meetup ?\n\nMarc"],
    ['Sponsoring', 'Hi,\n\nWould you be interested in a sponsorship package for your meetup?\n\nBest regards'],
    ['Pizza', "Bonjour,\n\nJe me propose pour faire les courses et apporter les boissons jeudi.\n\nMarc"],
    ['Drinks', "Hi,\n\nI'd be up for grabbing a drink after the talks on Thursday.\n\nBen"],
    // review of 51d53e0: volunteering to present the speakers or the evening is hosting it, no talk
    ['Prochain meetup', 'Bonjour,\n\nJe me propose pour présenter les intervenants au début du meetup de mars.\n\nPaul'],
    ['Animation', 'Bonjour,\n\nJe me porte volontaire pour présenter la soirée jeudi, si personne ne le fait.\n\nPaul'],
    // review of d01ac47: "I propose that…", as « je propose que… », suggests something to the organizers
    ['Meetup format', "Hi,\n\nI'm proposing that we record the talks from now on, it would help people who can't come.\n\nJohn"],
    ['Meetup format', "Hi,\n\nI propose that we record the talks from now on, it would help people who can't come.\n\nJohn"],
    ['Horaires', 'Hi,\n\nWe are proposing we move the talks to 19:30 so that people can eat first.\n\nJohn'],
    // held-out audit 4: "I submit" in a clause of time or condition puts the offer off; a question on the length asks
    ['Question about talk length', 'Hi,\n\nBefore I submit something: are talks 20 or 45 minutes? And do you record them?\n\nThanks,\nLisa'],
    ['Question sur les talks', "Bonjour,\n\nSi je propose un talk, combien de temps dure une présentation ? Et faut-il des slides en anglais ?\n\nMerci,\nLéa"],
    ['Talk length', 'Hi,\n\nI might send a talk idea later. How long are the talks usually, 20 minutes?\n\nLisa'],
    // held-out audit 4: a service sold for the group's events, under a proposal's subject
    ['Proposition : captation vidéo de vos conférences', 'Bonjour,\n\nNous proposons la captation vidéo et la diffusion en direct de vos conférences, à tarif associatif\n(à partir de 300 € la soirée). Vous trouverez notre plaquette ici : https://studio.example.fr/asso\n\nCordialement,\nStudio Capture'],
    ['Proposal: live streaming for your meetups', 'Hello,\n\nWe offer professional recording and live streaming of your talks. Packages start at 250 EUR per evening.\n\nBest,\nStreamCo'],
    // a bare « je propose », "we propose" over a quoted name put forward for something else than a talk
    ['Re: Prochain meetup', "Bonjour,\n\nPour l'afterwork, je propose « Le Bistrot du Coin », rue de la Roquette, ils ont une salle à l'étage.\n\nMarc"],
    ['Re: Prochain meetup', 'Bonjour,\n\nJe propose « Le Bistrot du Coin » pour l\'afterwork, ils ont une salle à l\'étage.\n\nMarc'],
    ['Drinks after the meetup', 'Hello,\n\nWe propose "The Crown" for drinks after the talks, it\'s two minutes from the venue.\n\nMarc'],
    // a length offered on the evening's own business, not on a talk's subject
    ['Re: Prochain meetup', "Bonjour,\n\nJe peux faire 10 minutes sur l'accueil et les annonces en début de soirée, comme la dernière fois.\n\nMarc"],
    ['Re: Next meetup', 'Hi,\n\nI can do 5 minutes on the sponsor announcement at the start if you want, then hand over to the speakers.\n\nMarc'],
  ])('%s: a question about a talk, not an offer', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body }))).toBe(false);
  });

  // review of round 4: a proposal's lead-in in the subject over a text that gives nothing a talk's text gives — the
  // lead-in was the writer's proposition (a lift, a date), not a talk's; under a talk's lead-in, a question asks
  it.each([
    ['Proposition : covoiturage depuis Lyon', 'Bonjour,\n\nNous sommes trois à venir de Lyon pour le meetup de janvier. Quelqu\'un veut partager une voiture ?\n\nPaul'],
    ['Proposal: carpool from Lille', "Hi all,\n\nA few of us are driving down from Lille for the January meetup. Anyone want to share the ride and the fuel?\n\nPaul"],
    ['Talk: can we move the meetup?', 'Hi all,\n\nThe next meetup falls on a bank holiday in my country. Could we move it one week later?\n\nAnna'],
    ['Suggestion : un meetup à Lille ?', "Bonjour,\n\nNous sommes une dizaine d'utilisateurs à Lille, ce serait bien d'organiser une soirée ici un jour.\n\nPaul"],
  ])('%s: only the subject says proposal', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body }))).toBe(false);
  });
  it.each([
    ['Proposition : les index BRIN en pratique', 'Bonjour,\n\nJe peux parler de notre usage des index BRIN sur des tables de plusieurs To.\n\nPaul'],
    ['Proposition : Les index hash revisités', 'Bonjour,\n\nUn format court (15 min) sur les index hash depuis PostgreSQL 10 : quand ils battent un B-tree.\n\nLéon'],
    ['[LT] psql : trucs et astuces', 'Salut,\n\nUn petit lightning pour la prochaine fois : mes dix raccourcis psql préférés (\\x auto, \\watch, \\gexec).\n\nNico'],
    ['Proposal: Can Postgres replace Kafka?', "Hi,\n\nI'd like to give a 30-minute talk under that title: queues, outbox tables and LISTEN/NOTIFY.\n\nTom"],
    // a subject alone, or with a thank-you: too little text to say otherwise
    ['Proposition : les verrous consultatifs', 'Merci !\n\nSandrine'],
  ])('%s: the text gives a talk, or too little to say', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body }))).toBe(true);
  });
});

// held-out audit 4: offers that name their talk in quotes after « intervenir sur » or a length filed no title
describe('the quoted title after « intervenir sur », "do 20 minutes on"', () => {
  it.each([
    ["Proposition d'intervention", "Bonjour,\n\nJe souhaiterais intervenir sur « PostGIS pour les développeurs web » ; il me faudrait trois quarts d'heure.\n\nCamille", 'PostGIS pour les développeurs web', 45],
    ['RE: Call for speakers - March meetup', 'I can do 20 minutes on "Partition pruning gotchas". Let me know.\n\nTom', 'Partition pruning gotchas', 20],
    ['Meetup', 'Hi,\n\nI could give 10 min about "pg_stat_io in practice" at the next meetup.\n\nTom', 'pg_stat_io in practice', 10],
    // the talk set off by a comma before its quoted title, under a subject that names it in short
    ['Proposal: Postgres and LLM agents', 'Hi!\n\nI\'d like to propose a talk, "Giving LLM agents safe read access to Postgres", about 20 minutes.\n\nDiego', 'Giving LLM agents safe read access to Postgres', 20],
    // the verb in the future: « Je présenterai « X » »
    ['Meetup de juin', 'Bonjour,\n\nJe présenterai « pg_stat_kcache : mesurer le CPU par requête » au meetup de juin, 30 minutes.\n\nPierre', 'pg_stat_kcache : mesurer le CPU par requête', 30],
    // an experience report shared, under a subject that is no title
    ["Retour d'expérience pour le meetup", "Bonjour,\n\nJe serais heureuse de partager notre retour d'expérience : « Passer de 9.6 à 16 en un week-end ».\nPrévoir 45 minutes.\n\nClaire", 'Passer de 9.6 à 16 en un week-end', 45],
  ])('%s', async (subject, body, title, minutes) => {
    const x = extractProposal(await mail({ subject, body }), ctx);
    expect(x.proposal).toMatchObject({ title, durationMinutes: minutes });
  });
});

describe('format: a stated length against a passing "lightning"', () => {
  it.each([
    ['Talk proposal: Storing Bitcoin Lightning Network payments in Postgres', 'Title: Storing Bitcoin Lightning Network payments in Postgres\nDuration: 40 minutes\nAbstract: How we store payment channels.\n', 'talk', 40],
    ['Talk idea', "Hi,\n\nLast year I gave a lightning talk about psql. This time I'd like to propose a full talk on pg_stat_statements, about 40 minutes.\n\nAnna", 'talk', 40],
    ['Proposition de talk : pg_partman au quotidien', 'Titre : pg_partman au quotidien\nDurée : 20 min (ou un lightning talk si le programme est déjà chargé)\nRésumé : nos partitions.\n', 'talk', 20],
    ['[LT] psql tips', 'Bonjour,\n\nJe voudrais faire un lightning talk sur psql.\n\nPaul', 'lightning', 5],
    ['Lightning talk: psql', 'Hi,\n\nI would like to give a lightning talk on psql, about 10 minutes.\n\nPaul', 'lightning', 10],
  ])('%s', async (subject, body, format, minutes) => {
    const x = extractProposal(await mail({ subject, body }), ctx);
    expect(x.proposal).toMatchObject({ format, durationMinutes: minutes });
    if (format === 'talk') expect(x.warnings.join('\n')).toContain(`lightning mentioned but ${minutes} minutes stated`);
  });
});

// held-out audit x: the first length in the text was the one inside the quoted title, so a 30-minute talk became a lightning talk
describe('a length inside the title names no slot', () => {
  it.each([
    ['Talk proposal', 'Hi,\n\nI\'d like to present "Postgres in 5 minutes a day", about 30 minutes.\n\nAnn', 'talk', 30],
    ['Lightning talk idea', 'Hi,\n\nI could do a lightning talk, "pg_cron in 10 minutes", 10-15 min max.\n\nRavi', 'lightning', 15],
    ['Proposition de talk : PostgreSQL en 10 minutes par jour', 'Bonjour,\n\nJe voudrais présenter ce sujet, il me faudrait 40 minutes.\n\nPaul', 'talk', 40],
    // the title's own length still counts when nothing else says one
    ['[LT] Generated columns in 5 minutes', 'Hey,\n\nShort one: stored generated columns and what they are good for.\n\nSam', 'lightning', 5],
  ])('%s', async (subject, body, format, minutes) => {
    const x = extractProposal(await mail({ subject, body }), ctx);
    expect(x.proposal).toMatchObject({ format, durationMinutes: minutes });
  });
});

describe('durations', () => {
  it.each([
    ['a seven-minute lightning talk', 7],
    ['sept minutes', 7],
    ['huit minutes max', 8],
    ['douze minutes', 12],
    ['dix-sept minutes', 17],
    ['twelve minutes', 12],
    ['seventeen minutes', 17],
    // held-out audit x: a unit on both numbers read the talk alone, the questions' time lost
    ['20 min + 10 min de questions', 30],
    ['something like 20 min + 10 min of questions', 30],
    ['25 minutes+5 minutes Q&A', 30],
  ])('%s → %i', (text, minutes) => {
    expect(durationsIn(fold(text))[0]?.minutes).toBe(minutes);
  });
  // held-out audit 4: the topic offered for a length, before a colon and a description that names a latency
  it('takes the length said of the topic offered, whatever its description measures', () => {
    expect(durationFromProse(['Je propose ce sujet pour 30 minutes : comment nous mesurons la latence de réplication.'])?.minutes).toBe(30);
    expect(durationFromProse(['I can cover this topic in about 25 minutes: how we cut replication lag.'])?.minutes).toBe(25);
  });
  it('not the length of something else in a sentence about the topic (« sur ce sujet »)', () => {
    expect(durationFromProse(['Sur ce sujet, notre première restauration avait pris 4 heures, la dernière 20 minutes.'])).toBeNull();
  });
  it('does not read "vingt-sept minutes" as seven', () => {
    expect(durationsIn(fold('vingt-sept minutes')).map((d) => d.minutes)).not.toContain(7);
  });
  it('takes a duration from an abstract only in a sentence about the talk', () => {
    const abstract = 'Our nightly job used to take 6 hours. With partitioning we now finish in 20 minutes.';
    expect(durationFromProse([abstract], { aboutTheTalk: true })).toBeNull();
    expect(durationFromProse(['We will show how. The talk would last 25 minutes.'], { aboutTheTalk: true })?.minutes).toBe(25);
  });
});

describe('a title when none is given', () => {
  it.each([
    ['Je me propose pour un talk sur pgvector et la recherche sémantique, environ 30 minutes.', 'pgvector et la recherche sémantique'],
    ['Would there be room for a 30-minute talk on pg_duckdb?', 'pg_duckdb'],
    ["Je voudrais faire une présentation sur l'observabilité avec pg_stat_monitor au prochain meetup.", "l'observabilité avec pg_stat_monitor"],
    ['I could give a talk about logical decoding at one of your next meetups.', 'logical decoding'],
    ['Un lightning talk sur psql de 5 minutes.', 'psql'],
  ])('%s → %s', (text, topic) => {
    expect(topicFromProse(text)).toBe(topic);
  });
  it('names nothing when no topic follows the talk word', () => {
    expect(topicFromProse('Je voudrais faire un talk au prochain meetup.')).toBeNull();
  });
  it("takes it from the text, not from the subject of the announcement answered", async () => {
    const x = extractProposal(
      await mail({
        subject: 'Re: Prochain meetup PostgreSQL Paris le 10 avril',
        headers: { 'In-Reply-To': '<announce-42@pgug.example.org>' },
        body: 'Bonjour,\n\nSi vous cherchez encore des orateurs, je me propose pour un talk sur pgvector, environ 30 minutes.\n\nRomain\n',
      }),
      ctx,
    );
    expect(x.proposal.title).toBe('pgvector');
    expect(x.warnings).toContain('title not stated: taken from the topic the text names');
  });
});
