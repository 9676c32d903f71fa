/**
 * The soft-bounce score of a member who came back: bounces from before the member was (re)activated — the ones that
 * disabled them, or older ones in the window — count no more once they confirmed a join (Mailman 3 resets a
 * member's bounce score when it is re-enabled). Audit V: a member disabled by three soft bounces who joined again and
 * confirmed was disabled again by the next single soft bounce (a full mailbox one morning), the old three still in
 * the 30-day window. On both engines.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES, useStore } from './engines.ts';

const MIN = 60_000;
const WINDOW = 30 * 86_400_000;

describe.each(ENGINES)('bounce score after a member came back, on $name', (engine) => {
  const store = useStore(engine);

  const soft = (id: number, inboundId: number, at: Date) =>
    store.membership.recordBounce({ id, kind: 'soft', status: '4.2.2', inboundId, at, windowStart: new Date(at.getTime() - WINDOW), softThreshold: 3 });

  it('counts only the soft bounces since the member last became active', async () => {
    await store.subscribers.upsert([{ email: 'back@example.fr', name: 'Back', language: 'fr', status: 'active', source: 'cli', consentedAt: new Date(Date.now() - 60 * MIN) }]);
    const id = (await store.membership.byEmail('back@example.fr'))!.id;
    const t = Date.now();
    expect((await soft(id, 1, new Date(t - 30 * MIN))).disabled).toBe(false);
    expect((await soft(id, 2, new Date(t - 20 * MIN))).disabled).toBe(false);
    expect((await soft(id, 3, new Date(t - 10 * MIN))).disabled).toBe(true);
    expect((await store.subscribers.get('back@example.fr'))!.status).toBe('disabled');

    // The member asks again and confirms (the join store moves them back to active).
    const { request } = await store.join.open({ email: 'back@example.fr', name: null, language: null, digest: null, source: 'mail', cause: 'mail (inbound 4)', key: null, at: new Date(), expiresAt: new Date(Date.now() + 7 * 86_400_000) });
    expect(await store.join.confirm(request.id, 'reply (inbound 5)', new Date())).toMatchObject({ activated: true });
    expect((await store.subscribers.get('back@example.fr'))!.status).toBe('active');

    // One soft bounce after coming back: the three before do not count again.
    const after = Date.now() + 1000;
    const first = await soft(id, 6, new Date(after));
    expect(first).toMatchObject({ counted: true, disabled: false, bounces: 4 });
    expect((await store.subscribers.get('back@example.fr'))!.status).toBe('active');
    expect((await soft(id, 7, new Date(after + MIN))).disabled).toBe(false);
    // The threshold is still reached by bounces of the new period.
    expect((await soft(id, 8, new Date(after + 2 * MIN))).disabled).toBe(true);
    expect((await store.subscribers.get('back@example.fr'))!.status).toBe('disabled');
  });

  // Audit V: a hard bounce of an announcement sent before the member left turned « unsubscribed » into « disabled ».
  it('a bounce for a member who left is counted, and leaves them unsubscribed', async () => {
    await store.subscribers.upsert([{ email: 'left@example.fr', name: 'Left', language: 'fr', status: 'active', source: 'cli' }]);
    const id = (await store.membership.byEmail('left@example.fr'))!.id;
    await store.membership.setStatus(id, 'unsubscribed', 'one-click https');
    const at = new Date();
    const hard = await store.membership.recordBounce({ id, kind: 'hard', status: '5.1.1', inboundId: 20, at, windowStart: new Date(at.getTime() - WINDOW), softThreshold: 3 });
    expect(hard).toMatchObject({ counted: true, disabled: false, bounces: 1 });
    for (const n of [21, 22, 23]) expect((await soft(id, n, new Date(at.getTime() + n * 1000))).disabled).toBe(false);
    expect(await store.subscribers.get('left@example.fr')).toMatchObject({ status: 'unsubscribed', bounces: 4 });
    expect((await store.membership.history(id)).map((h) => h.to)).toEqual(['unsubscribed']);
  });
});
