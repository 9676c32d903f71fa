/** Migrations: idempotent, safe when several processes start at once on PostgreSQL; failures carry codes. */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../src/adapters/db/migrate.ts';
import { openDb, openStore } from '../../src/adapters/db/open.ts';
import { sniffMessageId } from '../../src/adapters/db/inbound.ts';
import { dropSchema, PG_URL, randomSchema, removeDir, tempDir } from '../support/db.ts';

const schemas: string[] = [];
afterAll(async () => {
  for (const s of schemas) await dropSchema(s);
});

describe('migrations on PostgreSQL', () => {
  it('apply once: a second run finds nothing to do', async () => {
    const schema = randomSchema('m');
    schemas.push(schema);
    const db = await openDb(PG_URL, { schema });
    try {
      expect(await migrate(db, schema)).toEqual([]);
      const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(loadMigrations().map((m) => m.version));
    } finally {
      await db.close();
    }
  });

  it('compress the mails\' bytes with lz4 where the server has it (migration 018), pglz on PGlite', async () => {
    const schema = randomSchema('m');
    schemas.push(schema);
    const columns = `SELECT c.relname || '.' || a.attname AS col, a.attcompression AS method FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND (c.relname, a.attname) IN (('inbound_messages', 'raw'), ('outbox', 'raw'), ('held_mail', 'raw'), ('attachments', 'bytes'))`;
    const db = await openDb(PG_URL, { schema });
    try {
      // Whether this server has lz4 at all: the migration must use it when it can, and not fail when it cannot.
      const lz4 = await db.query("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)");
      const rows = await db.query<{ col: string; method: string }>(columns);
      expect(rows).toHaveLength(4);
      for (const r of rows) expect(r.method, r.col).toBe(lz4.length > 0 ? 'l' : '');
      // And bytes stored after it read back whole.
      const big = Buffer.from('<p style="color:#333">Bonjour</p>\r\n'.repeat(2000));
      const store = await openStore(PG_URL, { schema });
      const { id } = await store.inbound.saveRaw(big, { source: 'cli' }).finally(() => store.close());
      const [back] = await db.query<{ raw: Buffer; method: string | null }>('SELECT raw, pg_column_compression(raw) AS method FROM inbound_messages WHERE id = $1', [id]);
      expect(back!.raw.equals(big)).toBe(true);
      expect(back!.method).toBe(lz4.length > 0 ? 'lz4' : 'pglz');
    } finally {
      await db.close();
    }
    const lite = tempDir();
    const pgl = await openDb(`pglite://${lite}`);
    try {
      const rows = await pgl.query<{ col: string; method: string }>(columns.replace('current_schema()::regnamespace', "'public'::regnamespace"));
      expect(rows.map((r) => r.method)).toEqual(['', '', '', '']);
    } finally {
      await pgl.close();
      removeDir(lite);
    }
  });

  it('let several processes start at once on a new schema', async () => {
    const schema = randomSchema('m');
    schemas.push(schema);
    const stores = await Promise.all([1, 2, 3, 4].map(() => openStore(PG_URL, { schema })));
    try {
      const ids = await Promise.all(stores.map((s, i) => s.inbound.saveRaw(Buffer.from(`Subject: ${i}\r\n\r\n`), { source: 'cli' })));
      expect(new Set(ids.map((r) => r.id)).size).toBe(4);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      const r = await client.query(`SELECT count(*)::int AS n FROM ${schema}.schema_migrations`);
      expect(r.rows[0].n).toBe(loadMigrations().length);
    } finally {
      await client.end();
    }
  });

  it('roll back a failing migration whole, with a code', async () => {
    const schema = randomSchema('m');
    schemas.push(schema);
    const db = await openDb(PG_URL, { schema });
    try {
      const bad = [{ version: 999, name: 'bad', sql: 'CREATE TABLE half_done (x int); SELECT * FROM no_such_table;' }];
      await expect(migrate(db, schema, bad)).rejects.toMatchObject({ code: 'EDB_MIGRATION' });
      expect(await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'half_done'")).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

describe('failure modes', () => {
  it('names the URL without its password and the fix when PostgreSQL is unreachable', async () => {
    const err = (await openStore('postgres://crieur:s3cret@127.0.0.1:1/crieur').then(
      () => new Error('opened'),
      (e: unknown) => e,
    )) as Error & { code?: string };
    expect(err).toMatchObject({ code: 'EDB_UNAVAILABLE' });
    expect(err.message).toContain('127.0.0.1:1');
    expect(err.message).not.toContain('s3cret');
    expect(err.message).toContain('is PostgreSQL running? start it or use pglite://./data/crieur');
  });

  it.each([
    ['mysql://localhost/x', {}],
    [PG_URL, { schema: 'Robert"; DROP' }],
  ])('refuses %s %o with EDB_URL', async (url, opts) => {
    await expect(openStore(url, opts)).rejects.toMatchObject({ code: 'EDB_URL' });
  });
});

describe('Message-ID sniffing (what dedupe keys on)', () => {
  it.each([
    ['Message-ID: <a@b>\r\nSubject: x\r\n\r\nbody', '<a@b>'],
    ['Subject: x\r\nMessage-Id:\r\n <folded@b>\r\n\r\n', '<folded@b>'],
    ['Subject: x\rMESSAGE-ID: <cr@only>\r\rbody', '<cr@only>'],
    ['Subject: x\r\rMessage-ID: <after-blank-line@b>\r', null],
    ['Subject: x\n\nMessage-ID: <in-body@b>\n', null],
    ['X-Original-Message-ID: <not@this>\nSubject: y\n\n', null],
    ['\r\n\r\nMessage-ID: <after-leading-blank-lines@b>\r\nSubject: x\r\n\r\n', '<after-leading-blank-lines@b>'],
    ['From sender@example.org Mon Nov  3 10:00:00 2025\nMessage-ID: <mbox@b>\n\nbody', '<mbox@b>'],
  ])('%j → %s', (raw, expected) => {
    expect(sniffMessageId(Buffer.from(raw))).toBe(expected);
  });
});
