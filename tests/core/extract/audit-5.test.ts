/**
 * Held-out parse audit 5: mail written before reading the rules, each case below wrongly filed or wrongly read before.
 * Rows vary the wording of what the audit found, so that each shows a rule, not one message.
 */
import { describe, expect, it } from 'vitest';
import { extractProposal, looksLikeProposal } from '../../../src/core/extract/index.ts';
import { fieldSpeakers } from '../../../src/core/extract/speakers.ts';
import { mail } from '../classify/build.ts';

const ctx = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };
const call = { 'In-Reply-To': '<lt-call@pgug.example.org>' };

describe('a call for lightning talks is a call (subject.ts CALL_FOR_TALKS)', () => {
  it.each([
    ['Re: Appel à lightning talks', 'Partant pour un LT sur pg_repack : « Réorganiser une table sans verrou ».\n\nEnvoyé de mon iPhone\n\n> Le 4 mars 2025 à 10:02, PGUG Paris a écrit :\n> Il reste trois créneaux.\n'],
    ['RE: Appel aux présentations éclair – meetup de juin', 'Je me lance : « psql et ses variables ».\n\nKim\n'],
    ['Re: Call for lightning talks (June)', 'Count me in: "COPY vs INSERT in 5 minutes".\n\nGrace\n'],
  ])('%s', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body, headers: call }))).toBe(true);
  });
});

describe('the title a proposal states', () => {
  it.each([
    // a title label inside a sentence, its quoted title opening on a tool's name (prose-title.ts INLINE_LABEL)
    ['LT pgBadger', 'Salut !\n\nJe peux faire un lightning talk sur pgBadger au prochain meetup. Titre : « pgBadger en 5 minutes chrono ».\n\nYanis', 'pgBadger en 5 minutes chrono'],
    ['Proposition pour le meetup', "Bonjour,\n\nJe voudrais parler de réplication, 20 minutes. Titre : \"pg_basebackup et ses options méconnues\".\n\nLéa", 'pg_basebackup et ses options méconnues'],
    // a length in words between the offer and its quoted title (prose-title.ts SPOKEN_LENGTH)
    ['Would love to speak', 'Hi,\n\nI could do twenty minutes on "Testing database migrations with pgTAP".\n\nGrace', 'Testing database migrations with pgTAP'],
    ['Un créneau ?', 'Bonjour,\n\nJe peux faire dix minutes sur « Les triggers d’événements ».\n\nMarc', 'Les triggers d’événements'],
    // a word or two saying what kind of talk, between the article and the noun (QUOTED_AFTER_OFFER)
    ['Talk proposal - deep dive', 'Hi,\n\nI\'d like to give a deep-dive talk, "Inside the WAL: from a COMMIT to the disk". About 45 minutes.\n\nEmily', 'Inside the WAL: from a COMMIT to the disk'],
    ['Proposition - courte', 'Bonjour,\n\nJe voudrais présenter une courte présentation, « Les séquences sans surprise », en 15 minutes.\n\nPaul', 'Les séquences sans surprise'],
  ])('%s', async (subject, body, title) => {
    const m = await mail({ subject, body });
    expect(looksLikeProposal(m)).toBe(true);
    expect(extractProposal(m, ctx).proposal.title).toBe(title);
  });
});

describe('the language the talk is given in (talk-language.ts ABOUT_THE_TALK)', () => {
  it.each([
    ['(Writing in English since the organizers are not all French speakers.)\n\nI\'d like to present "Index-only scans and the visibility map". The talk itself would be in French. 20 minutes.\n\nMatthieu', 'fr'],
    ['Sorry for writing in English, some of your organizers are English speakers.\n\nI\'d like to present "HOT updates explained", 20 minutes; the talk would be in French.\n\nMatthieu', 'fr'],
  ])('%#', async (body, language) => {
    const m = await mail({ subject: 'Talk proposal', body });
    expect(extractProposal(m, ctx).proposal.language).toBe(language);
  });
});

describe('co-speakers', () => {
  // proposing the talk together names who gives it (speakers.ts PRESENT_VERB)
  it.each([
    ['Proposition à deux', 'Bonjour,\n\nMon collègue Arnaud Chevalier et moi-même proposons une présentation intitulée « Un schéma par client, vraiment ? » (30 min).\n\nBenoît', 'Arnaud Chevalier'],
    ['Talk proposal', 'Hi,\n\nSam Whitaker and I would like to propose a talk called "Postgres on ARM", 25 minutes.\n\nJo', 'Sam Whitaker'],
  ])('%s', async (subject, body, other) => {
    const m = await mail({ subject, body });
    expect(extractProposal(m, ctx).proposal.speakers.map((s) => s.name)).toContain(other);
  });
  // an aside « (avec X) », "(with X)" in a speakers field is a second speaker, not a role
  it.each([
    ['Jörg Schmidt (with Søren Nielsen)', ['Jörg Schmidt', 'Søren Nielsen']],
    ['Claire Martin (avec Paul Roy)', ['Claire Martin', 'Paul Roy']],
    ['Claire Martin (DBA, Qonto)', ['Claire Martin']],
  ])('%s', (value, names) => {
    expect(fieldSpeakers(value).map((s) => s.name)).toEqual(names);
  });
});

describe('look-alikes: something else proposed, or a question (score.ts PROPOSES_ELSE, ASKING_SUBJECT)', () => {
  it.each([
    ['Proposition : filmer les présentations', "Bonjour,\n\nJ'ai une caméra et un micro-cravate, je propose de filmer les présentations du prochain meetup pour les mettre en ligne.\n\nPatrick"],
    ['Proposition : un covoiturage pour le meetup', "Bonjour,\n\nJe vous propose d'organiser un covoiturage depuis Lille pour la présentation de jeudi, j'ai quatre places.\n\nMarc"],
    ['Proposal: community partnership with DevConf Paris', 'Dear organizers,\n\nDevConf Paris would like to propose a community partnership: we list your meetup and you share our call for proposals. Our talks are 30 minutes.\n\nLisa'],
    ['Proposal: swap talks with the Lyon meetup', 'Hi,\n\nWe would like to propose to exchange speakers with the Lyon group once a year: one talk each way, 30 minutes.\n\nNina'],
    ['Question lightning talks', "Salut,\n\nPetite question : les lightning talks c'est 5 minutes pile ou on peut déborder un peu ? Et faut-il envoyer les slides avant ?\n\nYanis"],
    ['Quick question about lightning talks', 'Hi,\n\nAre lightning talks 5 or 10 minutes at your meetup? And is there a projector for a laptop with USB-C only?\n\nSam'],
  ])('%s', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body }))).toBe(false);
  });
  // …while an offer under such words still is one
  it.each([
    ['Proposition : Les index BRIN', "Bonjour,\n\nJe propose de vous parler des index BRIN sur les séries temporelles, une vingtaine de minutes.\n\nMarc"],
    ['Question : un lightning talk sur pgBadger ?', "Bonjour,\n\nJe peux faire un lightning talk sur pgBadger au prochain meetup, « pgBadger en 5 minutes ». Ça vous va ?\n\nYanis"],
    ['Talk proposal', "Hi,\n\nI'd like to propose a talk on pg_duckdb, \"Analytics inside Postgres\", 30 minutes.\n\nAnne"],
  ])('still an offer: %s', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body }))).toBe(true);
  });
});

describe('a text part that only says the mail is in HTML (core/text/html-stub.ts)', () => {
  const alternative = (stub: string) => ({
    contentType: 'multipart/alternative; boundary="B"',
    body: [
      '--B',
      'Content-Type: text/plain; charset=utf-8',
      '',
      stub,
      '--B',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Bonjour,</p><p>Je voudrais vous proposer une intervention :</p><p><b>Titre :</b> Sauvegardes avec pgBackRest<br><b>Durée :</b> 30 minutes</p><p>Élodie</p>',
      '--B--',
      '',
    ].join('\n'),
  });
  it.each([
    ['Ce message est au format HTML. Pour le lire, utilisez un logiciel de messagerie compatible.'],
    ['This is an HTML email. Please use an HTML-capable email client to read it.'],
    ['Your email client does not support HTML messages.'],
  ])('%s', async (stub) => {
    const m = await mail({ subject: 'Proposition de sujet pour le meetup', mime: alternative(stub) });
    expect(looksLikeProposal(m)).toBe(true);
    expect(extractProposal(m, ctx).proposal.title).toBe('Sauvegardes avec pgBackRest');
  });
  it('a real text that mentions HTML is read as written', async () => {
    const text = 'Bonjour,\n\nJe voudrais présenter « Générer du HTML depuis PostgreSQL », 20 minutes : ce message est au format HTML pour les exemples.\n\nÉlodie';
    const m = await mail({ subject: 'Talk', mime: alternative(text.repeat(4)) });
    expect(m.text).toContain('Générer du HTML');
  });
});

// found in the audit's second batch (written after the fixes above)
describe('a sentence opening on whom the writer presents with (speakers.ts WITH_THEN_WE)', () => {
  it.each([
    ['Sujet de présentation', 'Bonjour,\n\nAvec Juliette Masson, nous aimerions présenter notre migration vers PostgreSQL 17 sous le titre « Un week-end pour passer de la 11 à la 17 », 30 minutes.\n\nClément', 'Juliette Masson'],
    ['Talk proposal', 'Hi,\n\nTogether with my colleague Lukas Weber, we would like to give a talk called "RLS in a multi-tenant ERP", 35 minutes.\n\nHannah', 'Lukas Weber'],
  ])('%s', async (subject, body, other) => {
    const m = await mail({ subject, body });
    expect(extractProposal(m, ctx).proposal.speakers.map((s) => s.name)).toContain(other);
  });
  it.each([
    ['Talk proposal', 'Hi,\n\nWith Crunchy Data, we would like to present our work on "Postgres on Kubernetes at scale", 30 minutes.\n\nHannah'],
    ['Proposition de présentation', 'Bonjour,\n\nAvec Société Générale, nous aimerions présenter « Dix ans de PostgreSQL en banque », 30 minutes.\n\nClément'],
    ['Talk: our migration', 'Hello,\n\nWith Acme Labs, we would like to share "Leaving Oracle in 18 months", about 40 minutes.\n\nRoss'],
  ])('an organization the writers present with is no speaker: %s', async (subject, body) => {
    const m = await mail({ subject, body });
    expect(extractProposal(m, ctx).proposal.speakers).toHaveLength(1);
  });
  it('a company the writer worked with is no speaker', async () => {
    const m = await mail({ subject: 'Talk proposal', body: 'Hi,\n\nI\'d like to give a talk called "Sharding in practice", 30 minutes. With Citus Data, we sharded 20 TB last year.\n\nHannah' });
    expect(extractProposal(m, ctx).proposal.speakers).toHaveLength(1);
  });
});

describe('either language offered: the mail’s (index.ts talkLanguage, talk-language.ts EITHER)', () => {
  it.each([
    ['Talk: bare metal vs managed', 'Hello,\n\nI\'d like to give a 20 minute talk titled "Bare metal or managed Postgres?". The talk can be in French or English, whichever you prefer.\n\nCordialement,\nLouis', 'en'],
    ['Proposition de talk', 'Bonjour,\n\nJe voudrais présenter « Les index BRIN en pratique », 20 minutes. Je peux le faire en anglais ou en français, comme vous voulez, la salle décidera.\n\nLouis', 'fr'],
  ])('%s', async (subject, body, language) => {
    const m = await mail({ subject, body });
    expect(extractProposal(m, ctx).proposal.language).toBe(language);
  });
});

// probes of the rules above, after both batches
describe('« proposer » over a way of speaking, or over a thing members put to organizers (score.ts OFFER, ELSE_TAIL)', () => {
  it.each([
    ['Proposition de talk', 'Bonjour,\n\nJe propose de montrer comment on a divisé par dix le temps de nos VACUUM, 25 minutes.\n\nMarc'],
    ['Proposition de talk', "Bonjour,\n\nJe vous propose d'expliquer les nouveautés de PostgreSQL 18 pour les développeurs, une vingtaine de minutes.\n\nMarc"],
    ['Talk proposal', "Hi,\n\nI'd like to propose a talk on change data capture with Debezium, 30 minutes.\n\nAnne"],
  ])('an offer: %s', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body }))).toBe(true);
  });
  it.each([
    ['Proposal: new venue', "Hi,\n\nI'd like to propose a new venue for the talks: our office has a 100-seat room near the station.\n\nEmma"],
    ['Proposal: a date for the talks', 'Hi,\n\nWe would like to propose a different date for the June talks, the 19th, because of the bank holiday.\n\nEmma'],
  ])('no offer: %s', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body }))).toBe(false);
  });
});
