/**
 * A campaign chunk on a slow relay, with a lease shorter than its batches take (issue 8): an SMTP listener that
 * answers each DATA after 1.5 s, a 1 s lease, the same chunk run by two senders at once (a replayed job) and a
 * third started once the first one's lease would have run out, and the recovery sweep parking every 50 ms. Every
 * recipient gets the mail exactly once, and nothing is parked while its sender is alive: the lease is renewed while
 * the batch is under way, and rows are only transmitted under their sender's own, unexpired lease. On PostgreSQL
 * (the store's SQL is the same on PGlite: tests/store/announce.test.ts). The lease is renewed every third of it: a
 * 1 s lease leaves a loaded CI machine 0.67 s of stall before a renewal is late (a 0.3 s lease failed there once).
 */
import { describe, expect, it } from 'vitest';
import { fillMime } from '../../src/adapters/compose/campaign-mime.ts';
import { sendCampaignChunk } from '../../src/app/send-campaign.ts';
import type { Logger } from '../../src/app/logger.ts';
import { useStoreAndSink } from '../support/store-and-sink.ts';
import { groupConfig } from '../support/test-config.ts';

const { store, sink, sender } = useStoreAndSink('lease', { sink: { answerDelayMs: 1_500 } });
const warnings: string[] = [];
const log: Logger = { debug() {}, info() {}, warn: (_o: unknown, msg?: string) => void warnings.push(String(msg)), error() {}, child: () => log };
const config = groupConfig('lease', { queue: { sendLeaseSeconds: 1 } });
const clock = { now: () => new Date() };
const template = { pieces: ['From: talks@pgug.example.org\r\nTo: ', { slot: 'to' as const, enc: 'header' as const }, '\r\nSubject: test\r\nMessage-ID: ', { slot: 'messageId' as const, enc: 'header' as const }, '\r\n\r\nBonjour.\r\n'] };


describe('a campaign chunk on a relay slower than the lease', () => {
  it('sends each recipient once and parks nothing while its sender is alive', { timeout: 60_000 }, async () => {
    const { campaign } = await store.campaigns.create({ key: 'announce:E-1', kind: 'announce', eventId: null, list: null, parts: { variants: { 'member:fr': template } } });
    const recipients = Array.from({ length: 8 }, (_, i) => `slow${i}@example.org`);
    await store.campaigns.addRecipients(campaign.id, 'announce', 'E-1', 'bounces@pgug.example.org', recipients.map((email) => ({ email, variant: 'member:fr' })));
    const [first] = await store.campaigns.pendingChunks(campaign.id, 500);

    const parked: number[] = [];
    let sweeping = true;
    const sweep = (async () => {
      while (sweeping) {
        parked.push(...(await store.outbox.parkInterrupted()));
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const deps = { config, store, sender, log, clock, fill: fillMime };
    const a = sendCampaignChunk(deps, first!);
    const b = sendCampaignChunk(deps, first!);
    // Eight mails over two connections at 1.5 s each take ≈ 6 s: well past the first sender's 1 s lease.
    await new Promise((r) => setTimeout(r, 2_500));
    const c = sendCampaignChunk(deps, first!);
    expect(await Promise.all([a, b, c])).toEqual(['sent', 'sent', 'sent']);
    sweeping = false;
    await sweep;

    const per = new Map<string, number>();
    for (const m of sink.messages) per.set(m.envelope.to[0]!, (per.get(m.envelope.to[0]!) ?? 0) + 1);
    expect(Object.fromEntries(per)).toEqual(Object.fromEntries(recipients.map((r) => [r, 1])));
    expect(parked).toEqual([]);
    expect(await store.campaigns.counts(campaign.id)).toEqual({ total: 8, sent: 8, failed: 0, queued: 0 });
    expect(await store.campaigns.get(campaign.id)).toMatchObject({ status: 'done' });
  });
});
