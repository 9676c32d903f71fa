/** The queues, seen from the use cases: only ids cross them (BullMQ stores job data in clear text). */
export type QueueName = 'classify' | 'file' | 'command' | 'deliver' | 'remind' | 'campaign';
export const QUEUE_NAMES: readonly QueueName[] = ['classify', 'file', 'command', 'deliver', 'remind', 'campaign'];

/**
 * How many ids one job may carry (dispatchMany `together`), per queue; 1: a job per id. A job is claimed, run and
 * acknowledged as a whole, and its ids side by side share their statements (coalesce.ts): a filing's mails (one claim,
 * the sends side by side on the pool, one `sent` mark), a backlog's messages (one read, their filings and mails
 * together). Classify's is small: its runner runs several jobs at once, and the messages in flight — raw and decoded,
 * a 30 MB one among them — are what it holds in memory.
 */
export const IDS_PER_JOB: Readonly<Record<QueueName, number>> = { classify: 4, file: 1, command: 1, deliver: 10, remind: 1, campaign: 1 };
// At most 10 (the payload check's bound, adapters/queue/bullmq.ts), checked at load.
for (const [q, n] of Object.entries(IDS_PER_JOB)) if (!Number.isInteger(n) || n < 1 || n > 10) throw new Error(`IDS_PER_JOB.${q}: 1 to 10, not ${n}`);

export interface Dispatcher {
  /**
   * Idempotent per (queue, id) while the job exists. `again`: a finished (completed/failed) job for the same id
   * is replaced — for replays and the recovery sweep, where the earlier job's outcome is known to be stale; with
   * `delayMs`, one still delayed is moved to run `delayMs` from now (a reminder that counts from a later event).
   */
  dispatch(queue: QueueName, id: number, opts?: { again?: boolean; delayMs?: number; continues?: Attempts }): Promise<void>;
  /**
   * Several ids on one queue in one round trip (a backlog); idempotent as dispatch. `together`: a job carries up to
   * IDS_PER_JOB of them (a filing's mails, a backlog's messages).
   */
  dispatchMany(queue: QueueName, ids: readonly number[], opts?: { together?: boolean }): Promise<void>;
}

/**
 * Where a job's retry schedule stands: attempts made, and when the first began (epoch ms). An id that failed in
 * a job carrying several goes on in a job of its own that `continues` the schedule (workers/retry.ts).
 */
export interface Attempts {
  made: number;
  firstAt: number;
}
