/** Database URLs: which engine, where, and how to print them without a password. */
import path from 'node:path';
import { DbError, checkSchemaName } from './db.ts';

export type DbTarget =
  | { engine: 'postgres'; url: string; label: string; schema?: string; prepare: boolean }
  | { engine: 'pglite'; dir: string; label: string };

export function parseDbUrl(url: string): DbTarget {
  if (/^postgres(ql)?:\/\//i.test(url)) return postgresTarget(url);
  const m = /^pglite:\/\/(.*)$/i.exec(url);
  if (m) {
    if (!m[1]?.trim()) throw new DbError('EDB_URL', `database.url "${url}" names no directory: write pglite://./data/crieur (or another directory)`, { fix: 'write database.url: pglite://./data/crieur (or another directory)' });
    const dir = path.resolve(m[1]);
    // A cluster's files (PG_VERSION, base/, pg_wal/ …) written straight into / or C:\ would be mixed with the system's.
    if (dir === path.parse(dir).root) throw new DbError('EDB_URL', `database.url "${url}" names the file system's root, where the database's files would lie among the system's: write pglite://./data/crieur (or another directory)`, { fix: 'write database.url: pglite://./data/crieur (or another directory)' });
    return { engine: 'pglite', dir, label: `pglite://${dir}` };
  }
  throw new DbError('EDB_URL', `unsupported database URL "${redact(url)}": use postgres://user@host/db or pglite://./data/crieur`, { fix: 'set database.url to postgres://user@host/db or pglite://./data/crieur' });
}

/**
 * A postgres:// URL that says where to go: a host or a database at least (`postgres:///db` is libpq's local
 * server), and one that parses. `postgres://` alone would log in as whoever runs crieur on localhost, and fail
 * there as a migration (audit d).
 */
function checkPostgresUrl(url: string): void {
  const example = 'postgres://USER:PASSWORD@HOST:5432/DB';
  const fix = { fix: `write database.url as ${example}` };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // libpq's forms WHATWG does not take (`postgres://user@/db?host=/run/postgresql`) are pg's to read.
    if (/^postgres(ql)?:\/\/(\?.*)?$/i.test(url)) throw new DbError('EDB_URL', `database.url "${url}" names no server and no database: write ${example}`, fix);
    // pg reads them by putting a host where there is none, and fails like WHATWG on anything else (a port past
    // 65535, a letter for a port, an unclosed [IPv6]): that is the configuration's to fix, not a failed migration.
    if (!parsesWithHost(url)) {
      throw new DbError('EDB_URL', `database.url "${redact(url)}" is not a URL: ${unreadablePart(url)} — write ${example}`, fix);
    }
    return;
  }
  const host = u.hostname !== '' || new URLSearchParams(u.search).has('host');
  const db = u.pathname.replace(/^\//, '') !== '';
  if (!host && !db) throw new DbError('EDB_URL', `database.url "${redact(url)}" names no server and no database: write ${example}`, fix);
}

/** What pg-connection-string does with a URL WHATWG refuses: try again with a host after an empty `@/`. */
function parsesWithHost(url: string): boolean {
  try {
    new URL(url.replace('@/', '@host/'));
    return true;
  } catch {
    return false;
  }
}

/** The likely slip in a URL nothing can read, said in words; a password is never quoted. */
function unreadablePart(url: string): string {
  const m = /^[a-z]+:\/\/(?:[^/?#]*@)?(?:\[[^\]]*\]|[^/?#:@[]*):([^/?#]*)/i.exec(url);
  // An @ further on means the "port" is the start of a password holding a / (u:pa/ss@host): not quoted.
  const port = m && !url.slice(m[0].length).includes('@') ? m[1]! : undefined;
  if (port !== undefined && !(/^\d+$/.test(port) && Number(port) <= 65535)) return `its port "${port}" is not a number from 0 to 65535`;
  if (/\/\/(?:[^/?#]*@)?\[[^\]]*(?:[/?#]|$)/.test(url)) return 'its [IPv6 address] is not closed by ]';
  return 'it cannot be read (percent-encode special characters in the user name and password: @ as %40, / as %2F)';
}

/**
 * `postgres://…/db?schema=NAME`: several crieur installations (or test runs) share one database, each in its
 * own schema — a config file can say so, where only the URL reaches a child process.
 * `?prepare=false`: no named prepared statements, for a pooler that does not keep them per client (PgBouncer in
 * transaction mode before 1.21). Both parameters are ours, not libpq's, so they are taken out of the URL handed to pg.
 */
function postgresTarget(url: string): DbTarget {
  checkPostgresUrl(url);
  const q = url.indexOf('?');
  if (q === -1) return { engine: 'postgres', url, label: redact(url), prepare: true };
  const params = new URLSearchParams(url.slice(q + 1));
  const schema = params.get('schema');
  const prepare = params.get('prepare');
  if (prepare !== null && prepare !== 'true' && prepare !== 'false') {
    throw new DbError('EDB_URL', `invalid prepare=${prepare} in the database URL: use prepare=false (or leave it out)`, { fix: 'use prepare=false in database.url (or leave it out)' });
  }
  params.delete('schema');
  params.delete('prepare');
  const rest = params.toString();
  const bare = `${url.slice(0, q)}${rest ? `?${rest}` : ''}`;
  return { engine: 'postgres', url: bare, label: redact(bare), prepare: prepare !== 'false', ...(schema !== null ? { schema: checkSchemaName(schema) } : {}) };
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
