/**
 * The organizers' daily summary of undelivered mail (src/app/report-undelivered.ts) on PostgreSQL and a real
 * Redis queue: two processes summarizing at the same moment enqueue one summary per organizer; a second round
 * the same day sends nothing; a mail parked later waits for the next day's summary; summaries are not
 * summarized; a mail sent again and parked again is reported again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL } from '../support/services.ts';
import { configSchema } from '../../src/config/schema.ts';
import { openStore } from '../../src/adapters/db/open.ts';
import { connectRedis } from '../../src/adapters/queue/redis.ts';
import { BullDispatcher } from '../../src/adapters/queue/bullmq.ts';
import { silentLogger } from '../../src/adapters/log/pino.ts';
import { createUndeliveredComposer } from '../../src/adapters/compose/undelivered.ts';
import { readMail } from '../../src/adapters/mailparser.ts';
import { reportUndelivered, type SummaryDeps } from '../../src/app/report-undelivered.ts';
import type { Clock } from '../../src/app/clock.ts';
import type { Store } from '../../src/app/store.ts';
import { dropSchema, PG_URL, randomSchema } from '../support/db.ts';
import { clearRedisPrefix, redisPrefix } from '../support/pipeline.ts';
import type { Redis } from 'ioredis';
import { claimOne } from '../support/outbox.ts';

const schema = randomSchema('undelivered');
const prefix = redisPrefix();
const config = configSchema.parse({
  group: { name: 'PostgreSQL Paris', locale: 'en', timezone: 'Europe/Paris' },
  addresses: { proposals: 'talks@pgug.example.org', from: 'PostgreSQL Paris <talks@pgug.example.org>' },
  organizers: ['dim@example.org', 'orga2@example.org'],
});
let stores: Store[] = [];
let redis: Redis;
let dispatcher: BullDispatcher;
let now = new Date('2026-11-30T10:00:00Z');
const clock: Clock = { now: () => now };

beforeAll(async () => {
  // Two stores: two connection pools, as two processes would have.
  stores = [await openStore(`${PG_URL}?schema=${schema}`), await openStore(`${PG_URL}?schema=${schema}`)];
  redis = await connectRedis(REDIS_URL);
  dispatcher = new BullDispatcher(redis, prefix);
});

afterAll(async () => {
  await dispatcher?.close();
  redis?.disconnect();
  for (const s of stores) await s.close();
  await dropSchema(schema);
  await clearRedisPrefix(prefix);
});

const deps = (store: Store): SummaryDeps => ({ config, dispatcher, clock, log: silentLogger, store, composer: createUndeliveredComposer(config, { clock }) });

async function parked(recipient: string, answer: string): Promise<number> {
  const store = stores[0]!;
  const { id } = await store.outbox.enqueue({ purpose: 'ack', subjectRef: `P-0001/${recipient}`, recipient, raw: Buffer.from('x'), envelopeFrom: 'b@pgug.example.org' });
  await claimOne(store.outbox, id, 60_000);
  await store.outbox.markFailed(id, 'gave up after 48 h and 54 attempts', answer, false);
  return id;
}

const summaries = async (day: string) =>
  (await stores[0]!.outbox.list()).filter((o) => o.purpose === 'notify-organizer' && o.subjectRef === `undelivered:${day}`);

describe('reportUndelivered', () => {
  it('two processes at once: one summary per organizer, the mails marked reported once', async () => {
    const a = await parked('ghost@example.com', '550 5.1.1 no such user');
    const b = await parked('slow@example.net', '451 4.7.1 greylisted, come back later');
    const results = await Promise.all([reportUndelivered(deps(stores[0]!)), reportUndelivered(deps(stores[1]!))]);
    expect(results.map((r) => r.reported).sort()).toEqual([0, 2]);
    const rows = await summaries('2026-11-30');
    expect(rows.map((r) => r.recipient).sort()).toEqual(['dim@example.org', 'orga2@example.org']);
    const mail = await readMail(rows[0]!.raw);
    expect(mail.subject).toBe('2 mails not delivered (2026-11-30)');
    expect(mail.text).toContain(`- o${a}: acknowledgement P-0001/ghost@example.com, to ghost@example.com`);
    expect(mail.text).toContain('last answer: 550 5.1.1 no such user');
    expect(mail.text).toContain(`- o${b}: acknowledgement P-0001/slow@example.net, to slow@example.net`);
    expect(mail.html).toContain('451 4.7.1 greylisted, come back later');
    // Queued for delivery, one job per summary row.
    expect((await dispatcher.counts()).deliver?.waiting).toBe(2);
  });

  it('the same day again: nothing; a mail parked later waits for the next day', async () => {
    const c = await parked('late@example.org', '552 5.2.2 mailbox full');
    expect(await reportUndelivered(deps(stores[1]!))).toEqual({ day: '2026-11-30', reported: 0 });
    expect(await summaries('2026-11-30')).toHaveLength(2);
    // Midnight in Paris is 23:00 UTC.
    now = new Date('2026-11-30T23:30:00Z');
    expect(await reportUndelivered(deps(stores[1]!))).toEqual({ day: '2026-12-01', reported: 1 });
    const next = await summaries('2026-12-01');
    expect(next).toHaveLength(2);
    const text = (await readMail(next[0]!.raw)).text ?? '';
    expect(text).toContain(`o${c}:`);
    expect(text).not.toContain('ghost@example.com');
  });

  it('a summary that could not be delivered is not summarized; a mail retried and parked again is', async () => {
    const [summary] = await summaries('2026-12-01');
    await claimOne(stores[0]!.outbox, summary!.id, 60_000);
    await stores[0]!.outbox.markFailed(summary!.id, 'refused', '550 no such organizer', false);
    const [ghost] = (await stores[0]!.outbox.list({ status: 'failed' })).filter((o) => o.recipient === 'ghost@example.com');
    await stores[0]!.outbox.requeue(ghost!.id);
    await claimOne(stores[0]!.outbox, ghost!.id, 60_000);
    await stores[0]!.outbox.markFailed(ghost!.id, 'refused again', '550 5.1.1 still no such user', false);
    now = new Date('2026-12-02T08:00:00Z');
    expect(await reportUndelivered(deps(stores[0]!))).toEqual({ day: '2026-12-02', reported: 1 });
    const text = (await readMail((await summaries('2026-12-02'))[0]!.raw)).text ?? '';
    expect(text).toContain('550 5.1.1 still no such user');
    expect(text).not.toContain('no such organizer');
  });
});
