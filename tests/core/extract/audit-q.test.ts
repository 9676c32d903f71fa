/**
 * Held-out audit q: proposals written anew (clients, charsets, ways of saying a length, a tag, a co-speaker), each case
 * here in other words than the audit's messages.
 */
import { describe, expect, it } from 'vitest';
import { extractProposal, looksLikeProposal } from '../../../src/core/extract/index.ts';
import { cleanName } from '../../../src/core/text/names.ts';
import { mail } from '../classify/build.ts';

const ctx = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

describe('a length said in words holding « an » is read', () => {
  it.each([
    ['"half an hour" after a verb', 'Hello,\n\nI could present "Citus for the impatient", showing how we sharded our events table.\n\nFor the meetup I can manage half an hour, with questions.\n\nRuth Adams\n', 30],
    ['"a quarter of an hour" as the subject', 'Hello,\n\nI would like to present "COPY tricks", the fastest ways to load CSV into PostgreSQL.\n\nA quarter of an hour will do, questions included.\n\nRuth Adams\n', 15],
    ['"an hour and a half" for a workshop', 'Hello,\n\nI would like to run a hands-on workshop, "Writing your first background worker".\n\nAn hour and a half would be right, laptops required.\n\nRuth Adams\n', 90],
  ])('%s', async (_name, body, minutes) => {
    const x = extractProposal(await mail({ from: 'Ruth Adams <ruth.adams@example.net>', subject: 'Meetup talk', body }), ctx);
    expect(x.proposal.durationMinutes).toBe(minutes);
  });

  it('a year « an » in the sentence still keeps a length that measures something else out', async () => {
    const body = 'Bonjour,\n\nJe voudrais présenter « Nos sauvegardes », 30 minutes.\n\nIl y a un an, une restauration prenait une heure.\n\nRuth Adams\n';
    const x = extractProposal(await mail({ subject: 'Proposition de talk', body }), ctx);
    expect(x.proposal.durationMinutes).toBe(30);
  });
});

describe('a bracketed lead-in tags the subject, as « [LT] » does', () => {
  it.each([
    ['[Talk proposal] Fuzzy search with pg_trgm (30 min)', 'Fuzzy search with pg_trgm', 30],
    ['[Proposition de talk] Les statistiques étendues', 'Les statistiques étendues', 45],
    ['(Lightning talk) Un tableau de bord avec Grafana [5 min]', 'Un tableau de bord avec Grafana', 5],
  ])('%s', async (subject, title, minutes) => {
    // a body that names no talk by itself: one labelled field, no offer
    const m = await mail({ from: 'Ruth Adams <ruth.adams@example.net>', subject, body: 'Hi,\n\nAbstract: What we learnt running it for two years on our catalogue of 3 million products.\n\nRuth\n' });
    expect(looksLikeProposal(m)).toBe(true);
    const x = extractProposal(m, ctx);
    expect(x.proposal.title).toBe(title);
    expect(x.proposal.durationMinutes).toBe(minutes);
  });

  it('a ticket number or a newsletter tag in brackets is no lead-in', async () => {
    expect(looksLikeProposal(await mail({ subject: '[Newsletter] Fuzzy search with pg_trgm', body: 'Hi,\n\nAbstract: What we learnt.\n\nRuth\n' }))).toBe(false);
    expect(looksLikeProposal(await mail({ subject: '[#4521] Fuzzy search with pg_trgm', body: 'Hi,\n\nAbstract: What we learnt.\n\nRuth\n' }))).toBe(false);
  });

  it('a bracket in the title that is no length stays', async () => {
    const x = extractProposal(await mail({ subject: 'Talk proposal: Window functions (part 2)', body: 'Hi,\n\nI would like to give this talk, 20 minutes.\n\nRuth\n' }), ctx);
    expect(x.proposal.title).toBe('Window functions (part 2)');
  });
});

describe('a colleague named with the writer (« X and I ») is a co-speaker, the writer still speaks', () => {
  it.each([
    ['en', 'Hi,\n\nMy colleague Rui Costa (rui.costa@example.pt) and I would like to give a talk on "Sharding by hand", 30 minutes.\n\nNina Berg\n'],
    ['fr', 'Bonjour,\n\nMa collègue Agnès Morel <agnes.morel@example.fr> et moi aimerions présenter « Le sharding à la main », 30 minutes.\n\nNina Berg\n'],
  ])('%s', async (_lang, body) => {
    const x = extractProposal(await mail({ from: 'Nina Berg <nina.berg@example.net>', subject: 'Proposition de talk', body }), ctx);
    expect(x.proposal.speakers.map((s) => s.email).sort()).toEqual([...(body.includes('rui') ? ['rui.costa@example.pt'] : ['agnes.morel@example.fr']), 'nina.berg@example.net'].sort());
  });

  // held-out audit x: "(in Cc)" between the name and "and I" made the colleague the only speaker, the writer lost
  it.each([
    ['My colleague Ana Silva (in Cc) and I would like to present together: "Auditing with pgAudit", 30 minutes.'],
    ['Ma collègue Agnès Morel (en copie) et moi aimerions présenter « Le sharding à la main », 30 minutes.'],
    ['My colleague Ana Silva, our lead DBA, and I would like to give a talk on "Auditing with pgAudit", 30 minutes.'],
  ])('with an aside before "and I": %s', async (first) => {
    const cc = first.includes('Agnès') ? 'Agnès Morel <agnes.morel@example.fr>' : 'Ana Silva <ana.silva@example.pt>';
    const x = extractProposal(await mail({ from: 'Nina Berg <nina.berg@example.net>', subject: 'Proposition de talk', headers: { Cc: cc }, body: `Hi,\n\n${first}\n\nNina Berg\n` }), ctx);
    expect(x.proposal.speakers.map((s) => s.email).sort()).toEqual([first.includes('Agnès') ? 'agnes.morel@example.fr' : 'ana.silva@example.pt', 'nina.berg@example.net'].sort());
    expect(x.warnings.join('\n')).not.toMatch(/forwarded by/);
  });

  // held-out audit x: a forward of a forward was filed `other`, the proposal being under the middle forwarder's note
  it('a forward of a forward (Outlook) credits the innermost author', async () => {
    const body =
      'Pour la liste.\n\n________________________________\nDe : Martin, Paul <paul.martin@example.fr>\nEnvoyé : lundi 2 novembre 2026 17:00\nÀ : Nina Berg <nina.berg@example.net>\nObjet : TR: Proposition\n\nVoir ci-dessous, de la part de Léa.\n\n________________________________\nDe : Léa Roux <lea.roux@example.fr>\nEnvoyé : lundi 2 novembre 2026 16:00\nÀ : Martin, Paul <paul.martin@example.fr>\nObjet : Proposition\n\nBonjour Paul,\n\nJe voudrais présenter « Les index couvrants » au meetup, 30 minutes : INCLUDE, index-only scans et visibilité.\n\nLéa\n';
    const x = extractProposal(await mail({ from: 'Nina Berg <nina.berg@example.net>', subject: 'TR: TR: Proposition', body }), ctx);
    expect(x.proposal.speakers).toEqual([{ name: 'Léa Roux', email: 'lea.roux@example.fr' }]);
    expect(x.proposal.title).toBe('Les index couvrants');
  });

  // review of 7cf8177: a speaker forwarding the call for talks with their offer above it, passed on by an organizer —
  // the innermost message is the group's call, the proposal is the speaker's note over it
  it('a forward of a forward whose middle note offers the talk credits that note, not the call under it', async () => {
    const body =
      'FYI, filing this one.\n\n---------- Forwarded message ---------\nFrom: Ravi Kumar <ravi.kumar@example.com>\nDate: Sun, Nov 29, 2026 at 6:12 PM\nSubject: Fwd: Call for talks - PG Paris January\nTo: Dim Org <dim@example.org>\n\nHi Dim,\n\nI\'d like to answer this one: a 20-minute talk, "pg_cron in production", on how\nwe moved our nightly batch jobs into the database and what we learned.\n\nRavi\n\n---------- Forwarded message ---------\nFrom: PG Paris <talks@pgug.example.org>\nDate: Mon, Nov 2, 2026 at 9:00 AM\nSubject: Call for talks - PG Paris January\nTo: <members@pgug.example.org>\n\nHello everyone,\n\nThe January meetup is looking for speakers: talks of 20 to 40 minutes and\nlightning talks of 5 minutes. Reply to this mail with a title and a few lines.\n\nThe organizers\n';
    const m = await mail({ from: 'Dim Org <dim@example.org>', subject: 'Fwd: Fwd: Call for talks - PG Paris January', body });
    expect(looksLikeProposal(m)).toBe(true);
    const x = extractProposal(m, ctx);
    expect(x.proposal.speakers).toEqual([{ name: 'Ravi Kumar', email: 'ravi.kumar@example.com' }]);
    expect(x.proposal.title).toBe('pg_cron in production');
  });

  it('a forward of a forward whose middle note speaks of the talk still credits the proposal under it', async () => {
    const body =
      'For the inbox.\n\n---------- Forwarded message ---------\nFrom: Nina Berg <nina.berg@example.net>\nDate: Sun, Nov 29, 2026 at 6:12 PM\nSubject: Fwd: Talk idea\nTo: Dim Org <dim@example.org>\n\nHi Dim, passing this on: my colleague Ravi would like to give a talk at the\nJanuary meetup, I think it would be a great fit for a 20 minute slot. Details below.\n\nNina\n\n---------- Forwarded message ---------\nFrom: Ravi Kumar <ravi.kumar@example.com>\nDate: Fri, Nov 27, 2026 at 9:00 AM\nSubject: Talk idea\nTo: Nina Berg <nina.berg@example.net>\n\nHi Nina,\n\nI\'d like to propose "Sharding without tears" for the PG Paris meetup: how we split\na 4 TB database with Citus, what went wrong, 25 minutes.\n\nRavi\n';
    const x = extractProposal(await mail({ from: 'Dim Org <dim@example.org>', subject: 'Fwd: Fwd: Talk idea', body }), ctx);
    expect(x.proposal.speakers).toEqual([{ name: 'Ravi Kumar', email: 'ravi.kumar@example.com' }]);
    expect(x.proposal.title).toBe('Sharding without tears');
  });

  it('"our CTO X would like to give a talk" still names X alone', async () => {
    const x = extractProposal(await mail({ from: 'Nina Berg <nina.berg@example.net>', subject: 'Talk proposal', body: 'Hi,\n\nOur CTO Rui Costa (rui.costa@example.pt) would like to give a talk on "Sharding by hand", 30 minutes.\n\nNina\n' }), ctx);
    expect(x.proposal.speakers).toEqual([{ name: 'Rui Costa', email: 'rui.costa@example.pt' }]);
  });
});

describe('names as clients write them', () => {
  it.each([
    ['Dr.-Ing. Karin Vogel', 'Karin Vogel'],
    ['Dipl.-Inf. Uwe Brandt', 'Uwe Brandt'],
    ['Dr. Uwe Brandt', 'Uwe Brandt'],
    ['marie_lenoir', 'Marie Lenoir'],
    ['paul.andre.morin', 'Paul Andre Morin'],
    ['Dr Who', 'Dr Who'],
  ])('%s → %s', (raw, cleaned) => {
    expect(cleanName(raw)).toBe(cleaned);
  });

  it("a display name that is the address's local part gives way to the name signed", async () => {
    const body = 'Bonjour,\n\nJe voudrais présenter « Les types range en pratique », 20 minutes.\n\nMerci,\nMarie-Anne Lenoir\n';
    const x = extractProposal(await mail({ from: 'marieanne.lenoir <marieanne.lenoir@example.fr>', subject: 'Proposition de talk', body }), ctx);
    expect(x.proposal.speakers).toEqual([{ name: 'Marie-Anne Lenoir', email: 'marieanne.lenoir@example.fr' }]);
  });
});

describe("a title's label over several sentences introduces the description", () => {
  it('« Le sujet : <two sentences> » under a tagged subject: the subject names the talk, the sentences describe it', async () => {
    const body =
      "Bonjour,\n\nLe sujet : comment nous avons remplacé nos sauvegardes logiques nocturnes par pgBackRest sur quarante serveurs, sans perdre un seul jour d'historique. Je détaillerai la rétention, les tests de restauration automatiques et les coûts de stockage.\n\nIl me faudrait 30 minutes.\n\nCédric Vidal\n";
    const x = extractProposal(await mail({ from: 'Cédric Vidal <cedric.vidal@example.fr>', subject: 'Proposition de talk : pgBackRest sur quarante serveurs', body }), ctx);
    expect(x.proposal.title).toBe('pgBackRest sur quarante serveurs');
    expect(x.proposal.abstract).toContain('tests de restauration automatiques');
    expect(x.proposal.durationMinutes).toBe(30);
  });

  it('a long title of one sentence, or a quoted one followed by prose, stays the title', async () => {
    const long = 'Hi,\n\nTitle: Running a multi-terabyte PostgreSQL fleet on Kubernetes with CloudNativePG, Barman Cloud and a lot of patience along the way\nAbstract: Our story.\n\nAl\n';
    expect(extractProposal(await mail({ subject: 'Talk proposal', body: long }), ctx).proposal.title).toMatch(/^Running a multi-terabyte/);
    const quoted = 'Bonjour,\n\nMon sujet : « Les index couvrants ». Je raconterai comment INCLUDE a réduit nos lectures de table de moitié sur nos requêtes les plus fréquentes.\n\nAl\n';
    expect(extractProposal(await mail({ subject: 'Proposition de talk', body: quoted }), ctx).proposal.title).toBe('Les index couvrants');
  });
});

describe('a German, Spanish, Italian or Dutch sign-off ends the text', () => {
  it.each(['Mit freundlichen Grüßen', 'Viele Grüße / kind regards', 'Beste Gruesse,', 'Saludos,', 'Cordiali saluti', 'Met vriendelijke groet,'])('%s', async (closing) => {
    const body = `Hello,\n\nI would like to present "Logical decoding for cache invalidation", 25 minutes. I will show the plugin we wrote and how it keeps our Redis caches in step.\n\n${closing}\nKlaus Richter\nSenior Engineer\n`;
    const x = extractProposal(await mail({ from: 'Klaus Richter <k.richter@example.de>', subject: 'Talk proposal', body }), ctx);
    expect(x.proposal.abstract).toContain('Redis caches');
    expect(x.proposal.abstract).not.toContain(closing.replace(/[,]$/, ''));
    expect(x.proposal.abstract).not.toContain('Senior Engineer');
  });
});

describe('a sales pitch under a talk-like subject is no proposal (audit S left it to Q)', () => {
  it('« Proposal: Talk about boosting your website traffic » over an SEO offer at a price: other, nothing acknowledged', async () => {
    const body =
      'Hello Webmaster,\n\nI was checking your website and noticed it is not ranking on Google for\nimportant keywords. We can put your website on the first page of Google.\n\n' +
      'We offer: SEO, link building, social media marketing. Prices start at $99/month.\n\nReply with "YES" for a free audit.\n\nRegards,\nRank Higher Team\n';
    expect(looksLikeProposal(await mail({ from: '"Rank Higher" <seo.team@rank-higher.example>', subject: 'Proposal: Talk about boosting your website traffic by 300%', body }))).toBe(false);
    const fr = 'Bonjour,\n\nVotre site n\'apparaît pas en première page de Google. Notre agence de référencement naturel vous propose un audit gratuit.\n\nTarifs à partir de 49 € par mois.\n\nCordialement,\nWebRank\n';
    expect(looksLikeProposal(await mail({ from: 'WebRank <contact@webrank.example>', subject: 'Proposition : une présentation pour booster votre trafic', body: fr }))).toBe(false);
  });
  // review: rephrased, it was still filed — "We'd love to give a talk" outweighed the pitch
  it('"Talk proposal: grow your traffic 300%" offering a talk to sell an audit: other', async () => {
    const body =
      "Hi there,\n\nWe'd love to give a talk to your community about how we put websites on the\nfirst page of Google in 90 days.\n\n" +
      'Packages from $149/month. Reply to this email to claim your complimentary audit!\n\nCheers,\nGrowth Partners\n';
    expect(looksLikeProposal(await mail({ from: 'Growth Partners <hello@growth-partners.example>', subject: 'Talk proposal: grow your traffic 300%', body }))).toBe(false);
  });
  it.each([
    ['an SEO tool built on PostgreSQL, with its price', 'Proposition : un outil SEO sur PostgreSQL', "Bonjour,\n\nNous avons construit notre outil de référencement naturel sur PostgreSQL (pg_trgm, partitionnement). L'offre coûte 49 € par mois, et je raconterai comment la base tient 2 To.\n\n30 minutes.\n\nLéa Martin\n"],
    ['cloud costs with a free trial', 'Talk proposal: what Postgres really costs on three clouds', 'Hello,\n\nI compared managed PostgreSQL on three clouds: $0.20 per GB-month, free trial credits, reserved instances. I would present the figures in 20 minutes.\n\nTom Baker\n'],
  ])('a talk on %s is still a proposal', async (_name, subject, body) => {
    expect(looksLikeProposal(await mail({ from: 'Léa Martin <lea@example.fr>', subject, body }))).toBe(true);
  });
});

// held-out audit x: a phone's one-line proposal opening with « Bonjour, » was read as a greeting whole, no abstract left
describe('a greeting that opens the one sentence of a proposal', () => {
  it.each([
    ['Talk', 'Bonjour, je voudrais présenter un talk sur VACUUM, 30 minutes.', 'Je voudrais présenter un talk sur VACUUM, 30 minutes.'],
    ['Talk idea', "Hi! I'd like to give a talk about pg_cron at the next meetup.\n\nSent from my iPhone", "I'd like to give a talk about pg_cron at the next meetup."],
    ['Proposition de talk : Les index BRIN', 'Bonjour à tous,\n\nUn retour sur nos index BRIN, 20 minutes.\n\nPaul', 'Un retour sur nos index BRIN, 20 minutes.'],
    // a pleasantry after the greeting goes with it
    ['Proposition de talk : Les index BRIN', "Bonjour Dimitri, j'espère que tu vas bien depuis le dernier meetup.\n\nUn retour sur nos index BRIN, 20 minutes.\n\nPaul", 'Un retour sur nos index BRIN, 20 minutes.'],
    ['Talk proposal: BRIN indexes', "Hi Dimitri, hope you're doing well after the last meetup.\n\nA look back at our BRIN indexes, 20 minutes.\n\nPaul", 'A look back at our BRIN indexes, 20 minutes.'],
    // review of 22d8251: a sentence about sending the mail, after the greeting or alone, is no part of the abstract
    ['Proposition de talk : Les index BRIN', 'Bonjour, je vous envoie ma proposition pour le meetup de janvier.\n\nUn retour sur nos index BRIN, 20 minutes.\n\nPaul', 'Un retour sur nos index BRIN, 20 minutes.'],
    ['Proposition de talk : Les index BRIN', 'Je vous envoie ma proposition pour le meetup de janvier.\n\nUn retour sur nos index BRIN, 20 minutes.\n\nPaul', 'Un retour sur nos index BRIN, 20 minutes.'],
    ['Talk proposal: BRIN indexes', 'Hello, please find my proposal for the January meetup below.\n\nA look back at our BRIN indexes, 20 minutes.\n\nPaul', 'A look back at our BRIN indexes, 20 minutes.'],
  ])('%s', async (subject, body, abstract) => {
    const x = extractProposal(await mail({ subject, body }), ctx);
    expect(x.proposal.abstract).toBe(abstract);
  });
});
