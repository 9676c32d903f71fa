import { describe, expect, it } from 'vitest';
import { coalesce } from '../../src/adapters/db/coalesce.ts';

/** A statement that answers when told to, recording the batches it was given. */
function fakeStatement() {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  const run = (xs: number[]) =>
    new Promise<number[]>((resolve, reject) => {
      batches.push(xs);
      pending.push(() => (xs.includes(-1) ? reject(new Error('statement failed')) : resolve(xs.map((x) => x * 10))));
    });
  const answerNext = async () => {
    pending.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { run, batches, answerNext };
}

describe('coalesce', () => {
  it('sends a lone call at once, and the calls made meanwhile together in one statement, answers in order', async () => {
    const s = fakeStatement();
    const call = coalesce(s.run);
    const first = call(1);
    expect(s.batches).toEqual([[1]]); // nothing waited for company
    const later = [call(2), call(3), call(4)];
    expect(s.batches).toEqual([[1]]);
    await s.answerNext();
    expect(await first).toBe(10);
    expect(s.batches).toEqual([[1], [2, 3, 4]]);
    await s.answerNext();
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
  });

  it('fails every call of a failed batch, and only those', async () => {
    const s = fakeStatement();
    const call = coalesce(s.run);
    const a = call(1);
    const b = Promise.allSettled([call(2), call(-1)]);
    await s.answerNext();
    const c = call(5);
    await s.answerNext();
    await s.answerNext();
    expect(await a).toBe(10);
    for (const r of await b) expect(r).toMatchObject({ status: 'rejected', reason: { message: 'statement failed' } });
    expect(await c).toBe(50);
  });

  it('alone: a failed batch of several is run again call by call, and only the call that fails again fails', async () => {
    const s = fakeStatement();
    const call = coalesce(s.run, { alone: true });
    const a = call(1);
    const rest = Promise.allSettled([call(2), call(-1), call(3)]);
    await s.answerNext(); // [1]
    await s.answerNext(); // [2, -1, 3] fails
    await s.answerNext(); // [2]
    await s.answerNext(); // [-1] fails again
    await s.answerNext(); // [3]
    expect(await a).toBe(10);
    expect(s.batches).toEqual([[1], [2, -1, 3], [2], [-1], [3]]);
    const [two, bad, three] = await rest;
    expect(two).toEqual({ status: 'fulfilled', value: 20 });
    expect(bad).toMatchObject({ status: 'rejected', reason: { message: 'statement failed' } });
    expect(three).toEqual({ status: 'fulfilled', value: 30 });
    // A lone call that fails is not run twice.
    const lone = call(-1).catch((e: Error) => e.message);
    await s.answerNext();
    expect(await lone).toBe('statement failed');
    expect(s.batches).toHaveLength(6);
  });

  it('caps a batch at maxBatch calls', async () => {
    const s = fakeStatement();
    const call = coalesce(s.run, { maxBatch: 2 });
    const all = [1, 2, 3, 4].map((x) => call(x));
    await s.answerNext();
    await s.answerNext();
    await s.answerNext();
    expect(s.batches).toEqual([[1], [2, 3], [4]]);
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40]);
  });
});
