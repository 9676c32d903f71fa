/**
 * A crieur process: the runners for some queues, optionally the inbox watcher, the recovery sweep and the
 * /healthz + /metrics listener. `crieur start` runs all of it; `crieur worker QUEUE…` only some runners.
 * Start-up is PROCESS_PHASES, in order (phases.ts): a failure closes what was opened and exits with its code.
 * SIGTERM/SIGINT: stop taking mail, let active jobs finish (BullMQ close drains), close adapters, exit 0.
 */
import type { Worker } from 'bullmq';
import type { Config } from '../src/config/schema.ts';
import { startWorker } from '../src/adapters/queue/bullmq.ts';
import { settlesWithin } from '../src/adapters/within.ts';
import { Metrics, startHttp } from '../src/adapters/http/server.ts';
import { openAdmin } from '../src/adapters/http/admin.ts';
import { QUEUE_NAMES, type Attempts, type QueueName } from '../src/app/dispatcher.ts';
import { createLogger } from '../src/adapters/log/pino.ts';
import { CONTEXT_PHASES, contextOf, type Context, type ContextParts } from './context.ts';
import { explainHttp, explainInbox, explainRedis } from './explain.ts';
import { openPhases, type Phase } from './phases.ts';
import { isPartlyDone, outcomesOf, RUNNERS, type Runner } from './runners.ts';
import type { RetryPolicy } from './retry.ts';
import { createSendNowGate, deliverClaimed, reserveFor, sendLeaseMs } from '../src/app/deliver-outbox.ts';
import type { AppDeps } from '../src/app/deps.ts';
import { checkPolicy, describeMs, verdict } from './retry.ts';
import { startRecovery } from './recovery.ts';
import { startUndeliveredSummary } from './summary.ts';
import { startWatcher } from './watcher.ts';
import { joinSubscriptions, pageRoutes } from './http-routes.ts';
import { startDigests } from './digests.ts';
import { repeatedErrors, type ReportError } from './repeated.ts';
import { redisLabel } from '../src/adapters/queue/redis.ts';

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
  /** A stop request during start-up: what was opened is closed and runProcess rejects with StartupStopped. */
  signal?: AbortSignal;
  /**
   * The JSON log's level, when not the configuration's: a command that runs a worker in passing (announce, call)
   * says what happened in its own human lines, and a dozen JSON lines of retries would drown them.
   */
  logLevel?: string;
}

const DRAIN_MS = 30_000;
/** When Redis is already unreachable at stop, active jobs cannot be acknowledged anyway: wait briefly. */
const UNREACHABLE_DRAIN_MS = 2_000;

export interface RunningProcess {
  context: Context;
  metrics: Metrics;
  /**
   * Resolves once the inbox watcher finished its initial catch-up, stands by, or waits for its server (the inbox
   * phase waits for that before runProcess resolves, so it is settled by then; kept for callers that await it).
   */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** Everything a process opens, filled in phase by phase. */
interface ProcessParts extends ContextParts {
  readonly options: ProcessOptions;
  readonly metrics: Metrics;
  readonly workers: Worker[];
  /** The queue clients' errors, said once a minute at most each (repeated.ts): shared by every worker and the scheduler. */
  reportQueueError?: ReportError;
}

/** The drain bound at stop: with Redis unreachable, active jobs cannot be acknowledged anyway. */
const drainBound = (s: ProcessParts) => (s.redis?.status === 'ready' ? (s.options.drainMs ?? DRAIN_MS) : UNREACHABLE_DRAIN_MS);

/**
 * A process's start-up, in order; a stop closes them last first. The HTTP port is taken before any worker
 * starts, so a second process on the same port fails before it takes a job; the inbox comes last, once there is
 * a pipeline to hand mail to.
 */
export const PROCESS_PHASES: readonly Phase<ProcessParts>[] = [
  ...CONTEXT_PHASES,
  {
    name: 'http',
    async open(s) {
      const { config, options } = s;
      if (options.http === false || config.http.port === 0) return;
      // The queue dashboard (off unless http.admin.password is set) is opened first: the listener serves it.
      const admin = await openAdmin(config.http.admin.password, s.redis!, config.redis.prefix, QUEUE_NAMES);
      try {
        const server = await startHttp(
          config.http.host,
          config.http.port,
          s.metrics,
          [
            { name: 'redis', check: async () => void (await s.redis!.ping()) },
            { name: 'database', check: async () => void (await s.store!.inbound.get(0)) },
          ],
          // The pages (issue 9): unsubscribe and confirm links always, the public pages with http.public.
          [...(admin ? [admin] : []), ...pageRoutes(s.deps!, joinSubscriptions(s.deps!))],
        );
        return async () => {
          await new Promise<void>((r) => server.close(() => r()));
          await admin?.close().catch(() => undefined);
        };
      } catch (err) {
        await admin?.close().catch(() => undefined);
        throw err;
      }
    },
    explain: (err, s) => explainHttp(err, s.config.http.host, s.config.http.port),
  },
  {
    name: 'workers',
    async open(s) {
      // The acknowledgement's and notice's templates compile (≈ 0.5 s of CPU) while the rest opens, not when the first
      // proposal waits for them; a template error still fails that proposal's job, as it would without this.
      if (['classify', 'file'].some((q) => s.options.queues.includes(q as QueueName))) {
        s.deps!.composer.warm().catch((err: Error) => s.log.warn({ err: err.message }, 'templates not compiled ahead: the first proposal will try again'));
      }
      startWorkers(s);
      return async () => {
        // With Redis gone every command waits for it forever (workers' connections never give up), so the
        // drain is bounded; past it, connections are cut, which fails the waiting commands and ends the wait.
        // Whatever was cut short is found again at the next start (stalled jobs, outbox leases, the sweep).
        const drained = await settlesWithin(Promise.all(s.workers.map((w) => w.close())), drainBound(s));
        if (drained) return;
        s.log.warn({ redis: s.redis!.status }, 'stopping: jobs did not drain in time (is Redis reachable?); closing connections');
        s.redis!.disconnect();
        await settlesWithin(Promise.all(s.workers.map((w) => w.close(true).catch(() => undefined))), 2_000);
        // disconnect() waits for a connection that is not coming back: bounded too. What it cannot reach
        // (BullMQ's own reconnecting clients) no longer matters: the command exits after stop() (start.ts).
        await settlesWithin(Promise.all(s.workers.map((w) => w.disconnect().catch(() => undefined))), 1_000);
      };
    },
    closeMs: (s) => drainBound(s) + 5_000,
    explain: (err, s) => explainRedis(err, s.config.redis.url, s.config.redis.prefix),
  },
  {
    name: 'recovery',
    async open(s) {
      const recovery = startRecovery(s.deps!, s.options.queues, s.options.recoveryIntervalMs ?? s.config.queue.recoverySeconds * 1000, (q) =>
        s.dispatcher!.queue(q).getJobCountByTypes('wait', 'active', 'prioritized'),
      );
      return () => recovery.stop();
    },
    // Its close waits for a sweep under way (so the store is not closed under it), as long as a drain would.
    closeMs: (s) => drainBound(s),
    explain: (err, s) => explainRedis(err, s.config.redis.url, s.config.redis.prefix),
  },
  {
    name: 'summary',
    async open(s) {
      if (!s.options.queues.includes('deliver')) return;
      // Checked as often as the sweep; sent at most once a day.
      const summary = startUndeliveredSummary(s.deps!, s.options.recoveryIntervalMs ?? s.config.queue.recoverySeconds * 1000);
      return () => summary.stop();
    },
    closeMs: (s) => drainBound(s),
  },
  {
    // Digests go out from the processes that send (BullMQ job schedulers: one of each however many processes).
    name: 'digests',
    async open(s) {
      if (!s.options.queues.includes('deliver')) return;
      const report = queueErrors(s);
      const digests = await startDigests(s.deps!, s.redis!, { onError: (err) => report('digest scheduler error', err) });
      return () => digests.close();
    },
    explain: (err, s) => explainRedis(err, s.config.redis.url, s.config.redis.prefix),
  },
  {
    name: 'inbox',
    async open(s, signal) {
      if (!s.options.watch) return;
      const watcher = startWatcher(s.config, s.deps!, s.redis!, s.metrics);
      const stop = () => watcher.stop();
      // Settles on the first catch-up, on standby, or once the server is found unreachable (retried in the
      // background); rejects for a cause the configuration must fix (login refused, mailbox missing). A stop
      // request ends the wait: the watcher stops connecting and start() settles.
      const onAbort = () => void stop();
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        await watcher.ready;
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
      return stop;
    },
    // The message in hand and the filings in flight beside it are finished first; with Redis gone their queueing
    // cannot finish, hence the same bound (past it, what was cut short stays `received` for the recovery sweep).
    closeMs: (s) => drainBound(s),
    explain: (err) => explainInbox(err),
  },
];

export async function runProcess(config: Config, opts: ProcessOptions): Promise<RunningProcess> {
  const log = createLogger(opts.logLevel ?? config.log.level);
  const metrics = new Metrics(() => parts.dispatcher!.counts());
  const parts: ProcessParts = {
    config,
    contextOptions: { send: opts.queues.includes('deliver') || opts.queues.includes('campaign'), serveDatabase: opts.serveDatabase },
    log,
    options: opts,
    metrics,
    workers: [],
  };
  const opened = await openPhases(PROCESS_PHASES, parts, { log, ...(opts.signal ? { signal: opts.signal } : {}) });
  const context = contextOf(parts, opened.close);
  log.info({ queues: opts.queues, watch: opts.watch, store: context.deps.store.describe() }, 'crieur running');

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      log.info({}, 'stopping: draining active jobs');
      await opened.close();
    })());
  return { context, metrics, ready: Promise.resolve(), stop };
}

/** One BullMQ worker per runner of the process's queues. */
function startWorkers(s: ProcessParts): void {
  const { config, options: opts, metrics } = s;
  const deps = s.deps!;
  const report = queueErrors(s);
  deps.onBounce = (kind) => metrics.bounces.inc({ kind });
  // Every policy checked before the first worker starts: a bad one fails the phase with nothing to undo.
  const runners = RUNNERS.filter((r) => opts.queues.includes(r.queue)).map((runner) => {
    const policy = checkPolicy(runner.queue, runner.retry(config));
    return { runner, policy, ...failures(deps, metrics, runner, policy) };
  });
  const delivering = runners.find(({ runner }) => runner.queue === 'deliver');
  if (delivering && deps.sender) deps.sendNow = sendNow(deps, metrics, delivering.goOnAlone);
  for (const { runner, decide, goOnAlone } of runners) {
    const w = startWorker(
      s.redis!,
      config.redis.prefix,
      runner.queue,
      async (id, job, info) => {
        const log = deps.log.child({ queue: runner.queue, job: job.id });
        const result = await runner.run({ ...deps, log }, id, info.ids);
        if (!isPartlyDone(result)) {
          metrics.jobs.inc({ queue: runner.queue, outcome: typeof result === 'string' ? result : 'done' });
          return result;
        }
        // A job alone with its id fails as a whole: BullMQ runs it again on the policy's schedule (onFailure).
        if (info.ids.length === 1 && result.failed[0]) throw result.failed[0].error;
        // Counted per id (a deliver job's mails), as when each had a job of its own.
        for (const [outcome, n] of Object.entries(result.outcomes)) if (n > 0) metrics.jobs.inc({ queue: runner.queue, outcome }, n);
        for (const f of result.failed) await goOnAlone(f.id, f.error, { made: info.before + 1, firstAt: info.firstAt });
        return result.outcomes;
      },
      {
        // A deliver job marks its rows "transmitting" once it holds a pooled connection for each (the sender's
        // reserve); as many jobs as connections keep the pool busy while a job's claim or mark commits.
        concurrency: runner.queue === 'deliver' ? config.smtp.pool : runner.concurrency,
        stalledIntervalMs: opts.stalledIntervalMs ?? config.queue.stalledSeconds * 1000,
        onFailure: decide,
        onFinalFailure: async (ids, err, attempt) => {
          // A job carrying several ids that ended as a whole — it stalled too often: the process died, each time, while
          // one of them was in hand (a message whose decoding exhausts the memory) — is no verdict on each id: each goes
          // on alone, as one that failed in it. Those done are skipped by their own job; the one at fault stalls alone
          // and is parked alone. Parked together, its neighbours were marked failed, done or not, and never taken again.
          if (ids.length > 1) {
            for (const id of ids) await goOnAlone(id, err, attempt);
            return;
          }
          for (const id of ids) {
            metrics.jobs.inc({ queue: runner.queue, outcome: 'failed' });
            await runner.park(deps, id, err);
          }
        },
        onError: (err) => report('worker error', err, { queue: runner.queue }),
        limiter: runner.limiter?.(config),
      },
    );
    s.workers.push(w);
  }
}

/** The process's one reporter of queue-client errors (its workers and the digest scheduler say the same thing). */
function queueErrors(s: ProcessParts): ReportError {
  return (s.reportQueueError ??= repeatedErrors(s.log, redisLabel(s.config.redis.url)));
}

/**
 * How a runner's failed id is judged (decide: retry in so long, or park) and what becomes of one that failed in a job
 * carrying several, or outside any job of its queue (goOnAlone): parked now, or a job of its own that continues the
 * schedule (the attempts made and the first try) — its siblings that succeeded are done. If the dispatch fails (Redis
 * away), the caller's job fails and runs again: what succeeded is skipped then (a sent row is not claimed again).
 */
function failures(deps: AppDeps, metrics: Metrics, runner: Runner, policy: RetryPolicy) {
  const decide = (id: number, err: Error, attempt: Attempts) => {
    const v = verdict(err, policy, { ...attempt, now: deps.clock.now().getTime() });
    // Every retry says why: a deferral names the server's answer or the connection error.
    if ('retryInMs' in v) {
      deps.log.warn({ queue: runner.queue, id, attempt: attempt.made, retryIn: describeMs(v.retryInMs), reason: err.message }, 'job failed: will retry');
    }
    return v;
  };
  const goOnAlone = async (id: number, err: Error, attempt: Attempts) => {
    const v = decide(id, err, attempt);
    if ('park' in v) {
      metrics.jobs.inc({ queue: runner.queue, outcome: 'failed' });
      await runner.park(deps, id, new Error(v.park));
    } else {
      await deps.dispatcher.dispatch(runner.queue, id, { again: true, delayMs: v.retryInMs, continues: attempt });
    }
  };
  return { decide, goOnAlone };
}

/**
 * deps.sendNow in a process that runs the deliver queue: a filing's mails sent from its own job when the pool frees
 * a connection for each within a short wait (reserveFor) and no such send hangs (createSendNowGate); its rows are queued
 * already claimed and sent by deliverClaimed, counted as the deliver runner counts them; a row that failed is that
 * runner's first attempt, going on under its policy (goOnAlone). An error before anything could be recorded leaves
 * the rows to a deliver job.
 */
function sendNow(deps: AppDeps, metrics: Metrics, goOnAlone: ReturnType<typeof failures>['goOnAlone']): NonNullable<AppDeps['sendNow']> {
  const gate = createSendNowGate(() => deps.clock.now().getTime());
  return {
    async reserve(n) {
      if (!gate.open()) return null;
      const release = await reserveFor(deps, n);
      if (!release) return null;
      return {
        leaseMs: sendLeaseMs(deps.config),
        release,
        async send(items, log) {
          let d;
          try {
            // The caller's log: the lines of its mails name its job.
            d = await gate.track(() => deliverClaimed({ ...deps, log }, items));
          } catch (err) {
            // Rows already sent are skipped by the deliver job's claim; one left `sending` waits for its lease (the sweep).
            log.warn({ outbox: items.map((i) => i.id), err: (err as Error).message }, 'mails not sent from the filing: left to a deliver job');
            return false;
          } finally {
            release();
          }
          for (const [outcome, n] of Object.entries(outcomesOf(d))) if (n > 0) metrics.jobs.inc({ queue: 'deliver', outcome }, n);
          const firstAt = deps.clock.now().getTime();
          for (const f of d.failed) await goOnAlone(f.id, f.error, { made: 1, firstAt });
          return true;
        },
      };
    },
  };
}
