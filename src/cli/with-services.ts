/** The store and the queues of the configured services, open for the length of one command (decide, release, failed retry). */
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { openStore } from '../adapters/db/open.ts';
import { connectRedis } from '../adapters/queue/redis.ts';
import { BullDispatcher } from '../adapters/queue/bullmq.ts';
import type { Dispatcher } from '../app/dispatcher.ts';
import type { Store } from '../app/store.ts';

export async function withServices<T>(configFile: string | undefined, fn: (s: { config: Config; store: Store; dispatcher: Dispatcher }) => Promise<T>, check?: (config: Config) => void): Promise<T> {
  const config = loadConfig({ file: configFile });
  check?.(config);
  const store = await openStore(config.database.url);
  const redis = await connectRedis(config.redis.url, { prefix: config.redis.prefix }).catch(async (err: unknown) => {
    await store.close();
    throw err;
  });
  const dispatcher = new BullDispatcher(redis, config.redis.prefix);
  try {
    return await fn({ config, store, dispatcher });
  } finally {
    await dispatcher.close();
    await redis.quit();
    await store.close();
  }
}
