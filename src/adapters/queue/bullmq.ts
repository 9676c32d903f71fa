/**
 * The one importer of BullMQ. Queues carry ids only (job data is stored in clear text in Redis).
 * Job ids are `<queue>-<id>`: BullMQ refuses ':' and all-digit custom ids, and dedupes only while the job
 * exists — the store's own idempotency keys are what make a replay safe, the job id only saves work.
 */
import { Queue, Worker, UnrecoverableError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Attempts, Dispatcher, QueueName } from '../../app/dispatcher.ts';
import { IDS_PER_JOB, QUEUE_NAMES } from '../../app/dispatcher.ts';

export interface JobData {
  id: number;
  /** A job carrying several ids (dispatchMany together): all of them, `id` first. */
  ids?: number[];
  /** A job that continues the retry schedule of an id that failed in a job carrying several (Attempts). */
  made?: number;
  firstAt?: number;
}

/** What the handler learns about its job: the ids it carries, and where its retry schedule stands. */
export interface JobInfo {
  ids: readonly number[];
  /** Attempts made before this one (0 on a first run). */
  before: number;
  firstAt: number;
}

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/**
 * The most ids a job of a queue whose runner takes several may carry, whatever IDS_PER_JOB says today: a size lowered
 * in a later version must not turn the jobs already queued into bad payloads.
 */
const MAX_IDS = 10;

/** The job's payload checked at the boundary: its ids (several only for a queue whose runner takes several), or why it can never succeed. */
export function jobIds(data: unknown, queue: QueueName): number[] | string {
  const d = (data ?? {}) as Partial<JobData>;
  if (!isId(d.id)) return `bad job payload: ${JSON.stringify(data)}`;
  if (d.ids === undefined) return [d.id];
  const most = IDS_PER_JOB[queue] > 1 ? MAX_IDS : 1;
  if (!Array.isArray(d.ids) || d.ids.length === 0 || d.ids.length > most || !d.ids.every(isId) || d.ids[0] !== d.id) {
    return `bad job payload: ${JSON.stringify(data)}`;
  }
  return d.ids;
}

/**
 * Jobs are retried until the worker's policy says stop (workers/retry.ts, per queue in workers/runners.ts):
 * BullMQ's own attempt count is only a backstop, and the wait before each retry is the policy's ('policy'
 * backoff, answered by the worker's backoffStrategy). Delayed jobs live in Redis: a retry scheduled for in
 * an hour survives a restart and runs when due.
 */
const JOB_OPTIONS = {
  attempts: 100_000,
  backoff: { type: 'policy' },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
} as const;

/** What the worker's policy decided for a job that threw: run it again in `delayMs`. */
class RetryLater extends Error {
  constructor(
    readonly delayMs: number,
    cause: Error,
  ) {
    super(cause.message, { cause });
    this.name = cause.name;
  }
}

export class BullDispatcher implements Dispatcher {
  private readonly queues = new Map<QueueName, Queue<JobData>>();

  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
  ) {}

  queue(name: QueueName): Queue<JobData> {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue<JobData>(name, { connection: this.connection, prefix: this.prefix, defaultJobOptions: JOB_OPTIONS });
      // BullMQ re-emits every error of the shared connection (each reconnect while Redis is gone) on each Queue; with
      // no listener it prints the raw error and its stack on stderr. The connection's errors are said elsewhere:
      // by the workers' reporter (once, with the fix) and by the `add` that fails, which its caller handles.
      q.on('error', () => undefined);
      this.queues.set(name, q);
    }
    return q;
  }

  async dispatch(name: QueueName, id: number, opts: { again?: boolean; delayMs?: number; continues?: Attempts } = {}): Promise<void> {
    const q = this.queue(name);
    const jobId = `${name}-${id}`;
    // A retry that continues a schedule (a row that failed in a job carrying several) replaces a job of that id still
    // waiting — the sweep's, added while the batch job held the row — else BullMQ would keep that one (same id) and
    // the row would be retried at once, its attempts and first try forgotten.
    if (opts.again || opts.continues) {
      const old = await q.getJob(jobId);
      const state = old ? await old.getState() : null;
      if (old && (state === 'completed' || state === 'failed')) await old.remove();
      // One that went active meanwhile cannot be removed (locked): it runs the row now, as it did before.
      else if (old && opts.continues && ['waiting', 'delayed', 'prioritized'].includes(state!)) await old.remove().catch(() => undefined);
      // A reminder set again before the first one ran (an acceptance released from decisions.hold, accepted anew after
      // an override) counts from now: the speaker was told just now. Moved, not added twice; one that became due
      // meanwhile runs as it is (changeDelay refuses a job no longer delayed).
      else if (old && state === 'delayed' && opts.delayMs) {
        await old.changeDelay(opts.delayMs).catch(() => undefined);
        return;
      }
    }
    // A delayed job (a reminder) waits in Redis under its job id: dispatched again, even after a restart, it is the same job.
    const data: JobData = opts.continues ? { id, made: opts.continues.made, firstAt: opts.continues.firstAt } : { id };
    await q.add(name, data, opts.delayMs ? { jobId, delay: opts.delayMs } : { jobId });
  }

  async dispatchMany(name: QueueName, ids: readonly number[], opts: { together?: boolean } = {}): Promise<void> {
    if (ids.length === 0) return;
    const per = opts.together ? IDS_PER_JOB[name] : 1;
    if (per === 1) {
      await this.queue(name).addBulk(ids.map((id) => ({ name, data: { id }, opts: { jobId: `${name}-${id}` } })));
      return;
    }
    const jobs: { name: QueueName; data: JobData; opts: { jobId: string } }[] = [];
    for (let i = 0; i < ids.length; i += per) {
      const part = ids.slice(i, i + per);
      // The job id names every id it carries: a job for one of them alone (a retry, the sweep) is another job.
      jobs.push(part.length === 1 ? { name, data: { id: part[0]! }, opts: { jobId: `${name}-${part[0]}` } } : { name, data: { id: part[0]!, ids: part }, opts: { jobId: `${name}-${part.join('-')}` } });
    }
    await this.queue(name).addBulk(jobs);
  }

  /** Jobs counted by state, for /metrics and `crieur doctor`. */
  async counts(): Promise<Record<string, Record<string, number>>> {
    const out: Record<string, Record<string, number>> = {};
    for (const name of QUEUE_NAMES) out[name] = await this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
    return out;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}

export interface WorkerOptions {
  concurrency: number;
  /** How often a stalled job (its worker died) is detected and re-queued. */
  stalledIntervalMs?: number;
  /**
   * The handler threw: retry in so many ms, or park with this reason. `made` counts attempts, this one included;
   * `firstAt` is when the job was queued. Called once per failure, so it is also where a retry is logged.
   */
  onFailure: (id: number, error: Error, attempt: Attempts) => { retryInMs: number } | { park: string };
  /**
   * Called when a job has failed for the last time: what it carried must be parked or go on, never silently dropped.
   * `attempt`: the attempts made (this one included) and the first try, for ids that go on alone.
   */
  onFinalFailure: (ids: readonly number[], error: Error, attempt: Attempts) => Promise<void>;
  onError?: (err: Error) => void;
  /** BullMQ's rate limiter for this queue: at most `max` jobs per `duration` ms, across all its workers. */
  limiter?: { max: number; duration: number } | undefined;
}

/** Attempts before this run: the job's own, plus those of the job it continues (its firstAt too). */
function infoOf(job: Job<JobData>, ids: readonly number[]): JobInfo {
  const d = job.data;
  const carried = Number.isSafeInteger(d.made) && d.made! >= 0 ? d.made! : 0;
  const firstAt = Number.isFinite(d.firstAt) && d.firstAt! > 0 ? d.firstAt! : job.timestamp;
  return { ids, before: job.attemptsMade + carried, firstAt };
}

export function startWorker(
  connection: Redis,
  prefix: string,
  name: QueueName,
  handler: (id: number, job: Job<JobData>, info: JobInfo) => Promise<unknown>,
  opts: WorkerOptions,
): Worker<JobData> {
  // A connection of its own (BullMQ blocks on it); BullMQ does not close connections it was given, so the
  // worker's close does it — else the process keeps reconnecting to a Redis that is gone and never exits.
  const own = connection.duplicate();
  own.on('error', (err) => opts.onError?.(err));
  const worker = new Worker<JobData>(
    name,
    async (job) => {
      // Validate the payload at the boundary: a malformed job can never succeed, retrying it is noise.
      const ids = jobIds(job.data, name);
      if (typeof ids === 'string') throw new UnrecoverableError(ids);
      const id = ids[0]!;
      const info = infoOf(job, ids);
      try {
        return await handler(id, job, info);
      } catch (err) {
        const e = err instanceof Error ? err : new Error(String(err));
        const v = opts.onFailure(id, e, { made: info.before + 1, firstAt: info.firstAt });
        if ('park' in v) throw new UnrecoverableError(v.park);
        throw new RetryLater(v.retryInMs, e);
      }
    },
    {
      connection: own,
      prefix,
      concurrency: opts.concurrency,
      stalledInterval: opts.stalledIntervalMs ?? 30_000,
      maxStalledCount: 5,
      ...(opts.limiter ? { limiter: opts.limiter } : {}),
      // Jobs queued before the policy backoff existed keep their built-in type; ours say 'policy'.
      settings: { backoffStrategy: (_made, _type, err) => (err instanceof RetryLater ? err.delayMs : 1_000) },
    },
  );
  worker.on('failed', (job, err) => {
    if (!job) return;
    // Anything but a scheduled retry ends the job: parked by the policy, a malformed payload, a job that
    // stalled too often, or the attempt backstop — each must park what the job was about.
    const final = !(err instanceof RetryLater) || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) return;
    const ids = jobIds(job.data, name);
    const parked = typeof ids === 'string' ? [job.data?.id] : ids;
    // attemptsMade counts the failure just recorded.
    const info = infoOf(job, parked);
    opts.onFinalFailure(parked, err, { made: Math.max(1, info.before), firstAt: info.firstAt }).catch((e: unknown) => opts.onError?.(e as Error));
  });
  worker.on('error', (err) => opts.onError?.(err));
  worker.on('closed', () => own.disconnect());
  return worker;
}
