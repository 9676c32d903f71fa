/**
 * Audit X (held-out replies by email, scored end to end by tests/e2e/audit-x/harness.test.ts): the reader's side of
 * what it found, line by line — and of the shapes near them, so that the fixes are the grammar's, not one message's.
 */
import { describe, expect, it } from 'vitest';
import { commandReaders } from './read.ts';
import { readCommands } from '../../../src/core/command/read.ts';
import { summary } from './summary.ts';

const { organizer, speaker, verbs } = commandReaders('2026-12-02T23:00:00Z');

describe('the writer’s own yes before the verb, several in a row (audit X 74: « Oui, c’est bon pour moi, je confirme ma venue. » relayed unconfirmed)', () => {
  it.each([
    "Oui, c'est bon pour moi, je confirme ma venue.",
    'Oui, ça me va, je confirme.',
    "C'est bon pour moi, je confirme.",
    "Parfait, c'est tout bon, je confirme ma participation.",
    'Pas de souci, je confirme.',
    'Yes, that works for me, I confirm.',
    'Works for me, confirmed!',
    'All good, I confirm.',
    'No problem, I confirm my talk.',
    'Oui oui je confirme',
  ])('speaker: %s → confirm', (text) => {
    expect(verbs(text, speaker)).toEqual(['confirm']);
  });

  it.each([
    ["C'est bon pour moi, accepté.", 'accept'],
    ['Ça me va, accepté.', 'accept'],
    ['Pas de souci, refuser : hors sujet', 'decline'],
    ["Oui, c'est bon pour moi, accepter.", 'accept'],
  ])('organizer: %s → %s', (text, verb) => {
    expect(readCommands(text, organizer).commands.map(summary)[0]).toMatch(new RegExp(`^${verb}`));
  });

  it.each([
    "C'est bon pour moi si Bob est d'accord.",
    'Ça me va, mais on en reparle jeudi.',
    'Pas de souci, je regarde ce soir.',
    "All good, I'll check the slides tonight.",
    "Works for me, but let's wait for Bob.",
  ])('organizer, still prose: %s', (text) => {
    expect(verbs(text, organizer)).toEqual([]);
  });

  it.each(["C'est bon pour moi, je confirme si mon employeur est d'accord.", 'Ça me va, je confirme ?', 'Pas de souci, je retire la démo live.'])('speaker, still a message: %s', (text) => {
    expect(verbs(text, speaker)).toEqual([]);
  });
});

describe('a greeting on the verb’s own line (« Bonjour, je confirme. » from a phone)', () => {
  it.each([
    ['Bonjour, je confirme.', 'confirm', speaker],
    ['Hello, confirmed!', 'confirm', speaker],
    ['Bonjour Dimitri, je confirme ma participation.\n\nJean', 'confirm', speaker],
    ['Bonjour, accepter.', 'accept', organizer],
    ['Hi all, accepted.', 'accept', organizer],
    ['Salut, refuser : hors sujet', 'decline', organizer],
    ['Bonjour à tous, attente', 'waitlist', organizer],
  ])('%s → %s', (text, verb, o) => {
    expect(verbs(text, o)).toEqual([verb]);
  });

  it('the reason after a greeted decline reaches the speaker whole', () => {
    expect(readCommands('Salut, refuser : hors sujet', organizer).commands[0]!.text).toBe('hors sujet');
  });

  it.each([
    ["Bonjour, je ne peux pas accepter en l'état.", organizer],
    ['Hi all, should we accept this one?', organizer],
    ['Salut Lucie, tu peux regarder ? Je penche pour accepter.', organizer],
    ['Bonjour, accepter ?', organizer],
    ['Hi, I accept your invitation to the dinner.', organizer],
    ["Bonjour, je ne peux pas confirmer pour l'instant.", speaker],
    ['Hello, can I confirm later?', speaker],
    ['Bonjour, je retire la partie sur Citus.', speaker],
  ])('still prose: %s', (text, o) => {
    expect(verbs(text, o)).toEqual([]);
  });
});

describe('a decision said with what it decides, or in the first person (« Accepter la proposition », "Accept this talk", "I accept")', () => {
  it.each([
    ['Accepter la proposition', 'accept'],
    ['Accepter cette proposition.', 'accept'],
    ['Accept this proposal', 'accept'],
    ['Accept the talk, thanks!', 'accept'],
    ['I accept.', 'accept'],
    ['Valider cette proposition', 'accept'],
    ['Refuser cette proposition : trop commercial', 'decline'],
    ['Decline this one - off-topic', 'decline'],
    ['I decline.', 'decline'],
    ['Décliner', 'decline'],
    ["Mettre sur liste d'attente", 'waitlist'],
    ['Put on the waiting list', 'waitlist'],
  ])('%s → %s', (text, verb) => {
    expect(verbs(text, organizer)).toEqual([verb]);
  });

  it('« Refuser cette proposition : trop commercial »: the reason is what follows the colon', () => {
    expect(readCommands('Refuser cette proposition : trop commercial', organizer).commands[0]!.text).toBe('trop commercial');
  });

  it('« Accepter la proposition P-0012 » names P-0012', () => {
    expect(readCommands('Accepter la proposition P-0012', organizer).commands.map(summary)).toEqual(['accept P-0012']);
  });

  it.each([
    'Accepter la proposition serait dommage, trop commercial.',
    'Accept this one? Not sure.',
    'Refuser ce talk serait une erreur.',
    'Décliner ? Je ne sais pas.',
    'I accept that we need more time.',
    'Put on the waiting list? Maybe.',
  ])('still prose: %s', (text) => {
    expect(verbs(text, organizer)).toEqual([]);
  });
});

describe('an exclamation mark separates a remark after the verb as a full stop does (« Accepter ! Super sujet. »)', () => {
  it.each([
    ['Accepter ! Super sujet.', 'accept'],
    ['Accept! Great topic.', 'accept'],
    ['Attente ! On verra en janvier.', 'waitlist'],
  ])('%s → %s', (text, verb) => {
    expect(verbs(text, organizer)).toEqual([verb]);
  });

  it('a decline’s reason after « ! » reaches the speaker', () => {
    expect(readCommands('Refuser ! Hors sujet pour le groupe.', organizer).commands[0]!.text).toBe('Hors sujet pour le groupe.');
  });

  it.each(['Accepter ! Mais seulement si la démo tient en 20 minutes.', 'Accepter ! Tu es sûr ?'])('still no decision: %s', (text) => {
    expect(verbs(text, organizer)).toEqual([]);
  });
});

describe('batch 2 of audit X: the first person with its object, an apology before the verb, thanks for the news after it', () => {
  it.each([
    ['Bonsoir, on valide cette proposition.', 'accept'],
    ['We accept this talk.', 'accept'],
    ['Nous validons celle-ci.', 'accept'],
    ['Je refuse cette proposition : hors sujet', 'decline'],
  ])('organizer: %s → %s', (text, verb) => {
    expect(verbs(text, organizer)).toEqual([verb]);
  });

  it('« Je refuse cette proposition : hors sujet »: the reason without its object', () => {
    expect(readCommands('Je refuse cette proposition : hors sujet', organizer).commands[0]!.text).toBe('hors sujet');
  });

  it.each([
    ['Hello, sorry but I have to withdraw my talk.', 'withdraw'],
    ['Désolé, je retire ma proposition.', 'withdraw'],
    ['Désolée mais je dois annuler ma participation.', 'withdraw'],
    ["Oui, je confirme ! Merci pour l'acceptation.", 'confirm'],
    ['Confirmed, thanks for accepting my talk!', 'confirm'],
    ['Je confirme, merci pour la bonne nouvelle.', 'confirm'],
  ])('speaker: %s → %s', (text, verb) => {
    expect(verbs(text, speaker)).toEqual([verb]);
  });

  it.each(["Sorry, I can't confirm yet.", 'Sorry, can I withdraw later?', 'Désolé, je ne peux pas confirmer.', 'Je confirme, merci pour le café.'])('speaker, still a message: %s', (text) => {
    expect(verbs(text, speaker)).toEqual([]);
  });

  it.each(['Désolé, refuser.', 'Sorry, but we decline this one.'])('an organizer’s apology before a decision is still prose: %s', (text) => {
    expect(verbs(text, organizer)).toEqual([]);
  });
});

describe('batch 3 of audit X: "we approve", « c’est parfait », "Good morning," before the verb', () => {
  it.each([
    ['Hi Lucie, we approve this submission.', 'accept', organizer],
    ['We approve.', 'accept', organizer],
    ['Good morning, waitlist for now.', 'waitlist', organizer],
    ['Good afternoon all, decline: off-topic', 'decline', organizer],
    ["C'est parfait pour moi, accepter.", 'accept', organizer],
    ['Nickel, accepté.', 'accept', organizer],
    ["C'est parfait, je confirme ma venue le 28 janvier.", 'confirm', speaker],
    ["C'est nickel, je confirme.", 'confirm', speaker],
    ['Morning! Confirmed.', 'confirm', speaker],
  ])('%s → %s', (text, verb, o) => {
    expect(verbs(text, o)).toEqual([verb]);
  });

  it.each([
    ['Good morning, should we accept this?', organizer],
    ["C'est parfait si Bob est d'accord.", organizer],
    ['We approve of the venue change.', organizer],
    ["C'est parfait, je confirme si je trouve un train ?", speaker],
  ])('still prose: %s', (text, o) => {
    expect(verbs(text, o)).toEqual([]);
  });
});
