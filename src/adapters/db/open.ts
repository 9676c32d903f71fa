/**
 * openStore(url): the one entry to crieur's database. postgres://… for production (any number of processes
 * and machines), pglite://DIR for zero setup (one process opens the directory, the others go through it).
 * Migrations run before the store is handed out.
 */
import type { Store } from '../../app/store.ts';
import { fileErrorMessage } from '../../core/text/file-error.ts';
import { checkSchemaName, DbError, type Db } from './db.ts';
import { migrate } from './migrate.ts';
import { PgDb } from './pg-db.ts';
import { openPglite, pgliteCreated } from './pglite-open.ts';
import { storeOn } from './store.ts';
import { parseDbUrl } from './url.ts';
import type { MaintenanceRun } from './pglite-maintenance.ts';

export interface OpenOptions {
  /** A PostgreSQL schema (set as search_path) to isolate tests on a shared database. */
  schema?: string;
  /** pglite only: serve the directory to other processes (`crieur start`). */
  serve?: boolean;
  /** pglite only: how long to wait for a directory held by a process that does not serve it. */
  waitMs?: number;
  /** pglite only: ends that wait (a stop request during start-up). */
  signal?: AbortSignal;
  /** pglite with serve only: told when this process takes over serving from an owner that stopped. */
  onTakeover?: (describe: string, role: string) => void;
  /** pglite with serve only: told of each VACUUM (ANALYZE) the owner runs (PGlite has no autovacuum). */
  onMaintenance?: (run: MaintenanceRun) => void;
}

const PG_HINT = 'is PostgreSQL running? start it or use pglite://./data/crieur';

/** A migrated Db, for code that needs SQL beyond the Store (later issues' events, tests). */
export async function openDb(url: string, opts: OpenOptions = {}): Promise<Db> {
  const target = parseDbUrl(url);
  const urlSchema = target.engine === 'postgres' ? target.schema : undefined;
  const schema = opts.schema ? checkSchemaName(opts.schema) : (urlSchema ?? null);
  const db =
    target.engine === 'postgres'
      ? new PgDb({
          connection: { connectionString: target.url },
          label: schema ? `${target.label} (schema ${schema})` : target.label,
          unavailableHint: PG_HINT,
          prepare: target.prepare,
          ...(schema ? { schema } : {}),
        })
      : (
          await openPglite(target.dir, { schema, serve: opts.serve ?? false, waitMs: opts.waitMs, signal: opts.signal, onTakeover: opts.onTakeover, onMaintenance: opts.onMaintenance }).catch(
            (err: unknown) => {
              throw pglitePathError(err, target.dir);
            },
          )
        ).db;
  try {
    await migrate(db, target.engine === 'postgres' ? schema : null);
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  return db;
}

/**
 * A PGlite directory that cannot be made or opened (no permission, a file in the way, a read-only disk): the path
 * is database.url's, so every command says it the same way, with the fix, and exits 78 (not "EACCES: permission
 * denied, mkdir '…'" and 1). Errors that are not the file system's are left as they are.
 */
export function pglitePathError(err: unknown, dir: string): unknown {
  const e = err as NodeJS.ErrnoException | null;
  if (err instanceof DbError || typeof e?.code !== 'string' || typeof e.path !== 'string') return err;
  const created = pgliteCreated(dir);
  const writable = `make it writable by the user crieur runs as (chown -R that user ${dir}), or correct database.url`;
  const ctx = {
    path: dir,
    role: 'config',
    what: 'the PGlite directory',
    setting: 'database.url',
    action: created ? 'open' : 'create',
    ...(created ? { fixes: { EACCES: writable, EPERM: writable } } : {}),
  } as const;
  const text = fileErrorMessage(err, ctx);
  return new DbError('EDB_PATH', text, { cause: err, fix: text.slice(text.indexOf(' — ') + 3) });
}

export async function openStore(url: string, opts: OpenOptions = {}): Promise<Store> {
  return storeOn(await openDb(url, opts));
}
