/**
 * Digest scheduling on real Redis (BullMQ job schedulers) and PostgreSQL, with a test clock: two processes running
 * the scheduler send one digest per member; a restart at the period boundary sends no second one; the DST
 * change keeps the configured local hour (BullMQ's own next-run computation, and the period the run builds).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/adapters/db/open.ts';
import { storeOn } from '../../src/adapters/db/store.ts';
import type { Db } from '../../src/adapters/db/db.ts';
import { BullDispatcher } from '../../src/adapters/queue/bullmq.ts';
import { createComposer } from '../../src/adapters/compose/composer.ts';
import { silentLogger } from '../../src/adapters/log/pino.ts';
import { mailparserReader, readMail } from '../../src/adapters/mailparser.ts';
import { parseContextFrom } from '../../src/app/parse-message.ts';
import { collectListPost } from '../../src/app/collect-list-post.ts';
import type { AppDeps } from '../../src/app/deps.ts';
import { sendListDigests } from '../../src/app/send-digests.ts';
import { loadDigest } from '../../src/app/build-digest.ts';
import { createDigestComposer } from '../../src/adapters/compose/digest-mail.ts';
import type { Clock } from '../../src/app/clock.ts';
import type { Store } from '../../src/app/store.ts';
import { startDigests } from '../../workers/digests.ts';
import type { DigestScheduler } from '../../src/adapters/queue/digest-scheduler.ts';
import { dropSchema, PG_URL, randomSchema } from '../support/db.ts';
import { REDIS_URL } from '../support/services.ts';
import { buildMail, clearRedisPrefix, e2eConfig, redisPrefix, waitFor } from '../support/pipeline.ts';

const LIST = 'pgsql-fr-generale@lists.postgresql.example';
const LIST_ID = ['List-Id: <pgsql-fr-generale.lists.postgresql.example>', 'Precedence: list'];
/** The roster: members with their digest choice (store.digests), one of them pending (gets nothing). */
const MEMBERS = [
  { email: 'alice@example.fr', name: 'Alice', language: 'fr', status: 'active', cadence: 'daily', format: 'html' },
  { email: 'bob@example.fr', name: null, language: null, status: 'active', cadence: 'daily', format: 'text' },
  { email: 'chloe@example.fr', name: 'Chloé', language: 'en', status: 'active', cadence: 'daily', format: 'mime' },
  { email: 'denis@example.fr', name: 'Denis', language: 'fr', status: 'active', cadence: 'weekly', format: 'html' },
  { email: 'paula.pending@example.fr', name: null, language: null, status: 'pending', cadence: 'daily', format: 'html' },
] as const;

/** Monday 29 March 2027, just after 08:00 in Paris (CEST since Sunday): the boundary of a daily and a weekly period. */
const BOUNDARY = new Date('2027-03-29T06:00:00Z');

describe('digest scheduling', () => {
  const schema = randomSchema('dg');
  const prefix = redisPrefix();
  let db: Db;
  let store: Store;
  let redis: Redis;
  let deps: AppDeps;
  let clockNow = new Date(BOUNDARY.getTime() + 5_000);
  const clock: Clock = { now: () => clockNow };
  const schedulers: DigestScheduler[] = [];

  beforeAll(async () => {
    db = await openDb(PG_URL, { schema });
    store = storeOn(db);
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const config = e2eConfig({ smtpUrl: 'smtp://127.0.0.1:1', databaseUrl: `${PG_URL}?schema=${schema}`, prefix });
    deps = { config, ctx: parseContextFrom(config), store, dispatcher: new BullDispatcher(redis, prefix), composer: createComposer(config), reader: mailparserReader, clock, log: silentLogger };
    for (const m of MEMBERS) {
      await store.subscribers.upsert([{ email: m.email, name: m.name, language: m.language, status: m.status, source: 'cli' }]);
      await store.digests.set((await store.membership.byEmail(m.email))!.id, 'generale', { cadence: m.cadence, format: m.format });
    }
    // Three posts of one thread during Sunday (the DST day), one reply on Monday morning before 08:00.
    const root = buildMail({ from: 'Jean <jean@example.fr>', to: LIST, subject: '[generale] Réunion de mars', body: 'Qui vient jeudi ?', headers: LIST_ID });
    const posts = [
      { raw: root.raw, at: '2027-03-28T09:00:00Z' },
      { raw: buildMail({ from: 'Marie <marie@example.fr>', to: LIST, subject: 'RE : [generale] Réunion de mars', body: 'Moi !\n\nLe dim. 28 mars, Jean a écrit :\n> Qui vient jeudi ?', inReplyTo: root.messageId, references: root.messageId, headers: LIST_ID }).raw, at: '2027-03-28T15:00:00Z' },
      { raw: buildMail({ from: 'Paul <paul@example.fr>', to: LIST, subject: 'Re: [generale] Réunion de mars', body: 'Moi aussi.', references: root.messageId, headers: LIST_ID }).raw, at: '2027-03-29T05:30:00Z' },
    ];
    for (const p of posts) {
      const { id } = await store.inbound.saveRaw(p.raw, { source: 'cli' });
      await db.query('UPDATE inbound_messages SET received_at = $2 WHERE id = $1', [id, p.at]);
      await collectListPost({ ...deps, clock: { now: () => new Date(p.at) } }, id, await readMail(p.raw));
    }
  }, 60_000);

  afterAll(async () => {
    for (const s of schedulers) await s.close().catch(() => undefined);
    await store?.close();
    redis?.disconnect();
    await clearRedisPrefix(prefix);
    await dropSchema(schema);
  }, 60_000);

  const digestRows = () =>
    db.query<{ subject_ref: string; recipient: string }>(`SELECT subject_ref, recipient FROM outbox WHERE purpose = 'digest' ORDER BY subject_ref, recipient`);

  it('threads the three posts as one', async () => {
    const rows = await db.query<{ n: number }>('SELECT count(DISTINCT thread_id)::int AS n FROM list_posts');
    expect(rows[0]!.n).toBe(1);
  });

  it('two processes running the scheduler on the roster: one scheduler of each kind, one digest per active member and format', async () => {
    // Both fire every second (a test pattern): many runs for one period, from two workers at once.
    const fast = { patterns: { daily: '* * * * * *', weekly: '* * * * * *' } };
    schedulers.push(await startDigests(deps, redis, fast), await startDigests(deps, redis.duplicate(), fast));
    expect(await schedulers[0]!.queue.getJobSchedulersCount()).toBe(3);
    await waitFor(async () => (await schedulers[0]!.queue.getCompletedCount()) >= 6, 'six digest runs', 30_000, 200);
    const rows = await digestRows();
    expect(rows).toEqual([
      { subject_ref: 'generale/daily-2027-03-29/html', recipient: 'alice@example.fr' },
      { subject_ref: 'generale/daily-2027-03-29/mime', recipient: 'chloe@example.fr' },
      { subject_ref: 'generale/daily-2027-03-29/text', recipient: 'bob@example.fr' },
      { subject_ref: 'generale/weekly-2027-03-29/html', recipient: 'denis@example.fr' },
    ]);
  }, 60_000);

  it('a restart at the period boundary sends no second digest', async () => {
    for (const s of schedulers.splice(0)) await s.close();
    const before = await digestRows();
    clockNow = BOUNDARY; // exactly 08:00:00 local: the new period has just begun
    const fast = { patterns: { daily: '* * * * * *', weekly: '* * * * * *' } };
    const restarted = await startDigests(deps, redis, fast);
    schedulers.push(restarted);
    const done = await restarted.queue.getCompletedCount();
    await waitFor(async () => (await restarted.queue.getCompletedCount()) >= done + 4, 'four more runs', 30_000, 200);
    expect(await digestRows()).toEqual(before);
    await restarted.close();
    schedulers.splice(0);
  }, 60_000);

  it('runs on the DST day cover 23 hours (Saturday 08:00 CET to Sunday 08:00 CEST), the next day 24', async () => {
    const mailer = createDigestComposer(deps.config, { clock });
    const d = { ...deps, mailer, recipients: store.digests };
    const [monday] = await sendListDigests(d, { cadence: 'daily', dryRun: true });
    expect(monday!.period).toMatchObject({ key: 'daily-2027-03-29', from: new Date('2027-03-28T06:00:00Z'), to: new Date('2027-03-29T06:00:00Z') });
    expect(monday!.counts).toEqual({ messages: 3, threads: 1, posters: 3 });
    clockNow = new Date('2027-03-28T06:00:01Z');
    const [sunday] = await sendListDigests(d, { cadence: 'daily', dryRun: true });
    expect(sunday!.period).toMatchObject({ key: 'daily-2027-03-28', from: new Date('2027-03-27T07:00:00Z'), to: new Date('2027-03-28T06:00:00Z') });
    expect(sunday!.counts).toBeNull(); // nothing posted that day: nothing to send
    clockNow = BOUNDARY;
  });

  it("a late reply joins its thread in the next day's digest, with its context named", async () => {
    const rootId = (await db.query<{ message_id: string }>("SELECT message_id FROM list_posts ORDER BY received_at LIMIT 1"))[0]!.message_id;
    const late = buildMail({ from: 'Zoé <zoe@example.fr>', to: LIST, subject: 'Réf : [generale] Réunion de mars', body: 'Trop tard pour moi.', references: rootId, headers: LIST_ID });
    const at = '2027-03-30T05:00:00Z';
    const { id } = await store.inbound.saveRaw(late.raw, { source: 'cli' });
    await db.query('UPDATE inbound_messages SET received_at = $2 WHERE id = $1', [id, at]);
    await collectListPost({ ...deps, clock: { now: () => new Date(at) } }, id, await readMail(late.raw));
    clockNow = new Date('2027-03-30T06:00:00Z');
    const mailer = createDigestComposer(deps.config, { clock });
    const period = (await sendListDigests({ ...deps, mailer, recipients: store.digests }, { cadence: 'daily', dryRun: true }))[0]!.period;
    const d = (await loadDigest(deps, { name: 'generale', address: LIST }, period))!;
    expect(d.counts).toEqual({ messages: 1, threads: 1, posters: 1 });
    expect(d.threads[0]).toMatchObject({ subject: 'Réunion de mars', isNew: false, earlier: 3, startedBy: 'Jean <jean@example.fr>' });
    expect(d.entries[0]!.answers).toMatchObject({ fromLabel: 'Jean <jean@example.fr>' });
    const r = await mailer.render(d, 'fr');
    expect(r.html).toContain('Suite du fil commencé le dimanche 28 mars 2027 par Jean');
    expect(r.text).toContain('[En réponse à Jean <jean@example.fr>');
    clockNow = BOUNDARY;
  });

  it('BullMQ fires at 08:00 local on either side of a DST change', async () => {
    const q = new (await import('bullmq')).Queue('dst-check', { connection: redis, prefix });
    try {
      for (const [start, expected] of [
        ['2027-03-27T12:00:00Z', '2027-03-28T06:00:00Z'], // spring forward: 08:00 CEST
        ['2027-03-26T12:00:00Z', '2027-03-27T07:00:00Z'], // the day before: 08:00 CET
        // (BullMQ counts from the later of startDate and now: only future changes can be checked.)
        ['2027-10-30T12:00:00Z', '2027-10-31T07:00:00Z'], // fall back: 08:00 CET
        ['2027-10-29T12:00:00Z', '2027-10-30T06:00:00Z'], // the day before: 08:00 CEST
      ] as const) {
        await q.upsertJobScheduler('digest-daily', { pattern: '0 8 * * *', tz: 'Europe/Paris', startDate: new Date(start) }, { name: 'daily', data: { kind: 'daily' } });
        const s = await q.getJobScheduler('digest-daily');
        expect(new Date(Number(s!.next)).toISOString()).toBe(new Date(expected).toISOString());
      }
    } finally {
      await q.obliterate({ force: true }).catch(() => undefined);
      await q.close();
    }
  });
});
