/**
 * Audit AA (held-out replies by email, scored end to end by tests/e2e/audit-x/harness.test.ts, AUDIT_X_BATCH=batchAA1…):
 * the reader's side of what it found, line by line — and of the shapes near them that must still act on nothing.
 */
import { describe, expect, it } from 'vitest';
import { commandReaders } from './read.ts';
import { readCommands } from '../../../src/core/command/read.ts';

const { organizer, speaker, verbs } = commandReaders('2026-12-03T07:00:00Z');

describe('the waiting list said by its noun or participle (audit AA 08: « mise en liste d’attente svp » relayed, nothing decided)', () => {
  it.each(["mise en liste d'attente svp", 'Mise en attente.', "Mis sur liste d'attente, merci !", "Mise en liste d'attente pour l'instant."])('organizer: %s → waitlist', (text) => {
    expect(verbs(text, organizer)).toEqual(['waitlist']);
  });

  it.each(["mise en attente du dossier jusqu'à jeudi", 'Mise en attente ?', 'Mis en attente par Lucie hier.', "Mise en liste d'attente si le programme est plein."])('organizer, prose: %s', (text) => {
    expect(verbs(text, organizer)).toEqual([]);
  });
});

describe('an event named by its number, then a please (audit AA 14: « Programmer à l’événement 3, merci. » refused as an unreadable date)', () => {
  it.each(["Programmer à l'événement 3, merci.", 'programmer événement 3 svp', 'Schedule for event 3, thanks.', 'programmer event #3 please'])('organizer: %s → event 3', (text) => {
    const c = readCommands(text, organizer).commands;
    expect(c.map((x) => [x.verb, x.eventId, x.problem])).toEqual([['schedule', 3, null]]);
  });

  it.each(["Programmer à l'événement 3 peut-être, merci.", 'programmer événement 3 si possible'])('organizer, undecided: %s', (text) => {
    expect(verbs(text, organizer)).toEqual([]);
  });
});

describe('an acceptance « mais » in another format (audit AA 21: « On accepte, mais en lightning talk : … » decided nothing)', () => {
  it.each([
    ["On accepte, mais en lightning talk : 30 minutes c'est trop long pour ce sujet.", ['accept', 'lightning']],
    ['Accept, but as a lightning talk.', ['accept', 'lightning']],
    ['Accepter, plutôt en lightning.', ['accept', 'lightning']],
    ['Accepté, mais en talk complet : le sujet le mérite.', ['accept', 'talk']],
  ])('organizer: %s → %j', (text, expected) => {
    expect(verbs(text, organizer)).toEqual(expected);
  });

  it.each([
    "On accepte, mais en lightning talk si l'orateur est d'accord.",
    'Accepter, mais en lightning ?',
    'On accepte, mais en lightning je ne sais pas.',
    "Accept, but as a lightning talk, pending Bob's review.",
    'Accepter, mais il faut voir avec Claire.',
  ])('organizer, undecided: %s', (text) => {
    expect(verbs(text, organizer)).toEqual([]);
  });
});

describe('an assent closed by a dash (audit AA 23: "Sounds great — accept." relayed, nothing decided)', () => {
  it.each([
    ['Sounds great — accept.', ['accept']],
    ['Sounds good - accepted, thanks!', ['accept']],
    ['Oui — refuser : hors sujet', ['decline']],
    ['Great news – I confirm.', ['confirm']],
  ])('%s → %j', (text, expected) => {
    expect(verbs(text, expected[0] === 'confirm' ? speaker : organizer)).toEqual(expected);
  });

  it.each(['Sounds great — accept if Lucie agrees.', "Sounds great — I'll check the slides.", 'Sounds great, accept?', 'Sounds fine.', 'Oui — accepter ou refuser, à voir jeudi.'])('organizer, prose: %s', (text) => {
    expect(verbs(text, organizer)).toEqual([]);
  });
});

describe('a title corrected as « le titre, c’est « … » » (audit AA 39: « Je me suis trompé dans le titre, c’est « Partitionner sans douleur ». » relayed)', () => {
  const title = (text: string) => readCommands(text, speaker).corrections.title;

  it.each([
    ['Bonjour,\n\nJe me suis trompé dans le titre, c\'est « Partitionner sans douleur ».\n\nJean', 'Partitionner sans douleur'],
    ['Le titre, c’est plutôt « Vacuum en profondeur ».', 'Vacuum en profondeur'],
    ['Pour le bon titre c\'est "Index BRIN en pratique", merci.', 'Index BRIN en pratique'],
  ])('speaker: %s → %s', (text, expected) => {
    expect(title(text)).toBe(expected);
  });

  it.each([
    "Dans le titre, c'est « PostgreSQL » qu'il faut écrire avec une majuscule.",
    'Le titre, c\'est « Vacuum » dans l\'annonce mais il devrait être « Vacuum, ce mal-aimé ».',
    'Le titre, c\'est « Vacuum » ?',
    'Pour le titre, c\'est « Vacuum en profondeur » si ça vous va.',
  ])('speaker, no correction: %s', (text) => {
    expect(title(text)).toBeUndefined();
  });
});
