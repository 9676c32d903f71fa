/**
 * The statements that carry several callers' work (coalesce.ts: filings queued together, proposals classified and
 * filed together) as several processes run them on one PostgreSQL: each process coalesces its own callers, so the
 * batches of two processes are two transactions that may hold the same locks. Here four stores on one schema stand
 * for four processes. Nothing is lost or doubled whatever order the batches take their locks in: the outbox's rows
 * go caller by caller in key order (no cycle), and a batch of filings takes its (speaker, title) locks first, in key
 * order (migration 022) — before it, batches with re-sends in other orders deadlocked, PostgreSQL cancelled one after
 * a second's wait, and its filings run again one by one could be caught again (a CI run failed so).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/adapters/db/open.ts';
import { normalizeTitle } from '../../src/core/pipeline/normalize-title.ts';
import type { NewOutboxItem } from '../../src/app/outbox-store.ts';
import type { Store } from '../../src/app/store.ts';
import type { ParseResult } from '../../src/types.ts';
import { dropSchema, PG_URL, randomSchema } from '../support/db.ts';

const uniq = () => randomBytes(6).toString('hex');

describe('batched statements from several processes on one PostgreSQL', () => {
  const schema = randomSchema('batches');
  let stores: Store[] = [];
  beforeAll(async () => {
    // One first, so that the migrations run once; then the others, each with its own pool and coalescers.
    stores = [await openStore(PG_URL, { schema })];
    stores.push(...(await Promise.all([1, 2, 3].map(() => openStore(PG_URL, { schema })))));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await dropSchema(schema);
  }, 60_000);

  const inbound = async (store: Store) => (await store.inbound.saveRaw(Buffer.from(`Message-ID: <${uniq()}@x>\r\nSubject: s\r\n\r\nb\r\n`), { source: 'cli' })).id;

  it('filings whose co-speakers come in other orders, queued by four processes at once: every row once, no deadlock', async () => {
    const [a, b, c] = [uniq(), uniq(), uniq()].map((x) => `co.${x}@example.fr`);
    const since = new Date(Date.now() - 60_000);
    const orders = [[a, b, c], [c, b, a], [b, a, c], [c, a, b], [a, c, b], [b, c, a]];
    const calls = [...orders, ...orders, ...orders, ...orders].map(async (to, n) => {
      const store = stores[n % stores.length]!;
      const cause = await inbound(store);
      const rows: (NewOutboxItem & { cap: { limit: number; since: Date } })[] = to.map((r) => ({
        purpose: 'ack',
        subjectRef: `P-${uniq()}/m${cause}`,
        recipient: r!,
        raw: Buffer.from('x'),
        envelopeFrom: 'bounces@example.org',
        causeMessageId: cause,
        cap: { limit: 1000, since },
      }));
      return { cause, store, out: await store.outbox.enqueueAll(rows, { completes: cause }) };
    });
    const done = await Promise.all(calls);
    expect(done.flatMap((d) => d.out).every((r) => r?.inserted === true)).toBe(true);
    for (const d of done) expect((await d.store.inbound.get(d.cause))?.state).toBe('done');
  }, 60_000);

  it('the same speakers’ same titles filed by four processes in opposite orders: each message filed once, none lost', async () => {
    const speakers = [0, 1, 2, 3].map((n) => `speaker${n}.${uniq()}@example.org`);
    const titles = speakers.map((_, n) => `Titre ${n} ${uniq()}`);
    const parsedFor = (n: number): ParseResult => ({
      messageId: null,
      kind: 'proposal',
      from: null,
      subject: titles[n]!,
      language: 'fr',
      warnings: [],
      proposal: { format: 'talk', title: titles[n]!, abstract: 'a', durationMinutes: 30, language: 'fr', speakers: [{ name: 'S', email: speakers[n]! }], attachments: [] },
    });
    // Each process files a copy of every speaker's proposal (re-sends: same speaker, same title), in its own order.
    const orders = [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]];
    const messages = await Promise.all(orders.map((order, p) => Promise.all(order.map(async (n) => ({ n, id: await inbound(stores[p]!) })))));
    const filed = await Promise.all(
      messages.map((mine, p) =>
        Promise.all(
          mine.map(({ n, id }) =>
            stores[p]!.proposals.classifyAndFile(id, parsedFor(n), speakers[n]!, { speakerEmail: speakers[n]!, titleKey: normalizeTitle(titles[n]!), since: new Date(Date.now() - 86_400_000) }),
          ),
        ),
      ),
    );
    const outcomes = filed.flat().map((f) => f.outcome);
    // One proposal per speaker and title; the other copies are the same proposal again.
    expect(outcomes.filter((o) => o === 'filed')).toHaveLength(4);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(12);
    const refs = new Set(filed.flat().map((f) => ('proposal' in f ? f.proposal.ref : null)));
    expect(refs.size).toBe(4);
  }, 90_000);

  it('a batch waiting for one filing lock holds none of the others: it takes them first, in one order', async () => {
    // Two proposals filed in one batch, the one whose lock key is the higher first (the batch files by message id);
    // another connection holds the lower key's lock. Taking each lock as its filing came, the batch held the higher
    // one while it waited — the half of a deadlock, the other half a batch with the same two in the other order.
    const lockKey = 'SELECT hashtext($1)::bigint AS k';
    const entries = await Promise.all(
      [0, 1].map(async () => {
        const speaker = `order.${uniq()}@example.org`;
        const title = `Ordre ${uniq()}`;
        const key = `crieur-file:${speaker.toLowerCase()}:${normalizeTitle(title)}`;
        return { speaker, title, key };
      }),
    );
    const admin = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    const blocker = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await Promise.all([admin.connect(), blocker.connect()]);
    try {
      const keyed = await Promise.all(entries.map(async (e) => ({ ...e, k: BigInt((await admin.query<{ k: string }>(lockKey, [e.key])).rows[0]!.k) })));
      const [lo, hi] = keyed.sort((a, b) => (a.k < b.k ? -1 : 1));
      // The higher key's message first: the lower id, so the batch reaches it first.
      const hiMessage = await inbound(stores[0]!);
      const loMessage = await inbound(stores[0]!);
      await blocker.query('BEGIN');
      await blocker.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lo!.key]);
      const file = (e: typeof lo, message: number) =>
        stores[0]!.proposals.classifyAndFile(
          message,
          { messageId: null, kind: 'proposal', from: null, subject: e!.title, language: 'fr', warnings: [],
            proposal: { format: 'talk', title: e!.title, abstract: 'a', durationMinutes: 30, language: 'fr', speakers: [{ name: 'S', email: e!.speaker }], attachments: [] } },
          e!.speaker,
          { speakerEmail: e!.speaker, titleKey: normalizeTitle(e!.title), since: new Date(Date.now() - 86_400_000) },
        );
      const filed = Promise.all([file(hi, hiMessage), file(lo, loMessage)]);
      // The batch is waiting for the lower key (the blocker's).
      const low32 = (k: bigint) => String(BigInt.asUintN(32, k));
      for (let n = 0; ; n++) {
        const waiting = await admin.query('SELECT 1 FROM pg_locks WHERE locktype = $1 AND NOT granted AND objid::text = $2', ['advisory', low32(lo!.k)]);
        if (waiting.rowCount) break;
        if (n > 300) throw new Error('the batch never waited for the blocked filing lock');
        await new Promise((r) => setTimeout(r, 20));
      }
      await admin.query('BEGIN');
      const free = await admin.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok', [hi!.key]);
      await admin.query('ROLLBACK');
      await blocker.query('COMMIT');
      const outcomes = (await filed).map((f) => f.outcome);
      expect(free.rows[0]!.ok).toBe(true);
      expect(outcomes).toEqual(['filed', 'filed']);
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await Promise.all([admin.end(), blocker.end()]);
    }
  }, 60_000);
});
