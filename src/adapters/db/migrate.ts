/**
 * Migrations run at every start: numbered `migrations/NNN_name.sql` files, applied in order, in one
 * transaction, recorded in schema_migrations. A transaction-scoped advisory lock makes processes that start
 * together on the same PostgreSQL take turns: the second finds the work done.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DbError, type Db } from './db.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export function loadMigrations(dir = DIR): Migration[] {
  const out: Migration[] = [];
  for (const file of fs.readdirSync(dir).sort()) {
    const m = /^(\d+)_([\w-]+)\.sql$/.exec(file);
    if (!m) continue;
    out.push({ version: Number(m[1]), name: m[2] ?? file, sql: fs.readFileSync(path.join(dir, file), 'utf8') });
  }
  const versions = out.map((m) => m.version);
  if (new Set(versions).size !== versions.length) throw new DbError('EDB_MIGRATION', `two migrations share a number in ${dir}`);
  return out;
}

/** Applies what is missing; returns the versions applied by this call (empty when up to date). */
export async function migrate(db: Db, schema: string | null, migrations = loadMigrations()): Promise<number[]> {
  try {
    return await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`crieur-migrations:${schema ?? ''}`]);
      if (schema) await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
      const applied: number[] = [];
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        await tx.exec(m.sql);
        await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        applied.push(m.version);
      }
      return applied;
    });
  } catch (err) {
    // Reaching the server and logging in are the Db's to say (EDB_UNAVAILABLE, EDB_LOGIN): no migration ran.
    if (err instanceof DbError) throw err;
    const e = err as Error & { code?: string };
    // Logged in, but the role may not create crieur's tables: its grants are the configuration's to fix.
    if (e.code === '42501') {
      const fix = `run crieur as the database's owner in database.url, or GRANT CREATE ON ${schema ? `SCHEMA ${schema}` : 'DATABASE …'} TO that role`;
      throw new DbError('EDB_PRIVILEGE', `cannot create crieur's tables (${e.message}), nothing was changed: ${fix}`, { cause: err, fix });
    }
    throw new DbError('EDB_MIGRATION', `database migration failed, nothing was changed: ${e.message}`, { cause: err });
  }
}
