/**
 * `crieur` as users run it, in child processes: `node src/cli/crieur.js …` with a config file in a temp dir.
 * stdout/stderr go to files (a child's pipe that nobody drains would block it, and files survive for the
 * failure message); the helpers wait for a log line, a predicate or an exit, always within a bounded time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll } from 'vitest';
import { openDb } from '../../src/adapters/db/open.ts';
import type { Db } from '../../src/adapters/db/db.ts';
import { dropSchema, PG_URL, randomSchema } from './db.ts';
import { REDIS_URL } from './services.ts';
import { startDovecot, type Dovecot } from './dovecot.ts';
import { clearRedisPrefix, imapClient, waitFor } from './pipeline.ts';

import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'src/cli/crieur.js');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface CrieurChild {
  pid: number;
  name: string;
  stdoutFile: string;
  stderrFile: string;
  /** Settles once the child has exited (never rejects). */
  exited: Promise<Exit>;
  readonly exit: Exit | null;
  stdout(): string;
  stderr(): string;
  /** pino's JSON lines on stderr, parsed (other lines skipped). */
  logs(): LogLine[];
  /** Resolves with the first log line that matches; rejects after ms, or when the child exits first. */
  waitForLog(match: string | RegExp | ((l: LogLine) => boolean), ms?: number): Promise<LogLine>;
  kill(signal: NodeJS.Signals): void;
  /** Sends the signal and waits for the exit (SIGKILL after ms, so a hung child cannot hang the test). */
  stop(signal?: NodeJS.Signals, ms?: number): Promise<Exit>;
}

export interface LogLine {
  level: number;
  msg?: string;
  pid?: number;
  [key: string]: unknown;
}

export interface SpawnOptions {
  /** Where the output files go (the test's temp dir). */
  dir: string;
  /** A label for file names and error messages. */
  name?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Written to the child's stdin, then closed (else stdin is empty). */
  input?: Buffer | string;
}

const children = new Set<CrieurChild>();

export function spawnCrieur(args: string[], opts: SpawnOptions): CrieurChild {
  const name = opts.name ?? `crieur-${randomBytes(3).toString('hex')}`;
  const stdoutFile = join(opts.dir, `${name}.stdout`);
  const stderrFile = join(opts.dir, `${name}.stderr`);
  const proc = spawnBin(args, opts, opts.input === undefined ? 'ignore' : 'pipe', stdoutFile, stderrFile);
  if (opts.input !== undefined) proc.stdin!.end(opts.input);
  let exit: Exit | null = null;
  const exited = new Promise<Exit>((res) => {
    proc.once('exit', (code, signal) => {
      exit = { code, signal };
      res(exit);
    });
    proc.once('error', () => {
      exit = { code: null, signal: null };
      res(exit);
    });
  });
  const read = (f: string) => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return '';
    }
  };
  const logs = (): LogLine[] =>
    read(stderrFile)
      .split('\n')
      .flatMap((l) => {
        if (!l.startsWith('{')) return [];
        try {
          return [JSON.parse(l) as LogLine];
        } catch {
          return [];
        }
      });
  const child: CrieurChild = {
    pid: proc.pid ?? -1,
    name,
    stdoutFile,
    stderrFile,
    exited,
    get exit() {
      return exit;
    },
    stdout: () => read(stdoutFile),
    stderr: () => read(stderrFile),
    logs,
    async waitForLog(match, ms = 30_000) {
      const test =
        typeof match === 'function' ? match : (l: LogLine) => (typeof match === 'string' ? l.msg === match : match.test(l.msg ?? ''));
      const t0 = Date.now();
      for (;;) {
        const hit = logs().find(test);
        if (hit) return hit;
        if (exit) throw new Error(`${name} exited (${JSON.stringify(exit)}) before logging ${String(match)}\n${tail(read(stderrFile))}`);
        if (Date.now() - t0 > ms) throw new Error(`${name}: no log line ${String(match)} after ${ms} ms\n${tail(read(stderrFile))}`);
        await sleep(50);
      }
    },
    kill(signal) {
      if (exit) return;
      try {
        process.kill(child.pid, signal);
      } catch {
        /* already gone */
      }
    },
    async stop(signal = 'SIGTERM', ms = 20_000) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  children.add(child);
  void exited.then(() => children.delete(child));
  return child;
}

/** For afterAll/afterEach: whatever a failed test left running is killed (only children this helper started). */
export async function killAll(): Promise<void> {
  await Promise.all([...children].map((c) => c.stop('SIGKILL', 5_000)));
}

export interface RunResult extends Exit {
  stdout: string;
  stderr: string;
}

/** Runs a short command to its end; fails the test if it takes longer than ms. */
export async function runCrieur(args: string[], opts: SpawnOptions & { timeoutMs?: number }): Promise<RunResult> {
  const child = spawnCrieur(args, opts);
  const ms = opts.timeoutMs ?? 60_000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, ms);
  const exit = await child.exited;
  clearTimeout(timer);
  if (timedOut) throw new Error(`crieur ${args.join(' ')} did not finish within ${ms} ms\n${tail(child.stderr())}`);
  return { ...exit, stdout: child.stdout(), stderr: child.stderr() };
}

/**
 * Runs a command whose stdout reader has gone before it writes anything (`crieur doctor | head -0`, `| true`): the
 * read end is closed at once, so its first write meets EPIPE. Returns the exit and stderr.
 */
export async function runCrieurIntoClosedPipe(args: string[], opts: { dir: string; cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const stderrFile = join(opts.dir, `closed-pipe-${randomBytes(3).toString('hex')}.stderr`);
  const proc = spawnBin(args, opts, 'ignore', 'pipe', stderrFile);
  proc.stdout!.destroy();
  const timer = setTimeout(() => proc.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
  const [code, signal] = (await new Promise((res) => proc.once('exit', (c, s) => res([c, s])))) as [number | null, NodeJS.Signals | null];
  clearTimeout(timer);
  return { code, signal, stderr: readFileSync(stderrFile, 'utf8') };
}

/** The bin as a child: stdout and stderr to files (or stdout a pipe of the caller's), only the test's CRIEUR_* variables. */
function spawnBin(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv }, stdin: 'ignore' | 'pipe', stdout: string | 'pipe', stderrFile: string): ChildProcess {
  const out = stdout === 'pipe' ? 'pipe' : openSync(stdout, 'w');
  const err = openSync(stderrFile, 'w');
  try {
    return spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      // The child gets only what the test says about crieur: no CRIEUR_* leaking from the runner's shell.
      env: { ...withoutCrieurVars(process.env), NODE_NO_WARNINGS: '1', ...opts.env },
      stdio: [stdin, out, err],
    });
  } finally {
    if (typeof out === 'number') closeSync(out);
    closeSync(err);
  }
}

function withoutCrieurVars(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('CRIEUR_')));
}

// ------------------------------------------------------------------------------------------ test sandbox

export interface Sandbox {
  dir: string;
  /** A Redis key prefix of its own; every key under it is deleted by cleanup(). */
  prefix: string;
  /** Writes the config as YAML in dir; returns its path. */
  writeConfig(config: object, file?: string): string;
  cleanup(): Promise<void>;
}

export function sandbox(label = 'e2e'): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), `crieur-${label}-`));
  const prefix = `crieur-${label}-${randomBytes(4).toString('hex')}`;
  return {
    dir,
    prefix,
    writeConfig(config, file = 'crieur.config.yaml') {
      const path = join(dir, file);
      writeFileSync(path, stringify(config));
      return path;
    },
    async cleanup() {
      await clearRedisPrefix(prefix);
      // CRIEUR_TEST_KEEP=1 keeps the children's logs and configs for a post-mortem.
      if (!process.env.CRIEUR_TEST_KEEP) rmSync(dir, { recursive: true, force: true });
      else process.stderr.write(`kept ${dir}\n`);
    },
  };
}

/** A base config with short queue timings; tests override what they need. */
export function baseConfig(over: {
  prefix: string;
  databaseUrl: string;
  smtpUrl: string;
  inboxUrl?: string;
  httpPort?: number;
  organizers?: string[];
  log?: string;
}): Record<string, unknown> {
  return {
    group: { name: 'Groupe de test', locale: 'fr', timezone: 'Europe/Paris' },
    addresses: { proposals: 'talks@pgug.example.org', from: 'PostgreSQL Paris <talks@pgug.example.org>', bounces: 'bounces@pgug.example.org' },
    organizers: over.organizers ?? ['orga@pgug.example.org'],
    ...(over.inboxUrl ? { inbox: { url: over.inboxUrl, pollSeconds: 1 } } : {}),
    smtp: { url: over.smtpUrl, pool: 2 },
    redis: { url: REDIS_URL, prefix: over.prefix },
    database: { url: over.databaseUrl },
    secret: 'e2e-secret-0123456789abcdef',
    http: { host: '127.0.0.1', port: over.httpPort ?? 0 },
    queue: { stalledSeconds: 2, recoverySeconds: 1, sendLeaseSeconds: 3, staleSeconds: 2 },
    log: { level: over.log ?? 'info' },
  };
}

// ---------------------------------------------------------------------------------------------- mail

/** A proposal crieur files: its own speaker (the ack cap is per sender) and its own title (no "update"). */
export function proposalMail(n: number, tag: string): Buffer {
  const id = `${tag}-${n}-${randomBytes(4).toString('hex')}`;
  return Buffer.from(
    [
      `From: Orateur ${n} <speaker${n}.${tag}@example.fr>`,
      'To: talks@pgug.example.org',
      `Subject: Proposition de conférence : Réplication logique épisode ${n} ${tag}`,
      `Message-ID: <${id}@example.fr>`,
      'Date: Mon, 03 Nov 2025 10:00:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Bonjour,',
      '',
      'Je vous propose une présentation pour un prochain meetup.',
      '',
      `Titre : Réplication logique épisode ${n} ${tag}`,
      'Durée : 30 minutes',
      "Résumé : Retour d'expérience sur la réplication logique entre deux",
      'grappes, avec mesures et pièges.',
      '',
      'Cordialement,',
      `Orateur ${n}`,
      '',
    ].join('\r\n'),
  );
}

export function speakerOf(n: number, tag: string): string {
  return `speaker${n}.${tag}@example.fr`;
}

// ---------------------------------------------------------------------------------------------- waits

/** Polls every 100 ms until `check` is truthy (pipeline.ts's waitFor, with the arguments in this file's order). */
export const waitUntil = <T>(check: () => T | Promise<T>, ms: number, what: string): Promise<NonNullable<T>> => waitFor(check, what, ms, 100);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tail(s: string, lines = 30): string {
  return s.split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------------------------------------- the sink

export interface SentMail {
  to: string[];
  messageId: string | null;
  ref: string | null;
  subject: string;
}

/** What a test counts on a received mail: envelope recipients, Message-ID, X-Crieur-Ref, Subject. */
export function describeSent(m: { envelope: { to: string[] }; raw: Buffer }): SentMail {
  const text = m.raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const head = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? null;
  return { to: m.envelope.to.map((t) => t.toLowerCase()), messageId: header('Message-ID'), ref: header('X-Crieur-Ref'), subject: header('Subject') ?? '' };
}

/** Counts by `recipient ref`: exactly-once means every count is 1. */
export function tally(messages: { envelope: { to: string[] }; raw: Buffer }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of messages) {
    const d = describeSent(m);
    for (const to of d.to) out.set(`${to} ${d.ref}`, (out.get(`${to} ${d.ref}`) ?? 0) + 1);
  }
  return out;
}

export function duplicates(messages: { envelope: { to: string[] }; raw: Buffer }[]): string[] {
  const byKey = [...tally(messages)].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);
  const ids = new Map<string, number>();
  for (const m of messages) {
    const id = describeSent(m).messageId ?? '';
    ids.set(id, (ids.get(id) ?? 0) + 1);
  }
  return [...byKey, ...[...ids].filter(([, n]) => n > 1).map(([id, n]) => `Message-ID ${id} ×${n}`)];
}

// ------------------------------------------------------------------------------ services for a file of children
export interface ChildServices {
  dc: Dovecot;
  sink: SmtpSink;
  imap: ImapFlow;
  /** A config file for the children: Dovecot's INBOX, the sink, PostgreSQL confined to `schema`. */
  configFile: string;
}

/** The services `crieur` children of one test file talk to, on PostgreSQL in a schema of the file's own. */
export async function startChildServices(box: Sandbox, schema: string, organizers: string[]): Promise<ChildServices> {
  const [dc, sink] = await Promise.all([startDovecot(), startSmtpSink()]);
  const imap = await imapClient(dc);
  const configFile = box.writeConfig(
    baseConfig({ prefix: box.prefix, databaseUrl: `${PG_URL}?schema=${schema}`, smtpUrl: sink.url, inboxUrl: dc.url(), organizers }),
  );
  return { dc, sink, imap, configFile };
}

/**
 * A test file's services for `crieur` children, in its beforeAll and afterAll: a sandbox, a schema of its own,
 * Dovecot, the listener, the config file, and `db` on that schema for the test's own SQL. The fields are there
 * once beforeAll has run.
 */
export function useChildServices(label: string, organizers: string[]): ChildServices & { box: Sandbox; db: Db } {
  const box = sandbox(label);
  const schema = randomSchema('e2e');
  const s = { box } as ChildServices & { box: Sandbox; db: Db };
  beforeAll(async () => {
    Object.assign(s, await startChildServices(box, schema, organizers));
    s.db = await openDb(PG_URL, { schema });
  }, 60_000);
  afterAll(() => stopChildServices(s, box, schema, s.db), 60_000);
  return s;
}

/** Kills the children, then stops what startChildServices started and drops the schema; tolerant of half a set-up. */
export async function stopChildServices(s: Partial<ChildServices>, box: Sandbox, schema: string, db?: { close(): Promise<void> }): Promise<void> {
  await killAll();
  await s.imap?.logout().catch(() => undefined);
  await db?.close();
  await s.sink?.close();
  await s.dc?.stop();
  await dropSchema(schema);
  await box.cleanup();
}
