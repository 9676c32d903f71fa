/**
 * What the bench borrows and gives back: a fresh PostgreSQL database on the `test` server (dropped after),
 * a Redis key prefix of its own (its keys deleted after), a config file, and crieur child processes whose
 * logs go to files (reading 20,000 log lines through a pipe would charge the bench, not crieur).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { deletePrefix } from '../../src/adapters/queue/redis.ts';
import { readEndpoint } from '../../src/adapters/db/pglite-lock.ts';

export const PG_ADMIN_URL = process.env.CRIEUR_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.CRIEUR_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = new URL('../..', import.meta.url).pathname;

export const randomTag = () => randomBytes(4).toString('hex');

export interface TempDatabase {
  url: string;
  engine: 'postgres' | 'pglite';
  query<T>(sql: string): Promise<T[]>;
  /** Closes the bench's own connection (before the worker serving a PGlite stops). */
  release(): Promise<void>;
  drop(): Promise<void>;
}

export async function createDatabase(name: string): Promise<TempDatabase> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  if (process.env.BENCH_LOG_STATEMENTS) await admin.query(`ALTER DATABASE ${name} SET log_min_duration_statement = 0`);
  await admin.end();
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  const conn = lazyClient(async () => new pg.Client({ connectionString: url }));
  return {
    url,
    engine: 'postgres',
    ...conn,
    async drop() {
      await conn.release();
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}

/** The bench's own connection, opened at the first query, closed by release (and reopened by a later query). */
function lazyClient(make: () => Promise<pg.Client>): Pick<TempDatabase, 'query' | 'release'> {
  let client: pg.Client | null = null;
  return {
    async query<T>(sql: string) {
      if (!client) {
        client = await make();
        await client.connect();
      }
      return (await client.query(sql)).rows as T[];
    },
    async release() {
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}

/**
 * An embedded PGlite directory (`--pglite`): the crieur worker opens and serves it (as `crieur start` does), the
 * ingest and the bench's own count queries reach it through that endpoint — the worker must be running first.
 */
export function createPgliteDatabase(dir: string): TempDatabase {
  mkdirSync(dir, { recursive: true });
  const conn = lazyClient(async () => {
    const ep = readEndpoint(dir);
    if (!ep) throw new Error(`no PGlite endpoint in ${dir}: is the worker running?`);
    return new pg.Client({ host: ep.host, port: ep.port, user: 'postgres', database: 'postgres' });
  });
  return {
    url: `pglite://${dir}`,
    engine: 'pglite',
    ...conn,
    async drop() {
      await conn.release();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Deletes every key under `prefix:` (crieur's own deletePrefix: SCAN, never KEYS — the Redis is shared). */
export async function dropRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    await deletePrefix(redis, prefix);
  } finally {
    redis.disconnect();
  }
}

export function writeConfig(dir: string, name: string, cfg: Record<string, unknown>): string {
  const file = join(dir, name);
  writeFileSync(file, stringify(cfg));
  return file;
}

export interface Child {
  proc: ChildProcess;
  logFile: string;
  exited: Promise<number | null>;
  /** Resolves when the log (stderr) contains `text`; rejects if the child exits first or after timeoutMs. */
  waitForLog(text: string, timeoutMs: number): Promise<void>;
  stop(): Promise<number | null>;
}

/** `node src/cli/crieur.js ARGS` with stdout and stderr to a log file; extra node flags (e.g. --cpu-prof) first. */
export function spawnCrieur(args: string[], logFile: string, nodeFlags: string[] = []): Child {
  const fd = openSync(logFile, 'a');
  // The children get their settings from the bench's config file only: a CRIEUR_* variable left in the shell
  // (a database URL, an SMTP relay) would otherwise point them at real services.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CRIEUR_')));
  const proc = spawn(process.execPath, [...nodeFlags, 'src/cli/crieur.js', ...args], { cwd: ROOT, stdio: ['ignore', fd, fd], env });
  closeSync(fd);
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (c) => resolve((code = c))));
  return {
    proc,
    logFile,
    exited,
    async waitForLog(text, timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        if (readFileSync(logFile, 'utf8').includes(text)) return;
        if (code !== undefined) throw new Error(`crieur ${args[0]} exited (${code}) before "${text}": see ${logFile}`);
        await sleep(50);
      }
      throw new Error(`crieur ${args[0]}: no "${text}" within ${timeoutMs} ms: see ${logFile}`);
    },
    async stop() {
      if (code === undefined) proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      const c = await exited;
      clearTimeout(t);
      return c;
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The config both parts share; the caller adds database, redis prefix, smtp and (for start) the inbox. */
export function baseConfig(): Record<string, unknown> {
  return {
    group: { name: 'Bench PostgreSQL Users', locale: 'fr', timezone: 'Europe/Paris' },
    addresses: { proposals: 'talks@pgug.example.org', from: 'PG Users <talks@pgug.example.org>', bounces: 'bounces@pgug.example.org' },
    organizers: ['dim@example.org'],
    secret: 'bench-secret-0123456789abcdef',
    http: { port: 0 },
    // The loop guard caps acknowledgements per sender and day; forwarded proposals repeat their original
    // author thousands of times here, which a real inbox never does.
    limits: { acksPerSenderPerDay: 1_000_000 },
    log: { level: process.env.CRIEUR_BENCH_LOG ?? 'info' },
  };
}
