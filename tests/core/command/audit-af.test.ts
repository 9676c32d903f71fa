/**
 * Audit AF (held-out replies by email, scored end to end by tests/e2e/audit-x/harness.test.ts, AUDIT_X_BATCH=batchAF1…),
 * and what audit AE left (its AE2 rows 11, 15, 22): the reader's side of what they found, and the shapes near them that must
 * still decide nothing.
 */
import { describe, expect, it } from 'vitest';
import { commandReaders } from './read.ts';
import { readCommands } from '../../../src/core/command/read.ts';

const { organizer, speaker, verbs, read } = commandReaders('2026-12-03T07:00:00Z');

describe('« +1 » before a decision is the writer’s vote (audit AE2 11: « +1 pour Lucie, accepter. » relayed, nothing decided)', () => {
  it.each([
    ['+1 pour Lucie, accepter.', ['accept']],
    ['+1, accepter', ['accept']],
    ['+1 — refuser : hors sujet', ['decline']],
    ['+1 pour moi, refuser : trop commercial', ['decline']],
    ['+1 for Bob, accept', ['accept']],
    ['+1 avec Lucie. Liste d’attente.', ['waitlist']],
  ])('organizer: %j → %j', (text, want) => {
    expect(verbs(text)).toEqual(want);
  });
  it('the reason after it is the speaker’s, without the vote', () => {
    expect(read('+1 pour moi, refuser : trop commercial').commands).toEqual([['decline', 'trop commercial']]);
  });
  it.each([
    // alone, or over a format or an article: the vote is prose, relayed (« +1 » answers the other organizer)
    '+1',
    '+1 pour Lucie',
    '+1 pour lightning, accepter',
    '+1 pour le lightning, accepter',
    '+1 pour ce talk, accepter',
    '+1 pour Lucie, ok',
    '+1 pour Lucie, accepter ?',
    '+1, accepter si la salle est dispo',
  ])('organizer, nothing decided: %j', (text) => {
    expect(verbs(text)).toEqual([]);
  });
  it('a speaker’s « +1, je confirme » confirms, as « Oui, je confirme »', () => {
    expect(verbs('+1, je confirme', speaker)).toEqual(['confirm']);
  });
});

describe('a month’s meetup, then thanks after a comma (audit AE2 15: "Schedule for the February meetup, thanks!" refused as unreadable)', () => {
  const month = (text: string) => readCommands(text, organizer).commands.map((c) => [c.verb, c.eventMonth ?? null, c.problem]);
  it.each([
    'Schedule for the February meetup, thanks!',
    'Schedule for the February meetup, thank you.',
    'Programmer au meetup de février, merci !',
    'Programmer à la soirée de février, merci beaucoup',
    'Programmer à la soirée de février ; svp',
    'Schedule for the February meetup please',
  ])('%j → the February meetup', (text) => {
    expect(month(text)).toEqual([['schedule', '2027-02', null]]);
  });
  it('a date with its thanks after a comma is read as before', () => {
    const c = readCommands('Programmer le 28 janvier, merci !', organizer).commands;
    expect(c.map((x) => [x.verb, x.date?.day, x.problem])).toEqual([['schedule', '2027-01-28', null]]);
  });
  it.each([
    // a month alone names no evening; a thanks does not make it one
    'Programmer en février, merci !',
    'Schedule for February, thanks!',
  ])('%j: still no evening', (text) => {
    expect(month(text).map((c) => c[1])).toEqual([null]);
  });
});

describe('« Je suis obligé d’annuler ma venue »: the obligation elided before the verb (audit AE2 22: relayed, the talk left in)', () => {
  it.each([
    'Bonjour,\nJe suis obligé d’annuler ma venue, désolé.\nJean',
    "Je suis obligée d'annuler ma participation.",
    "Je suis au regret d'annuler ma venue.",
    "Je me vois contraint d'annuler ma venue, désolé pour le dérangement.",
    'Je dois annuler ma venue.',
    'Je dois malheureusement annuler ma venue, désolé.',
  ])('speaker: %j → withdraw', (text) => {
    expect(verbs(text, speaker)).toEqual(['withdraw']);
  });
  it.each([
    // what is cancelled named otherwise, or another date offered: a message for the organizers
    "Je suis obligé d'annuler la réunion de demain.",
    "Je suis obligé d'annuler ma venue le 28, est-ce possible en février ?",
    "Je suis obligé d'annuler ma venue si le train ne circule pas.",
    "Je suis obligé d'accepter un autre engagement ce soir-là.",
  ])('speaker, nothing: %j', (text) => {
    expect(verbs(text, speaker)).toEqual([]);
  });
  it('an organizer’s « annuler ma venue » is no withdrawal', () => {
    expect(verbs('annuler ma venue')).toEqual([]);
  });
});

// Audit AF1 (47 rows written before any change for them, scored with the three fixes above: 43/47)
describe('a talk moved to another evening in the writer’s words (audit AF1 25, 26: « Reporter au meetup de février », "Reschedule for …" relayed)', () => {
  const said = (text: string) => readCommands(text, organizer).commands.map((c) => [c.verb, c.date?.day ?? c.eventMonth ?? null, c.problem]);
  it.each([
    ['Reporter au meetup de février', [['schedule', '2027-02', null]]],
    ['Reschedule for the February meetup please', [['schedule', '2027-02', null]]],
    ['On le reporte à la soirée de février.', [['schedule', '2027-02', null]]],
    ['Décaler au 11 février', [['schedule', '2027-02-11', null]]],
    ['Reprogrammer le 14 janvier svp', [['schedule', '2027-01-14', null]]],
    ['Let’s move it to January 28', [['schedule', '2027-01-28', null]]],
  ])('%j', (text, want) => {
    expect(said(text)).toEqual(want);
  });
  it.each([
    // without the date they lead to, the writer's words are prose (relayed), not a date quoted back as unreadable
    'Reporter.',
    'Reschedule',
    'Reporter ?',
    'Reporter au meetup de février ?',
    'Reporter la réunion à plus tard',
    'Décaler un peu le début, 19h c’est tôt',
    'Move it to Lucie’s list',
    'Reporter au meetup de février si Lucie est ok',
  ])('nothing: %j', (text) => {
    expect(verbs(text)).toEqual([]);
  });
  it('a speaker’s « Reporter au meetup de février ? » is his message', () => {
    expect(verbs('Reporter au meetup de février ?', speaker)).toEqual([]);
  });
  it('the grammar refuses a datedOnly word that is not one of its verb’s words', async () => {
    const { indexWords } = await import('../../../src/core/command/grammar.ts');
    const stray = [{ verb: 'schedule' as const, role: 'organizer' as const, arg: 'date' as const, words: ['programmer'], datedOnly: ['reporter'] }];
    expect(() => indexWords(stray, [])).toThrow(/"reporter" of schedule's datedOnly/);
  });
});

describe('a reply opening on a change of mind (audit AF1 24: « Finalement on le met au meetup de février. » relayed, nothing moved)', () => {
  it.each([
    ['Finalement on le met au meetup de février.', ['schedule']],
    ['Finalement, refuser : hors sujet', ['decline']],
    ['Actually, decline.', ['decline']],
    ['Tout compte fait, on la prend.', ['accept']],
    ['Bonjour,\n\nFinalement on accepte.\n\nDim', ['accept']],
  ])('organizer: %j → %j', (text, want) => {
    expect(verbs(text)).toEqual(want);
  });
  it('the reason after it is the speaker’s', () => {
    expect(read('Finalement, refuser : hors sujet').commands).toEqual([['decline', 'hors sujet']]);
  });
  it.each([
    'Finalement non',
    'Finalement non, refuser',
    'Finalement, accepter ?',
    'Finalement, accepter si Lucie est ok',
    'En fait je ne sais pas',
    'Finalement un sujet sur la réplication, accepter',
    // under a decision of the same mail it takes that one back (TAKES_BACK), as before
    'Accepter\nFinalement, refuser',
    'Refuser\n\nFinalement oui, accepter',
  ])('organizer, nothing decided: %j', (text) => {
    expect(verbs(text)).toEqual([]);
  });
});

describe('an inability, an apology closing its sentence, then the withdrawal (audit AF1 44: relayed, the talk left in)', () => {
  it.each([
    'Je ne pourrai finalement pas venir le 28, désolé. Je dois retirer ma proposition.',
    "I can't make it on the 28th, sorry. Please withdraw my talk.",
    'Je ne pourrai pas venir, vraiment désolée. Je retire ma proposition.',
  ])('speaker: %j → withdraw, the inability for the organizers', (text) => {
    const r = read(text, speaker);
    expect(r.commands.map((c) => c[0])).toEqual(['withdraw']);
    expect(r.commands[0]![1]).toMatch(/^(?:Je ne pourrai|I can't)/);
  });
  it.each([
    'Je ne pourrai pas venir le 28, désolé. Pouvez-vous me programmer en février ?',
    'Je ne pourrai pas venir, désolé. Je dois annuler la réunion de demain.',
    'Je ne pourrai pas venir le 28, désolé. Je retire ma proposition si vous ne trouvez pas d’autre date ?',
  ])('speaker, nothing: %j', (text) => {
    expect(verbs(text, speaker)).toEqual([]);
  });
});

describe('« pas de souci », "no problem", "no worries": one table for the assent before a decision and the courtesy after it', () => {
  it.each([
    ['Pas de souci, accepter', ['accept']],
    ['No problem, decline: off topic', ['decline']],
    ['No worries, accept', ['accept']],
    ['Accepté, pas de souci.', ['accept']],
    ['Accepted, no worries!', ['accept']],
  ])('organizer: %j → %j', (text, want) => {
    expect(verbs(text)).toEqual(want);
  });
  it('« Accepté, sans soucis. » relays no remark', () => {
    expect(read('Accepté, sans soucis.')).toEqual({ commands: [['accept', null]], comment: '' });
  });
  it('« pas de souci » alone is no decision', () => {
    expect(verbs('Pas de souci')).toEqual([]);
  });
});
