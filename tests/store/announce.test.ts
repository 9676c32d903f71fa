/**
 * The roster and campaigns (migration 006), the same on both engines: an import run twice adds nobody, never
 * re-subscribes someone who left; a campaign is created once per key; its ledger gives each recipient one row even
 * across campaigns of one announcement; the batch claim is the outbox status lock; N failures in a row pause it;
 * the deliver queue never sees campaign rows.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES, useStore } from './engines.ts';

const parts = { variants: { 'member:fr': { pieces: ['x'] }, 'list:generale': { pieces: ['y'] } } };

describe.each(ENGINES)('roster and campaigns on $name', (engine) => {
  const store = useStore(engine);

  it('imports members idempotently; a member who left stays out', async () => {
    const rows = [
      { email: 'Jean@Example.fr', name: 'Jean', language: 'fr' as const, status: 'active' as const, source: 'import:a.csv' },
      { email: 'alice@example.org', name: null, language: 'en' as const, status: 'active' as const, source: 'import:a.csv' },
      { email: 'jean@example.fr', name: 'Jean D.', language: 'fr' as const, status: 'active' as const, source: 'import:a.csv' },
    ];
    expect(await store.subscribers.upsert(rows)).toEqual({ added: 2, existing: 0 });
    expect(await store.subscribers.upsert(rows)).toEqual({ added: 0, existing: 2 });
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
    const rows = await store.campaigns.claim(a.campaign.id, 0, 1_000_000, 10, 60_000);
    expect(rows.map((r) => [r.recipient, r.variant, r.name])).toEqual([
      ['alice@example.org', 'member:en', null],
      ['bob@example.net', 'member:fr', 'Bob'],
    ]);
    expect(await store.outbox.pending(100)).not.toEqual(expect.arrayContaining(rows.map((r) => r.id)));
    expect(await store.outbox.claim(rows[0]!.id, 60_000)).toBeNull();
    // Claimed rows are held: a second claim gets nothing.
    expect(await store.campaigns.claim(a.campaign.id, 0, 1_000_000, 10, 60_000)).toEqual([]);
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
});
