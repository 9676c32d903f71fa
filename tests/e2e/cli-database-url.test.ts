/**
 * `postgres://…?schema=NAME`: a config file (the only thing a child process gets) can put crieur in a schema
 * of its own on a shared database. The parameter is crieur's, so it never reaches libpq.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDbUrl } from '../../src/adapters/db/url.ts';
import { openStore } from '../../src/adapters/db/open.ts';
import type { Store } from '../../src/app/store.ts';
import { PG_URL, dropSchema, randomSchema } from '../support/db.ts';
import { killAll, runCrieur, sandbox } from '../support/crieur-process.ts';

describe('parseDbUrl', () => {
  it.each([
    ['postgres://u@h:5432/db', { engine: 'postgres', url: 'postgres://u@h:5432/db' }],
    ['postgres://u@h/db?schema=crieur_a', { engine: 'postgres', url: 'postgres://u@h/db', schema: 'crieur_a' }],
    ['postgresql://u:pw@h/db?sslmode=disable&schema=s1', { engine: 'postgres', url: 'postgresql://u:pw@h/db?sslmode=disable', schema: 's1', label: 'postgresql://u:***@h/db?sslmode=disable' }],
    ['postgres://u@h/db?application_name=x', { engine: 'postgres', url: 'postgres://u@h/db?application_name=x', prepare: true }],
    ['postgres://u@h/db?prepare=false&schema=s2', { engine: 'postgres', url: 'postgres://u@h/db', schema: 's2', prepare: false }],
  ])('%s', (url, expected) => {
    const t = parseDbUrl(url);
    expect(t).toMatchObject(expected);
    if (!('schema' in expected)) expect(t).not.toHaveProperty('schema');
  });

  it('refuses a prepare= that is neither true nor false', () => {
    expect(() => parseDbUrl('postgres://u@h/db?prepare=no')).toThrow(/prepare=no/);
  });

  it.each(['Bad-Name', 'x;drop table y', ''])('refuses the schema name %j', (name) => {
    expect(() => parseDbUrl(`postgres://u@h/db?schema=${encodeURIComponent(name)}`)).toThrow(/schema name/);
  });
});

describe('a child process on postgres://…?schema=NAME', () => {
  const box = sandbox('dburl');
  const mine = randomSchema('e2e');
  const other = randomSchema('e2e');
  let store: Store;

  beforeAll(async () => {
    store = await openStore(PG_URL, { schema: mine });
    const raw = Buffer.from('From: a@example.fr\r\nSubject: x\r\nMessage-ID: <dburl@example.fr>\r\n\r\nbody\r\n');
    const saved = await store.inbound.saveRaw(raw, { source: 'cli' });
    await store.proposals.fileFromMessage(
      saved.id,
      { format: 'talk', title: 'Un schéma à soi', abstract: null, durationMinutes: 45, language: 'fr', speakers: [{ name: 'A', email: 'a@example.fr' }], attachments: [] },
      'a@example.fr',
    );
  });

  afterAll(async () => {
    await killAll();
    await store?.close();
    await dropSchema(mine);
    await dropSchema(other);
    await box.cleanup();
  });

  it('reads and writes its own schema only', { timeout: 60_000 }, async () => {
    const list = (schema: string) =>
      runCrieur(['proposals', 'list', '--json', '--config', box.writeConfig({ database: { url: `${PG_URL}?schema=${schema}` } }, `${schema}.yaml`)], { dir: box.dir });
    const [a, b] = await Promise.all([list(mine), list(other)]);
    expect(a.code, a.stderr).toBe(0);
    expect((JSON.parse(a.stdout) as { title: string }[]).map((p) => p.title)).toEqual(['Un schéma à soi']);
    expect(b.code, b.stderr).toBe(0);
    expect(JSON.parse(b.stdout)).toEqual([]); // a new schema, migrated on first use
  });
});
