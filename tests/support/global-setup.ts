/**
 * vitest's global set-up: the services the suite needs, so that `npm test` passes on a fresh machine with the
 * binaries installed and nothing running. Redis and PostgreSQL at CRIEUR_TEST_REDIS_URL / CRIEUR_TEST_PG_URL
 * (default 127.0.0.1:6379 and 127.0.0.1:5432 database `test`) are used when they answer; otherwise a private
 * redis-server, and a private PostgreSQL cluster (initdb in a temporary directory, trust auth, on a free port),
 * are started, their URLs exported to the test workers, and both stopped and removed after the run. Dovecot is
 * started by the tests themselves (tests/support/dovecot.ts): here only its binary is checked. A missing binary
 * fails the run at once with the one line that installs it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';
import { freePort } from './ports.ts';
import { hasCorpus, NO_CORPUS } from './corpus.ts';
import { freshBundle } from '../../src/cli/bundle.js';
import { buildBundle } from '../../scripts/build.js';

const DEFAULT_REDIS = 'redis://127.0.0.1:6379';
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/test';
const START_MS = 30_000;

type Stop = () => Promise<void>;

export default async function setup(): Promise<Stop> {
  const stops: Stop[] = [];
  const say = (line: string) => process.stdout.write(`[test services] ${line}\n`);
  try {
    await bundleUpToDate(say);
    if (!findBinary('dovecot')) missing('dovecot', 'dovecot-imapd');
    const redisUrl = process.env.CRIEUR_TEST_REDIS_URL ?? DEFAULT_REDIS;
    if (!(await redisAnswers(redisUrl))) {
      const r = await privateRedis();
      stops.push(r.stop);
      process.env.CRIEUR_TEST_REDIS_URL = r.url;
      say(`Redis at ${redisUrl} does not answer: started a private redis-server at ${r.url}`);
    }
    const pgUrl = process.env.CRIEUR_TEST_PG_URL ?? DEFAULT_PG;
    if (!(await postgresAnswers(pgUrl))) {
      const p = await privatePostgres();
      stops.push(p.stop);
      process.env.CRIEUR_TEST_PG_URL = p.url;
      say(`PostgreSQL at ${redact(pgUrl)} does not answer: started a private cluster at ${p.url}`);
    }
  } catch (err) {
    await stopAll(stops);
    throw err;
  }
  return async () => {
    await stopAll(stops);
    if (!hasCorpus) say(NO_CORPUS);
  };
}

/**
 * The tests run `crieur` as users do (tests/support/crieur-process.ts), so from the bundle `npm ci` builds: after an
 * edit to src/ it is rebuilt here (a few seconds) rather than letting the bin fall back to tsx, and a build that
 * does not give a bundle the bin accepts fails the run.
 */
async function bundleUpToDate(say: (line: string) => void): Promise<void> {
  const root = new URL('../../', import.meta.url);
  const before = freshBundle(root);
  if (before.entry) return;
  const built = await buildBundle();
  say(`${before.stale}: rebuilt dist/ in ${built.ms} ms`);
  const after = freshBundle(root);
  if (!after.entry) throw new Error(`dist/ was rebuilt but the bin would not run it: ${after.stale}`);
}

async function stopAll(stops: Stop[]): Promise<void> {
  for (const stop of stops.reverse()) await stop().catch((err: unknown) => process.stderr.write(`[test services] stop failed: ${String(err)}\n`));
}

function missing(binary: string, pkg: string): never {
  throw new Error(`${binary} not found (the tests run it): apt-get install ${pkg}`);
}

/** PATH, then the places Debian installs daemons and PostgreSQL's versioned binaries. */
function findBinary(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  const pgRoot = '/usr/lib/postgresql';
  if (existsSync(pgRoot)) {
    const versions = readdirSync(pgRoot).sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => join(pgRoot, v, 'bin')));
  }
  for (const d of dirs) if (d && existsSync(join(d, name))) return join(d, name);
  return null;
}

// --------------------------------------------------------------------------------------------- Redis

/** A PING within a second, over a plain socket (no client library that retries for ever). */
function redisAnswers(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: u.hostname, port: Number(u.port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

async function privateRedis(): Promise<{ url: string; stop: Stop }> {
  const bin = findBinary('redis-server') ?? missing('redis-server', 'redis-server');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'crieur-test-redis-'));
  const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  const stop = async () => {
    await killAndWait(child);
    rmSync(dir, { recursive: true, force: true });
  };
  if (!(await until(() => redisAnswers(url)))) {
    await stop();
    throw new Error(`the private redis-server on port ${port} did not answer within ${START_MS / 1000} s`);
  }
  return { url, stop };
}

// ---------------------------------------------------------------------------------------- PostgreSQL

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * initdb + pg_ctl in a temporary directory, trust auth, fsync off, on a free port; the `test` database created.
 * PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user and every command runs
 * through `runuser -u postgres --`.
 */
async function privatePostgres(): Promise<{ url: string; stop: Stop }> {
  const initdb = findBinary('initdb') ?? missing('initdb', 'postgresql');
  const pgCtl = findBinary('pg_ctl') ?? missing('pg_ctl', 'postgresql');
  const asRoot = userInfo().uid === 0;
  const runuser = asRoot ? (findBinary('runuser') ?? missing('runuser', 'util-linux')) : null;
  const owner = asRoot ? userId('postgres') : null;
  if (asRoot && !owner) throw new Error('PostgreSQL cannot run as root and there is no postgres user: apt-get install postgresql');
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = runuser ? [runuser, ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
    const r = spawnSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: START_MS });
    if (r.status !== 0) throw new Error(`${cmd} ${args[0] ?? ''} failed: ${(r.stderr || r.stdout || String(r.error)).trim().split('\n').slice(-3).join(' ')}`);
  };
  const dir = mkdtempSync(join(tmpdir(), 'crieur-test-pg-'));
  const data = join(dir, 'data');
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const port = await freePort();
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    run(initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    run(pgCtl, ['start', '-w', '-t', String(START_MS / 1000), '-D', data, '-l', join(dir, 'log'), '-o', options]);
  } catch (err) {
    cleanup();
    throw err;
  }
  const stop = async () => {
    try {
      run(pgCtl, ['stop', '-D', data, '-m', 'fast', '-w']);
    } finally {
      cleanup();
    }
  };
  try {
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE test');
    await admin.end();
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/test`, stop };
}

function userId(name: string): { uid: number; gid: number } | null {
  const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  return r.status === 0 && g.status === 0 ? { uid: Number(r.stdout), gid: Number(g.stdout) } : null;
}

// ------------------------------------------------------------------------------------------- helpers

async function until(check: () => Promise<boolean>): Promise<boolean> {
  const end = Date.now() + START_MS;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function killAndWait(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
