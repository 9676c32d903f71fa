/**
 * A body of thousands of durations on one line (a pasted timetable, a hostile mail) extracts in linear time: the
 * soft-wrap joining (duration.ts softWrapsJoined) ran a lookbehind over each position's whole line, once per duration
 * found — 800 « 1h30 » took 16 s, 3,000 « 1h30 » nearly four minutes of a worker's CPU.
 */
import { describe, expect, it } from 'vitest';
import { durationFromProse } from '../../../src/core/extract/duration.ts';
import { proposalReader } from './read.ts';
import { growth, LINEAR } from '../../support/growth.ts';

const read = proposalReader(['minutes']);

describe('thousands of durations on one line', () => {
  it.each([
    ['1h30 ', 90],
    ['45 min ', 45],
    ['Je peux faire 20 minutes. ', 20],
  ])('3,000 × %j', async (piece, minutes) => {
    // no cue before them: every one of them is weighed (a cue would end the search at the first)
    const text = (m: number) => piece.repeat(750 * m);
    expect(durationFromProse([text(4)])?.minutes).toBe(minutes);
    // minutes before (800 of them: 24–49 s), a fraction of a second now
    expect(await growth(text, (t) => durationFromProse([t]))).toBeLessThan(LINEAR);
  });

  it('a whole proposal with 3,000 of them on one line', async () => {
    const body = (m: number) => `Bonjour,\n\nJe propose un talk : « Partitionnement ».\n\n${'1h30 '.repeat(750 * m)}\n\nJean\n`;
    const proposal = (b: string) => read('Jean Dupont <jean@example.fr>', 'Proposition de talk', b);
    expect((await proposal(body(4))).minutes).toBeGreaterThan(0);
    expect(await growth(body, proposal)).toBeLessThan(LINEAR);
  }, 60_000);
});
