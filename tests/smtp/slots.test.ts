/** The SMTP pool's slots (src/adapters/smtp/slots.ts): all or nothing, in arrival order, never more than the pool. */
import { describe, expect, it } from 'vitest';
import { createSlots } from '../../src/adapters/smtp/slots.ts';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('slots over the pooled connections', () => {
  it('grants at once while free, then in arrival order, all of a request or none of it', async () => {
    const slots = createSlots(3);
    const order: string[] = [];
    const a = await slots.acquire(2);
    const b = slots.acquire(2).then((r) => (order.push('b'), r)); // 1 free: waits, takes none
    const c = slots.acquire(1).then((r) => (order.push('c'), r)); // would fit, but b came first: no overtaking
    await tick();
    expect(order).toEqual([]);
    a();
    a(); // a second call gives nothing back twice
    const rb = await b;
    const rc = await c;
    expect(order).toEqual(['b', 'c']);
    // 3 of 3 held now: a fourth waits until one is given back.
    let d = false;
    const pd = slots.acquire(1).then((r) => ((d = true), r));
    await tick();
    expect(d).toBe(false);
    rc();
    (await pd)();
    rb();
    // Everything given back: the whole pool at once.
    (await slots.acquire(3))();
  });

  it('tryAcquire takes only what is free now, never ahead of a waiting request, and nothing when it cannot', async () => {
    const slots = createSlots(3);
    const a = slots.tryAcquire(2)!;
    expect(a).toBeTypeOf('function');
    expect(slots.tryAcquire(2)).toBeNull(); // 1 free
    const waiting = slots.acquire(2); // waits for a
    expect(slots.tryAcquire(1)).toBeNull(); // 1 free, but the waiting request came first
    a();
    const w = await waiting;
    const one = slots.tryAcquire(1)!; // 3 - 2 held
    expect(slots.tryAcquire(1)).toBeNull();
    one();
    w();
    expect(slots.tryAcquire(4)).toBeNull();
    expect(slots.tryAcquire(0)).toBeNull();
    (await slots.acquire(3))(); // everything given back
  });

  it('refuses what it could never grant', async () => {
    const slots = createSlots(2);
    await expect(slots.acquire(3)).rejects.toThrow(/cannot take 3 of 2/);
    await expect(slots.acquire(0)).rejects.toThrow(RangeError);
    expect(() => createSlots(0)).toThrow(/capacity/);
  });
});
