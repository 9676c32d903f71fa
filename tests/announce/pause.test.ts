/**
 * The campaign sender stops where it should, on PostgreSQL and real SMTP listeners: a relay refusing everything
 * (550) pauses the campaign after `delivery.pauseAfterFailures` failures in a row, saying why; a pause by hand
 * (`crieur campaigns pause`) is seen within a second. Either way the rows the chunk held but never transmitted go
 * back to queued — nothing is left `sending`, nothing sent twice once resumed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/adapters/db/open.ts';
import { fillMime } from '../../src/adapters/compose/campaign-mime.ts';
import { createSender } from '../../src/adapters/smtp/sender.ts';
import { sendCampaignChunk } from '../../src/app/send-campaign.ts';
import type { Store } from '../../src/app/store.ts';
import { PG_URL, dropSchema, randomSchema } from '../support/db.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { groupConfig, silentLog } from '../support/test-config.ts';

const schema = randomSchema('pause');
let store: Store;
const silent = silentLog;
const config = groupConfig('pause', { delivery: { pauseAfterFailures: 3 } });
const clock = { now: () => new Date() };
const template = { pieces: ['From: talks@pgug.example.org\r\nTo: ', { slot: 'to' as const, enc: 'header' as const }, '\r\nSubject: test\r\n\r\nBonjour.\r\n'] };

beforeAll(async () => {
  store = await openStore(PG_URL, { schema });
}, 60_000);
afterAll(async () => {
  await store?.close();
  await dropSchema(schema);
});

async function campaign(key: string, n: number) {
  const { campaign: c } = await store.campaigns.create({ key, kind: 'announce', eventId: null, list: null, parts: { variants: { 'member:fr': template } } });
  await store.campaigns.addRecipients(c.id, 'announce', key, 'bounces@pgug.example.org', Array.from({ length: n }, (_, i) => ({ email: `${key.replace(/\W/g, '')}${i}@example.org`, variant: 'member:fr' })));
  return { id: c.id, key, first: (await store.campaigns.pendingChunks(c.id, 500))[0]! };
}

const statuses = async (key: string) => {
  const rows = (await store.outbox.list()).filter((r) => r.subjectRef === key);
  const n: Record<string, number> = {};
  for (const r of rows) n[r.status] = (n[r.status] ?? 0) + 1;
  return n;
};

describe('the campaign sender stops', () => {
  it('after N failures in a row, saying why; the rows it did not try are queued again', { timeout: 60_000 }, async () => {
    const sink = await startSmtpSink({ respond: () => ({ code: 550, message: '5.7.1 relaying denied' }) });
    const sender = createSender(sink.url, { pool: 2 });
    try {
      const c = await campaign('announce:refused', 20);
      expect(await sendCampaignChunk({ config, store, sender, log: silent, clock, fill: fillMime }, c.first)).toBe('paused');
      const after = await store.campaigns.get(c.id);
      expect(after).toMatchObject({ status: 'paused' });
      expect(after!.pauseReason).toMatch(/^paused after 3 failures in a row; last: .*relaying denied/);
      const n = await statuses(c.key);
      expect(n.sending).toBeUndefined();
      expect(n.failed).toBeGreaterThanOrEqual(3);
      expect(n.failed).toBeLessThanOrEqual(4 * 2); // what was in flight when the streak was counted
      expect((n.failed ?? 0) + (n.queued ?? 0)).toBe(20);
      expect(sink.messages).toHaveLength(0);
    } finally {
      await sender.close();
      await sink.close();
    }
  });

  it('when paused by hand, within a second; resumed, the rest goes out once', { timeout: 60_000 }, async () => {
    const sink = await startSmtpSink({ answerDelayMs: 150 });
    const sender = createSender(sink.url, { pool: 2 });
    try {
      const c = await campaign('announce:by-hand', 40);
      const deps = { config, store, sender, log: silent, clock, fill: fillMime };
      const run = sendCampaignChunk(deps, c.first);
      await sink.waitFor(2, 20_000);
      await store.campaigns.setStatus(c.id, 'paused', null);
      expect(await run).toBe('paused');
      const n = await statuses(c.key);
      expect(n.sending).toBeUndefined();
      expect(n.queued).toBeGreaterThan(0);
      expect(sink.messages.length).toBe(n.sent);

      await store.campaigns.setStatus(c.id, 'sending', null);
      for (const first of await store.campaigns.pendingChunks(c.id, 500)) expect(await sendCampaignChunk(deps, first)).toBe('sent');
      expect(await statuses(c.key)).toEqual({ sent: 40 });
      expect(new Set(sink.messages.map((m) => m.envelope.to[0])).size).toBe(40);
      expect(sink.messages).toHaveLength(40);
      expect(await store.campaigns.get(c.id)).toMatchObject({ status: 'done' });
    } finally {
      await sender.close();
      await sink.close();
    }
  });
});
