/**
 * Join requests (migration 010), the same on both engines: a request creates a pending member (or reuses the row,
 * status untouched), a replay key finds the first request, confirming activates once with its cause, after expiry
 * nothing changes, and the outbox takes the new `membership` purpose under its per-recipient cap.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/app/store.ts';
import { ENGINES, useStore } from './engines.ts';

const T0 = new Date('2026-11-30T08:00:00Z');
const DAY = 86_400_000;
const later = (days: number) => new Date(T0.getTime() + days * DAY);

describe.each(ENGINES)('join requests on $name', (engine) => {
  const store = useStore(engine);

  const open = (email: string, extra: Partial<Parameters<Store['join']['open']>[0]> = {}) =>
    store.join.open({ email, name: null, language: null, digest: null, source: 'mail', cause: 'mail (inbound 1)', key: null, at: T0, expiresAt: later(7), ...extra });

  it('a new address becomes a pending member on the members list; a replay key finds the first request', async () => {
    const a = await open('Ana@Example.fr', { name: 'Ana', language: 'fr', key: 'inbound:1', digest: { list: 'generale', choice: { cadence: 'weekly', format: 'text' } } });
    expect(a.created).toBe(true);
    expect(a.request).toMatchObject({ email: 'Ana@Example.fr', name: 'Ana', language: 'fr', source: 'mail', confirmedAt: null, digest: { list: 'generale', choice: { cadence: 'weekly', format: 'text' } } });
    expect(a.request.expiresAt).toEqual(later(7));
    // Name and language wait on the request: the pending row carries nothing anyone typed.
    expect(await store.subscribers.get('ana@example.fr')).toMatchObject({ status: 'pending', lists: ['members'], source: 'mail', consentedAt: null, name: null, language: null });
    const again = await open('ana@example.fr', { key: 'inbound:1' });
    expect(again).toEqual({ request: a.request, created: false });
    const other = await open('ana@example.fr', { key: 'inbound:2' });
    expect(other.created).toBe(true);
    expect(other.request.id).not.toBe(a.request.id);
    expect(other.request.memberId).toBe(a.request.memberId);
  });

  it('confirming activates once, with the consent time and the cause; name and language as asked', async () => {
    const { request } = await open('ben@example.org', { name: 'Ben', language: 'en' });
    expect(await store.join.confirm(request.id, 'reply (inbound 9)', later(1))).toMatchObject({ activated: true });
    expect(await store.join.confirm(request.id, 'reply (inbound 10)', later(1))).toBeNull();
    const ben = await store.subscribers.get('ben@example.org');
    expect(ben).toMatchObject({ status: 'active', name: 'Ben', language: 'en' });
    expect(ben!.consentedAt).not.toBeNull();
    expect((await store.join.get(request.id))!.confirmedAt).toEqual(later(1));
    const history = await store.membership.history(request.memberId);
    expect(history.map((h) => [h.from, h.to, h.cause])).toEqual([['pending', 'active', 'reply (inbound 9)']]);
  });

  it('an existing member keeps its status until it confirms; an unsubscribed one comes back only by confirming; expiry refuses', async () => {
    await store.subscribers.upsert([{ email: 'cid@example.org', name: 'Cid', language: 'fr', status: 'active', source: 'cli' }]);
    const id = (await store.membership.byEmail('cid@example.org'))!.id;
    await store.membership.setStatus(id, 'unsubscribed', 'one-click https');
    const { request } = await open('cid@example.org', { name: 'Cid Neuf' });
    expect(await store.subscribers.get('cid@example.org')).toMatchObject({ status: 'unsubscribed', name: 'Cid', source: 'cli' });
    // Expired: nothing changes.
    expect(await store.join.confirm(request.id, 'link', later(7))).toBeNull();
    expect((await store.subscribers.get('cid@example.org'))!.status).toBe('unsubscribed');
    const fresh = await open('cid@example.org', { name: 'Cid Neuf' });
    expect(await store.join.confirm(fresh.request.id, 'link', later(2))).toMatchObject({ activated: true });
    expect(await store.subscribers.get('cid@example.org')).toMatchObject({ status: 'active', name: 'Cid Neuf' });
  });

  it('the outbox takes membership mails under the per-recipient cap', async () => {
    const item = (ref: string) => ({ purpose: 'membership' as const, subjectRef: ref, recipient: 'dan@example.org', raw: Buffer.from('x'), envelopeFrom: 'bounces@example.org' });
    const cap = { limit: 2, since: new Date(Date.now() - DAY) };
    expect(await store.outbox.enqueueCapped(item('join:1'), cap)).toMatchObject({ inserted: true });
    expect(await store.outbox.enqueueCapped(item('join:1'), cap)).toMatchObject({ inserted: false });
    expect(await store.outbox.enqueueCapped(item('join:2'), cap)).toMatchObject({ inserted: true });
    expect(await store.outbox.enqueueCapped(item('join:3'), cap)).toBeNull();
  });

  it('the membership cap counts the mailbox: +tags and case share it; other purposes keep the address string', async () => {
    const item = (ref: string, recipient: string, purpose: 'membership' | 'ack' = 'membership') =>
      ({ purpose, subjectRef: ref, recipient, raw: Buffer.from('x'), envelopeFrom: 'bounces@example.org' });
    const cap = { limit: 2, since: new Date(Date.now() - DAY) };
    expect(await store.outbox.enqueueCapped(item('join:11', 'eve+a@example.org'), cap)).toMatchObject({ inserted: true });
    expect(await store.outbox.enqueueCapped(item('join:12', 'EVE+b@Example.org'), cap)).toMatchObject({ inserted: true });
    expect(await store.outbox.enqueueCapped(item('join:13', 'eve@example.org'), cap)).toBeNull();
    expect(await store.outbox.enqueueCapped(item('join:14', 'eve+c+d@example.org'), cap)).toBeNull();
    expect(await store.outbox.enqueueCapped(item('join:15', 'eve@other.example'), cap)).toMatchObject({ inserted: true });
    expect(await store.outbox.enqueueCapped(item('ack:1', 'fay+a@example.org', 'ack'), { ...cap, limit: 1 })).toMatchObject({ inserted: true });
    expect(await store.outbox.enqueueCapped(item('ack:2', 'fay+b@example.org', 'ack'), { ...cap, limit: 1 })).toMatchObject({ inserted: true });
  });

  it('without a key, an open request with the same choices made since reuseSince is reused; another choice is not', async () => {
    const first = await open('gus@example.org', { name: 'Gus', language: 'fr', source: 'web', reuseSince: later(-0.01) });
    expect(first.created).toBe(true);
    const again = await open('GUS@example.org', { name: 'Gus', language: 'fr', source: 'web', reuseSince: later(-0.01) });
    expect(again).toEqual({ request: first.request, created: false });
    expect((await open('gus@example.org', { name: 'Gus', language: 'en', source: 'web', reuseSince: later(-0.01) })).created).toBe(true);
    expect((await open('gus@example.org', { name: 'Gus', language: 'fr', source: 'web', reuseSince: later(0.5), at: later(0.5) })).created).toBe(true);
    expect((await open('gus@example.org', { name: 'Gus', language: 'fr', source: 'web' })).created).toBe(true);
  });
});
