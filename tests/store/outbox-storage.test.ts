/**
 * A mail's bytes stay in its outbox row, compressed (migration 024): an acknowledgement (≈ 17 KB of mostly HTML) was
 * cut into TOAST chunks, each a row of the TOAST table and an entry of its index — 3 a mail, 4.4 of the 14.7 row
 * writes a message in bench/ingest. A mail that does not fit in a page even compressed still goes out of line.
 * Either way the bytes come back exact.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/adapters/db/open.ts';
import type { Store } from '../../src/app/store.ts';
import { dropSchema, PG_URL, randomSchema } from '../support/db.ts';
import { claimOne } from '../support/outbox.ts';

const uniq = () => randomBytes(6).toString('hex');

/** An acknowledgement's shape: headers, a text part and an HTML part of table markup, ≈ 17 KB. */
function ackLike(): Buffer {
  const row = (n: number) => `<tr><td style="padding:0 24px;font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:22px;color:#222">Ligne ${n} ${uniq()}</td></tr>\r\n`;
  const html = Array.from({ length: 120 }, (_, n) => row(n)).join('');
  return Buffer.from(`From: crieur <cfp@example.org>\r\nTo: jane@example.fr\r\nSubject: Proposition reçue ${uniq()}\r\nMIME-Version: 1.0\r\n` +
    `Content-Type: multipart/alternative; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nMerci.\r\n--b\r\n` +
    `Content-Type: text/html; charset=utf-8\r\n\r\n<table>${html}</table>\r\n--b--\r\n`);
}

describe('outbox bytes stored in the row', () => {
  const schema = randomSchema('outboxraw');
  let store: Store;
  let admin: pg.Client;
  beforeAll(async () => {
    store = await openStore(PG_URL, { schema });
    admin = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await admin.connect();
  }, 60_000);
  afterAll(async () => {
    await admin?.end();
    await store?.close();
    await dropSchema(schema);
  }, 60_000);

  const toastChunks = async () => {
    const [t] = (await admin.query<{ toast: string }>(`SELECT reltoastrelid::regclass::text AS toast FROM pg_class WHERE oid = 'outbox'::regclass`)).rows;
    return Number((await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${t!.toast}`)).rows[0]!.n);
  };

  it('an acknowledgement-sized mail writes no TOAST chunk and comes back byte-exact; a mail too large for a page still goes out of line', async () => {
    const raw = ackLike();
    expect(raw.length).toBeGreaterThan(15_000);
    const item = { purpose: 'ack' as const, subjectRef: `P-${uniq()}`, recipient: 'jane@example.fr', raw, envelopeFrom: 'bounces@example.org' };
    const { id } = await store.outbox.enqueue(item);
    expect(await toastChunks()).toBe(0);
    expect((await claimOne(store.outbox, id, 60_000))?.raw.equals(raw)).toBe(true);

    // 64 KB that do not compress: out of line, as before.
    const big = Buffer.concat([raw.subarray(0, 200), Buffer.from(randomBytes(48_000).toString('base64'))]);
    const other = await store.outbox.enqueue({ ...item, subjectRef: `P-${uniq()}`, raw: big });
    expect(await toastChunks()).toBeGreaterThan(0);
    expect((await claimOne(store.outbox, other.id, 60_000))?.raw.equals(big)).toBe(true);
  });
});
