/**
 * The digests' clock: three BullMQ job schedulers (daily, weekly, organizers) on a queue of their own, at the
 * configured hour in the group's time zone. BullMQ computes each next run with cron-parser in that zone, so a
 * DST change moves the UTC instant and keeps the local hour. Schedulers are upserted by fixed ids: two processes
 * starting them leave one of each in Redis. Exactly-once is not the queue's job: each run computes its period
 * from the clock and the outbox key dedupes (send-digests.ts), so a repeated or concurrent run sends nothing new.
 * Job data names the kind only (BullMQ stores it in clear text).
 */
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { cronWeekday } from '../../core/digest/period.ts';

export const DIGEST_QUEUE = 'digests';
export type DigestJob = 'daily' | 'weekly' | 'organizers';
const KINDS: readonly DigestJob[] = ['daily', 'weekly', 'organizers'];

export interface DigestSchedule {
  hour: number;
  weeklyDay: number;
  timezone: string;
  organizers: boolean;
}

/** The cron pattern of each job in local time (minute hour day-of-month month day-of-week). */
export function digestPatterns(s: DigestSchedule): Partial<Record<DigestJob, string>> {
  return {
    daily: `0 ${s.hour} * * *`,
    weekly: `0 ${s.hour} * * ${cronWeekday(s.weeklyDay)}`,
    ...(s.organizers ? { organizers: `0 ${s.hour} * * *` } : {}),
  };
}

export interface DigestScheduler {
  queue: Queue;
  close(): Promise<void>;
}

export interface SchedulerOptions {
  /** Tests: another pattern per job (e.g. every second) to see runs happen. */
  patterns?: Partial<Record<DigestJob, string>>;
  /** Tests: when the schedule starts counting (BullMQ's startDate). */
  startDate?: Date;
  onError?: (err: Error) => void;
}

export async function startDigestScheduler(
  connection: Redis,
  prefix: string,
  schedule: DigestSchedule,
  run: (job: DigestJob) => Promise<unknown>,
  opts: SchedulerOptions = {},
): Promise<DigestScheduler> {
  const queue = new Queue(DIGEST_QUEUE, { connection, prefix });
  // Without a listener BullMQ prints each reconnect's error with its stack on stderr (Redis gone): said by onError.
  queue.on('error', (err) => opts.onError?.(err));
  const patterns = { ...digestPatterns(schedule), ...(opts.patterns ?? {}) };
  for (const kind of KINDS) {
    const pattern = patterns[kind];
    const id = `digest-${kind}`;
    if (!pattern) {
      await queue.removeJobScheduler(id);
      continue;
    }
    await queue.upsertJobScheduler(
      id,
      { pattern, tz: schedule.timezone, ...(opts.startDate ? { startDate: opts.startDate } : {}) },
      { name: kind, data: { kind }, opts: { attempts: 5, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
    );
  }
  const own = connection.duplicate();
  own.on('error', (err) => opts.onError?.(err));
  const worker = new Worker(
    DIGEST_QUEUE,
    async (job) => {
      const kind = (job.data as { kind?: unknown } | undefined)?.kind;
      if (!KINDS.includes(kind as DigestJob)) throw new UnrecoverableError(`bad digest job payload: ${JSON.stringify(job.data)}`);
      return run(kind as DigestJob);
    },
    { connection: own, prefix, concurrency: 1 },
  );
  worker.on('error', (err) => opts.onError?.(err));
  worker.on('closed', () => own.disconnect());
  return {
    queue,
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
