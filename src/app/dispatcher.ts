/** The queues, seen from the use cases: only ids cross them (BullMQ stores job data in clear text). */
export type QueueName = 'classify' | 'file' | 'command' | 'deliver' | 'remind' | 'campaign';
export const QUEUE_NAMES: readonly QueueName[] = ['classify', 'file', 'command', 'deliver', 'remind', 'campaign'];

export interface Dispatcher {
  /**
   * Idempotent per (queue, id) while the job exists. `again`: a finished (completed/failed) job for the same id
   * is replaced — for replays and the recovery sweep, where the earlier job's outcome is known to be stale; with
   * `delayMs`, one still delayed is moved to run `delayMs` from now (a reminder that counts from a later event).
   */
  dispatch(queue: QueueName, id: number, opts?: { again?: boolean; delayMs?: number; continues?: Attempts }): Promise<void>;
  /**
   * Several ids on one queue in one round trip (a backlog); idempotent as dispatch. `together`: one job carries
   * them all (a filing's mails: one claim, the sends side by side on the pool, one `sent` mark) — only for a
   * queue whose runner takes several ids (deliver).
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
