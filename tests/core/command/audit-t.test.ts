/**
 * Audit T (replies by email written as real clients send them; end to end in tests/e2e/commands-audit-t.test.ts): the
 * reader's side of what it found, line by line.
 */
import { describe, expect, it } from 'vitest';
import { readCommands } from '../../../src/core/command/read.ts';
import type { ReadOptions } from '../../../src/core/command/types.ts';
import { summary } from './summary.ts';

const organizer: ReadOptions = { now: new Date('2026-12-01T10:00:00Z'), timeZone: 'Europe/Paris', locale: 'fr', role: 'organizer' };
const speaker: ReadOptions = { ...organizer, role: 'speaker' };
const read = (text: string, o = speaker) => readCommands(text, o);

describe('« avec plaisir » after a verb is courtesy (audit T 42)', () => {
  it.each([
    ['Oui je confirme, avec plaisir !\n\nEnvoyé de mon iPhone', 'confirm'],
    ['Je confirme avec plaisir.', 'confirm'],
    ['Je confirme, avec grand plaisir', 'confirm'],
    ['Confirmed, with pleasure!', 'confirm'],
    ['Je confirme, volontiers !', 'confirm'],
  ])('%s', (text, verb) => {
    const r = read(text);
    expect(r.commands.map(summary)).toEqual([verb]);
    expect(r.comment).toBe('');
  });

  it('an organizer’s « Accepter avec plaisir »: accepted', () => {
    expect(read('Accepter avec plaisir', organizer).commands.map(summary)).toEqual(['accept']);
  });

  it('a condition after it still confirms nothing', () => {
    expect(read('Je confirme, avec plaisir si le train circule').commands).toEqual([]);
  });
});

describe('a regret or an obligation between the wish and a speaker’s verb (audit T 43)', () => {
  it.each([
    'Je dois malheureusement retirer ma proposition, mon employeur ne me libère pas ce jour-là.',
    'Je vais malheureusement devoir retirer ma proposition.',
    'Je vais devoir retirer ma proposition.',
    'Nous devons hélas retirer notre proposition.',
    'Je dois, hélas, retirer ma proposition.',
    'Je suis au regret de retirer ma proposition.',
    'I unfortunately have to withdraw my proposal.',
    "I'm afraid I have to withdraw my proposal.",
  ])('%s: withdrawn', (text) => {
    expect(read(text).commands.map((c) => c.verb)).toEqual(['withdraw']);
  });

  it('the reason after it goes to the organizers; "I have to withdraw my proposal." quotes no « my proposal. »', () => {
    expect(read('Je dois malheureusement retirer ma proposition, mon employeur ne me libère pas ce jour-là.').comment).toBe('mon employeur ne me libère pas ce jour-là.');
    expect(read('I have to withdraw my proposal.')).toMatchObject({ comment: '' });
  });

  it.each(['Je dois donc retirer la partie sur Citus.', 'Je dois malheureusement confirmer ma participation avec mon employeur.', 'Je dois, hélas, retirer ma proposition ?'])('still a message: %s', (text) => {
    expect(read(text).commands).toEqual([]);
  });

  it('« Je voudrais donc confirmer ma participation. »: confirmed', () => {
    expect(read('Je voudrais donc confirmer ma participation.').commands.map((c) => c.verb)).toEqual(['confirm']);
  });
});

describe('what follows a verb in parentheses reads as after a comma (audit T 56)', () => {
  const org = (text: string) => read(text, organizer);
  it('« Accepter (très bon sujet pour les débutants) »: accepted, the remark is the comment', () => {
    expect(org('Accepter (très bon sujet pour les débutants)')).toMatchObject({ comment: 'très bon sujet pour les débutants' });
    expect(org('Accepter (très bon sujet pour les débutants)').commands.map(summary)).toEqual(['accept']);
  });
  it('« Refuser (hors sujet) »: the reason without its parentheses', () => {
    expect(org('Refuser (hors sujet)').commands.map(summary)).toEqual(['decline «hors sujet»']);
  });
  it('courtesy and a qualifier in parentheses too; a ref in them as before', () => {
    expect(org('Accepter (merci !)').commands.map(summary)).toEqual(['accept']);
    expect(org("En attente (pour l'instant)").commands.map(summary)).toEqual(['waitlist']);
    expect(org('accepter (P-12)').commands.map(summary)).toEqual(['accept P-0012']);
  });
  it.each(["accepter (sous réserve de l'avis de Claire)", 'accepter (à voir avec Claire ?)', 'Accepter (ou attente ?)'])('a condition, a doubt, another decision: nothing acts: %s', (text) => {
    expect(org(text).commands).toEqual([]);
  });
});

describe('an organizer’s assent before a decision said by its verb decides, as « OK, accepté » does (audit T 58)', () => {
  const org = (text: string) => read(text, organizer);
  it.each([
    ['Oui, accepter', 'accept'],
    ['Oui accepter', 'accept'],
    ["D'accord, refuser : hors sujet", 'decline «hors sujet»'],
    ['Yes, accept', 'accept'],
    ['Oui, programmer le 12/03', 'schedule 2027-03-12'],
  ])('%s', (text, command) => {
    expect(org(text).commands.map(summary)).toEqual([command]);
  });
  it.each(['Oui, ok', 'Noté, accepter', 'Entendu, accepter', "Oui, accepter si Claire est d'accord", 'Oui, refuser serait dommage', 'Oui, accepter ? je ne sais pas', 'Oui, note ça', 'Oui, statut'])('still prose: %s', (text) => {
    expect(org(text).commands).toEqual([]);
  });
});

describe('review: a decline whose reason is the writer still deciding mails no one (f1510ce, 6431914, faebd42)', () => {
  const org = (text: string) => read(text, organizer);
  it.each([
    // a yes before it, then a condition, a reservation or a sentence about declining (f1510ce made these act)
    "D'accord, refuser, sauf si Bob y tient",
    'Yes, decline, unless Bob objects',
    "Oui, refuser, mais j'attends l'avis de Bob",
    'Oui, refuser : hors sujet, sauf avis contraire',
    'Oui, refuser ce talk serait dommage',
    'Oui, refuser maintenant serait prématuré',
    // in parentheses: « another decision, a condition » held for accept only (6431914)
    'Refuser (ou attente)',
    'Refuser (sauf si Bob y tient)',
    'Refuser (à confirmer)',
    // the same without a yes
    'Refuser, sauf avis contraire',
    'Decline, if nobody objects',
    // a wrapped reason whose tail, joined after a comma (faebd42), says the decision waits
    'refuser : le sujet est trop proche de la présentation de Lucie en janvier,\non en reparle jeudi',
    "refuser : le sujet est trop proche de la présentation de Lucie en janvier,\nnous attendons l'avis de Claire",
    'Refuser :\n\nhors sujet, sauf si Bob y tient',
  ])('%j: nothing acts', (text) => {
    expect(org(text).commands).toEqual([]);
  });
  it.each([
    ["D'accord, refuser : hors sujet", 'decline «hors sujet»'],
    ['Refuser (hors sujet)', 'decline «hors sujet»'],
    ['refuser : trop proche, déjà vu en mars', 'decline «trop proche, déjà vu en mars»'],
    ['refuser : pas assez technique', 'decline «pas assez technique»'],
    ['refuser : on préfère attendre la rentrée', 'decline «on préfère attendre la rentrée»'],
    ['Refuser : finalement non', 'decline «finalement non»'],
  ])('%j: still declined', (text, command) => {
    expect(org(text).commands.map(summary)).toEqual([command]);
  });
});
