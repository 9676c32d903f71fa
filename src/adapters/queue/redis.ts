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

/**
 * Redis answered and let the user in, but its ACL refuses them a command or a key crieur needs (NOPERM: an ACL user
 * made for another application, `~otherapp:*`, or without scripting): the configuration's to fix (exit 78) — no
 * restart of Redis or of crieur helps, so not « not reachable », which says to start it.
 */
export class RedisPermissionError extends RedisUnavailableError {
  readonly exitCode = 78;
}

/**
 * redis.url names a database the server does not have (`redis://host:6379/99`, `?db=99`; a server has 16 unless its
 * `databases` says otherwise): the configuration's to fix (exit 78). ioredis only emits the SELECT's error and stays
 * on database 0, so crieur ran — its queues in another database than the one configured, a worker error logged.
 */
export class RedisDatabaseError extends RedisUnavailableError {
  readonly exitCode = 78;
}

/** Redis's words for a database number past its `databases` (`ERR DB index is out of range`). */
const NO_SUCH_DATABASE = /DB index is out of range|invalid DB index/i;

/** Redis's words for a refused login (`NOAUTH Authentication required.`, `WRONGPASS invalid username-password pair…`). */
const LOGIN_REFUSED = /^(NOAUTH|WRONGPASS)\b/;
/** Redis's words for a command or key its ACL refuses (`NOPERM this user has no permissions to run the 'ping' command`). */
const PERMISSION_REFUSED = /^NOPERM\b/;

/** Whether an error (a command's, a phase's) is Redis's ACL refusing crieur's user something. */
export function isRedisPermissionRefusal(err: unknown): boolean {
  return PERMISSION_REFUSED.test((err as { message?: unknown } | null)?.message?.toString() ?? '');
}

/** The ACL user redis.url names (`redis://USER:PASS@…`); `default` when it names none. */
function aclUser(url: string): string {
  try {
    return decodeURIComponent(new URL(url).username) || 'default';
  } catch {
    return 'default';
  }
}

/**
 * What an operator reads for a NOPERM, cause then fix: the user, what was refused, and the ACL rule that gives crieur
 * what it needs — BullMQ's commands (scripts among them, INFO, CLIENT) on the keys under redis.prefix.
 */
export function redisPermissionMessage(url: string, prefix: string | null, reason: string): string {
  const user = aclUser(url);
  const keys = prefix ? `~${prefix}:*` : '~*';
  return (
    `Redis at ${redisLabel(url)} refused a command to the user ${user} (${reason}): give it crieur's commands and keys — ` +
    `ACL SETUSER ${user} +@all ${keys} &* — or name in redis.url (or CRIEUR_REDIS_URL) a user that has them.`
  );
}

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

/**
 * A script that writes and deletes one key under crieur's prefix: what BullMQ does on every job (EVAL/EVALSHA of
 * scripts calling SET, DEL… on `PREFIX:…` keys). An ACL that refuses it fails here, at start, naming the fix —
 * not at the first job, as a worker error.
 */
const ACCESS_PROBE = `redis.call('SET', KEYS[1], '1', 'PX', 10000) return redis.call('DEL', KEYS[1])`;

/**
 * Opens a connection and proves it answers PING within `timeoutMs` — and, given crieur's key prefix, that its ACL
 * lets crieur's user run scripts on those keys; else throws RedisUnavailableError (RedisLoginError,
 * RedisPermissionError: exit 78).
 */
export async function connectRedis(url: string, opts: { forWorkers?: boolean; timeoutMs?: number; prefix?: string } = {}): Promise<Redis> {
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
    await withoutUnneededPassword(redis, timeoutMs);
    // ioredis sends SELECT on connect but goes on, on database 0, when it is refused: ask again and hear the answer.
    const db = redis.options.db ?? 0;
    if (db !== 0) await within(redis.select(db), timeoutMs);
    if (opts.prefix) await within(redis.eval(ACCESS_PROBE, 1, `${opts.prefix}:acl-check`), timeoutMs);
  } catch (err) {
    redis.disconnect();
    // A command's refusal is its own answer; the socket's first error would be an older, other one.
    const reason = isRedisPermissionRefusal(err) ? causeOf(err) : causeOf((socketError as Error | null) ?? err);
    if (NO_SUCH_DATABASE.test(reason)) {
      throw new RedisDatabaseError(
        `Redis at ${redisLabel(url)} has no database ${redis.options.db ?? 0} (${reason}): correct the number in redis.url ` +
          "(redis://host:port/N, N below the server's `databases`, 16 by default) or CRIEUR_REDIS_URL.",
        reason,
      );
    }
    if (PERMISSION_REFUSED.test(reason)) throw new RedisPermissionError(redisPermissionMessage(url, opts.prefix ?? null, reason), reason);
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

/** Redis's answer to AUTH when the user needs no password (Redis 6+, and before 6). */
const NO_PASSWORD_NEEDED = /without any password configured|no password is set/i;

/**
 * redis.url gives a password that the server does not need (its `default` user has none): Redis refuses the AUTH,
 * ioredis goes on and prints « [WARN] This Redis server's `default` user does not require a password » with
 * console.warn, outside the JSON logs — once per connection, and `crieur start` opens a dozen (BullMQ duplicates this
 * one), at every reconnect too. Asked once here, the same AUTH answers so; the connection's options then lose the
 * credentials, which its duplicates and reconnects copy: one such line at most, the first connection's.
 */
async function withoutUnneededPassword(redis: Redis, timeoutMs: number): Promise<void> {
  const { username, password } = redis.options;
  if (!password) return;
  const args = username ? [username, password] : [password];
  const unneeded = await within(redis.call('AUTH', ...args), timeoutMs).then(
    () => false,
    (err: unknown) => NO_PASSWORD_NEEDED.test((err as Error | null)?.message ?? ''),
  );
  if (!unneeded) return;
  redis.options.password = undefined;
  redis.options.username = undefined;
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
