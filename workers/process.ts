/**
 * A crieur process: the runners for some queues, optionally the inbox watcher, the recovery sweep and the
 * /healthz + /metrics listener. `crieur start` runs all of it; `crieur worker QUEUE…` only some runners.
 * SIGTERM/SIGINT: stop taking mail, let active jobs finish (BullMQ close drains), close adapters, exit 0.
 */
import type { Worker } from 'bullmq';
import type { Server } from 'node:http';
import type { Config } from '../src/config/schema.ts';
import { startWorker } from '../src/adapters/queue/bullmq.ts';
import { settlesWithin } from '../src/adapters/within.ts';
import { Metrics, startHttp } from '../src/adapters/http/server.ts';
import type { QueueName } from '../src/ports.ts';
import { createContext, type Context } from './context.ts';
import { RUNNERS } from './runners.ts';
import { startRecovery } from './recovery.ts';
import { startWatcher, type Watcher } from './watcher.ts';
import { membershipRoutes } from '../src/adapters/http/membership-routes.ts';

export interface ProcessOptions {
  queues: readonly QueueName[];
  watch: boolean;
  serveDatabase: boolean;
  /** Tests and the demo shorten BullMQ's stalled-job detection. */
  stalledIntervalMs?: number;
  recoveryIntervalMs?: number;
  http?: boolean;
  /** How long a stop waits for active jobs to finish (default 30 s). */
  drainMs?: number;
}

const DRAIN_MS = 30_000;
/** When Redis is already unreachable at stop, active jobs cannot be acknowledged anyway: wait briefly. */
const UNREACHABLE_DRAIN_MS = 2_000;

export interface RunningProcess {
  context: Context;
  metrics: Metrics;
  /** Resolves once the inbox watcher finished its initial catch-up (immediately without a watcher). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export async function runProcess(config: Config, opts: ProcessOptions): Promise<RunningProcess> {
  const context = await createContext(config, { send: opts.queues.includes('deliver') || opts.queues.includes('campaign'), serveDatabase: opts.serveDatabase });
  const { deps } = context;
  const metrics = new Metrics(() => context.dispatcher.counts());
  deps.onBounce = (kind) => metrics.bounces.inc({ kind });
  const workers: Worker[] = [];
  for (const runner of RUNNERS.filter((r) => opts.queues.includes(r.queue))) {
    const w = startWorker(
      context.redis,
      config.redis.prefix,
      runner.queue,
      async (id, job) => {
        const log = deps.log.child({ queue: runner.queue, job: job.id });
        const result = await runner.run({ ...deps, log }, id);
        metrics.jobs.inc({ queue: runner.queue, outcome: typeof result === 'string' ? result : 'done' });
        return result;
      },
      {
        // A deliver job marks its row "transmitting" before it hands it to the SMTP pool: more jobs than pooled
        // connections would leave rows marked while they wait their turn, and a crash would park them needlessly.
        concurrency: runner.queue === 'deliver' ? config.smtp.pool : runner.concurrency,
        stalledIntervalMs: opts.stalledIntervalMs ?? config.queue.stalledSeconds * 1000,
        onFinalFailure: async (id, err) => {
          metrics.jobs.inc({ queue: runner.queue, outcome: 'failed' });
          await runner.park(deps, id, err);
        },
        onError: (err) => deps.log.warn({ queue: runner.queue, err: err.message }, 'worker error'),
        limiter: runner.limiter?.(config),
      },
    );
    workers.push(w);
  }
  const recovery = startRecovery(deps, opts.queues, opts.recoveryIntervalMs ?? config.queue.recoverySeconds * 1000);
  let watcher: Watcher | null = null;
  let ready: Promise<void> = Promise.resolve();
  if (opts.watch) {
    watcher = startWatcher(config, deps, context.redis, metrics);
    ready = watcher.ready;
  }
  let http: Server | null = null;
  if (opts.http !== false && config.http.port !== 0) {
    http = await startHttp(config.http.host, config.http.port, metrics, [
      { name: 'redis', check: async () => void (await context.redis.ping()) },
      { name: 'database', check: async () => void (await deps.store.inbound.get(0)) },
    ], config.secret ? [membershipRoutes(deps)] : []);
  }
  deps.log.info({ queues: opts.queues, watch: opts.watch, store: deps.store.describe() }, 'crieur running');

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      deps.log.info({}, 'stopping: draining active jobs');
      // With Redis gone every command waits for it forever (workers' connections never give up), so the
      // drain is bounded; past it, connections are cut, which fails the waiting commands and ends the wait.
      // Whatever was cut short is found again at the next start (stalled jobs, outbox leases, the sweep).
      const redisUp = context.redis.status === 'ready';
      recovery.stop();
      const drained = await settlesWithin(
        (async () => {
          await watcher?.stop();
          await Promise.all(workers.map((w) => w.close()));
        })(),
        redisUp ? (opts.drainMs ?? DRAIN_MS) : UNREACHABLE_DRAIN_MS,
      );
      if (!drained) {
        deps.log.warn({ redis: context.redis.status }, 'stopping: jobs did not drain in time (is Redis reachable?); closing connections');
        context.redis.disconnect();
        await settlesWithin(Promise.all(workers.map((w) => w.close(true).catch(() => undefined))), 2_000);
        // disconnect() waits for a connection that is not coming back: bounded too. What it cannot reach
        // (BullMQ's own reconnecting clients) no longer matters: the command exits after stop() (start.ts).
        await settlesWithin(Promise.all(workers.map((w) => w.disconnect().catch(() => undefined))), 1_000);
      }
      await new Promise<void>((r) => (http ? http.close(() => r()) : r()));
      await settlesWithin(context.close(), 5_000);
    })());
  return { context, metrics, ready, stop };
}
