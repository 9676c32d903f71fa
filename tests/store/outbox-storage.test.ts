/**
 * A mail's bytes go out of line (TOAST) once compressed past a quarter page, and stay there: marking the mail sent,
 * claiming it or putting it back for a retry writes a new row version (none can be HOT: status and lease are indexed),
 * and that version must carry an 18-byte pointer, not the mail. Migration 024 had kept the compressed bytes in the row
 * to save two TOAST chunks at insert; every update then copied them into the WAL (bench/ingest: 17.0 → 24 kB of WAL a
 * message). 025 took it back. Either way the bytes come back exact.
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

describe('outbox bytes out of line', () => {
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

  // The update's cost shows only when its new version lands on another page (PostgreSQL logs the full tuple then;
  // on the same page only what changed): on a busy outbox, most of them. What a test can hold is the cause: where
  // the bytes of an acknowledgement-sized mail are.
  it('an acknowledgement-sized mail goes out of line and comes back byte-exact; a short one stays in the row', async () => {
    const item = { purpose: 'ack' as const, recipient: 'jane@example.fr', envelopeFrom: 'bounces@example.org' };
    const short = Buffer.from(`Subject: ${uniq()}\r\n\r\nMerci.\r\n`);
    const s = await store.outbox.enqueue({ ...item, subjectRef: `P-${uniq()}`, raw: short });
    expect(await toastChunks()).toBe(0);
    const raw = ackLike();
    expect(raw.length).toBeGreaterThan(15_000);
    const { id } = await store.outbox.enqueue({ ...item, subjectRef: `P-${uniq()}`, raw });
    expect(await toastChunks()).toBeGreaterThan(0);
    expect((await claimOne(store.outbox, id, 60_000))?.raw.equals(raw)).toBe(true);
    expect((await claimOne(store.outbox, s.id, 60_000))?.raw.equals(short)).toBe(true);
  });
});
