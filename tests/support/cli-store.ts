/**
 * `crieur` commands run as children against PostgreSQL (a schema of their own) and Redis (a prefix of their own), no
 * SMTP reached (nothing runs a deliver worker: mails stay queued in the outbox), with the store at hand to arrange and
 * check what they did. Registers its own beforeAll/afterAll: call it at a test file's top level.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { openDb } from '../../src/adapters/db/open.ts';
import type { Db } from '../../src/adapters/db/db.ts';
import { storeOn } from '../../src/adapters/db/store.ts';
import type { Store } from '../../src/app/store.ts';
import type { TalkFormat } from '../../src/types.ts';
import { PG_URL, dropSchema, randomSchema } from './db.ts';
import { baseConfig, killAll, runCrieur, sandbox } from './crieur-process.ts';

export interface CliStore {
  readonly box: ReturnType<typeof sandbox>;
  readonly db: Db;
  readonly store: Store;
  readonly configFile: string;
  /** `crieur ARGS --config <this run's file>`. */
  crieur(...args: string[]): ReturnType<typeof runCrieur>;
  /** A proposal filed from a stored message (as the file runner does), by Jeanne at `email`; its ref. */
  file(title: string, email: string, format?: TalkFormat): Promise<string>;
}

export function useCliStore(name: string, schemaTag: string): CliStore {
  const box = sandbox(name);
  const schema = randomSchema(schemaTag);
  let db: Db | undefined;
  let store: Store | undefined;
  let configFile = '';
  beforeAll(async () => {
    configFile = box.writeConfig({ ...baseConfig({ prefix: box.prefix, databaseUrl: `${PG_URL}?schema=${schema}`, smtpUrl: 'smtp://127.0.0.1:9', log: 'error' }) });
    db = await openDb(PG_URL, { schema });
    store = storeOn(db);
  }, 60_000);
  afterAll(async () => {
    await killAll();
    await store?.close();
    await dropSchema(schema);
    await box.cleanup();
  });
  return {
    box,
    get db() {
      return db!;
    },
    get store() {
      return store!;
    },
    get configFile() {
      return configFile;
    },
    crieur: (...args) => runCrieur([...args, '--config', configFile], { dir: box.dir, timeoutMs: 120_000 }),
    async file(title, email, format = 'talk') {
      const raw = Buffer.from(`Message-ID: <${randomBytes(6).toString('hex')}@x>\r\nSubject: s\r\n\r\nBonjour.\r\n`);
      const { id } = await store!.inbound.saveRaw(raw, { source: 'cli' });
      const draft = { format, title, abstract: null, durationMinutes: format === 'lightning' ? 5 : 45, language: 'fr' as const, speakers: [{ name: 'Jeanne', email }], attachments: [] };
      return (await store!.proposals.fileFromMessage(id, draft, 'test')).proposal.ref;
    },
  };
}
