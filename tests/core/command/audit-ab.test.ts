/**
 * Audit AB (held-out replies by email, scored end to end by tests/e2e/audit-x/harness.test.ts, AUDIT_X_BATCH=batchAB1…):
 * speakers' confirmations and withdrawals in their own words, organizers' other verbs — the reader's side of what it
 * found, line by line, and of the shapes near them that must still act on nothing.
 */
import { describe, expect, it } from 'vitest';
import { readCommands } from '../../../src/core/command/read.ts';
import type { ReadOptions } from '../../../src/core/command/types.ts';

const organizer: ReadOptions = { now: new Date('2026-12-03T07:00:00Z'), timeZone: 'Europe/Paris', locale: 'fr', role: 'organizer' };
const speaker: ReadOptions = { ...organizer, role: 'speaker' };
const verbs = (text: string, o: ReadOptions) => readCommands(text, o).commands.map((c) => c.verb);

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
