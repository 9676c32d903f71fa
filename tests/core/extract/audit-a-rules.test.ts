/**
 * Audit a (unseen mail) found these read wrongly; each rule is checked on its small pure piece, and on whole mails
 * through the extractor where the rule is about what wins over what.
 */
import { describe, expect, it } from 'vitest';
import { titleFromProse } from '../../../src/core/extract/prose-title.ts';
import { parseFields, quotedLead } from '../../../src/core/extract/fields.ts';
import { durationsIn } from '../../../src/core/extract/durations.ts';
import { durationFromProse } from '../../../src/core/extract/duration.ts';
import { fold } from '../../../src/core/text/fold.ts';
import { findSpeakers } from '../../../src/core/extract/speakers.ts';
import { languageStated } from '../../../src/core/extract/talk-language.ts';
import { extractProposal } from '../../../src/core/extract/index.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail } from '../classify/build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

async function extract(body: string, subject = 'Talk proposal', from = 'Greg Sutton <greg@example.org>') {
  return extractProposal(await mail({ from, subject, body }), ctx);
}

describe('a title in straight or typographic single quotes', () => {
  it.each([
    ["I'd be happy to give a talk on 'What's new in PostgreSQL 18' - async I/O, skip scan.", "What's new in PostgreSQL 18"],
    ["I'd be happy to give a talk on 'New in PostgreSQL 18' - async I/O.", 'New in PostgreSQL 18'],
    ['I could present ‘What’s new in the planner’ at the next meetup.', 'What’s new in the planner'],
    ["Je voudrais présenter 'L'ORM face à PostgreSQL' au meetup.", "L'ORM face à PostgreSQL"],
    ["I'd like to propose a talk 'Partitioning, the boring way', about 30 minutes.", 'Partitioning, the boring way'],
  ])('%s', (text, title) => {
    expect(titleFromProse(text)?.title).toBe(title);
  });
  it.each(["I'd like to talk about Postgres' internals and the users' tables.", "I'd like to present 'Vacuum' at the meetup."])('%s names no title', (text) => {
    expect(titleFromProse(text)).toBeNull();
  });
  it('beats a chatty subject', async () => {
    const x = await extract("Hi!\n\nIf you have a meetup that week, I'd be happy to give a talk on 'What's new in the planner' - skip scan, OAuth.\n\nGreg\n", 'Visiting Paris in March - talk?');
    expect(x.proposal.title).toBe("What's new in the planner");
  });
});

describe("N' as minutes, unless the quote closes a quoted title", () => {
  it.each([
    ["a talk on 'What's new in PostgreSQL 18' - async I/O", []],
    ["un talk sur ‘Les nouveautés de PostgreSQL 17’, merci", []],
    ["a talk on 'What's new in PostgreSQL 18', about 40'", [40]],
    ["Durée : 40'", [40]],
    ["un talk de 40' sur 'pg_stat_io'", [40]],
    ["l'index BRIN en 20'", [20]],
  ])('%s', (text, minutes) => {
    expect(durationsIn(fold(text)).map((d) => d.minutes)).toEqual(minutes);
  });
});

describe('the length asked for here beats the length of a talk given elsewhere', () => {
  it.each([
    ['I gave a talk called "Vacuum internals" at PGDay Lowlands last year (50 min slot). For your meetup I\'d do a condensed 25-minute version.', 25],
    ['I gave "Vacuum internals" at PGDay last\nyear (50 min slot). For your meetup I\'d do a condensed version of 25 minutes: HOT updates.', 25],
    ['For your meetup I\'d do "Vacuum internals for application developers" in 25 minutes (the full version I gave at PGDay Lowlands was 50 min).', 25],
    ["Je l'ai présenté au PGDay l'an dernier en 50 minutes, mais pour votre meetup je ferais une version courte de 20 minutes.", 20],
    ['The full version is 90 minutes; here I would do 40 minutes.', 40],
    // nothing else stated: the other event's length is all there is
    ['I gave this talk at PGConf last year (50 min slot) and would happily give it again.', 50],
    ['The talk takes 30 minutes; the slot I was offered last time was 20.', 30],
  ])('%s', (text, minutes) => {
    expect(durationFromProse([text])?.minutes).toBe(minutes);
  });
  it('a quoted title’s words are its topic, not something else taking time', () => {
    expect(durationFromProse(['For your meetup I\'d do "Vacuum and backups" in 25 minutes.'])?.minutes).toBe(25);
    expect(durationFromProse(['Le talk « Sauvegardes et restaurations » durerait 30 minutes.'], { aboutTheTalk: true })?.minutes).toBe(30);
  });
});

describe('a title alone under an intro sentence that ends with a period', () => {
  const under = (intro: string, line: string) => `Hello,\n\n${intro}\n\n${line}\n\nWe run 300 PostgreSQL clusters on our own hardware.\n\nBest regards,\nDmitri\n`;
  it.each([
    ['I would like to propose the following talk for the PostgreSQL Paris meetup.', 'Running PostgreSQL at scale on bare metal'],
    ['I would like to propose the following talk for the PostgreSQL Paris\nmeetup.', 'Running PostgreSQL at scale on bare metal'],
    ["I'd like to submit a talk for one of your next meetups.", 'Partitioning without tears'],
    ['Je souhaiterais vous proposer le sujet suivant pour le prochain meetup.', 'Le partitionnement sans larmes'],
    ['I would like to propose the following talk for the meetup:', 'Running PostgreSQL at scale on bare metal'],
  ])('%s', (intro, line) => {
    expect(titleFromProse(under(intro, line))?.title).toBe(line);
  });
  it.each([
    // no offer of a talk: a story
    ['I gave a talk at PGDay last year.', 'Running PostgreSQL at scale on bare metal'],
    // the guards: a person, contact details, a sentence, a sign-off
    ['I would like to propose the following talk for the meetup.', 'Dmitri Volkov'],
    ['I would like to propose the following talk for the meetup.', 'Dmitri Volkov +33 6 12 34 56 78'],
    ['I would like to propose the following talk for the meetup.', 'See https://example.org/talk'],
    ['I would like to propose the following talk for the meetup.', 'We run it on bare metal'],
    ['I would like to propose a talk for one of your meetups.', 'Looking forward to hearing from you'],
  ])('%s / %s: no title', (intro, line) => {
    expect(titleFromProse(under(intro, line))?.title ?? null).not.toBe(line.replace(/\.$/, ''));
  });
  it('the intro does not open the abstract', async () => {
    const x = await extract(under('I would like to propose the following talk for the PostgreSQL Paris meetup.', 'Running PostgreSQL at scale on bare metal'), 'Talk proposal for the meetup');
    expect(x.proposal.title).toBe('Running PostgreSQL at scale on bare metal');
    expect(x.proposal.abstract).toBe('We run 300 PostgreSQL clusters on our own hardware.');
  });
});

describe('a quoted title at the start of a labelled line is the quoted phrase; the prose after it is the abstract’s', () => {
  it.each([
    ['« Migrer une application Django de MySQL vers PostgreSQL ». Je raconterai la migration.', 'Migrer une application Django de MySQL vers PostgreSQL', 'Je raconterai la migration.'],
    ['« Migrer une application Django de MySQL vers PostgreSQL ».', 'Migrer une application Django de MySQL vers PostgreSQL', ''],
    ['"Migrating a Django app to PostgreSQL". I\'ll tell the story of a 2M-user site.', 'Migrating a Django app to PostgreSQL', "I'll tell the story of a 2M-user site."],
    ["'What's new in PostgreSQL 18'; async I/O and skip scan.", "What's new in PostgreSQL 18", 'async I/O and skip scan.'],
    ['“Les index BRIN” (30 min)', 'Les index BRIN', '(30 min)'],
    // held-out audit x: what the talk is and how long, after a dash or a comma, was kept in the title
    ['"Postgres on Raspberry Pi clusters" - a fun 20 minute demo with three Pis.', 'Postgres on Raspberry Pi clusters', 'a fun 20 minute demo with three Pis.'],
    ['« Le MVCC sans douleur », un talk de 30 minutes', 'Le MVCC sans douleur', 'un talk de 30 minutes'],
    ['"Vacuum for the impatient" — about 25 min', 'Vacuum for the impatient', 'about 25 min'],
  ])('%s', (value, quoted, rest) => {
    expect(quotedLead(value)).toEqual({ quoted, rest });
  });
  it.each(['"Vacuum" — a love story', '"Vacuum" — a demo-driven tour of autovacuum', '« Index » — une session-marathon sur les index', '« Barman », ou comment dormir la nuit', '"Vacuum" considered harmful', '"Postgres": the good parts', 'Migrer de MySQL à PostgreSQL. Retour d’expérience', '« Barman » et « pgBackRest » comparés'])('%s: not a quoted lead', (value) => {
    expect(quotedLead(value)).toBeNull();
  });
  it('parseFields reads the title and keeps the rest of its line as prose', () => {
    const f = parseFields(['Bonjour,', '', 'Mon sujet : « Migrer de MySQL vers PostgreSQL ». Je raconterai la migration : pgloader, collations.', '', 'Durée : 30 min']);
    expect(f.values.title).toBe('Migrer de MySQL vers PostgreSQL');
    expect(f.rests.get(2)).toBe('Je raconterai la migration : pgloader, collations.');
  });
  it('whole mail: title without its quotes and period, the rest in the abstract', async () => {
    const x = await extract(
      'Bonjour,\n\nMon sujet : « Migrer une application Django de MySQL vers PostgreSQL ». Je raconterai la migration d’un site de 2 millions d’utilisateurs : pgloader, les différences de collation.\n\nDurée : une demi-heure.\n\nBien à vous,\nAntoine Lambert\n',
      'Proposition pour le meetup du 20 mars',
      'Antoine Lambert <antoine@example.fr>',
    );
    expect(x.proposal.title).toBe('Migrer une application Django de MySQL vers PostgreSQL');
    expect(x.proposal.abstract).toContain('pgloader');
    expect(x.proposal.durationMinutes).toBe(30);
  });
});

describe('co-speakers named with their address in a sentence that says they present', () => {
  const speakersOf = (body: string) =>
    findSpeakers({ author: { name: 'Jean-Marc Le Goff', email: 'jm@example.fr' }, signatureName: null, field: null, body, cc: [], exclude: new Set(['talks@pgug.example.org']), own: new Set(['talks@pgug.example.org']) })
      .speakers.map((s) => s.email);
  it.each([
    ["Nous sommes deux à vouloir présenter : Sophie N'Diaye (sophie.ndiaye@example.fr) et moi-même.", ['sophie.ndiaye@example.fr']],
    ['Nous sommes deux à vouloir présenter : Sophie Ndiaye <sophie@example.fr> et moi.', ['sophie@example.fr']],
    ["This would be a joint talk by Priya Raman (priya.raman@example.io), Tom O'Brien (tom.obrien@example.io) and myself.", ['priya.raman@example.io', 'tom.obrien@example.io']],
    ['The talk would be co-presented by Priya Raman (priya@example.io) and me.', ['priya@example.io']],
    ['We are two: Priya Raman (priya@example.io)\nand myself, both DBAs at Example.', ['priya@example.io']],
  ])('%s', (body, cospeakers) => {
    expect(speakersOf(`Bonjour,\n\n${body}\n\nOn raconterait notre mise en production.\n`)).toEqual(['jm@example.fr', ...cospeakers]);
  });
  it.each([
    // an address in the text that names no presenter
    'If you have questions, contact Priya Raman (priya@example.io) and myself.',
    'The idea came from Priya Raman (priya@example.io), who wrote the extension.',
    'Sophie Ndiaye (sophie@example.fr), notre CTO, a validé le sujet, et moi je le présenterai.',
  ])('%s: no co-speaker', (body) => {
    expect(speakersOf(`Hello,\n\n${body}\n\nWe will show our setup.\n`)).toEqual(['jm@example.fr']);
  });
});

describe('the talk’s language, not the mail’s', () => {
  it.each([
    ["Sorry for writing in English, I'm typing from my work laptop. The talk itself would be in French, of course.", 'fr', false],
    ['Désolé, je vous écris en anglais depuis un clavier QWERTY. Le talk serait en français.', 'fr', false],
    ['Sorry for writing in English\non a QWERTY keyboard, but I would present in French.', 'fr', false],
    ['This mail is in English for my colleagues; the talk would be given in French.', 'fr', false],
    ['Sorry, I can only give the talk in English.', 'en', false],
    ['Je ferai la présentation en anglais, désolé.', 'en', false],
    ['The talk can be in French or in English.', 'fr', true],
    // held-out audit 4: a language offered besides is not the talk's
    ['The talk will be in English, but I can also do it in French if you prefer.', 'en', false],
    ['Le talk sera en français. Je peux aussi le faire en anglais si besoin.', 'fr', false],
  ])('%s', (text, language, ambiguous) => {
    expect(languageStated(fold(text))).toEqual({ language, ambiguous });
  });
  it.each([
    'Sorry for writing in English, my French keyboard is broken.',
    'Excusez-moi de vous écrire en anglais.',
    // held-out audit 4: only a fallback named, the talk is in the mail's language
    "Je propose « JSONB : quand l'utiliser », une demi-heure.\nJe peux aussi le faire en anglais si besoin.",
    'I could also give it in French if that helps.',
  ])('%s states nothing', (text) => {
    expect(languageStated(fold(text))).toBeNull();
  });
});
