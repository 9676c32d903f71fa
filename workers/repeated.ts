/**
 * Errors that the queue clients report again at every reconnect or turn of their loops — Redis gone (« connect
 * ECONNREFUSED » from each worker's connections and the digest scheduler's, every few seconds), Redis refusing writes
 * at its maxmemory (« OOM command not allowed ») — said once, then at most once a minute while they last, with how
 * many were held back. Audit M: a Redis down for 40 s wrote 210 identical lines (≈ 19,000 an hour).
 */
import type { Logger } from '../src/app/logger.ts';

/** What the operator can do about an error a Redis client reports, when its words alone do not say. */
function hintFor(message: string, redis: string): string | undefined {
  if (/ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|EAI_AGAIN|Connection is closed/i.test(message)) {
    return `Redis is not reachable at ${redis}: jobs wait for it and resume when it answers (start it, or correct redis.url)`;
  }
  if (/^OOM /.test(message)) return `Redis at ${redis} is full (maxmemory): raise maxmemory, or free memory — nothing is lost meanwhile, jobs resume`;
  return undefined;
}

export type ReportError = (msg: string, err: Error, fields?: Record<string, unknown>) => void;

export function repeatedErrors(log: Logger, redis: string, everyMs = 60_000, now: () => number = Date.now): ReportError {
  const seen = new Map<string, { at: number; held: number }>();
  return (msg, err, fields = {}) => {
    const key = err.message;
    const t = now();
    const last = seen.get(key);
    if (last && t - last.at < everyMs) {
      last.held += 1;
      return;
    }
    const hint = hintFor(err.message, redis);
    log.warn({ ...fields, err: err.message, ...(hint ? { fix: hint } : {}), ...(last?.held ? { repeatedSinceLast: last.held } : {}) }, msg);
    seen.delete(key);
    seen.set(key, { at: t, held: 0 });
    // Bounded: the oldest keys go first (errors carrying ever-changing text must not grow it without end).
    if (seen.size > 200) seen.delete(seen.keys().next().value!);
  };
}
