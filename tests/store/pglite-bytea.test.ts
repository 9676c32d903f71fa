/**
 * bytea through an in-process PGlite (src/adapters/db/pglite-open.ts byteaCodec): parameters go as bytes in binary
 * format, results are read from hex by Buffer. The server's own digest of what it stored proves the bytes arrived as
 * sent — a round trip alone could hide a symmetric mistake.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/adapters/db/open.ts';
import { toBuffer, type Db } from '../../src/adapters/db/db.ts';
import { byteaCodec, BYTEA_OID } from '../../src/adapters/db/pglite-open.ts';
import { removeDir, tempDir } from '../support/db.ts';

const every = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
const large = randomBytes(1_000_000);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('bytea on an in-process PGlite', () => {
  let dir: string;
  let db: Db;
  beforeAll(async () => {
    dir = tempDir();
    db = await openDb(`pglite://${dir}`);
    await db.exec('CREATE TABLE blobs (id integer PRIMARY KEY, b bytea NOT NULL)');
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    removeDir(dir);
  });

  it('stores every byte value as sent and reads it back the same', async () => {
    for (const [id, bytes] of [[1, every], [2, large], [3, Buffer.alloc(0)], [4, every.subarray(7, 300)]] as const) {
      await db.query('INSERT INTO blobs (id, b) VALUES ($1, $2)', [id, bytes]);
      const [row] = await db.query<{ b: unknown; len: number; digest: string }>(
        `SELECT b, length(b) AS len, encode(sha256(b), 'hex') AS digest FROM blobs WHERE id = $1`,
        [id],
      );
      expect(row!.len).toBe(bytes.length);
      expect(row!.digest).toBe(sha(Buffer.from(bytes)));
      expect(toBuffer(row!.b).equals(bytes)).toBe(true);
    }
  });

  it('does the same inside a transaction (the filing path)', async () => {
    const out = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO blobs (id, b) VALUES ($1, $2)', [10, every]);
      return tx.query<{ b: unknown }>('SELECT b FROM blobs WHERE id = 10');
    });
    expect(toBuffer(out[0]!.b).equals(every)).toBe(true);
  });

  it('reads the escape output format too', () => {
    // What the backend sends for bytea '\x00015c41ff' with bytea_output = escape (PGlite gives each client this
    // one session, so the test reads the parser directly rather than change the session's setting).
    const parse = byteaCodec.parsers[BYTEA_OID];
    expect(parse('\\000\\001\\\\A\\377').equals(Buffer.from([0, 1, 0x5c, 0x41, 0xff]))).toBe(true);
    expect(parse('\\x00015c41ff').equals(Buffer.from([0, 1, 0x5c, 0x41, 0xff]))).toBe(true);
  });

  it('refuses a bytea parameter that is not bytes, as PGlite did', async () => {
    await expect(db.query('INSERT INTO blobs (id, b) VALUES ($1, $2)', [20, 'not bytes'])).rejects.toThrow(/bytea parameter: expected bytes/);
  });
});
