/**
 * Review of audit AB (69f8993, 904f6c2): replies close to its new words that must not act as they do.
 */
import { describe, expect, it } from 'vitest';
import { commandReaders } from './read.ts';
import { growth, LINEAR } from '../../support/growth.ts';

const { speaker, verbs } = commandReaders('2026-12-03T07:00:00Z');

describe('a withdrawal with another day or option offered after it asks to be moved (read-line OFFERS_INSTEAD)', () => {
  // since OUT_OF's "drop out of the meetup" (69f8993) the first two withdrew the talk; « cancel my talk » did before
  it.each([
    'I need to drop out of the meetup on the 28th, but I could do the 11th.',
    'Unfortunately, I need to drop out of the meetup lineup for the 28th but can do the 11th.',
    'I have to cancel my talk on the 28th, but I could do the 11th.',
    'Je dois me retirer du programme, mais je reste dispo pour une autre date.',
  ])('speaker, a message: %j', (text) => {
    expect(verbs(text, speaker)).toEqual([]);
  });

  it.each([
    'I need to drop out of the meetup, sorry — but I’d love to come back next year.',
    'I need to drop out of the meetup, I’m moving to Berlin.',
    'Je dois me retirer du programme, je déménage à Lyon.',
    'Malheureusement je ne pourrai pas venir le 28, je dois me retirer.',
  ])('speaker, still a withdrawal: %j', (text) => {
    expect(verbs(text, speaker)).toEqual(['withdraw']);
  });
});

describe('an inability said again and again is read once (readOne afterUnable)', () => {
  // each « Je ne pourrai pas venir, » read the rest again: 17 s at 50,000 characters before, under 0.2 s after
  it.each(['Je ne pourrai pas venir, ', "I can't come. "])('%j × 50,000 characters, then a withdrawal: read in linear time, nothing acted on', async (f) => {
    const line = (m: number) => f.repeat(Math.ceil((12_500 * m) / f.length)) + 'je dois me retirer.';
    expect(verbs(line(4), speaker)).toEqual([]);
    expect(await growth(line, (l) => verbs(l, speaker))).toBeLessThan(LINEAR);
  });
});
