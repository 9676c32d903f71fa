/**
 * Opening pglite://DIR. The first process takes DIR/crieur.lock and opens DIR/pgdata itself; with `serve`
 * it also serves it on 127.0.0.1 and writes DIR/crieur.endpoint.json. A process that finds the lock held
 * by a live owner connects to that endpoint through pg instead; if the owner does not serve (a short command
 * holding it directly), it waits for its turn.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { DbError, type Db } from './db.ts';
import { Gate } from './gate.ts';
import { readEndpoint, removeEndpoint, tryLock, writeEndpoint } from './pglite-lock.ts';
import { PgliteDb } from './pglite-db.ts';
import { servePglite } from './pglite-serve.ts';
import { startMaintenance, type Maintenance, type MaintenanceRun } from './pglite-maintenance.ts';
import { PgDb } from './pg-db.ts';
import { TakeoverDb } from './pglite-takeover.ts';
import { copyTemplate } from './pglite-template.js';
import { makeDir } from '../make-dir.ts';

/** The checkout's root, where the build left the PGlite template (pglite-template.js). */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface PgliteOpenOptions {
  serve?: boolean;
  schema?: string | null;
  /** How long to wait for a directory held by a process that does not serve it. */
  waitMs?: number | undefined;
  /** Ends that wait early (a stop request during start-up). */
  signal?: AbortSignal | undefined;
  /** With serve, as a client: told when this process took over from an owner that went (or moved to a new one). */
  onTakeover?: ((describe: string, role: string) => void) | undefined;
  /** With serve, as the owner: told of each VACUUM (ANALYZE) run (pglite-maintenance.ts). */
  onMaintenance?: ((run: MaintenanceRun) => void) | undefined;
  /** Tests only: the maintenance period (MAINTENANCE_EVERY_MS). */
  maintenanceEveryMs?: number | undefined;
}

export type PgliteRole = 'owner' | 'direct' | 'client';

/** Whether DIR already holds a database (opening one that does not creates it: `crieur doctor` must not). */
export function pgliteCreated(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'pgdata'));
}

export async function openPglite(dir: string, opts: PgliteOpenOptions = {}): Promise<{ db: Db; role: PgliteRole }> {
  // One level at a time: Node's recursive mkdir spins a core forever where a file system makes no directory
  // (pglite:///proc/x/db: `crieur proposals list` never returned); this one fails, EMKDIR, said as database.url's.
  await makeDir(dir);
  // A process that would serve (crieur start) but finds an owner takes over from it when it goes (pglite-takeover.ts):
  // as soon as the owner closes the connections it held, or at the first call that finds it gone.
  let takeover: TakeoverDb | null = null;
  const onLost = (db: Db) => takeover?.lost(db);
  const opened = await ownOrConnect(dir, opts, onLost);
  if (opts.serve && opened.role === 'client') {
    const reopen = () => ownOrConnect(dir, { ...opts, signal: undefined }, onLost);
    takeover = new TakeoverDb(opened.db, reopen, opts.onTakeover);
    return { db: takeover, role: 'client' };
  }
  return opened;
}

async function ownOrConnect(dir: string, opts: PgliteOpenOptions, onLost: (db: Db) => void): Promise<{ db: Db; role: PgliteRole }> {
  const label = `pglite://${dir}`;
  const deadline = Date.now() + (opts.waitMs ?? 15_000);
  for (;;) {
    const lock = tryLock(dir);
    if (lock.held) {
      try {
        return await openHere(dir, label, opts, lock.release);
      } catch (err) {
        lock.release();
        throw err;
      }
    }
    const ep = readEndpoint(dir);
    if (ep && ep.pid === lock.pid) {
      const db = new PgDb({
        connection: { host: ep.host, port: ep.port, user: 'postgres', database: 'postgres' },
        max: 4,
        label: `${label} (served by pid ${ep.pid})`,
        unavailableHint: opts.serve ? 'the crieur process serving it has stopped; taking over' : 'the crieur process serving it has stopped; run the command again',
        onConnectionLost: () => onLost(db),
      });
      try {
        await db.query('SELECT 1');
        return { db, role: 'client' };
      } catch {
        await db.close(); // the owner is stopping: its lock goes next, then we can open the directory
      }
    }
    if (opts.signal?.aborted) throw new DbError('EDB_LOCKED', `stopped while waiting for ${label}, in use by process ${lock.pid}`);
    if (Date.now() > deadline) {
      throw new DbError(
        'EDB_LOCKED',
        `${label} is in use by process ${lock.pid}, which does not share it: wait for it to finish, or run \`crieur start\` (it serves the database to other commands)`,
      );
    }
    await sleep(100);
  }
}

/**
 * bytea in and out of an in-process PGlite as bytes, not through its JavaScript hex text: its own serializer spells a
 * parameter byte by byte (`Array.from(bytes).map(toString(16))`) and its parser reads the result back with a parseInt
 * per byte — 5 ms of CPU for one 18 KB acknowledgement stored, against 1 ms for the same length of text. Bytes handed
 * to the bind step as they are go in binary format (what pg does over a socket); the hex the backend returns is read
 * by Buffer's native decoder. Exported for tests/store/pglite-bytea.test.ts.
 */
export const BYTEA_OID = 17;
export const byteaCodec = {
  serializers: {
    [BYTEA_OID]: (v: unknown) => {
      if (!(v instanceof Uint8Array)) throw new TypeError(`bytea parameter: expected bytes, got ${typeof v}`);
      return v;
    },
  },
  parsers: {
    // bytea_output is 'hex' unless a session changes it (crieur never does); 'escape' output keeps PGlite's reading.
    [BYTEA_OID]: (text: string) => (text.startsWith('\\x') ? Buffer.from(text.slice(2), 'hex') : Buffer.from(unescapeBytea(text), 'latin1')),
  },
};

/** bytea's escape output format (`\\` for a backslash, `\ooo` octal for other bytes) as a latin1 string. */
function unescapeBytea(text: string): string {
  return text.replace(/\\(\\|[0-7]{3})/g, (_m, e: string) => (e === '\\' ? '\\' : String.fromCharCode(parseInt(e, 8))));
}

/**
 * The cluster holds every message, address and roster crieur keeps, and PGlite writes its files 0666 whatever the
 * umask: its directory is made the owner's alone (0700, as PostgreSQL's own data directory), so no other local user
 * reads or changes it. Other crieur commands reach it through the serving process (crieur.endpoint.json beside it),
 * never by its files. A directory another user owns is left as it is (chmod is refused; the owner's run sets it).
 */
function ownerOnly(pgdata: string): void {
  try {
    if ((fs.statSync(pgdata).mode & 0o077) !== 0) fs.chmodSync(pgdata, 0o700);
  } catch {
    // Not ours to change: opening it succeeded, which is what matters here.
  }
}

async function openHere(dir: string, label: string, opts: PgliteOpenOptions, release: () => void): Promise<{ db: Db; role: PgliteRole }> {
  // PGlite's types say a serializer returns text; its bind step sends a byte view as binary (0.5.14, pinned), which
  // tests/store/pglite-bytea.test.ts checks against the server's own digest of what it stored.
  const pgdata = path.join(dir, 'pgdata');
  // A new directory starts as a copy of the cluster made at install time, not by initdb (pglite-template.js).
  if (!fs.existsSync(pgdata)) copyTemplate(ROOT, pgdata);
  const pg = await PGlite.create(pgdata, byteaCodec as unknown as PGliteOptions);
  ownerOnly(pgdata);
  // Every session shares this one backend, so the owner's search_path is everyone's: clients do not set one.
  if (opts.schema) await pg.exec(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}; SET search_path TO ${opts.schema}`);
  const gate = new Gate();
  const server = opts.serve ? await servePglite(pg, gate) : null;
  // The serving owner is the long-lived process: it does the vacuuming PGlite has no daemon for.
  const maintenance: Maintenance | null = server
    ? startMaintenance((sql) => gate.run(async () => void (await pg.exec(sql))), { onRun: opts.onMaintenance, everyMs: opts.maintenanceEveryMs })
    : null;
  const db = new PgliteDb(pg, gate, server ? `${label} (serving on ${server.host}:${server.port})` : label, async () => {
    maintenance?.stop();
    if (server) {
      removeEndpoint(dir);
      await server.close();
    }
    await pg.close();
    release();
  });
  if (server) writeEndpoint(dir, { pid: process.pid, host: server.host, port: server.port });
  return { db, role: server ? 'owner' : 'direct' };
}
