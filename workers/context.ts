/**
 * Wiring, once per process: configuration → adapters → the deps every use case receives. The only place
 * that knows which adapter implements which port. Opened as start-up phases (phases.ts): a failure in one
 * closes the ones before it and is told in the operator's words.
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
import { dotStuffingInstalled } from '../src/adapters/smtp/dot-stuff.ts';
import { dkimOption } from '../src/adapters/smtp/dkim.ts';
import { createComposer } from '../src/adapters/compose/composer.ts';
import { createMembershipMails } from '../src/adapters/compose/membership-mails.ts';
import { createLogger } from '../src/adapters/log/pino.ts';
import { mailparserReader } from '../src/adapters/mailparser.ts';
import { systemClock } from '../src/app/clock.ts';
import type { Logger } from '../src/app/logger.ts';
import type { Store } from '../src/app/store.ts';
import { explainDatabase, explainRedis } from './explain.ts';
import { openPhases, type Phase } from './phases.ts';
import { createDecodeBudget } from '../src/app/decode-budget.ts';
import { MAINTENANCE_EVERY_MS, type MaintenanceRun } from '../src/adapters/db/pglite-maintenance.ts';

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

/** What the context phases open, filled in as they go; a phase reads only what earlier phases set. */
export interface ContextParts {
  readonly config: Config;
  readonly contextOptions: ContextOptions;
  readonly log: Logger;
  redis?: Redis;
  store?: Store;
  dispatcher?: BullDispatcher;
  deps?: AppDeps;
}

/** Each close bounded: a closer waiting on a service that is gone must not keep the store (which flushes PGlite) from closing. */
const CLOSE_MS = 3_000;

export const CONTEXT_PHASES: readonly Phase<ContextParts>[] = [
  {
    name: 'redis',
    async open(s) {
      const redis = (s.redis = await connectRedis(s.config.redis.url, { forWorkers: true, prefix: s.config.redis.prefix }));
      return () => redis.quit();
    },
    closeMs: CLOSE_MS,
  },
  {
    name: 'database',
    async open(s, signal) {
      const onTakeover = (store: string, role: string) =>
        s.log.warn({ store, role }, role === 'owner' ? 'database: its serving process stopped; this process serves it now' : 'database: its serving process changed');
      const onMaintenance = (run: MaintenanceRun) =>
        run.error
          ? s.log.warn({ ms: Math.round(run.ms), err: run.error }, `database: VACUUM (ANALYZE) failed; tried again in ${MAINTENANCE_EVERY_MS / 60_000} minutes`)
          : s.log.debug({ ms: Math.round(run.ms) }, 'database: VACUUM (ANALYZE)');
      const store = (s.store = await openStore(s.config.database.url, { serve: s.contextOptions.serveDatabase, signal, onTakeover, onMaintenance }));
      return () => store.close();
    },
    closeMs: CLOSE_MS,
    // Creating a PGlite directory (≈ 3.5 s) must not be cut mid-way: a half-initialised one would not open again.
    abandonMs: 6_000,
    explain: (err, s) => explainDatabase(err, s.config.database.url),
  },
  {
    name: 'queues',
    async open(s) {
      const dispatcher = (s.dispatcher = new BullDispatcher(s.redis!, s.config.redis.prefix));
      return () => dispatcher.close();
    },
    closeMs: CLOSE_MS,
    explain: (err, s) => explainRedis(err, s.config.redis.url, s.config.redis.prefix),
  },
  {
    name: 'mail',
    async open(s) {
      const { config } = s;
      const send = s.contextOptions.send;
      if (send) requireSecret(config);
      const sender = send ? createSender(requireSmtpUrl(config), { pool: config.smtp.pool, ...dkimOption(config) }) : undefined;
      // Said once, by the process that sends: another nodemailer than the one dot-stuff.ts was checked against keeps
      // its own byte loop (the same bytes on the wire, more CPU), a thing to look at after an upgrade.
      if (sender && !dotStuffingInstalled) {
        s.log.info({}, "smtp: nodemailer's DataStream is not the version crieur's faster dot-stuffing was checked against: nodemailer's own is used (the same bytes, more CPU; see src/adapters/smtp/dot-stuff.ts)");
      }
      s.deps = {
        config,
        ctx: parseContextFrom(config),
        reader: mailparserReader,
        store: s.store!,
        dispatcher: s.dispatcher!,
        composer: createComposer(config),
        membershipMails: createMembershipMails(config),
        clock: systemClock,
        log: s.log,
        decodeBudget: createDecodeBudget(),
        ...(sender ? { sender } : {}),
      };
      if (sender) return () => sender.close();
    },
    closeMs: CLOSE_MS,
  },
];

/** The context alone (no workers, no watcher), for code that needs the deps without running a process. */
export async function createContext(config: Config, opts: ContextOptions): Promise<Context> {
  const log = opts.logger ?? createLogger(config.log.level);
  const parts: ContextParts = { config, contextOptions: opts, log };
  const opened = await openPhases(CONTEXT_PHASES, parts, { log });
  return contextOf(parts, opened.close);
}

/** The Context of parts the context phases have opened. */
export function contextOf(parts: ContextParts, close: () => Promise<void>): Context {
  if (!parts.deps || !parts.redis || !parts.dispatcher) throw new Error('the context phases have not all run');
  return { deps: parts.deps, redis: parts.redis, dispatcher: parts.dispatcher, close };
}
