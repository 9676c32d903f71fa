/**
 * Start-up failures in the operator's words (SPEC: one or two lines naming cause and fix, the exit code: 1 for a
 * service that may come back, 78 for configuration). One function per phase that can fail for a reason the
 * operator must act on; what is not recognised here is reported as it is.
 */
import { DbError } from '../src/adapters/db/db.ts';
import { parseDbUrl } from '../src/adapters/db/url.ts';
import { InboxError, isPermanent } from '../src/adapters/inbox/index.ts';
import { isRedisPermissionRefusal, redisPermissionMessage } from '../src/adapters/queue/redis.ts';
import type { Explained } from './phases.ts';

const RUNTIME = 1;
const CONFIG = 78;

/**
 * The database's failures as openDb classified them (src/adapters/db): a malformed database.url, a login the server
 * refused (no such role, wrong password, no such database), a PGlite directory that cannot be made — 78, with the
 * fix; the server unreachable or a migration that failed — 1 (worth a restart).
 */
export function explainDatabase(err: unknown, url: string): Explained | undefined {
  if (err instanceof DbError) return { message: err.message, exitCode: err.exitCode ?? RUNTIME };
  // Not classified below openDb (a file-system error from elsewhere in PGlite's opening): the path is the configuration's.
  const e = err as NodeJS.ErrnoException;
  if (e?.syscall && e.code && /^pglite:/i.test(url)) {
    const dir = safeDir(url);
    return { message: `cannot create the PGlite directory ${dir} (${e.code}: ${e.path ?? dir}): choose a writable directory in database.url`, exitCode: CONFIG };
  }
  return undefined;
}

/**
 * Redis's ACL refusing crieur's user a command or key past the start-up probe (connectRedis): a worker's first
 * blocking command, a queue's script — the configuration's (78), with the grant to give, not the bare NOPERM line.
 */
export function explainRedis(err: unknown, url: string, prefix: string): Explained | undefined {
  if (!isRedisPermissionRefusal(err)) return undefined;
  return { message: redisPermissionMessage(url, prefix, (err as Error).message), exitCode: CONFIG };
}

export function explainHttp(err: unknown, host: string, port: number): Explained | undefined {
  switch ((err as NodeJS.ErrnoException)?.code) {
    case 'EADDRINUSE':
      return { message: `http.port ${port} is already in use on ${host} (another crieur?): stop it, or set http.port (0 turns the listener off)`, exitCode: RUNTIME };
    case 'EACCES':
      return { message: `http.port ${port} needs privileges this user does not have: set http.port above 1023`, exitCode: CONFIG };
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return { message: `http.host ${host} is not an address of this machine: set http.host (e.g. 127.0.0.1)`, exitCode: CONFIG };
    default:
      return undefined;
  }
}

/** Permanent inbox failures (login refused, mailbox or Maildir missing) stop the start with 78; their message names inbox.url. */
export function explainInbox(err: unknown): Explained | undefined {
  if (err instanceof InboxError && isPermanent(err)) return { message: err.message, exitCode: CONFIG };
  return undefined;
}

function safeDir(url: string): string {
  try {
    const t = parseDbUrl(url);
    return t.engine === 'pglite' ? t.dir : t.label;
  } catch {
    return url;
  }
}
