/** The store of the configured database, open for the length of one command. */
import { loadConfig } from '../config/load.ts';
import { openStore } from '../adapters/db/open.ts';
import type { Store } from '../ports.ts';

export async function withStore<T>(configFile: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig({ file: configFile });
  const store = await openStore(config.database.url);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
