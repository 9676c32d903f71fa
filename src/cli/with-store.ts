/** The store of the configured database, open for the length of one command. */
import { loadConfig } from '../config/load.ts';
import { openStore } from '../adapters/db/open.ts';
import type { Store } from '../app/store.ts';
import type { Config } from '../config/schema.ts';

export async function withStore<T>(configFile: string | undefined, fn: (store: Store, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig({ file: configFile });
  const store = await openStore(config.database.url);
  try {
    return await fn(store, config);
  } finally {
    await store.close();
  }
}
