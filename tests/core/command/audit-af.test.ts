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
