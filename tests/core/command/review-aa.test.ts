/**
 * Review of audit AA's grammar changes (99d22fc): what they read as a decision or a correction that is not one, and a
 * date reading that grew quadratic on a long line. Each row failed before its fix; the audit's own rows are
 * tests/core/command/audit-aa.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { commandReaders } from './read.ts';
import { readCommands } from '../../../src/core/command/read.ts';
import { readDate, type DateReference } from '../../../src/core/command/dates.ts';
import { growth, LINEAR } from '../../support/growth.ts';

const { organizer, speaker, verbs } = commandReaders('2026-12-03T07:00:00Z');
const title = (text: string) => readCommands(text, speaker).corrections.title;

describe('« …le titre, c’est « … » » where the title is not what « c’est » stands for', () => {
  it.each([
    'Ce qui me gêne dans le titre, c’est « sans douleur ».',
    'Le problème avec le titre, c\'est « sans douleur » : trop racoleur.',
    'Le mot important dans le titre, c\'est « douleur ».',
    'Bonjour,\n\nLa seule chose que je changerais dans le titre, c\'est "BRIN".\n\nJean',
  ])('speaker, no correction: %s', (text) => {
    expect(title(text)).toBeUndefined();
  });

  it.each([
    ['Petite correction : le titre, c\'est « Vacuum, ce mal-aimé ».', 'Vacuum, ce mal-aimé'],
    ['Oups, le titre c\'est « Index BRIN en pratique ».', 'Index BRIN en pratique'],
    ["J'ai fait une erreur dans le titre, c'est « Partitionner sans douleur ».", 'Partitionner sans douleur'],
    ['Bonjour,\n\nLe bon titre, c\'est « Vacuum en profondeur ».\n\nMerci', 'Vacuum en profondeur'],
    ['Le nouveau titre est « Vacuum en profondeur ».', 'Vacuum en profondeur'],
  ])('guard, speaker: %s → %s', (text, expected) => {
    expect(title(text)).toBe(expected);
  });
});

describe('« mais » / "but" before a format weighed in the conditional: no choice of format', () => {
  it.each([
    'Accepter. Mais en lightning talk, ce serait trop court.',
    'On accepte, mais en lightning talk : le talk complet serait mieux.',
    'Accept, but as a lightning talk: it would lose the demo.',
    'Accepter, plutôt en lightning : ce serait dommage pour la démo.',
  ])('organizer: %s → nothing', (text) => {
    expect(verbs(text)).toEqual([]);
  });

  it.each([
    ["On accepte, mais en lightning talk : 30 minutes c'est trop long pour ce sujet.", ['accept', 'lightning']],
    ['Accepté, mais en lightning talk : dommage pour le talk complet.', ['accept', 'lightning']],
    ['Accepter en lightning talk : ce serait parfait.', ['accept', 'lightning']],
  ])('guard, organizer: %s → %j', (text, expected) => {
    expect(verbs(text)).toEqual(expected);
  });
});

describe('a decision named to argue against it, or hedged with « je crois »: nothing decided', () => {
  it.each([
    'Mise en attente : je suis contre.',
    'Mis sur liste d\'attente : moi, je ne suis pas pour.',
    'Accepter : je ne suis pas convaincu.',
    'Accept: I disagree with Bob, the abstract is too vague.',
    'Mise en attente, je crois.',
    'Accept, I believe.',
  ])('organizer: %s → nothing', (text) => {
    expect(verbs(text)).toEqual([]);
  });

  it.each([
    ['Mise en attente : le programme de janvier est complet.', ['waitlist']],
    ['Accepter : très bon sujet, je suis pour.', ['accept']],
    ['Refuser : je suis contre, trop commercial.', ['decline']],
  ])('guard, organizer: %s → %j', (text, expected) => {
    expect(verbs(text)).toEqual(expected);
  });
});

describe("an event's number, then punctuation: read in linear time", () => {
  it('a 60,000-character date phrase of punctuation is read (unreadable) in linear time (4 s before)', async () => {
    const ref: DateReference = { now: organizer.now, timeZone: 'Europe/Paris', locale: 'fr' };
    const phrase = (m: number) => `le 3${' .'.repeat(7_500 * m)}x`;
    expect(await growth(phrase, (p) => readDate(p, ref))).toBeLessThan(LINEAR);
    const r = readDate(phrase(4), ref);
    expect(r.eventId).toBeUndefined();
    expect(readDate("l'événement 3, merci.", ref).eventId).toBe(3);
  });
});
