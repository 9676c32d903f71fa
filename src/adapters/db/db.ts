/**
 * The one seam between crieur's SQL and the two engines. Repositories write parameterized `$1` SQL once;
 * PostgreSQL (pg Pool) and PGlite (in-process or served) both run it through this interface.
 */

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  /** Runs fn in one transaction: commit when it resolves, rollback when it throws. */
  transaction<R>(fn: (tx: Queryable) => Promise<R>): Promise<R>;
  /** Engine and place, without credentials. */
  describe(): string;
  close(): Promise<void>;
}

export type DbErrorCode =
  | 'EDB_UNAVAILABLE' // the server cannot be reached
  | 'EDB_URL' // the database URL or schema name is malformed
  | 'EDB_LOGIN' // the server answers but refuses this login: no such role, wrong password, no such database, pg_hba
  | 'EDB_PATH' // a PGlite directory that cannot be made or opened (permissions, a file in the way)
  | 'EDB_PRIVILEGE' // the role may log in but not create crieur's tables
  | 'EDB_LOCKED' // a PGlite directory is held by another live process that does not serve it
  | 'EDB_MIGRATION' // a migration failed (the transaction was rolled back)
  | 'EDB_NOT_FOUND'; // a row the caller named does not exist

/** Codes that are the configuration's to fix (database.url, the role, the directory): exit 78, never worth a restart. */
const CONFIGURATION: ReadonlySet<DbErrorCode> = new Set(['EDB_URL', 'EDB_LOGIN', 'EDB_PATH', 'EDB_PRIVILEGE']);

export class DbError extends Error {
  readonly code: DbErrorCode;
  /** 78 for the configuration's codes (the CLI reports the message as it is, with that code); else undefined (1). */
  readonly exitCode: number | undefined;
  /** The fix alone, for `crieur doctor`'s fix line; the message says it too. */
  readonly fix: string | undefined;
  constructor(code: DbErrorCode, message: string, options?: { cause?: unknown; fix?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DbError';
    this.code = code;
    this.exitCode = CONFIGURATION.has(code) ? 78 : undefined;
    this.fix = options?.fix;
  }
}

/** bytea comes back as Buffer from pg and as Uint8Array from PGlite: callers always get a Buffer. */
export function toBuffer(v: unknown): Buffer {
  if (Buffer.isBuffer(v)) return v;
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  throw new TypeError(`expected bytes, got ${typeof v}`);
}

/** jsonb parameters travel as text (`$1::text::jsonb`): pg would turn a JS array into a PostgreSQL array. */
export function jsonParam(v: unknown): string | null {
  return v === null || v === undefined ? null : JSON.stringify(v);
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names are interpolated into SET search_path: only plain lower-case identifiers pass. */
export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new DbError('EDB_URL', `invalid schema name "${schema}": use lower-case letters, digits and _`);
  return schema;
}

/**
 * A condition that makes the statement's own transaction commit without waiting for its WAL flush
 * (synchronous_commit = off, for this transaction only). For writes that a crash may undo because they are
 * redone from durable state — classification, filing, queueing a mail — never for the raw message (stored
 * durably before the inbox or the MTA lets go of it), nor for the outbox claim: a claim commits synchronously
 * before its SMTP transaction, and that flush takes every earlier asynchronous commit with it, so whatever led
 * to a mail being sent is durable before the mail leaves. Nor for "sent": a lost mark would leave a delivered
 * mail parked as "may have been delivered" for a human to check. PostgreSQL, "Asynchronous Commit".
 */
export const ASYNC_COMMIT = "set_config('synchronous_commit', 'off', true) = 'off'";
