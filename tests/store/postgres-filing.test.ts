/**
 * Filing on PostgreSQL, where another session can hold the filing lock: refs past P-9999 keep every digit, and
 * jobs filing the same message at once end with one proposal and no "update" of it by its own message.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { normalizeTitle } from '../../src/core/pipeline/normalize-title.ts';
import pg from 'pg';
import { openStore } from '../../src/adapters/db/open.ts';
import type { Store } from '../../src/app/store.ts';
import { dropSchema, PG_URL, randomSchema } from '../support/db.ts';

const schema = randomSchema();
let store: Store;
beforeAll(async () => {
  store = await openStore(PG_URL, { schema });
});
afterAll(async () => {
  await store.close();
  await dropSchema(schema);
});

it('numbers P-0001 … P-9999, then P-10000', async () => {
  const file = async (n: number) => {
    const { id } = await store.inbound.saveRaw(Buffer.from(`Message-ID: <ref-${n}-${schema}@x>\r\n\r\nx`), { source: 'cli' });
    const draft = { format: 'talk' as const, title: `T${n}`, abstract: null, durationMinutes: 45, language: 'fr' as const, speakers: [], attachments: [] };
    return (await store.proposals.fileFromMessage(id, draft, 'a@x')).proposal.ref;
  };
  expect(await file(1)).toBe('P-0001');
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`SELECT setval('${schema}.proposal_ref_seq', 9998)`);
  } finally {
    await client.end();
  }
  expect(await file(2)).toBe('P-9999');
  expect(await file(3)).toBe('P-10000');
});

it('several jobs filing one message that all got past the "already filed?" check end with one proposal, not an update by itself', async () => {
  const email = `race.${schema}@example.fr`;
  const title = 'Verrous consultatifs';
  const { id } = await store.inbound.saveRaw(Buffer.from(`Message-ID: <race-${schema}@x>\r\n\r\nx`), { source: 'cli' });
  const draft = { format: 'talk' as const, title, abstract: null, durationMinutes: 45, language: 'fr' as const, speakers: [{ name: 'R', email }], attachments: [] };
  const dedupe = { speakerEmail: email, titleKey: normalizeTitle(title), since: new Date(Date.now() - 86_400_000) };
  // Another session holds the filing lock, so every job passes the first check before any of them files.
  const holder = new pg.Client({ connectionString: PG_URL });
  await holder.connect();
  try {
    await holder.query('SELECT pg_advisory_lock(hashtext($1))', [`crieur-file:${email}:${dedupe.titleKey}`]);
    const jobs = Promise.all([1, 2, 3, 4].map(() => store.proposals.fileFromMessage(id, draft, email, dedupe)));
    await new Promise((r) => setTimeout(r, 300));
    await holder.query('SELECT pg_advisory_unlock(hashtext($1))', [`crieur-file:${email}:${dedupe.titleKey}`]);
    const results = await jobs;
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results.filter((r) => r.duplicate)).toEqual([]);
  } finally {
    await holder.end();
  }
});
