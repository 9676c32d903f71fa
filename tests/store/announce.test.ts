/**
 * The roster and campaigns (migration 006), the same on both engines: an import run twice adds nobody, never
 * re-subscribes someone who left; a campaign is created once per key; its ledger gives each recipient one row even
 * across campaigns of one announcement; the batch claim is the outbox status lock; N failures in a row pause it;
 * the deliver queue never sees campaign rows.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES, useStore } from './engines.ts';
import { claimOne } from '../support/outbox.ts';

/** An update's variants map to themselves: each reader keeps the variant they had. */
const same = (...keys: string[]) => new Map(keys.map((k) => [k, k]));
const parts = { variants: { 'member:fr': { pieces: ['x'] }, 'list:generale': { pieces: ['y'] } } };

describe.each(ENGINES)('roster and campaigns on $name', (engine) => {
  const store = useStore(engine);
  /** The sender's status lock, both halves (hold, then transmit): the rows as a campaign job takes them to send. */
  const take = async (id: number, from: number, size: number, limit: number, leaseMs: number) => {
    const rows = await store.campaigns.hold(id, from, size, limit, leaseMs);
    expect((await store.campaigns.transmit(rows, leaseMs, [])).granted).toEqual(rows.map((r) => r.id));
    return rows;
  };

  it('imports members idempotently; a member who left stays out', async () => {
    const rows = [
      { email: 'Jean@Example.fr', name: 'Jean', language: 'fr' as const, status: 'active' as const, source: 'import:a.csv' },
      { email: 'alice@example.org', name: null, language: 'en' as const, status: 'active' as const, source: 'import:a.csv' },
      { email: 'jean@example.fr', name: 'Jean D.', language: 'fr' as const, status: 'active' as const, source: 'import:a.csv' },
    ];
    expect(await store.subscribers.upsert(rows)).toEqual({ added: 2, existing: 0, existingByStatus: {}, activated: 0 });
    expect(await store.subscribers.upsert(rows)).toEqual({ added: 0, existing: 2, existingByStatus: { active: 2 }, activated: 0 });
    // A pending member whose row is active (consent given since) is counted as activated, once.
    const pending = { email: 'paul@example.org', status: 'pending' as const, source: 'import:b.csv' };
    expect(await store.subscribers.upsert([pending])).toEqual({ added: 1, existing: 0, existingByStatus: {}, activated: 0 });
    expect(await store.subscribers.upsert([{ ...pending, status: 'active' }, rows[1]!])).toEqual({ added: 0, existing: 2, existingByStatus: { active: 2 }, activated: 1 });
    expect(await store.subscribers.upsert([{ ...pending, status: 'active' }])).toMatchObject({ existingByStatus: { active: 1 }, activated: 0 });
    expect(await store.subscribers.remove(pending.email)).toBe(true);
    expect(await store.subscribers.remove('JEAN@example.fr')).toBe(true);
    await store.subscribers.upsert(rows);
    expect(await store.subscribers.get('jean@example.fr')).toMatchObject({ name: 'Jean D.', status: 'unsubscribed', lists: ['members'], bounces: 0 });
    expect((await store.subscribers.list({ status: 'active' })).map((s) => s.email)).toEqual(['alice@example.org']);
    expect(await store.subscribers.remove('nobody@example.org')).toBe(false);
  });

  it('keys a campaign; one ledger row per recipient, across campaigns of one announcement', async () => {
    await store.subscribers.upsert([{ email: 'bob@example.net', name: 'Bob', language: null, status: 'active', source: 'cli' }]);
    const a = await store.campaigns.create({ key: 'announce:E-1', kind: 'announce', eventId: null, list: null, parts });
    expect(a.created).toBe(true);
    expect((await store.campaigns.create({ key: 'announce:E-1', kind: 'announce', eventId: null, list: null, parts })).created).toBe(false);
    expect(await store.campaigns.parts(a.campaign.id)).toEqual(parts);
    const list = await store.campaigns.create({ key: 'announce:E-1:generale', kind: 'announce', eventId: null, list: 'generale', parts });
    expect(await store.campaigns.addRecipients(list.campaign.id, 'announce', 'E-1', 'b@x', [{ email: 'list@lists.example', variant: 'list:generale' }])).toBe(1);
    // The full announcement afterwards: the list already has it; the roster's active members (alice, bob) are new.
    expect(await store.campaigns.addRecipients(a.campaign.id, 'announce', 'E-1', 'b@x', [{ email: 'list@lists.example', variant: 'list:generale' }])).toBe(0);
    expect(await store.campaigns.addMembers(a.campaign.id, 'announce', 'E-1', 'b@x', 'members', 'fr')).toBe(2);
    expect(await store.campaigns.addMembers(a.campaign.id, 'announce', 'E-1', 'b@x', 'members', 'fr')).toBe(0);
    expect(await store.campaigns.counts(a.campaign.id)).toEqual({ total: 2, sent: 0, failed: 0, queued: 2 });
    // The deliver queue's sweep and claim leave campaign rows alone (they have no bytes of their own).
    const rows = await take(a.campaign.id, 0, 1_000_000, 10, 60_000);
    expect(rows.map((r) => [r.recipient, r.variant, r.name])).toEqual([
      ['alice@example.org', 'member:en', null],
      ['bob@example.net', 'member:fr', 'Bob'],
    ]);
    expect(await store.outbox.pending(100)).not.toEqual(expect.arrayContaining(rows.map((r) => r.id)));
    expect(await claimOne(store.outbox, rows[0]!.id, 60_000)).toBeNull();
    // Claimed rows are held: a second claim gets nothing.
    expect(await take(a.campaign.id, 0, 1_000_000, 10, 60_000)).toEqual([]);
    await store.campaigns.markSent([{ id: rows[0]!.id, response: '250 ok' }]);
    await store.outbox.markFailed(rows[1]!.id, '550 no', '550 no', false);
    expect(await store.campaigns.record(a.campaign.id, { sent: 1, failed: 1 }, 5, 'r')).toMatchObject({ status: 'done', consecutiveFailures: 1 });
    expect(await store.campaigns.counts(a.campaign.id)).toEqual({ total: 2, sent: 1, failed: 1, queued: 0 });
    expect(await store.campaigns.sentSince(new Date(Date.now() - 60_000))).toBe(1);
  });

  it('pauses after N failures in a row, saying why; resume clears the streak; chunks tile what is left', async () => {
    const { campaign } = await store.campaigns.create({ key: 'reminder:E-2:J-6', kind: 'reminder', eventId: null, list: null, parts });
    await store.campaigns.addRecipients(campaign.id, 'reminder', 'E-2/J-6', 'b@x', Array.from({ length: 7 }, (_, i) => ({ email: `r${i}@example.org`, variant: 'member:fr' })));
    const starts = await store.campaigns.pendingChunks(campaign.id, 3);
    expect(starts).toHaveLength(3);
    expect(await store.campaigns.record(campaign.id, { sent: 0, failed: 2 }, 3, 'too many')).toMatchObject({ status: 'sending', consecutiveFailures: 2 });
    expect(await store.campaigns.record(campaign.id, { sent: 0, failed: 1 }, 3, 'relay says 554')).toMatchObject({ status: 'paused', pauseReason: 'relay says 554' });
    expect(await store.campaigns.unfinished()).not.toContain(campaign.id);
    expect(await store.campaigns.setStatus(campaign.id, 'sending', null)).toMatchObject({ status: 'sending', consecutiveFailures: 0, pauseReason: null });
    expect(await store.campaigns.unfinished()).toContain(campaign.id);
    expect((await store.campaigns.list()).find((c) => c.id === campaign.id)).toMatchObject({ kind: 'reminder', total: 7, queued: 7 });
    expect((await store.campaigns.ofRow(starts[1]!))?.id).toBe(campaign.id);
  });
  it('holds rows under a lease and fences them: a sender whose lease ran out transmits nothing another took', async () => {
    const { campaign } = await store.campaigns.create({ key: 'announce:E-3', kind: 'announce', eventId: null, list: null, parts });
    await store.campaigns.addRecipients(campaign.id, 'announce', 'E-3', 'b@x', Array.from({ length: 5 }, (_, i) => ({ email: `h${i}@example.org`, variant: 'member:fr' })));
    const fence = (rows: { id: number; attempts: number }[]) => rows.map((r) => ({ id: r.id, attempts: r.attempts }));
    // A holds the five rows; while its lease runs, nobody else gets them.
    const a = await store.campaigns.hold(campaign.id, 0, 1_000_000, 5, 60_000);
    expect(a.map((r) => r.recipient)).toEqual(['h0@example.org', 'h1@example.org', 'h2@example.org', 'h3@example.org', 'h4@example.org']);
    expect(await store.campaigns.hold(campaign.id, 0, 1_000_000, 5, 60_000)).toEqual([]);
    expect(await claimOne(store.outbox, a[0]!.id, 60_000)).toBeNull();
    // A stalls: its lease runs out (renewed for 1 ms, the last renewal it managed); B takes three rows over.
    expect(await store.campaigns.renew(fence(a), 1)).toBe(5);
    await new Promise((r) => setTimeout(r, 30));
    const b = await store.campaigns.hold(campaign.id, 0, 1_000_000, 3, 60_000);
    expect(b.map((r) => r.id)).toEqual(a.slice(0, 3).map((r) => r.id));
    // A wakes up: the rows B took are not A's to send any more (nor to renew, nor to release); the other two were
    // taken by nobody but A's lease is gone, so they are not granted either (B or the next sender takes them).
    expect((await store.campaigns.transmit(fence(a), 60_000, [])).granted).toEqual([]);
    expect(await store.campaigns.renew(fence(a.slice(0, 3)), 60_000)).toBe(0);
    await store.campaigns.release(fence(a.slice(0, 3)));
    // B transmits its three under its fence and records the first two as sent in the next round trip.
    expect((await store.campaigns.transmit(fence(b.slice(0, 2)), 60_000, [])).granted).toEqual(b.slice(0, 2).map((r) => r.id));
    expect(await store.campaigns.renew(fence(b), 60_000)).toBe(3);
    expect((await store.campaigns.transmit(fence(b.slice(2)), 60_000, b.slice(0, 2).map((r) => ({ id: r.id, response: '250 ok' })))).granted).toEqual([b[2]!.id]);
    // What is left to take: h3 and h4 of A's lapsed hold, not B's transmitting row.
    expect((await store.campaigns.hold(campaign.id, 0, 1_000_000, 5, 60_000)).map((r) => r.recipient)).toEqual(['h3@example.org', 'h4@example.org']);
    expect(await store.campaigns.counts(campaign.id)).toEqual({ total: 5, sent: 2, failed: 0, queued: 3 });
    // A transmitting row whose lease runs out is never claimable again: the recovery sweep parks it.
    expect(await store.campaigns.renew(fence([b[2]!]), 1)).toBe(1);
    await new Promise((r) => setTimeout(r, 30));
    expect(await store.campaigns.hold(campaign.id, 0, 1_000_000, 5, 60_000)).toEqual([]);
    expect(await store.outbox.parkInterrupted()).toEqual([b[2]!.id]);
  });

  it('a campaign whose last rows the recovery sweep parked (their sender died in transmission) is done', async () => {
    await store.subscribers.upsert([{ email: 'parked@example.net', name: null, language: 'fr', status: 'active', source: 'cli' }]);
    const { campaign } = await store.campaigns.create({ key: 'announce:E-parked', kind: 'announce', eventId: null, list: null, parts });
    const added = await store.campaigns.addMembers(campaign.id, 'announce', 'E-parked', 'b@x', 'members', 'fr');
    expect(added).toBeGreaterThan(0);
    expect(await store.campaigns.get(campaign.id)).toMatchObject({ status: 'sending' });
    // In transmission, then the sender dies: its lease runs out. Held under a long lease, transmitted under a short
    // one: a 150 ms lease from the hold on lapsed before the transmit under load (PGlite, a loaded machine) and the
    // transmit granted nothing.
    const held = await store.campaigns.hold(campaign.id, 0, 1_000_000, 1_000, 60_000);
    expect((await store.campaigns.transmit(held, 150, [])).granted).toEqual(held.map((r) => r.id));
    await new Promise((r) => setTimeout(r, 300));
    expect((await store.outbox.parkInterrupted()).length).toBeGreaterThanOrEqual(added);
    expect(await store.campaigns.counts(campaign.id)).toMatchObject({ sent: 0, failed: added, queued: 0 });
    expect(await store.campaigns.get(campaign.id)).toMatchObject({ status: 'done' });
    expect((await store.campaigns.list()).find((c) => c.id === campaign.id)).toMatchObject({ status: 'done' });
  });

  it('release: held rows back to queued, their attempt not counted; transmitting rows stay', async () => {
    const { campaign } = await store.campaigns.create({ key: 'announce:E-4', kind: 'announce', eventId: null, list: null, parts });
    await store.campaigns.addRecipients(campaign.id, 'announce', 'E-4', 'b@x', [{ email: 'r1@example.org', variant: 'member:fr' }, { email: 'r2@example.org', variant: 'member:fr' }]);
    const held = await store.campaigns.hold(campaign.id, 0, 1_000_000, 2, 60_000);
    expect(held.map((r) => r.attempts)).toEqual([1, 1]);
    expect((await store.campaigns.transmit([held[0]!], 60_000, [])).granted).toEqual([held[0]!.id]);
    await store.campaigns.release(held);
    const again = await store.campaigns.hold(campaign.id, 0, 1_000_000, 2, 60_000);
    expect(again.map((r) => [r.recipient, r.attempts])).toEqual([['r2@example.org', 1]]);
    expect(await store.campaigns.counts(campaign.id)).toEqual({ total: 2, sent: 0, failed: 0, queued: 2 });
  });
  it('an update campaign: the event’s first announcement, and who had an earlier version, in their variant', async () => {
    const ev = await store.events.create({ date: new Date('2027-06-10T17:00:00Z'), venue: 'V' });
    expect(await store.campaigns.firstAnnouncement(ev.id)).toBeNull();
    const first = (await store.campaigns.create({ key: `announce:upd-E-${ev.id}`, kind: 'announce', eventId: ev.id, list: null, parts, eventSequence: 0 })).campaign;
    const onList = (await store.campaigns.create({ key: `announce:upd-E-${ev.id}:generale`, kind: 'announce', eventId: ev.id, list: 'generale', parts, eventSequence: 0 })).campaign;
    expect(first.eventSequence).toBe(0);
    await store.campaigns.addRecipients(first.id, 'announce', `E-${ev.id}`, 'b@x', [{ email: 'had@example.fr', variant: 'member:fr' }, { email: 'never@example.fr', variant: 'member:fr' }]);
    await store.campaigns.addRecipients(onList.id, 'announce', `E-${ev.id}:generale`, 'b@x', [{ email: 'list@lists.example', variant: 'list:generale' }]);
    const rows = await take(first.id, 0, 1_000_000, 10, 60_000);
    await store.campaigns.markSent(rows.filter((r) => r.recipient === 'had@example.fr').map((r) => ({ id: r.id, response: '250' })));
    const listRows = await take(onList.id, 0, 1_000_000, 10, 60_000);
    await store.campaigns.markSent(listRows.map((r) => ({ id: r.id, response: '250' })));
    const upd = (await store.campaigns.create({ key: `announce:upd-E-${ev.id}:S3`, kind: 'announce', eventId: ev.id, list: null, parts, eventSequence: 3 })).campaign;
    expect(await store.campaigns.firstAnnouncement(ev.id)).toMatchObject({ id: first.id, eventSequence: 0 });
    // Only who was sent an earlier version (not the row still sending), in the variants the update has.
    expect(await store.campaigns.addPreviousRecipients(upd.id, `E-${ev.id}:S3`, 'b@x', ev.id, same('member:fr'))).toBe(1);
    expect(await store.campaigns.addPreviousRecipients(upd.id, `E-${ev.id}:S3`, 'b@x', ev.id, same('member:fr', 'list:generale'))).toBe(1);
    expect(await store.campaigns.addPreviousRecipients(upd.id, `E-${ev.id}:S3`, 'b@x', ev.id, same('member:fr', 'list:generale'))).toBe(0);
    const held = await store.campaigns.hold(upd.id, 0, 1_000_000, 10, 60_000);
    expect(held.map((r) => [r.recipient, r.variant]).sort()).toEqual([['had@example.fr', 'member:fr'], ['list@lists.example', 'list:generale']]);
  });

  it('an update supersedes the queued rows of earlier versions in its variants; the last version announced', async () => {
    const ev = await store.events.create({ date: new Date('2027-07-08T17:00:00Z'), venue: 'V' });
    expect(await store.campaigns.lastAnnouncement(ev.id)).toBeNull();
    const first = (await store.campaigns.create({ key: `announce:sup-E-${ev.id}`, kind: 'announce', eventId: ev.id, list: null, parts: { ...parts, content: 'A' }, eventSequence: 0 })).campaign;
    const recipients = ['sent@example.fr', 'held@example.fr', 'queued@example.fr'].map((email) => ({ email, variant: 'member:fr' }));
    await store.campaigns.addRecipients(first.id, 'announce', `E-${ev.id}`, 'b@x', [...recipients, { email: 'list@lists.example', variant: 'list:generale' }]);
    const rows = await store.campaigns.hold(first.id, 0, 1_000_000, 2, 60_000);
    await store.campaigns.markSent(rows.filter((r) => r.recipient === 'sent@example.fr').map((r) => ({ id: r.id, response: '250' })));
    const upd = (await store.campaigns.create({ key: `announce:sup-E-${ev.id}:S2`, kind: 'announce', eventId: ev.id, list: null, parts: { ...parts, content: 'B' }, eventSequence: 2 })).campaign;
    expect(await store.campaigns.lastAnnouncement(ev.id)).toMatchObject({ id: upd.id, eventSequence: 2 });
    expect((await store.campaigns.parts(upd.id)).content).toBe('B');
    // Only the roster's row still queued: the one held by a sender is its own, the list's is not in these variants.
    expect(await store.campaigns.supersede(upd.id, ev.id, 2, ['member:fr'])).toBe(1);
    expect(await store.campaigns.supersede(upd.id, ev.id, 2, ['member:fr'])).toBe(0);
    const failed = (await store.outbox.list({ status: 'failed' })).filter((r) => r.subjectRef === `E-${ev.id}`);
    expect(failed.map((r) => [r.recipient, r.lastError])).toEqual([['queued@example.fr', 'superseded by SEQUENCE 2']]);
    expect(await store.undelivered.unreported(100, { refPrefix: 'none:' })).not.toContainEqual(expect.objectContaining({ id: failed[0]!.id }));
  });

  it("an update's newcomers get the first-sight variant; who had the event first through it gets the next update as an update", async () => {
    const ev = await store.events.create({ date: new Date('2027-09-09T17:00:00Z'), venue: 'V' });
    await store.subscribers.upsert([
      { email: 'old@example.fr', name: null, language: 'fr', status: 'active', source: 'test' },
      { email: 'new@example.org', name: null, language: 'en', status: 'active', source: 'test' },
    ]);
    const first = (await store.campaigns.create({ key: `announce:fs-E-${ev.id}`, kind: 'announce', eventId: ev.id, list: null, parts, eventSequence: 0 })).campaign;
    await store.campaigns.addRecipients(first.id, 'announce', `E-${ev.id}`, 'b@x', [{ email: 'old@example.fr', variant: 'member:fr' }]);
    await store.campaigns.markSent((await take(first.id, 0, 1_000_000, 10, 60_000)).map((r) => ({ id: r.id, response: '250' })));
    // The update: old@ had the first version (member:fr), new@ nothing — the roster's rows past it are first-sight ones.
    const s2 = (await store.campaigns.create({ key: `announce:fs-E-${ev.id}:S2`, kind: 'announce', eventId: ev.id, list: null, parts, eventSequence: 2 })).campaign;
    const had = new Map([['member:fr', 'member:fr'], ['member:en', 'member:en'], ['member:fr+first', 'member:fr'], ['member:en+first', 'member:en']]);
    expect(await store.campaigns.addPreviousRecipients(s2.id, `E-${ev.id}:S2`, 'b@x', ev.id, had)).toBe(1);
    // (the roster holds the earlier tests' members too: only these two are looked at)
    const ours = <R extends { recipient: string }>(rows: R[]) => rows.filter((r) => ['old@example.fr', 'new@example.org'].includes(r.recipient));
    expect(await store.campaigns.addMembers(s2.id, 'announce', `E-${ev.id}:S2`, 'b@x', 'members', 'fr', (v) => `${v}+first`)).toBeGreaterThanOrEqual(1);
    const s2Rows = ours(await take(s2.id, 0, 1_000_000, 100, 60_000));
    expect(s2Rows.map((r) => [r.recipient, r.variant]).sort()).toEqual([['new@example.org', 'member:en+first'], ['old@example.fr', 'member:fr']]);
    await store.campaigns.markSent(s2Rows.map((r) => ({ id: r.id, response: '250' })));
    // The next update: both had a version — new@ through S2's first-sight variant — and get it as an update.
    const s3 = (await store.campaigns.create({ key: `announce:fs-E-${ev.id}:S3`, kind: 'announce', eventId: ev.id, list: null, parts, eventSequence: 3 })).campaign;
    expect(await store.campaigns.addPreviousRecipients(s3.id, `E-${ev.id}:S3`, 'b@x', ev.id, had)).toBe(2);
    await store.campaigns.addMembers(s3.id, 'announce', `E-${ev.id}:S3`, 'b@x', 'members', 'fr', (v) => `${v}+first`);
    const s3Rows = ours(await store.campaigns.hold(s3.id, 0, 1_000_000, 100, 60_000));
    expect(s3Rows.map((r) => [r.recipient, r.variant]).sort()).toEqual([['new@example.org', 'member:en'], ['old@example.fr', 'member:fr']]);
  });
});
