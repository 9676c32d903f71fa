/**
 * Cost flat as the history grows: on an outbox of 100,000 rows (mostly sent, as after a few seasons and an
 * announcement or two), every statement of the mail path is planned as an index access — none reads the whole
 * outbox. Plans are asked with EXPLAIN on both engines, after ANALYZE, with the values the statements get.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/adapters/db/open.ts';
import type { Db, Queryable } from '../../src/adapters/db/db.ts';
import { CLAIMABLE, NOT_CAMPAIGN } from '../../src/adapters/db/outbox.ts';
import { dropSchema, PG_URL, randomSchema, removeDir, tempDir } from '../support/db.ts';

const ROWS = 100_000;
const MESSAGES = 5_000;

const engines = [
  {
    name: 'pglite',
    async open() {
      const dir = tempDir();
      const db = await openDb(`pglite://${dir}`);
      return { db, cleanup: async () => (await db.close(), removeDir(dir)) };
    },
  },
  {
    name: 'postgres',
    async open() {
      const schema = randomSchema();
      const db = await openDb(PG_URL, { schema });
      return { db, cleanup: async () => (await db.close(), await dropSchema(schema)) };
    },
  },
];

// The mail path's statements on the outbox, with literal values where the application binds parameters.
const STATEMENTS: [string, string][] = [
  [
    'claim (batched)',
    `UPDATE outbox SET status = 'sending', attempts = attempts + 1, lease_until = now() + 60000 * interval '1 millisecond', updated_at = now()
     WHERE id = ANY('{99001,99002,99003}'::integer[]) AND ${CLAIMABLE} AND ${NOT_CAMPAIGN}`,
  ],
  [
    'mark sent (batched)',
    `UPDATE outbox SET status = 'sent', smtp_response = ('{a,b}'::text[])[array_position('{99001,99002}'::integer[], id)], updated_at = now()
     WHERE id = ANY('{99001,99002}'::integer[])`,
  ],
  [
    'recovery sweep: pending',
    // The application's own clauses: a change to what the deliver queue may claim is planned here too.
    `SELECT id FROM outbox WHERE ${CLAIMABLE} AND ${NOT_CAMPAIGN} AND updated_at < now() - interval '1 minute' ORDER BY id LIMIT 500`,
  ],
  [
    'recovery sweep: interrupted',
    `UPDATE outbox SET status = 'failed', updated_at = now() WHERE phase = 'open' AND status = 'sending' AND lease_until < now() AND transmitting_at IS NOT NULL`,
  ],
  ['queued mails of a message (replay)', `SELECT id FROM outbox WHERE phase = 'open' AND cause_message_id = 4321 AND status = 'queued' ORDER BY id`],
  [
    'acknowledgement cap',
    `SELECT count(*) FROM outbox WHERE purpose = 'ack' AND lower(recipient) = lower('speaker77@example.org') AND created_at >= now() - interval '1 day'`,
  ],
  ['enqueue key', `SELECT id FROM outbox WHERE purpose = 'ack' AND subject_ref = 'P-0077/m77' AND recipient = 'speaker77@example.org'`],
  // `phase` (migration 026) is what the partial indexes name: the statements say it beside the status.
  ['parked mails (crieur failed list)', `SELECT id FROM outbox WHERE phase = 'failed' AND status = 'failed' ORDER BY id`],
  [
    'undelivered summary',
    `SELECT id FROM outbox WHERE phase = 'failed' AND status = 'failed' AND reported_at IS NULL AND NOT starts_with(subject_ref, 'digest/') ORDER BY id LIMIT 50`,
  ],
  ['one mail', `SELECT id, raw FROM outbox WHERE id = 4242`],
  ['messages left unfinished (recovery sweep)', `SELECT id, state, kind FROM inbound_messages WHERE phase = 'open' AND updated_at < now() - interval '1 minute' ORDER BY id LIMIT 100`],
  ['failed messages (crieur failed list)', `SELECT id FROM inbound_messages WHERE phase = 'failed' ORDER BY id`],
];

describe.each(engines)('query plans at 100,000 outbox rows on $name', (engine) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await engine.open());
    await db.exec(`
      INSERT INTO inbound_messages (message_id, sha256, raw, size, source, state, kind)
        SELECT '<m' || i || '@bench>', md5(i::text), convert_to('Subject: ' || i, 'UTF8'), 12, 'cli', 'done', 'proposal'
        FROM generate_series(1, ${MESSAGES}) i;
      INSERT INTO outbox (purpose, subject_ref, recipient, raw, envelope_from, status, cause_message_id, created_at, sent_at, lease_until)
        SELECT CASE WHEN i % 2 = 0 THEN 'ack' ELSE 'notify-organizer' END, 'P-' || (i / 2) || '/m' || (i / 2),
               'speaker' || (i % 5000) || '@example.org', convert_to('From: crieur ' || i, 'UTF8'), 'bounces@example.org',
               CASE WHEN i > ${ROWS} - 300 THEN 'queued' WHEN i > ${ROWS} - 400 THEN 'sending' WHEN i % 500 = 0 THEN 'failed' ELSE 'sent' END,
               1 + i % ${MESSAGES}, now() - (${ROWS} - i) * interval '1 minute', now(), now() + interval '1 minute'
        FROM generate_series(1, ${ROWS}) i;
      ANALYZE;`);
  }, 300_000);
  afterAll(async () => {
    await cleanup?.();
  });

  it.each(STATEMENTS)('%s: no sequential scan of the outbox', async (_name, sql) => {
    const plan = (await db.query<Record<string, string>>(`EXPLAIN ${sql}`)).map((r) => Object.values(r)[0]).join('\n');
    expect(plan).not.toMatch(/Seq Scan on (outbox|inbound_messages)/);
    expect(plan).toMatch(/Index/);
  });
});

/**
 * The database functions' statements keep a fitting plan as the tables grow. Regression (migration 017): plpgsql kept,
 * per connection, a generic plan made while the outbox was empty — the cap and the enqueue key looked up through an
 * index led by `purpose`, every row of that purpose read and filtered — for as long as the connection lived (for ever
 * on PGlite, which never ANALYZEs). In one transaction, so one connection: calls on an empty outbox (past plpgsql's
 * five custom plans), 20,000 rows added, one more call; the rows that call fetched (pg_stat_xact_user_tables counts
 * this transaction's own) stay a handful. Likewise the check for an earlier copy of a message.
 */
describe.each(engines)('the database functions on a table grown since their first calls ($name)', (engine) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await engine.open());
  }, 240_000);
  afterAll(async () => {
    await cleanup?.();
  });

  /** Rows of `table` read so far by this transaction, through indexes or scans. */
  const fetched = async (tx: Queryable, table: string) =>
    Number(
      (await tx.query<{ n: string }>(
        `SELECT coalesce(idx_tup_fetch, 0) + coalesce(seq_tup_read, 0) AS n FROM pg_stat_xact_user_tables WHERE relname = $1 AND schemaname = current_schema()`,
        [table],
      ))[0]?.n ?? 0,
    );

  it('crieur_enqueue reads a few outbox rows, not every acknowledgement, once the outbox has grown', async () => {
    const enqueue = (tx: Queryable, n: number) =>
      tx.query(
        `SELECT * FROM crieur_enqueue(ARRAY['ack'], ARRAY['P-${n}/m${n}'], ARRAY['speaker${n}@example.org'], '\\x61'::bytea, ARRAY[1],
                                      ARRAY['bounces@example.org'], ARRAY[NULL::integer], ARRAY[5], ARRAY[now() - interval '1 day'], NULL)`,
      );
    const read = await db.transaction(async (tx) => {
      for (let n = 1; n <= 10; n++) await enqueue(tx, n); // past plpgsql's five custom plans, on an empty outbox
      await tx.query(
        `INSERT INTO outbox (purpose, subject_ref, recipient, raw, envelope_from)
         SELECT 'ack', 'P-' || i || '/x', 'other' || i || '@example.org', '\\x61'::bytea, 'bounces@example.org' FROM generate_series(1, 20000) i`,
      );
      const before = await fetched(tx, 'outbox');
      await enqueue(tx, 11);
      return (await fetched(tx, 'outbox')) - before;
    });
    expect(read).toBeLessThan(50);
  });

  it("crieur_classify_and_file's check for an earlier copy reads a few inbound rows, not the table in id order", async () => {
    // As bench/ingest: a backlog stored first (not yet ANALYZEd), then the worker's first calls cache the plans.
    // The copy check (same Message-ID, lowest id, ORDER BY id LIMIT 1) was planned as a walk of the primary key.
    const message = (tx: Queryable, n: number) =>
      tx.query<{ id: number }>(
        `INSERT INTO inbound_messages (message_id, sha256, raw, size, source) VALUES ($1, md5($1), '\\x61'::bytea, 1, 'cli') RETURNING id`,
        [`<copy-${n}@example.org>`],
      );
    const classify = (tx: Queryable, id: number) =>
      tx.query(`SELECT * FROM crieur_classify_and_file($1, $2::jsonb, 'crieur', NULL, '', now() - interval '1 day')`, [
        id,
        JSON.stringify({ proposal: { title: `Talk ${id}`, format: 'talk', durationMinutes: 45, abstract: 'Un résumé.', language: 'fr', speakers: [], attachments: [] } }),
      ]);
    const read = await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO inbound_messages (message_id, sha256, raw, size, source)
         SELECT '<backlog-' || i || '@example.org>', md5(i::text), '\\x61'::bytea, 1, 'cli' FROM generate_series(1, 20000) i`,
      );
      for (let n = 1; n <= 10; n++) await classify(tx, (await message(tx, n))[0]!.id); // past plpgsql's five custom plans
      const id = (await message(tx, 11))[0]!.id;
      const before = await fetched(tx, 'inbound_messages');
      await classify(tx, id);
      return (await fetched(tx, 'inbound_messages')) - before;
    });
    expect(read).toBeLessThan(50);
  });
});

/**
 * The application's prepared statements are planned at each execution with their values (pg-db.ts): PostgreSQL's
 * default keeps a generic plan after five executions, and the one made while the outbox was a few pages marked mails
 * sent with a sequential scan per batch for as long as the connection lived (auto_explain during bench/ingest).
 * The database functions keep plpgsql's cached plans (migration 017 gives their statements indexes that fit whole).
 */
describe('plan caching on PostgreSQL', () => {
  it('prepared statements are planned with their values; the functions keep their cached plans', async () => {
    const schema = randomSchema();
    const db = await openDb(PG_URL, { schema });
    try {
      const modes = await Promise.all(Array.from({ length: 3 }, () => db.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode')));
      expect(modes.map((m) => m[0]!.plan_cache_mode)).toEqual(['force_custom_plan', 'force_custom_plan', 'force_custom_plan']);
      const functions = await db.query<{ proname: string; proconfig: string[] | null }>(
        `SELECT p.proname, p.proconfig FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
         WHERE l.lanname = 'plpgsql' AND p.pronamespace = $1::regnamespace ORDER BY 1`,
        [schema],
      );
      expect(functions.length).toBeGreaterThan(0);
      for (const f of functions) expect(f.proconfig ?? [], f.proname).toContain('plan_cache_mode=auto');
    } finally {
      await db.close();
      await dropSchema(schema);
    }
  });

  it('without prepared statements (?prepare=false, for a pooler) the server default stays', async () => {
    const schema = randomSchema();
    const db = await openDb(`${PG_URL}${PG_URL.includes('?') ? '&' : '?'}prepare=false`, { schema });
    try {
      expect((await db.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode'))[0]!.plan_cache_mode).toBe('auto');
    } finally {
      await db.close();
      await dropSchema(schema);
    }
  });
});
