/**
 * Row locks of the batched statements (coalesce.ts) from several processes: each process batches its own callers,
 * so two processes' batches are two transactions that may update the same rows (a replay or the recovery sweep's
 * job racing the first run). A batch that locks its rows in its callers' order holds the ones it reached while it
 * waits for the next — the half of a deadlock, the other half another batch with the same rows in the other order
 * (PostgreSQL cancels one after deadlock_timeout). Here another connection holds the lower id's row; the batch asks
 * for the higher id first. It must wait holding nothing: the higher row stays free for a third connection.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/adapters/db/open.ts';
import type { Store } from '../../src/app/store.ts';
import type { ParseResult } from '../../src/types.ts';
import { dropSchema, PG_URL, randomSchema } from '../support/db.ts';

const uniq = () => randomBytes(6).toString('hex');

describe('batched updates take their row locks in id order', () => {
  const schema = randomSchema('rowlocks');
  let store: Store;
  let admin: pg.Client;
  let blocker: pg.Client;
  beforeAll(async () => {
    store = await openStore(PG_URL, { schema });
    admin = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    blocker = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await Promise.all([admin.connect(), blocker.connect()]);
    // A table of a running service's size: its batched UPDATE is then a nested loop over the batch's ids, taking each
    // row's lock in the batch's order (on a handful of rows, a hash join over a whole scan takes them as stored).
    await admin.query(
      `INSERT INTO inbound_messages (message_id, sha256, raw, size, source, state)
       SELECT 'bulk-' || n, md5(n::text), '\\x00', 1, 'cli', 'done' FROM generate_series(1, 20000) AS n`,
    );
    await admin.query('ANALYZE inbound_messages');
  }, 60_000);
  afterAll(async () => {
    await Promise.all([admin?.end(), blocker?.end()]);
    await store?.close();
    await dropSchema(schema);
  }, 60_000);

  const inbound = async () => (await store.inbound.saveRaw(Buffer.from(`Message-ID: <${uniq()}@x>\r\nSubject: s\r\n\r\nb\r\n`), { source: 'cli' })).id;

  /** Waits until a backend waits for the blocker's lock; then whether `probe`'s row can be locked at once. */
  async function heldWhileWaiting(table: string, probe: number): Promise<boolean> {
    const blockerPid = (await blocker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    for (let n = 0; ; n++) {
      const waiting = await admin.query('SELECT 1 FROM pg_stat_activity WHERE $1::integer = ANY(pg_blocking_pids(pid))', [blockerPid]);
      if (waiting.rowCount) break;
      if (n > 500) throw new Error('the batch never waited for the blocked row');
      await new Promise((r) => setTimeout(r, 20));
    }
    await admin.query('BEGIN');
    try {
      await admin.query(`SELECT 1 FROM ${table} WHERE id = $1 FOR UPDATE NOWAIT`, [probe]);
      return false;
    } catch (err) {
      if ((err as { code?: string }).code === '55P03') return true;
      throw err;
    } finally {
      await admin.query('ROLLBACK');
    }
  }

  it('setClassified: a batch waiting for one message’s row holds none of the others', async () => {
    const lo = await inbound();
    const hi = await inbound();
    await blocker.query('BEGIN');
    await blocker.query('SELECT 1 FROM inbound_messages WHERE id = $1 FOR UPDATE', [lo]);
    // One batch (same turn of the event loop), the higher id first.
    const parsed = { kind: 'other' } as ParseResult;
    const done = Promise.all([store.inbound.setClassified(hi, 'other', parsed), store.inbound.setClassified(lo, 'other', parsed)]);
    let held: boolean;
    try {
      held = await heldWhileWaiting('inbound_messages', hi);
    } finally {
      await blocker.query('COMMIT');
    }
    expect((await done).map((r) => r.updated)).toEqual([true, true]);
    expect(held).toBe(false);
  });
});
