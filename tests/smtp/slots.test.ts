/** The SMTP pool's slots (src/adapters/smtp/slots.ts): all or nothing, in arrival order, never more than the pool. */
import { describe, expect, it } from 'vitest';
import { createSlots } from '../../src/adapters/smtp/slots.ts';
import { createSendNowGate } from '../../src/app/deliver-outbox.ts';

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

  it('acquireWithin: at once when free and nobody waits before, else in line for at most its wait, then nothing', async () => {
    const slots = createSlots(3);
    const a = (await slots.acquireWithin(2, 0))!;
    expect(a).toBeTypeOf('function');
    expect(await slots.acquireWithin(2, 0)).toBeNull(); // 1 free, no wait allowed
    const waiting = slots.acquire(2); // waits for a
    expect(await slots.acquireWithin(1, 0)).toBeNull(); // 1 free, but the waiting request came first
    // In line behind it: granted when a is given back, well before its wait ends.
    const behind = slots.acquireWithin(1, 5_000);
    a();
    const w = await waiting;
    const b = (await behind)!;
    expect(b).toBeTypeOf('function');
    // Nothing comes back within the wait: nothing taken, and the line moves on without it.
    const t0 = Date.now();
    expect(await slots.acquireWithin(1, 50)).toBeNull();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(40);
    b();
    // A large request gave up at the head of the line: the smaller one behind it, which fits, is granted then.
    const big = slots.acquireWithin(3, 30);
    let small = false;
    const pSmall = slots.acquire(1).then((r) => ((small = true), r));
    await tick();
    expect(small).toBe(false); // behind the large one, though one is free
    expect(await big).toBeNull();
    (await pSmall)();
    w();
    expect(await slots.acquireWithin(4, 1_000)).toBeNull(); // never grantable: at once
    expect(await slots.acquireWithin(0, 1_000)).toBeNull();
    (await slots.acquire(3))(); // everything given back
  });

  it('refuses what it could never grant', async () => {
    const slots = createSlots(2);
    await expect(slots.acquire(3)).rejects.toThrow(/cannot take 3 of 2/);
    await expect(slots.acquire(0)).rejects.toThrow(RangeError);
    expect(() => createSlots(0)).toThrow(/capacity/);
  });
});

describe('the gate of filings sending their own mails (deliver-outbox.ts createSendNowGate)', () => {
  it('closes while one of those sends has been under way longer than its limit, and opens again when it ends', async () => {
    let t = 0;
    const gate = createSendNowGate(() => t, 5_000);
    expect(gate.open()).toBe(true);
    let finish!: () => void;
    const hanging = gate.track(() => new Promise<void>((r) => (finish = r)));
    const quick = gate.track(async () => 'ok');
    expect(await quick).toBe('ok');
    t = 4_000;
    expect(gate.open()).toBe(true); // slow, not yet hanging
    t = 5_001;
    expect(gate.open()).toBe(false); // the relay hangs: the next filings queue their mails
    finish();
    await hanging;
    expect(gate.open()).toBe(true);
    // A send that fails ends too.
    await expect(gate.track(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    t = 60_000;
    expect(gate.open()).toBe(true);
  });
});
