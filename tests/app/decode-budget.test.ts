import { describe, expect, it } from 'vitest';
import { createDecodeBudget } from '../../src/app/decode-budget.ts';

const settledNow = async <T>(p: Promise<T>): Promise<boolean> => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
};

describe('the decode budget', () => {
  it('lets messages that fit together decode side by side', async () => {
    const b = createDecodeBudget(100);
    const r = await Promise.all([b.take(30), b.take(30), b.take(40)]);
    expect(r).toHaveLength(3);
  });

  it('makes a message wait for room, and lets the waiting go in arrival order', async () => {
    const b = createDecodeBudget(100);
    const first = await b.take(80);
    const big = b.take(50);
    const small = b.take(10); // would fit now, but a message that came earlier waits: no overtaking
    expect(await settledNow(big)).toBe(false);
    expect(await settledNow(small)).toBe(false);
    first();
    expect(await settledNow(big)).toBe(true);
    expect(await settledNow(small)).toBe(true);
  });

  it('lets a message larger than the whole budget go alone, once nothing else is decoding', async () => {
    const b = createDecodeBudget(100);
    const small = await b.take(10);
    const huge = b.take(500);
    expect(await settledNow(huge)).toBe(false);
    small();
    const release = await huge;
    const after = b.take(1);
    expect(await settledNow(after)).toBe(false);
    release();
    expect(await settledNow(after)).toBe(true);
  });

  it('gives bytes back once, however often release is called', async () => {
    const b = createDecodeBudget(100);
    const a = await b.take(60);
    const c = await b.take(40);
    a();
    a();
    const d = b.take(70);
    expect(await settledNow(d)).toBe(false); // 40 still in use: a second release of a must not free them
    c();
    expect(await settledNow(d)).toBe(true);
  });
});
