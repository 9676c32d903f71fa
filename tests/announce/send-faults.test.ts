/**
 * The campaign sender against faults (never-twice review, findings 4 and 5), on PostgreSQL with a real SMTP listener:
 * each campaign send holds one of the pool's connection slots, so a deliver job that reserved its connections before
 * marking its rows transmitting never waits behind a campaign's mails; and when a batch's status lock fails (the
 * database once away), the previous batch's sent marks it carried are recorded anyway — an accepted mail is never
 * parked as possibly delivered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/adapters/db/open.ts';
import { fillMime } from '../../src/adapters/compose/campaign-mime.ts';
import { createSender } from '../../src/adapters/smtp/sender.ts';
import { deferral, sendCampaignChunk } from '../../src/app/send-campaign.ts';
import type { Sender } from '../../src/app/sender.ts';
import type { Store } from '../../src/app/store.ts';
import pg from 'pg';
import { PG_URL, dropSchema, randomSchema } from '../support/db.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { groupConfig, silentLog } from '../support/test-config.ts';

const schema = randomSchema('sendfaults');
let store: Store;
let sink: SmtpSink;
const log = silentLog;
/** Recipients the listener answers 451, as a greylisting server does on a first try. */
const greylisted = new Set<string>();
/** What the listener answers to RCPT TO of an address (a relay that checks its recipients), or at DATA. */
const refusedAtRcpt = new Map<string, { code: number; message: string }>();
const refusedAtData = new Map<string, { code: number; message: string }>();
const configOf = (pool: number) => groupConfig('faults', { smtp: { url: 'smtp://127.0.0.1:1', pool } });
const clock = { now: () => new Date() };
const template = { pieces: ['From: talks@pgug.example.org\r\nTo: ', { slot: 'to' as const, enc: 'header' as const }, '\r\nSubject: test\r\nMessage-ID: ', { slot: 'messageId' as const, enc: 'header' as const }, '\r\n\r\nBonjour.\r\n'] };

async function campaignOf(key: string, recipients: string[]): Promise<{ id: number; first: number }> {
  const { campaign } = await store.campaigns.create({ key, kind: 'announce', eventId: null, list: null, parts: { variants: { 'member:fr': template } } });
  await store.campaigns.addRecipients(campaign.id, 'announce', key, 'bounces@pgug.example.org', recipients.map((email) => ({ email, variant: 'member:fr' })));
  const [first] = await store.campaigns.pendingChunks(campaign.id, 500);
  return { id: campaign.id, first: first! };
}

beforeAll(async () => {
  store = await openStore(PG_URL, { schema });
  sink = await startSmtpSink({
    respond: (env) => (greylisted.has(env.to[0]!) ? { code: 451, message: '4.7.1 greylisted, try again later' } : (refusedAtData.get(env.to[0]!) ?? null)),
    respondRcpt: (address) => refusedAtRcpt.get(address) ?? null,
  });
}, 60_000);
afterAll(async () => {
  await sink?.close();
  await store?.close();
  await dropSchema(schema);
});

describe('a campaign send and the connection slots', () => {
  it('holds a slot while its mail is in flight', { timeout: 30_000 }, async () => {
    const real = createSender(sink.url, { pool: 1 });
    try {
      // During each send, another taker (a deliver job) asks for the only connection: it must wait for the send.
      const slotFreeDuringSend: boolean[] = [];
      const sender: Sender = {
        ...real,
        reserve: real.reserve!,
        connections: real.connections!,
        send: async (raw, env) => {
          let got = false;
          const other = real.reserve!(1).then((release) => ((got = true), release));
          const r = await real.send(raw, env);
          slotFreeDuringSend.push(got);
          void other.then((release) => release());
          return r;
        },
      };
      const c = await campaignOf('announce:slots', ['s1@example.org', 's2@example.org', 's3@example.org']);
      expect(await sendCampaignChunk({ config: configOf(1), store, sender, log, clock, fill: fillMime }, c.first)).toBe('sent');
      expect(slotFreeDuringSend).toEqual([false, false, false]);
    } finally {
      await real.close();
    }
  });
});

describe('a status lock that fails once', () => {
  it("still records the previous batch's mails as sent", { timeout: 30_000 }, async () => {
    const sender = createSender(sink.url, { pool: 2 });
    try {
      const recipients = Array.from({ length: 6 }, (_, i) => `lock${i}@example.org`);
      const c = await campaignOf('announce:lock', recipients);
      // Batches of two, two in flight: the third batch's lock carries the first batch's sent marks. It fails — the
      // database going away for one statement, which no real part does on demand.
      let calls = 0;
      let carried = 0;
      const failing: Store = {
        ...store,
        campaigns: {
          ...store.campaigns,
          transmit: (rows, leaseMs, sent) => {
            if (++calls === 3) {
              carried = sent.length;
              return Promise.reject(new Error('connection terminated'));
            }
            return store.campaigns.transmit(rows, leaseMs, sent);
          },
        },
      };
      await expect(sendCampaignChunk({ config: configOf(2), store: failing, sender, log, clock, fill: fillMime }, c.first)).rejects.toThrow('connection terminated');
      expect(carried).toBeGreaterThan(0);
      const accepted = sink.messages.filter((m) => recipients.includes(m.envelope.to[0]!)).map((m) => m.envelope.to[0]);
      expect(accepted).toHaveLength(4);
      const rows = (await store.outbox.list()).filter((r) => recipients.includes(r.recipient));
      for (const r of rows) expect(r.status, r.recipient).toBe(accepted.includes(r.recipient) ? 'sent' : 'queued');
      expect(await store.outbox.parkInterrupted()).toEqual([]);
    } finally {
      await sender.close();
    }
  });
});

describe('a mail deferred by a 4xx (audit E: greylisted members never got the announcement)', () => {
  it('waits delivery.retryMinutes before its next try, the chunk going on meanwhile', { timeout: 30_000 }, async () => {
    const sender = createSender(sink.url, { pool: 1 });
    const db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    try {
      const c = await campaignOf('announce:grey', ['grey@example.org', 'after-grey@example.org']);
      greylisted.add('grey@example.org');
      const deps = { config: configOf(1), store, sender, log, clock, fill: fillMime };
      // The deferred row does not stop the chunk: the next member gets it at once.
      expect(await sendCampaignChunk(deps, c.first)).toBe('sent');
      expect(sink.messages.map((m) => m.envelope.to[0])).toContain('after-grey@example.org');
      const row = async () =>
        (await db.query<{ status: string; wait: number }>(`SELECT status, extract(epoch FROM lease_until - now())::float AS wait FROM ${schema}.outbox WHERE recipient = 'grey@example.org'`)).rows[0]!;
      const r = await row();
      // Not parked: waiting for its next try, a minute away (retryMinutes[0]), that no sender may take before.
      expect(r.status).toBe('sending');
      expect(r.wait).toBeGreaterThan(50);
      expect(r.wait).toBeLessThanOrEqual(60);
      for (let i = 0; i < 5; i++) await sendCampaignChunk(deps, c.first);
      expect(sink.rejected.filter((m) => m.envelope.to[0] === 'grey@example.org')).toHaveLength(1);
      // Its time come (the recovery sweep dispatches it), the server takes it: sent once.
      greylisted.delete('grey@example.org');
      await db.query(`UPDATE ${schema}.outbox SET lease_until = now() - interval '1 second' WHERE recipient = 'grey@example.org'`);
      const [again] = await store.campaigns.pendingChunks(c.id, 500);
      expect(await sendCampaignChunk(deps, again!)).toBe('sent');
      expect(sink.messages.filter((m) => m.envelope.to[0] === 'grey@example.org')).toHaveLength(1);
      expect((await row()).status).toBe('sent');
    } finally {
      await db.end();
      await sender.close();
    }
  });

  it('is parked once its waits add up to delivery.giveUpAfterHours', () => {
    const config = groupConfig('faults', { delivery: { retryMinutes: [1, 2], giveUpAfterHours: 0.05 } });
    // Each deferral takes two attempts (the try, the wait): tries at attempts 1, 3, 5…
    expect(deferral(config, 1)).toEqual({ waitMs: 60_000 });
    expect(deferral(config, 3)).toEqual({ waitMs: 120_000 });
    expect(deferral(config, 5)).toEqual({ giveUp: true });
    expect(deferral(groupConfig('faults'), 25)).toEqual({ waitMs: 3_600_000 });
  });
});

describe('a member who leaves while the chunk holding their row is being sent', () => {
  it('gets nothing: their status is read again in the statement that takes their row to the SMTP server', { timeout: 30_000 }, async () => {
    const real = createSender(sink.url, { pool: 1 });
    try {
      const members = ['left0@example.org', 'left1@example.org', 'left2@example.org', 'left3@example.org'];
      await store.subscribers.upsert(members.map((email) => ({ email, status: 'active' as const, source: 'cli' })));
      const c = await campaignOf('announce:left-mid-chunk', members);
      const leaver = (await store.membership.byEmail('left2@example.org'))!;
      // The whole chunk is held with left2 still active; left2 unsubscribes (one-click) while left0's mail is in flight,
      // before left2's batch is marked transmitting — well under a second after the hold.
      const sender: Sender = {
        ...real,
        reserve: real.reserve!,
        connections: real.connections!,
        send: async (raw, env) => {
          if (env.to[0] === 'left0@example.org') await store.membership.setStatus(leaver.id, 'unsubscribed', 'one-click https');
          return real.send(raw, env);
        },
      };
      expect(await sendCampaignChunk({ config: configOf(1), store, sender, log, clock, fill: fillMime }, c.first)).toBe('sent');
      const got = sink.messages.map((m) => m.envelope.to[0]).filter((to) => members.includes(to!));
      expect(got).toEqual(['left0@example.org', 'left1@example.org', 'left3@example.org']);
      const row = (await store.outbox.list()).find((r) => r.recipient === 'left2@example.org')!;
      expect([row.status, row.lastError]).toEqual(['failed', 'not sent: member unsubscribed']);
      expect(await store.campaigns.counts(c.id)).toEqual({ total: 4, sent: 3, failed: 1, queued: 0 });
      // Not undelivered mail: the organizers' daily summary does not list it (its « retry » would send it to her)
      expect((await store.undelivered.unreported(1000, { refPrefix: 'none:' })).filter((m) => m.id === row.id)).toEqual([]);
    } finally {
      await real.close();
    }
  });

  it('who left before the chunk was held: parked with the reason, never in the undelivered summary', { timeout: 30_000 }, async () => {
    const sender = createSender(sink.url, { pool: 1 });
    try {
      const members = ['early0@example.org', 'early1@example.org'];
      await store.subscribers.upsert(members.map((email) => ({ email, status: 'active' as const, source: 'cli' })));
      const c = await campaignOf('announce:left-before-hold', members);
      await store.membership.setStatus((await store.membership.byEmail('early1@example.org'))!.id, 'disabled', 'hard 5.1.1 bounce (test)');
      expect(await sendCampaignChunk({ config: configOf(1), store, sender, log, clock, fill: fillMime }, c.first)).toBe('sent');
      const row = (await store.outbox.list()).find((r) => r.recipient === 'early1@example.org')!;
      expect([row.status, row.lastError]).toEqual(['failed', 'not sent: member disabled']);
      expect((await store.undelivered.unreported(1000, { refPrefix: 'none:' })).filter((m) => m.id === row.id)).toEqual([]);
    } finally {
      await sender.close();
    }
  });
});

describe('a member whose address the relay refuses as the announcement is sent (550 5.1.1 at RCPT TO)', () => {
  it('is a hard bounce of that member, as the DSN would be; a refusal about crieur or the message is not', { timeout: 30_000 }, async () => {
    const sender = createSender(sink.url, { pool: 1 });
    try {
      const members = ['ghost@example.org', 'norcpt@example.org', 'relaydenied@example.org', 'spam@example.org', 'fine@example.org'];
      await store.subscribers.upsert(members.map((email) => ({ email, status: 'active' as const, source: 'cli' })));
      refusedAtRcpt.set('ghost@example.org', { code: 550, message: '5.1.1 <ghost@example.org>: Recipient address rejected: User unknown in virtual mailbox table' });
      refusedAtRcpt.set('norcpt@example.org', { code: 550, message: 'Unrouteable address' });
      // Refused for every member alike: crieur's relay, or the message — the campaign's failure, not theirs.
      refusedAtRcpt.set('relaydenied@example.org', { code: 554, message: '5.7.1 <relaydenied@example.org>: Relay access denied' });
      refusedAtData.set('spam@example.org', { code: 554, message: '5.7.1 Message rejected as spam' });
      const c = await campaignOf('announce:refused', members);
      const bounces: string[] = [];
      const deps = { config: configOf(1), store, sender, log, clock, fill: fillMime, onBounce: (k: string) => bounces.push(k) };
      expect(await sendCampaignChunk(deps, c.first)).toBe('sent');
      const status = async (email: string) => (await store.subscribers.get(email))!.status;
      expect(await Promise.all(members.map(status))).toEqual(['disabled', 'disabled', 'active', 'active', 'active']);
      const ghost = (await store.membership.byEmail('ghost@example.org'))!;
      const cause = (await store.membership.history(ghost.id)).at(-1)!;
      expect([cause.to, cause.cause]).toEqual(['disabled', expect.stringMatching(/^hard 5\.1\.1 bounce \(refused at send, outbox \d+\)$/)]);
      expect((await store.subscribers.get('ghost@example.org'))!.lastBounce?.what).toBe('hard 5.1.1');
      expect((await store.subscribers.get('norcpt@example.org'))!.lastBounce?.what).toBe('hard 5.0.0');
      expect((await store.subscribers.get('relaydenied@example.org'))!.bounces).toBe(0);
      expect(bounces).toEqual(['hard', 'hard']);
      expect(await store.campaigns.counts(c.id)).toEqual({ total: 5, sent: 1, failed: 4, queued: 0 });
    } finally {
      await sender.close();
    }
  });
});
