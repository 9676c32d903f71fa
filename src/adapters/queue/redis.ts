/**
 * Redis connections for BullMQ. Workers need `maxRetriesPerRequest: null` (BullMQ's blocking commands);
 * short-lived CLI commands want to fail fast with a clear message instead of retrying forever.
 */
import { Redis } from 'ioredis';
import { within } from '../within.ts';

export class RedisUnavailableError extends Error {
  readonly code = 'EREDIS_UNAVAILABLE';
  constructor(
    message: string,
    /** Why, in the client's words (`connect ECONNREFUSED 127.0.0.1:6379`), without the fix: for doctor's line. */
    readonly reason: string,
  ) {
    super(message);
  }
}

/**
 * Redis answered and refused the login (NOAUTH: no password given to a Redis that wants one; WRONGPASS: the wrong
 * one, or an ACL user that does not exist): the configuration's to fix (exit 78, as a refused IMAP or PostgreSQL
 * login), not a service to start or to wait for.
 */
export class RedisLoginError extends RedisUnavailableError {
  readonly exitCode = 78;
}

/** Redis's words for a refused login (`NOAUTH Authentication required.`, `WRONGPASS invalid username-password pair…`). */
const LOGIN_REFUSED = /^(NOAUTH|WRONGPASS)\b/;

export function redisLabel(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}:${u.port || 6379}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return 'redis (unparseable URL)';
  }
}

/**
 * An error's words. Node's connect to a name with several addresses (`localhost`: ::1 and 127.0.0.1, the
 * autoSelectFamily default) fails with an AggregateError whose message is empty: its errors' words then.
 */
function causeOf(err: unknown): string {
  const e = err as { message?: string; errors?: unknown[]; code?: string } | null;
  if (e?.message) return e.message;
  const inner = [...new Set((Array.isArray(e?.errors) ? e.errors : []).map((x) => (x as { message?: string } | null)?.message).filter((m): m is string => !!m))];
  return inner.length > 0 ? inner.join(', ') : (e?.code ?? String(err));
}

/** Opens a connection and proves it answers PING within `timeoutMs`; else throws RedisUnavailableError. */
export async function connectRedis(url: string, opts: { forWorkers?: boolean; timeoutMs?: number } = {}): Promise<Redis> {
  const timeoutMs = opts.timeoutMs ?? 3000;
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: opts.forWorkers ? null : 1,
    connectTimeout: timeoutMs,
    enableOfflineQueue: true,
    // After the first successful connect, reconnect with capped backoff (a Redis restart must not kill workers).
    retryStrategy: (times) => Math.min(200 * 2 ** times, 5000),
  });
  // The socket's error is the cause (ECONNREFUSED, ENOTFOUND…); connect() itself rejects with ioredis's
  // « Connection is closed. », which names none.
  let socketError: Error | null = null;
  redis.on('error', (err: Error) => {
    /* reported through commands; an unhandled 'error' event would crash the process */
    socketError ??= err;
  });
  try {
    await within(redis.connect(), timeoutMs);
    await within(redis.ping(), timeoutMs);
  } catch (err) {
    redis.disconnect();
    const reason = causeOf((socketError as Error | null) ?? err);
    if (LOGIN_REFUSED.test(reason)) {
      throw new RedisLoginError(
        `Redis at ${redisLabel(url)} refused the login (${reason}): correct the password in redis.url ` +
          '(redis://:PASSWORD@host:port, or redis://USER:PASSWORD@… for an ACL user) or CRIEUR_REDIS_URL.',
        reason,
      );
    }
    throw new RedisUnavailableError(
      `Redis is not reachable at ${redisLabel(url)} (${reason}). Start it (e.g. \`redis-server\`, ` +
        'or `apt-get install redis-server`) or point redis.url / CRIEUR_REDIS_URL at a running one.',
      reason,
    );
  }
  return redis;
}

/** Deletes every key under `prefix:` with SCAN (never KEYS: the Redis may be shared and large). */
export async function deletePrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}
