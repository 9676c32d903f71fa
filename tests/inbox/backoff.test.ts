/** Reconnect backoff: doubles from the initial step, stays within 50–100 % of it, never exceeds the cap. */
import { describe, expect, it } from 'vitest';
import { backoffDelay, Wake } from '../../src/adapters/inbox/wake.ts';

describe('backoffDelay', () => {
  it.each([
    // attempt, random, expected (initial 500 ms, cap 30 s)
    [0, 1, 500],
    [0, 0, 250],
    [1, 1, 1_000],
    [3, 1, 4_000],
    [6, 1, 30_000],
    [6, 0, 15_000],
    [60, 1, 30_000],
  ])('attempt %i with random %f → %i ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, 500, 30_000, () => random)).toBe(expected);
  });
});

describe('Wake', () => {
  it('remembers a notify that came while nobody waited', async () => {
    const w = new Wake();
    w.notify();
    const t0 = Date.now();
    await w.wait(5_000, new AbortController().signal);
    // far below the 5 s it would wait had it forgotten (a bound, not a timing: a loaded machine still passes)
    expect(Date.now() - t0).toBeLessThan(2_500);
  });

  it('ends on abort and on timeout', async () => {
    const w = new Wake();
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 20);
    const t0 = Date.now();
    await w.wait(5_000, ac.signal);
    expect(Date.now() - t0).toBeLessThan(2_500);
    const t1 = Date.now();
    await w.wait(30, new AbortController().signal);
    expect(Date.now() - t1).toBeGreaterThanOrEqual(25);
  });
});
