/** The two engines every store test runs on: a fresh store, and how to throw it away. */
import { afterAll, beforeAll } from 'vitest';
import { forward } from '../support/store-and-sink.ts';
import { openStore } from '../../src/adapters/db/open.ts';
import type { Store } from '../../src/app/store.ts';
import { dropSchema, PG_URL, randomSchema, removeDir, tempDir } from '../support/db.ts';

export interface Engine {
  name: string;
  /** Opens the engine's store for this test file (one PGlite dir, one PG schema). */
  open(): Promise<{ store: Store; cleanup: () => Promise<void> }>;
}

export const ENGINES: Engine[] = [
  {
    name: 'pglite',
    async open() {
      const dir = tempDir();
      const store = await openStore(`pglite://${dir}`);
      return {
        store,
        cleanup: async () => {
          await store.close();
          removeDir(dir);
        },
      };
    },
  },
  {
    name: 'postgres',
    async open() {
      const schema = randomSchema();
      const store = await openStore(PG_URL, { schema });
      return {
        store,
        cleanup: async () => {
          await store.close();
          await dropSchema(schema);
        },
      };
    },
  },
];

/**
 * The store of one engine for the tests of a describe block: opened before them, thrown away after. Returns a stand-in
 * that forwards to the opened store, so the tests read `store.x` as if it were a plain variable.
 */
export function useStore(engine: Engine, openTimeoutMs = 240_000): Store {
  let opened: { store: Store; cleanup: () => Promise<void> } | undefined;
  beforeAll(async () => {
    opened = await engine.open();
  }, openTimeoutMs);
  afterAll(async () => {
    await opened?.cleanup();
  }, 60_000);
  return forward('store', () => opened?.store);
}
