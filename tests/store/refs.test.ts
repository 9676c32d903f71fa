/** Refs past P-9999 keep every digit (the filing function pads to four digits, never cuts). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { openStore } from '../../src/adapters/db/open.ts';
import type { Store } from '../../src/ports.ts';
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
