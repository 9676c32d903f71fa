/**
 * The updates that leave a row among the work left are HOT (migration 026): PostgreSQL writes the new version on the
 * row's page, with no new entry in the table's indexes, only when no column an index names (in its keys or its WHERE)
 * changes. Counted by pg_stat_user_tables.n_tup_hot_upd, through the application's own statements, on one connection
 * whose statistics are flushed before they are read (pg_stat_force_next_flush). The updates that take a row out of its
 * set (sent, done, failed) cannot be HOT with an index that finds the open rows: counted too, as not HOT.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgDb } from '../../src/adapters/db/pg-db.ts';
import { loadMigrations, migrate } from '../../src/adapters/db/migrate.ts';
import { storeOn } from '../../src/adapters/db/store.ts';
import type { Store } from '../../src/app/store.ts';
import type { ParseResult } from '../../src/types.ts';
import { dropSchema, PG_URL, randomSchema } from '../support/db.ts';

const schema = randomSchema('hot');
let db: PgDb;
let store: Store;

/** Updates and HOT updates of `table` so far, once this connection's statistics are flushed. */
async function writes(table: string): Promise<{ upd: number; hot: number }> {
  await db.query('SELECT pg_stat_force_next_flush()');
  await db.query('SELECT pg_stat_clear_snapshot()');
  const [r] = await db.query<{ upd: string; hot: string }>(
    'SELECT n_tup_upd AS upd, n_tup_hot_upd AS hot FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = $2',
    [schema, table],
  );
  return { upd: Number(r?.upd ?? 0), hot: Number(r?.hot ?? 0) };
}

/** What `step` did to `table`: its updates, and how many of them were HOT. */
async function during(table: string, step: () => Promise<unknown>): Promise<{ upd: number; hot: number }> {
  const before = await writes(table);
  await step();
  const after = await writes(table);
  return { upd: after.upd - before.upd, hot: after.hot - before.hot };
}

/** What a classification stores: its size is not what makes an update HOT or not (a page with room is). */
const PARSED = { kind: 'proposal', proposal: { title: 'Les index partiels', format: 'talk' } } as unknown as ParseResult;
const MAIL = (n: number) => Buffer.from(`Message-ID: <hot-${n}@example.org>\r\nSubject: Proposition ${n}\r\n\r\nBonjour.\r\n`);

beforeAll(async () => {
  // One connection: the statements and the statistics read are the same backend's.
  db = new PgDb({ connection: { connectionString: PG_URL }, label: 'hot', unavailableHint: '', prepare: true, schema, max: 1 });
  await migrate(db, schema);
  store = storeOn(db);
}, 60_000);

afterAll(async () => {
  await db?.close();
  await dropSchema(schema);
});

describe('HOT updates of the rows still open (PostgreSQL)', () => {
  it('a message classified, not yet done: HOT; then done: not HOT (it leaves the open rows)', async () => {
    const { id } = await store.inbound.saveRaw(MAIL(1), { source: 'cli' });
    const classified = await during('inbound_messages', () => store.inbound.setClassified(id, 'proposal', PARSED));
    expect(classified).toEqual({ upd: 1, hot: 1 });
    expect((await store.inbound.stale(new Date(Date.now() + 60_000), 10)).map((m) => m.id)).toContain(id);
    const done = await during('inbound_messages', () => store.inbound.setState(id, 'done'));
    expect(done).toEqual({ upd: 1, hot: 0 });
    expect((await store.inbound.stale(new Date(Date.now() + 60_000), 10)).map((m) => m.id)).not.toContain(id);
  });

  it('a mail claimed, its lease renewed, marked transmitting: HOT; sent: not HOT', async () => {
    const { id } = await store.outbox.enqueue({ purpose: 'ack', subjectRef: 'P-1/m1', recipient: 'speaker@example.org', raw: MAIL(2), envelopeFrom: 'bounces@example.org' });
    expect(await store.outbox.pending(10)).toContain(id);
    const claimed = await during('outbox', () => store.outbox.claimAll([id], 60_000));
    expect(claimed).toEqual({ upd: 1, hot: 1 });
    const renewed = await during('outbox', () => store.outbox.renew([{ id, attempts: 1 }], 60_000));
    const transmitting = await during('outbox', () => store.outbox.markTransmitting(id, { attempts: 1 }));
    expect([renewed, transmitting]).toEqual([
      { upd: 1, hot: 1 },
      { upd: 1, hot: 1 },
    ]);
    const sent = await during('outbox', () => store.outbox.markSent(id, '250 OK'));
    expect(sent).toEqual({ upd: 1, hot: 0 });
    expect(await store.outbox.pending(10)).not.toContain(id);
    expect((await store.outbox.get(id))?.status).toBe('sent');
  });

  it('a failed try queued again: HOT, and the replay still finds the mail queued', async () => {
    const { id } = await store.outbox.enqueue({ purpose: 'ack', subjectRef: 'P-2/m2', recipient: 'other@example.org', raw: MAIL(3), envelopeFrom: 'bounces@example.org', causeMessageId: null });
    await store.outbox.claimAll([id], 60_000);
    const retried = await during('outbox', () => store.outbox.markFailed(id, '421 try later', '421 try later', true));
    expect(retried).toEqual({ upd: 1, hot: 1 });
    expect(await store.outbox.pending(10)).toContain(id);
    const parked = await during('outbox', () => store.outbox.markFailed(id, '550 no such user', '550 no such user', false));
    expect(parked).toEqual({ upd: 1, hot: 0 });
    expect((await store.outbox.list({ status: 'failed' })).map((m) => m.id)).toEqual([id]);
  });
});

describe('migration 026 on a database in use', () => {
  it('gives the rows already there their phase: the open ones are found, the parked ones listed', async () => {
    const old = randomSchema('hot');
    const before = new PgDb({ connection: { connectionString: PG_URL }, label: 'hot', unavailableHint: '', prepare: true, schema: old, max: 1 });
    try {
      await migrate(before, old, loadMigrations().filter((m) => m.version < 26));
      await before.exec(`
        INSERT INTO inbound_messages (message_id, sha256, raw, size, source, state)
          SELECT '<old-' || s || '@example.org>', md5(s), '\\x61'::bytea, 1, 'cli', s FROM unnest(ARRAY['received', 'classified', 'done', 'failed']) s;
        INSERT INTO outbox (purpose, subject_ref, recipient, raw, envelope_from, status)
          SELECT 'ack', 'P-1/' || s, 'a@example.org', '\\x61'::bytea, 'b@example.org', s FROM unnest(ARRAY['queued', 'sending', 'sent', 'failed']) s;`);
      expect(await migrate(before, old)).toContain(26);
      const phases = await before.query<{ t: string; s: string; phase: string }>(
        `SELECT 'in' AS t, state AS s, phase FROM inbound_messages UNION ALL SELECT 'out', status, phase FROM outbox ORDER BY 1, 2`,
      );
      expect(phases.map((r) => `${r.t}:${r.s}=${r.phase}`)).toEqual([
        'in:classified=open',
        'in:done=done',
        'in:failed=failed',
        'in:received=open',
        'out:failed=failed',
        'out:queued=open',
        'out:sending=open',
        'out:sent=sent',
      ]);
      const s = storeOn(before);
      expect((await s.inbound.stale(new Date(Date.now() + 60_000), 10)).map((m) => m.state).sort()).toEqual(['classified', 'received']);
      expect((await s.inbound.listFailed()).map((m) => m.state)).toEqual(['failed']);
      expect((await s.outbox.list({ status: 'failed' })).map((m) => m.subjectRef)).toEqual(['P-1/failed']);
      expect((await s.outbox.list({ status: 'queued' })).map((m) => m.subjectRef)).toEqual(['P-1/queued']);
      expect(await s.outbox.pending(10)).toHaveLength(1);
    } finally {
      await before.close();
      await dropSchema(old);
    }
  });
});
