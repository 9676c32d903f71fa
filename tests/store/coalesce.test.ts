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

/** The end of the event loop's current turn (what coalesce waits for before a statement none is in flight for). */
const turn = () => new Promise((r) => setImmediate(r));

describe('coalesce', () => {
  it('sends the calls of one turn together at its end, and the calls made while that is in flight together next, answers in order', async () => {
    const s = fakeStatement();
    const call = coalesce(s.run);
    const first = [call(1), call(2)];
    expect(s.batches).toEqual([]); // the turn is not over: a second call may come
    await turn();
    expect(s.batches).toEqual([[1, 2]]); // nothing waited for an IO or a timer
    const later = [call(3), call(4), call(5)];
    await turn();
    expect(s.batches).toEqual([[1, 2]]); // in flight: the calls wait for its answer
    await s.answerNext();
    expect(await Promise.all(first)).toEqual([10, 20]);
    expect(s.batches).toEqual([[1, 2], [3, 4, 5]]);
    await s.answerNext();
    expect(await Promise.all(later)).toEqual([30, 40, 50]);
  });

  it('sends a lone call at the end of its turn, not later', async () => {
    const s = fakeStatement();
    const call = coalesce(s.run);
    const lone = call(7);
    await turn();
    expect(s.batches).toEqual([[7]]);
    await s.answerNext();
    expect(await lone).toBe(70);
  });

  it('fails every call of a failed batch, and only those', async () => {
    const s = fakeStatement();
    const call = coalesce(s.run);
    const a = call(1);
    await turn();
    const b = Promise.allSettled([call(2), call(-1)]);
    await s.answerNext();
    const c = call(5);
    await turn();
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
    await turn();
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
    await turn();
    await s.answerNext();
    expect(await lone).toBe('statement failed');
    expect(s.batches).toHaveLength(6);
  });

  it('caps a batch at maxBatch calls', async () => {
    const s = fakeStatement();
    const call = coalesce(s.run, { maxBatch: 2 });
    const all = [1, 2, 3, 4, 5].map((x) => call(x));
    await turn();
    await s.answerNext();
    await s.answerNext();
    await s.answerNext();
    expect(s.batches).toEqual([[1, 2], [3, 4], [5]]);
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50]);
  });
});
