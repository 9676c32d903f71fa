/**
 * A campaign mail's Date is its row's: a member who joins a week after the announcement and gets it then finds a mail
 * of that day, not one dated the week before (sorted under a week of mail, « envoyé il y a 7 jours »). Every attempt of
 * one row carries the same Date (the row's, not the send's: a retry sends the same bytes). PostgreSQL and a real SMTP
 * listener.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { createEventMailBuilder } from '../../src/adapters/compose/announcement.ts';
import { fillMime } from '../../src/adapters/compose/campaign-mime.ts';
import { announceEvent } from '../../src/app/announce-event.ts';
import { chunkSize, sendCampaignChunk } from '../../src/app/send-campaign.ts';
import type { EventRecord } from '../../src/app/event-store.ts';
import { PG_URL } from '../support/db.ts';
import { useStoreAndSink } from '../support/store-and-sink.ts';
import { GENERALE, groupConfig, silentLog } from '../support/test-config.ts';

const { schema, store, sink, sender } = useStoreAndSink('rowdate');
const config = groupConfig('row-date', { lists: [GENERALE] });
const clock = { now: () => new Date() };
/** The first announcement's clock: a week ago (the rows' created_at are made so by aWeekAgo). */
const weekAgo = { now: () => new Date(Date.now() - 7 * 86_400_000) };

async function announce(ev: EventRecord) {
  const a = await announceEvent({ config, store, builder: createEventMailBuilder(config), clock }, (await store.events.get(ev.id))!);
  for (const first of await store.campaigns.pendingChunks(a.campaign.id, chunkSize(config))) {
    await sendCampaignChunk({ config, store, sender, log: silentLog, clock, fill: fillMime }, first);
  }
  return a;
}

/** The rows written so far, made a week older: the announcement as it stands a week later. */
async function aWeekAgo(): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`UPDATE ${schema}.outbox SET created_at = created_at - interval '7 days'`);
    await c.query(`UPDATE ${schema}.campaigns SET created_at = created_at - interval '7 days'`);
  } finally {
    await c.end();
  }
}

describe("a campaign mail's Date", () => {
  it('is when its row was written: a member who joins a week later gets a mail of that day', { timeout: 120_000 }, async () => {
    const ev = await store.events.create({ date: new Date(Date.now() + 30 * 86_400_000), venue: 'Chez Dalibo', title: 'Meetup' });
    await store.subscribers.upsert([{ email: 'jean@example.fr', name: 'Jean', language: 'fr', status: 'active', source: 'test' }]);
    // Announced a week ago: the list's and Jean's rows; the list's still queued (paused, rate-limited) — sent now.
    const a = await announceEvent({ config, store, builder: createEventMailBuilder(config), clock: weekAgo }, (await store.events.get(ev.id))!);
    expect(a).toMatchObject({ created: true, added: 2 });
    await aWeekAgo();
    await store.subscribers.upsert([{ email: `zoe-${randomBytes(3).toString('hex')}@example.fr`, name: 'Zoé', language: 'fr', status: 'active', source: 'test' }]);
    expect(await announce(ev)).toMatchObject({ created: false, added: 1 });
    const mails = await Promise.all(sink.messages.map(async (m) => ({ to: m.envelope.to[0]!, mail: await simpleParser(m.raw) })));
    expect(mails).toHaveLength(3);
    const age = (to: (r: string) => boolean) => (Date.now() - mails.find((m) => to(m.to))!.mail.date!.getTime()) / 86_400_000;
    expect(age((r) => r.startsWith('zoe-'))).toBeLessThan(0.01);
    expect(age((r) => r === 'jean@example.fr')).toBeGreaterThan(6.99);
    expect(age((r) => r.startsWith('pgsql-fr-generale'))).toBeGreaterThan(6.99);
  });
});
