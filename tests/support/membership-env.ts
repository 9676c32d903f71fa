/**
 * What a membership use-case test runs on: a PostgreSQL schema of its own, a Redis prefix of its own, the real
 * dispatcher and membership mails; `close` removes all of it.
 */
import { createMembershipMails } from '../../src/adapters/compose/membership-mails.ts';
import { openStore } from '../../src/adapters/db/open.ts';
import { silentLogger } from '../../src/adapters/log/pino.ts';
import { BullDispatcher } from '../../src/adapters/queue/bullmq.ts';
import { connectRedis } from '../../src/adapters/queue/redis.ts';
import type { Clock } from '../../src/app/clock.ts';
import type { JoinDeps } from '../../src/app/join.ts';
import type { MembershipDeps } from '../../src/app/membership.ts';
import type { Store } from '../../src/app/store.ts';
import type { Config } from '../../src/config/schema.ts';
import { dropSchema, PG_URL, randomSchema } from './db.ts';
import { clearRedisPrefix, redisPrefix } from './pipeline.ts';
import { REDIS_URL } from './services.ts';

export interface MembershipEnv {
  store: Store;
  deps: MembershipDeps & JoinDeps;
  close(): Promise<void>;
}

export async function openMembershipEnv(config: Config, clock: Clock, tag: string): Promise<MembershipEnv> {
  const schema = randomSchema(tag);
  const prefix = redisPrefix();
  const store = await openStore(`${PG_URL}?schema=${schema}`);
  const redis = await connectRedis(REDIS_URL);
  const dispatcher = new BullDispatcher(redis, prefix);
  const deps = { config, store, dispatcher, clock, log: silentLogger, membershipMails: createMembershipMails(config, { clock }) };
  return {
    store,
    deps,
    async close() {
      await dispatcher.close();
      redis.disconnect();
      await store.close();
      await dropSchema(schema);
      await clearRedisPrefix(prefix);
    },
  };
}
