/**
 * Wiring, once per process: configuration → adapters → the deps every use case receives. The only place
 * that knows which adapter implements which port.
 */
import type { Redis } from 'ioredis';
import type { Config } from '../src/config/schema.ts';
import { requireSecret, requireSmtpUrl } from '../src/config/load.ts';
import type { AppDeps } from '../src/app/deps.ts';
import { parseContextFrom } from '../src/app/parse-message.ts';
import { openStore } from '../src/adapters/db/open.ts';
import { connectRedis } from '../src/adapters/queue/redis.ts';
import { BullDispatcher } from '../src/adapters/queue/bullmq.ts';
import { createSender } from '../src/adapters/smtp/sender.ts';
import { createComposer } from '../src/adapters/compose/composer.ts';
import { createLogger } from '../src/adapters/log/pino.ts';
import { settlesWithin } from '../src/adapters/within.ts';
import { dkimOption } from '../src/adapters/smtp/dkim.ts';
import { systemClock, type Logger } from '../src/ports.ts';

export interface Context {
  deps: AppDeps;
  redis: Redis;
  dispatcher: BullDispatcher;
  close(): Promise<void>;
}

export interface ContextOptions {
  /** Open the SMTP sender (processes that run the deliver queue). */
  send: boolean;
  /** Serve an embedded PGlite database to the other crieur processes (crieur start). */
  serveDatabase: boolean;
  logger?: Logger;
}

export async function createContext(config: Config, opts: ContextOptions): Promise<Context> {
  const log = opts.logger ?? createLogger(config.log.level);
  const redis = await connectRedis(config.redis.url, { forWorkers: true });
  const closers: (() => Promise<unknown>)[] = [async () => redis.quit()];
  try {
    const store = await openStore(config.database.url, { serve: opts.serveDatabase });
    closers.unshift(() => store.close());
    const dispatcher = new BullDispatcher(redis, config.redis.prefix);
    closers.unshift(() => dispatcher.close());
    if (opts.send) requireSecret(config);
    const sender = opts.send ? createSender(requireSmtpUrl(config), { pool: config.smtp.pool, ...dkimOption(config) }) : undefined;
    if (sender) closers.unshift(() => sender.close());
    const deps: AppDeps = {
      config,
      ctx: parseContextFrom(config),
      store,
      dispatcher,
      composer: createComposer(config),
      clock: systemClock,
      log,
      ...(sender ? { sender } : {}),
    };
    return {
      deps,
      redis,
      dispatcher,
      async close() {
        // Each bounded on its own: a closer waiting on a service that is gone must not keep the next ones
        // (the store, which flushes an embedded PGlite) from running.
        for (const c of closers) await settlesWithin(c(), CLOSE_MS);
      },
    };
  } catch (err) {
    for (const c of closers) await c().catch(() => undefined);
    throw err;
  }
}

const CLOSE_MS = 3_000;
