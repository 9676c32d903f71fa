/**
 * Db over a pg Pool: PostgreSQL proper (postgres://…), and PGlite served by another process of this machine.
 * The schema, when given, is every connection's search_path.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { DbError, type Db, type Queryable } from './db.ts';

export interface PgDbOptions {
  /** pg connection settings: a connection string, or host/port for a served PGlite. */
  connection: pg.PoolConfig;
  schema?: string;
  max?: number;
  /** For describe() and error messages: never contains a password. */
  label: string;
  /** What to tell the user when the server cannot be reached. */
  unavailableHint: string;
  /**
   * Named prepared statements: parsed and planned once per connection instead of at every call (bench/ingest's
   * statement log: parse + bind were a quarter of PostgreSQL's time per message). Only where each connection
   * is its own session — not for a served PGlite, whose socket clients share one session and its statement names.
   */
  prepare?: boolean;
  /** An idle connection lost its server (it closed or went away): told at once, before any query finds out. */
  onConnectionLost?: () => void;
}

const names = new Map<string, string>();
/** The statement's name: the same SQL text always gets the same name, so a connection prepares it once. */
function statementName(sql: string): string {
  let n = names.get(sql);
  if (!n) names.set(sql, (n = `crieur_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`));
  return n;
}

// Connection-level failures: the server is not there (or not yet, or no longer). Anything else is a query error.
const UNAVAILABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENOENT', '57P03']);
/**
 * The server answers and refuses this login (SQLSTATE class 28: no such role, wrong password, no pg_hba.conf entry;
 * 3D000: no such database): the configuration's to fix, not a migration's failure nor an outage to wait out.
 */
const LOGIN = /^(28|3D000$)/;

export function isUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  if (e.code && UNAVAILABLE.has(e.code)) return true;
  return /Connection terminated|timeout expired/i.test(e.message ?? '');
}

export class PgDb implements Db {
  private readonly pool: pg.Pool;
  private readonly opts: PgDbOptions;

  constructor(opts: PgDbOptions) {
    this.opts = opts;
    // The schema goes in the startup packet: every connection has it before its first query.
    const schema = opts.schema ? { options: `-c search_path=${opts.schema}` } : {};
    // The prepared statements are planned at each execution with their values, parsed once. PostgreSQL's default
    // keeps a generic plan after five executions, and one made while the outbox was a few pages (a new install, a
    // worker's first seconds) read it whole for ever after: marking mails sent took a sequential scan per batch
    // (bench/ingest, auto_explain: 2.2 ms a batch at 8,000 messages, growing). A SET, not the startup packet's
    // options: PgBouncer refuses startup parameters it does not track. Run by the pool before it hands out a new
    // connection; should it fail, the statements run with the server's plans. The database functions keep their
    // cached plans (migration 017 makes those fit whatever the tables' size).
    // (pg-pool awaits the promise the hook returns, though its type says void.)
    const onConnect: Pick<pg.PoolConfig, 'onConnect'> = opts.prepare
      ? { onConnect: (client) => client.query('SET plan_cache_mode = force_custom_plan').then(() => undefined, () => undefined) }
      : {};
    this.pool = new pg.Pool({ max: opts.max ?? 10, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 10_000, ...opts.connection, ...schema, ...onConnect });
    // An idle client losing its server emits here; without a listener the process dies. The next query reports it.
    this.pool.on('error', () => opts.onConnectionLost?.());
  }

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    try {
      const r = await this.pool.query(this.config(sql, params));
      return r.rows as T[];
    } catch (err) {
      throw this.wrap(err);
    }
  }

  async exec(sql: string): Promise<void> {
    await this.query(sql);
  }

  async transaction<R>(fn: (tx: Queryable) => Promise<R>): Promise<R> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw this.wrap(err);
    }
    let broken = false;
    try {
      await client.query('BEGIN');
      const tx: Queryable = {
        query: async <T>(sql: string, params: readonly unknown[] = []) => (await client.query(this.config(sql, params))).rows as T[],
        // Without parameters pg uses the simple protocol, which accepts several statements.
        exec: async (sql: string) => void (await client.query(sql)),
      };
      const out = await fn(tx);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // the connection is gone: do not give it back to the pool
      }
      throw this.wrap(err);
    } finally {
      client.release(broken);
    }
  }

  /** Parameterized statements are named when `prepare`; a script without parameters may hold several statements. */
  private config(sql: string, params: readonly unknown[]): pg.QueryConfig {
    const values = params as unknown[];
    return this.opts.prepare && values.length > 0 ? { text: sql, values, name: statementName(sql) } : { text: sql, values };
  }

  describe(): string {
    return this.opts.label;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private wrap(err: unknown): unknown {
    if (err instanceof DbError) return err;
    const login = loginRefused(err, this.opts.label, this.opts.connection);
    if (login) return login;
    if (!isUnavailable(err)) return err;
    const reason = (err as Error).message;
    return new DbError('EDB_UNAVAILABLE', `cannot reach ${this.opts.label} (${reason}): ${this.opts.unavailableHint}`, { cause: err });
  }
}

/**
 * A login the server refused, in the operator's words with its fix (EDB_LOGIN, exit 78); null for anything else.
 * The server answering at all rules out "is PostgreSQL running?"; and it is no migration that failed.
 */
export function loginRefused(err: unknown, label: string, connection: pg.PoolConfig = {}): DbError | null {
  const e = err as { code?: string; message?: string } | null;
  if (!e?.code || !LOGIN.test(e.code)) return null;
  const reason = e.message ?? String(err);
  const server = serverOf(label);
  const fix = (f: string) => ({ cause: err, fix: f });
  if (e.code === '3D000') {
    const db = /database "([^"]+)" does not exist/.exec(reason)?.[1] ?? databaseOf(label);
    const f = `createdb ${db} (or correct database.url)`;
    return new DbError('EDB_LOGIN', `database "${db}" does not exist on ${server}: ${f}`, fix(f));
  }
  const user = userOf(label, connection);
  if (!user || /no PostgreSQL user name specified/i.test(reason)) {
    const f = 'name the role in database.url: postgres://USER@HOST:5432/DB';
    return new DbError('EDB_LOGIN', `cannot log in at ${server} (database.url names no user): ${f}`, fix(f));
  }
  if (e.code === '28P01' || /password authentication failed/i.test(reason)) {
    const f = 'correct the password in database.url (or CRIEUR_DATABASE_URL)';
    return new DbError('EDB_LOGIN', `cannot log in as ${user} at ${server} (password refused): ${f}`, fix(f));
  }
  if (/role "[^"]+" does not exist/.test(reason)) {
    const f = `correct database.url (or create the role: createuser ${user})`;
    return new DbError('EDB_LOGIN', `cannot log in as ${user} at ${server} (role "${user}" does not exist): ${f}`, fix(f));
  }
  // pg_hba.conf refused the connection, the role may not log in, too many connections for it…: the server's words.
  const f = 'correct database.url, or let the role log in from here (pg_hba.conf, ALTER ROLE … LOGIN)';
  return new DbError('EDB_LOGIN', `cannot log in as ${user} at ${server} (${reason}): ${f}`, fix(f));
}

/** The role a connection logs in as: the URL's, else what pg takes by default (PGUSER, USER). */
function userOf(label: string, connection: pg.PoolConfig): string | undefined {
  if (typeof connection.user === 'string' && connection.user) return connection.user;
  try {
    const u = new URL(label.split(' ')[0]!).username;
    if (u) return decodeURIComponent(u);
  } catch {
    /* a label that is no URL */
  }
  return process.env.PGUSER || process.env.USER || undefined;
}

function databaseOf(label: string): string {
  try {
    return decodeURIComponent(new URL(label.split(' ')[0]!).pathname.slice(1)) || '(none)';
  } catch {
    return '(none)';
  }
}

/** host:port of a (redacted) URL label, for messages that already say which database. */
function serverOf(label: string): string {
  try {
    const u = new URL(label.split(' ')[0]!);
    return `${u.hostname}:${u.port || 5432}`;
  } catch {
    return label;
  }
}
