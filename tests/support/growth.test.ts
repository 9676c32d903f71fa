/**
 * The growth check tells the three shapes apart — else every "linear time" test built on it could not fail.
 * The quadratic case is the shape of the defects those tests were written for: a look-ahead or a re-read running to
 * the end of the text once per match (speakers.ts fieldSpeakers, duration.ts softWrapsJoined, readOne afterUnable).
 */
import { describe, expect, it } from 'vitest';
import { BOUNDED, BOUNDED_FACTOR, growth, LINEAR } from './growth.ts';

// Each comma reads the rest of the list again, as fieldSpeakers did before its fix.
function rereadsTheRest(text: string): number {
  let found = 0;
  for (let i = text.indexOf(','); i !== -1; i = text.indexOf(',', i + 1)) if (/^[^@]*$/.test(text.slice(i + 1))) found++;
  return found;
}
const once = (text: string): number => text.split(',').length;
const head = (text: string): number => text.slice(0, 1000).split(',').length;
const list = (m: number): string => 'Julie Caron, '.repeat(1500 * m);

describe('growth: a cost ratio between an input and one four times longer', () => {
  it('quadratic work is read as such', async () => {
    expect(await growth(list, rereadsTheRest)).toBeGreaterThan(LINEAR);
  });
  it('linear work is below the linear bound, and above the bounded one at the bounded check\'s factor', async () => {
    expect(await growth(list, once)).toBeLessThan(LINEAR);
    expect(await growth(list, once, BOUNDED_FACTOR)).toBeGreaterThan(BOUNDED);
  });
  it('work on a bounded slice stays below the bounded bound', async () => {
    expect(await growth(list, head, BOUNDED_FACTOR)).toBeLessThan(BOUNDED);
  });
  it('an asynchronous run is awaited, and its input built outside the timing', async () => {
    expect(await growth(async (m) => list(m), async (t) => once(t))).toBeLessThan(LINEAR);
    expect(await growth(async (m) => list(m), async (t) => once(t), BOUNDED_FACTOR)).toBeGreaterThan(BOUNDED);
  });
});
