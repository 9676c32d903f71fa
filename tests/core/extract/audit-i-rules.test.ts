/**
 * Held-out audit i: proposals as mail clients send them (Gmail's hard wrap, emoji subjects, "50M rows" in an
 * abstract, an assistant writing for her director). Each case is written anew, not copied from the audit's messages.
 */
import { describe, expect, it } from 'vitest';
import { durationFromProse } from '../../../src/core/extract/duration.ts';

describe('a duration in a sentence the client hard-wrapped', () => {
  it.each([
    ['Je me propose pour parler du vacuum et de ses réglages : « Le vacuum sans peur », 25 minutes\nenviron. Voilà.', 25],
    ['I am happy to talk about vacuum tuning and bloat, "Vacuum without fear", 25 minutes\nor so, questions included.', 25],
  ])('%s', (text, minutes) => {
    expect(durationFromProse([text])?.minutes).toBe(minutes);
  });

  it('a short line (a label) does not lend its words to the next line', () => {
    expect(durationFromProse(['Format : talk\nLa requête de vacuum prenait 40 minutes chaque nuit.'])).toBeNull();
  });
});
