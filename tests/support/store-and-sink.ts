/**
 * The set-up of the tests that send through the real pieces without a crieur process: a PostgreSQL store in a schema
 * of its own, a recording SMTP listener and a pooled sender to it — opened before the file's tests, closed and
 * dropped after. Returns stand-ins that forward to the opened objects, read as plain variables inside tests.
 */
import { afterAll, beforeAll } from 'vitest';
import { openStore } from '../../src/adapters/db/open.ts';
import { createSender } from '../../src/adapters/smtp/sender.ts';
import type { SinkOptions } from '../../src/adapters/smtp/sink.ts';
import type { Sender } from '../../src/app/sender.ts';
import type { Store } from '../../src/app/store.ts';
import { PG_URL, dropSchema, randomSchema } from './db.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

/** A stand-in for an object opened later: reads, and spreads (`{ ...store, x }`), reach the opened object. */
export function forward<T extends object>(what: string, get: () => T | undefined): T {
  const opened = (): T => {
    const o = get();
    if (!o) throw new Error(`the ${what} is opened in beforeAll: use it inside a test`);
    return o;
  };
  return new Proxy({} as T, {
    get(_target, key) {
      const o = opened();
      const v = Reflect.get(o, key, o) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(o) : v;
    },
    ownKeys: () => Reflect.ownKeys(opened()),
    getOwnPropertyDescriptor(_target, key) {
      const d = Reflect.getOwnPropertyDescriptor(opened(), key);
      return d ? { ...d, configurable: true } : undefined;
    },
  });
}

export function useStoreAndSink(name: string, opts: { sink?: SinkOptions; pool?: number } = {}): { schema: string; store: Store; sink: SmtpSink; sender: Sender } {
  const schema = randomSchema(name);
  let store: Store | undefined;
  let sink: SmtpSink | undefined;
  let sender: Sender | undefined;
  beforeAll(async () => {
    store = await openStore(PG_URL, { schema });
    sink = await startSmtpSink(opts.sink);
    sender = createSender(sink.url, { pool: opts.pool ?? 2 });
  }, 60_000);
  afterAll(async () => {
    await sender?.close();
    await sink?.close();
    await store?.close();
    await dropSchema(schema);
  });
  return { schema, store: forward('store', () => store), sink: forward('SMTP listener', () => sink), sender: forward('sender', () => sender) };
}
