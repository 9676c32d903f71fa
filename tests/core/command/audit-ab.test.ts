/**
 * Audit AB (held-out replies by email, scored end to end by tests/e2e/audit-x/harness.test.ts, AUDIT_X_BATCH=batchAB1…):
 * speakers' confirmations and withdrawals in their own words, organizers' other verbs — the reader's side of what it
 * found, line by line, and of the shapes near them that must still act on nothing.
 */
import { describe, expect, it } from 'vitest';
import { commandReaders } from './read.ts';
import { readCommands } from '../../../src/core/command/read.ts';

const { organizer, speaker, verbs } = commandReaders('2026-12-03T07:00:00Z');

describe('a speaker dropping out of the evening, said with what he leaves (audit AB1 03: relayed, the talk left in)', () => {
  it.each(['Unfortunately I need to drop out of the meetup, sorry.', 'I have to pull out of the event.', 'Je dois me retirer du programme, désolé.', 'Je vais devoir me désister.', 'Je suis contraint de me désister de la soirée.'])('speaker: %s → withdraw', (text) => {
    expect(verbs(text, speaker)).toEqual(['withdraw']);
  });

  it.each(['I might have to drop out of the meetup if my boss says no.', 'Should I pull out of the event?'])('speaker or organizer, no withdrawal: %s', (text) => {
    expect(verbs(text, speaker)).toEqual([]);
    expect(verbs(text, organizer)).toEqual([]);
  });

  it('organizer: « pull out of the meetup » is a speaker’s word, not understood from him', () => {
    const r = readCommands('pull out of the meetup', organizer);
    expect([r.commands, r.unknown]).toEqual([[], ['pull out of the meetup']]);
  });
});

describe('a confirmation, then the day he will come or that he can be counted on (audit AB1 04, 06: relayed unconfirmed)', () => {
  it.each(["Confirming — I'll be there on the 28th.", "I'll be there on the 28th.", 'Bonjour,\n\nje confirme, vous pouvez compter sur moi.', 'Confirmé, je serai là le 28 janvier !', 'I confirm, count me in!', 'Je confirme, tu peux compter sur moi.'])('speaker: %j → confirm', (text) => {
    expect(verbs(text, speaker)).toEqual(['confirm']);
  });

  it.each(["I'll be there on the 28th if my boss agrees.", 'Je confirme, vous pouvez compter sur moi pour la démo mais pas pour les questions.', 'Je serai là le 28 janvier, mais je devrai partir tôt.'])('speaker, a message: %j', (text) => {
    expect(verbs(text, speaker)).toEqual([]);
  });
});

describe('a closing « à très bientôt » after a confirmation (audit AB1 53: relayed unconfirmed)', () => {
  it.each(['Je confirme ma présence, à très bientôt !', 'Je confirme, à très vite !', 'Confirmed, see you very soon!'])('speaker: %s → confirm', (text) => {
    expect(verbs(text, speaker)).toEqual(['confirm']);
  });
});

describe('the format switched to in the writer’s words (audit AB1 35: « Passer en lightning talk » relayed, the format left)', () => {
  it.each([
    ['Passer en lightning talk', 'lightning'],
    ['passer en format éclair', 'lightning'],
    ['Switch to a lightning talk please.', 'lightning'],
    ['Make it a full talk.', 'talk'],
    ['On le passe en talk complet, le sujet le mérite.', 'talk'],
  ])('organizer: %s → %s', (text, verb) => {
    expect(verbs(text, organizer)).toEqual([verb]);
  });

  it.each(['Passer en lightning talk, ce serait peut-être mieux ?', 'Switch to a lightning talk if the speaker agrees.'])('organizer, undecided: %s', (text) => {
    expect(verbs(text, organizer)).toEqual([]);
  });

  it('speaker: « Passer en lightning talk » is his wish, a message', () => {
    expect(verbs('Passer en lightning talk', speaker)).toEqual([]);
  });
});

describe('« Question pour l’orateur : » over the question (audit AB1 40: the speaker was sent « pour l’orateur : »)', () => {
  it.each([
    ["Question pour l'orateur :\nPeux-tu faire une version de 20 minutes ?\n\nDim", 'Peux-tu faire une version de 20 minutes ?'],
    ['Ask the speaker:\nCould you send the slides before the 20th?', 'Could you send the slides before the 20th?'],
    ["Question pour l'orateur : peux-tu venir avec un collègue ?", 'peux-tu venir avec un collègue ?'],
  ])('organizer: %j → ask %j', (text, question) => {
    const c = readCommands(text, organizer).commands;
    expect(c.map((x) => [x.verb, x.text, x.problem])).toEqual([['ask', question, null]]);
  });

  it("organizer: « Question pour l'orateur : » with nothing under it asks nothing", () => {
    const c = readCommands("Question pour l'orateur :\n\nDim", organizer).commands;
    expect(c.map((x) => [x.verb, x.problem])).toEqual([['ask', 'text-missing']]);
  });
});

describe('a speaker who cannot come, then his withdrawal (audit AB1 56, AB2 04, 29: relayed, the talk left in)', () => {
  it.each([
    ['Malheureusement je ne pourrai pas venir le 28, je dois me retirer.', 'je ne pourrai pas venir le 28'],
    ["I'm sorry, I won't be able to make it after all. Please withdraw my talk.", "I won't be able to make it after all"],
    ['Désolé mais je ne pourrai pas venir, je retire ma proposition.', 'je ne pourrai pas venir'],
    ["I can't make it that evening, I have to withdraw.", "I can't make it that evening"],
  ])('speaker: %s → withdraw, why for the organizers', (text, why) => {
    const c = readCommands(text, speaker).commands;
    expect(c.map((x) => [x.verb, x.text, x.line])).toEqual([['withdraw', why, text]]);
  });

  it.each([
    'Je ne pourrai pas venir le 28, pouvez-vous me programmer en février ?',
    'Je ne pourrai pas venir le 28, je confirme pour le 11.',
    'Je ne pourrai pas venir, je retire ma proposition si vous ne trouvez pas de date.',
    "I won't be able to make it, should I withdraw?",
  ])('speaker, a message: %s', (text) => {
    expect(verbs(text, speaker)).toEqual([]);
  });

  it('organizer: the same words are no withdrawal of his', () => {
    expect(verbs('Je ne pourrai pas venir le 28, je dois me retirer.', organizer)).toEqual([]);
  });
});

describe('« I’m afraid », "count me in" before the verb, an apology for the trouble after it (audit AB2 28, 02)', () => {
  it.each([
    ["Hi, I'm afraid I have to withdraw, sorry for the late notice.", 'withdraw'],
    ["I'm afraid I have to withdraw.", 'withdraw'],
    ['Je me retire, désolé pour le dérangement.', 'withdraw'],
    ['Je retire ma proposition, navré pour le contretemps.', 'withdraw'],
    ['Yes, count me in — confirmed.', 'confirm'],
    ['Count me in, I confirm!', 'confirm'],
  ])('speaker: %s → %s', (text, verb) => {
    const c = readCommands(text, speaker).commands;
    expect(c.map((x) => [x.verb, x.text])).toEqual([[verb, null]]);
  });

  it.each(["I'm afraid I have to withdraw the part about Citus.", 'I have to withdraw the live demo, it is too risky.', 'Je dois retirer la partie sur Citus.', "I need to withdraw l'exemple sur Citus.", 'Count me in for the drinks after — confirmed?'])('speaker, a message: %s', (text) => {
    expect(verbs(text, speaker)).toEqual([]);
  });

  it.each(['I have to withdraw the talk, sorry.', 'I have to withdraw this proposal.', 'I have to withdraw, my company will not let me travel.'])('speaker, the talk itself: %s → withdraw', (text) => {
    expect(verbs(text, speaker)).toEqual(['withdraw']);
  });
});
