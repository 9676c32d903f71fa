/** Database URLs: which engine, where, and how to print them without a password. */
import path from 'node:path';
import { DbError, checkSchemaName } from './db.ts';

export type DbTarget =
  | { engine: 'postgres'; url: string; label: string; schema?: string }
  | { engine: 'pglite'; dir: string; label: string };

export function parseDbUrl(url: string): DbTarget {
  if (/^postgres(ql)?:\/\//i.test(url)) return postgresTarget(url);
  const m = /^pglite:\/\/(.+)$/i.exec(url);
  if (m?.[1]) {
    const dir = path.resolve(m[1]);
    return { engine: 'pglite', dir, label: `pglite://${dir}` };
  }
  throw new DbError('EDB_URL', `unsupported database URL "${redact(url)}": use postgres://user@host/db or pglite://./data/crieur`);
}

/**
 * `postgres://…/db?schema=NAME`: several crieur installations (or test runs) share one database, each in its
 * own schema — a config file can say so, where only the URL reaches a child process. The parameter is ours,
 * not libpq's, so it is taken out of the URL handed to pg.
 */
function postgresTarget(url: string): DbTarget {
  const q = url.indexOf('?');
  if (q === -1) return { engine: 'postgres', url, label: redact(url) };
  const params = new URLSearchParams(url.slice(q + 1));
  const schema = params.get('schema');
  if (schema === null) return { engine: 'postgres', url, label: redact(url) };
  params.delete('schema');
  const rest = params.toString();
  const bare = `${url.slice(0, q)}${rest ? `?${rest}` : ''}`;
  return { engine: 'postgres', url: bare, label: redact(bare), schema: checkSchemaName(schema) };
}

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}
