/**
 * What the worker boundary does with a job that threw: park it now, or run it again later. The one place that
 * maps an error code to retry-or-not (adapters only classify: SQLSTATE from the database drivers,
 * ESMTP_PERMANENT / ESMTP_TRANSIENT from the SMTP sender). Each queue's schedule is its runner's `retry`
 * (workers/runners.ts); this module only applies one. Pure: the caller passes the clock's time.
 */

export interface RetryPolicy {
  /** Waits before the first, second… retry, in milliseconds; the last one repeats for as long as retries go on. */
  delaysMs: readonly number[];
  /** At most this many attempts in all (the first one included). */
  maxAttempts?: number;
  /** No retry is scheduled later than this after the first attempt: an MTA's queue lifetime. */
  giveUpAfterMs?: number;
}

export type Verdict = { retryInMs: number } | { park: string };

export interface AttemptInfo {
  /** Attempts made so far, the one that just failed included (1 after the first). */
  made: number;
  /** When the job was first queued (epoch ms): the give-up clock starts there. */
  firstAt: number;
  now: number;
}

/**
 * Error codes that no retry can change, whoever raised them: the same input fails the same way. Everything
 * else (connection refused, a timeout, a 4xx, a deadlock, a serialization failure, an unknown error) is tried
 * again on the queue's schedule — an unknown error parked at once would lose a message to a hiccup.
 */
const DETERMINISTIC: readonly { code: RegExp; what: string }[] = [
  { code: /^ESMTP_PERMANENT$/, what: 'refused by the mail server' },
  { code: /^ESMTP_UNCERTAIN$/, what: 'possibly delivered (connection lost after the message was sent)' },
  { code: /^22/, what: 'data the database cannot store' }, // SQLSTATE class 22: data exception (e.g. 22P05, a NUL in text)
  { code: /^23/, what: 'a database constraint violation' }, // class 23: integrity constraint violation
  { code: /^42/, what: 'a statement the database refuses' }, // class 42: syntax error or access rule violation
];
// A message that cannot be parsed is parked by the classify use case itself (with the parser's reason), and a
// malformed job payload by the queue adapter: neither reaches this table.

/** Why retrying cannot help, or null when it may. */
export function deterministic(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  return DETERMINISTIC.find((d) => d.code.test(code))?.what ?? null;
}

export function reasonOf(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  const msg = typeof e?.message === 'string' ? e.message : String(err);
  return typeof e?.code === 'string' && !msg.includes(e.code) ? `${e.code}: ${msg}` : msg;
}

export function verdict(err: unknown, policy: RetryPolicy, attempt: AttemptInfo): Verdict {
  const reason = reasonOf(err);
  const why = deterministic(err);
  if (why) return { park: `${why}, not retried: ${reason}` };
  const delay = policy.delaysMs[Math.min(attempt.made, policy.delaysMs.length) - 1] ?? 0;
  if (policy.maxAttempts !== undefined && attempt.made >= policy.maxAttempts) return { park: `gave up after ${attempt.made} attempts: ${reason}` };
  if (policy.giveUpAfterMs !== undefined && attempt.now + delay - attempt.firstAt > policy.giveUpAfterMs) {
    return { park: `gave up after ${describeMs(attempt.now - attempt.firstAt)} and ${attempt.made} attempts: ${reason}` };
  }
  return { retryInMs: delay };
}

/** A policy that cannot work fails at start, not at the first failure. */
export function checkPolicy(queue: string, p: RetryPolicy): RetryPolicy {
  if (p.delaysMs.length === 0 || p.delaysMs.some((d) => !Number.isFinite(d) || d < 0)) throw new Error(`retry policy of ${queue}: delays must be ≥ 0 ms, at least one`);
  if (p.maxAttempts === undefined && p.giveUpAfterMs === undefined) throw new Error(`retry policy of ${queue}: set maxAttempts or giveUpAfterMs (retries must end)`);
  return p;
}

/** Minutes as a schedule in milliseconds (configuration speaks minutes; BullMQ milliseconds). */
export const minutes = (ms: readonly number[]): number[] => ms.map((m) => Math.round(m * 60_000));

export function describeMs(ms: number): string {
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 360_000) / 10} h`;
}
