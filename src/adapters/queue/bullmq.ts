/**
 * The one importer of BullMQ. Queues carry ids only (job data is stored in clear text in Redis).
 * Job ids are `<queue>-<id>`: BullMQ refuses ':' and all-digit custom ids, and dedupes only while the job
 * exists — the store's own idempotency keys are what make a replay safe, the job id only saves work.
 */
import { Queue, Worker, UnrecoverableError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Dispatcher, QueueName } from '../../ports.ts';
import { QUEUE_NAMES } from '../../ports.ts';

export interface JobData {
  id: number;
}

/** Retries for jobs whose handler threw: exponential from 1 s (4xx SMTP answers, a DB hiccup). */
const JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
} as const;

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
      this.queues.set(name, q);
    }
    return q;
  }

  async dispatch(name: QueueName, id: number, opts: { again?: boolean } = {}): Promise<void> {
    const q = this.queue(name);
    const jobId = `${name}-${id}`;
    if (opts.again) {
      const old = await q.getJob(jobId);
      if (old && ['completed', 'failed'].includes(await old.getState())) await old.remove();
    }
    await q.add(name, { id }, { jobId });
  }

  async dispatchMany(name: QueueName, ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.queue(name).addBulk(ids.map((id) => ({ name, data: { id }, opts: { jobId: `${name}-${id}` } })));
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
  /** Called when a job has failed for the last time: the message must be parked, never silently dropped. */
  onFinalFailure: (id: number, error: Error) => Promise<void>;
  onError?: (err: Error) => void;
  /** BullMQ's rate limiter for this queue: at most `max` jobs per `duration` ms, across all its workers. */
  limiter?: { max: number; duration: number } | undefined;
}

export function startWorker(
  connection: Redis,
  prefix: string,
  name: QueueName,
  handler: (id: number, job: Job<JobData>) => Promise<unknown>,
  opts: WorkerOptions,
): Worker<JobData> {
  // A connection of its own (BullMQ blocks on it); BullMQ does not close connections it was given, so the
  // worker's close does it — else the process keeps reconnecting to a Redis that is gone and never exits.
  const own = connection.duplicate();
  own.on('error', (err) => opts.onError?.(err));
  const worker = new Worker<JobData>(
    name,
    async (job) => {
      const id = job.data?.id;
      // Validate the payload at the boundary: a malformed job can never succeed, retrying it is noise.
      if (!Number.isSafeInteger(id) || id <= 0) throw new UnrecoverableError(`bad job payload: ${JSON.stringify(job.data)}`);
      return handler(id, job);
    },
    {
      connection: own,
      prefix,
      concurrency: opts.concurrency,
      stalledInterval: opts.stalledIntervalMs ?? 30_000,
      maxStalledCount: 5,
      ...(opts.limiter ? { limiter: opts.limiter } : {}),
    },
  );
  worker.on('failed', (job, err) => {
    if (!job) return;
    const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (final) opts.onFinalFailure(job.data.id, err).catch((e: unknown) => opts.onError?.(e as Error));
  });
  worker.on('error', (err) => opts.onError?.(err));
  worker.on('closed', () => own.disconnect());
  return worker;
}
