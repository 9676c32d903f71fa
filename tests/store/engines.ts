/** The two engines every store test runs on: a fresh store, and how to throw it away. */
import { openStore } from '../../src/adapters/db/open.ts';
import type { Store } from '../../src/ports.ts';
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
