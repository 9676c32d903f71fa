/**
 * A crieur process: the runners for some queues, optionally the inbox watcher, the recovery sweep and the
 * /healthz + /metrics listener. `crieur start` runs all of it; `crieur worker QUEUE…` only some runners.
 * SIGTERM/SIGINT: stop taking mail, let active jobs finish (BullMQ close drains), close adapters, exit 0.
 */
import type { Worker } from 'bullmq';
import type { Server } from 'node:http';
import type { Config } from '../src/config/schema.ts';
import { startWorker } from '../src/adapters/queue/bullmq.ts';
import { Metrics, startHttp } from '../src/adapters/http/server.ts';
import type { QueueName } from '../src/ports.ts';
import { createContext, type Context } from './context.ts';
import { RUNNERS } from './runners.ts';
import { startRecovery } from './recovery.ts';
import { startWatcher, type Watcher } from './watcher.ts';

export interface ProcessOptions {
  queues: readonly QueueName[];
  watch: boolean;
  serveDatabase: boolean;
  /** Tests and the demo shorten BullMQ's stalled-job detection. */
  stalledIntervalMs?: number;
  recoveryIntervalMs?: number;
  http?: boolean;
}

export interface RunningProcess {
  context: Context;
  metrics: Metrics;
  /** Resolves once the inbox watcher finished its initial catch-up (immediately without a watcher). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export async function runProcess(config: Config, opts: ProcessOptions): Promise<RunningProcess> {
  const context = await createContext(config, { send: opts.queues.includes('deliver'), serveDatabase: opts.serveDatabase });
  const { deps } = context;
  const metrics = new Metrics(() => context.dispatcher.counts());
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
        concurrency: runner.concurrency,
        stalledIntervalMs: opts.stalledIntervalMs ?? config.queue.stalledSeconds * 1000,
        onFinalFailure: async (id, err) => {
          metrics.jobs.inc({ queue: runner.queue, outcome: 'failed' });
          await runner.park(deps, id, err);
        },
        onError: (err) => deps.log.warn({ queue: runner.queue, err: err.message }, 'worker error'),
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
    ]);
  }
  deps.log.info({ queues: opts.queues, watch: opts.watch, store: deps.store.describe() }, 'crieur running');

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      deps.log.info({}, 'stopping: draining active jobs');
      await watcher?.stop();
      recovery.stop();
      await Promise.all(workers.map((w) => w.close()));
      await new Promise<void>((r) => (http ? http.close(() => r()) : r()));
      await context.close();
    })());
  return { context, metrics, ready, stop };
}
