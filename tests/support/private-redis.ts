/**
 * A private redis-server for tests that take Redis away under a running crieur: its own port, no persistence (a
 * restart comes back empty, like a flushed Redis), killed with SIGKILL (an outage, not a clean shutdown). And mail
 * delivered into a Maildir the way an MTA does it (written in tmp/, renamed into new/), for the watcher beside it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { baseConfig, killAll, proposalMail, sandbox, waitUntil, type Sandbox } from './crieur-process.ts';
import { PG_URL, dropSchema, randomSchema } from './db.ts';
import { freePort } from './ports.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

export class PrivateRedis {
  private child: ChildProcess | null = null;
  /** `port`: read at each start (tests pick a free port in beforeAll). `password`: a Redis that wants one (requirepass). */
  constructor(
    private readonly port: () => number,
    private readonly password?: string,
  ) {}

  async start(): Promise<void> {
    const port = this.port();
    const auth = this.password === undefined ? [] : ['--requirepass', this.password];
    this.child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...auth], { stdio: 'ignore' });
    const { Redis } = await import('ioredis');
    await waitUntil(
      async () => {
        const r = new Redis(port, '127.0.0.1', { password: this.password, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        r.on('error', () => undefined);
        try {
          await r.connect();
          return (await r.ping()) === 'PONG';
        } finally {
          r.disconnect();
        }
      },
      10_000,
      'redis-server listening',
    );
  }

  async kill(): Promise<void> {
    const r = this.child;
    this.child = null;
    if (!r || r.exitCode !== null) return;
    const gone = new Promise((res) => r.once('exit', res));
    r.kill('SIGKILL');
    await gone;
  }
}

let seq = 0;
/** Delivered the way an MTA does: written in tmp/, renamed into new/. */
export function deliverToMaildir(maildir: string, raw: string | Buffer, tag: string): void {
  const name = `${Date.now()}.${++seq}.${tag}`;
  writeFileSync(join(maildir, 'tmp', name), raw);
  renameSync(join(maildir, 'tmp', name), join(maildir, 'new', name));
}

export interface RedisOutageRun {
  readonly box: Sandbox;
  /** The run's recording SMTP listener (set in beforeAll). */
  readonly sink: SmtpSink;
  readonly configFile: string;
  readonly httpPort: number;
  readonly redis: PrivateRedis;
  /** Proposal `n` delivered to the run's Maildir inbox. */
  deliver(n: number): void;
}

/**
 * The set-up of a test that takes Redis away under `crieur start`: a sandbox, a schema of its own on PostgreSQL, a
 * Maildir inbox, an SMTP listener, a private redis-server on a free port (started), an HTTP port, and the config file
 * that joins them; all of it stopped and removed after the file's tests.
 */
export function useRedisOutage(name: string, tag: string): RedisOutageRun {
  const box = sandbox(name);
  const schema = randomSchema('e2e');
  const maildir = join(box.dir, 'Maildir');
  let sink: SmtpSink | undefined;
  let redisPort = 0;
  let httpPort = 0;
  let configFile = '';
  const redis = new PrivateRedis(() => redisPort);
  beforeAll(async () => {
    for (const d of ['new', 'cur', 'tmp']) mkdirSync(join(maildir, d), { recursive: true });
    [sink, redisPort, httpPort] = await Promise.all([startSmtpSink(), freePort(), freePort()]);
    await redis.start();
    const config = baseConfig({ prefix: box.prefix, databaseUrl: `${PG_URL}?schema=${schema}`, smtpUrl: sink.url, inboxUrl: `maildir://${maildir}`, httpPort });
    configFile = box.writeConfig({ ...config, redis: { url: `redis://127.0.0.1:${redisPort}`, prefix: box.prefix } });
  }, 60_000);
  afterAll(async () => {
    await killAll();
    await redis.kill();
    await sink?.close();
    await dropSchema(schema);
    await box.cleanup();
  }, 60_000);
  return {
    box,
    get sink() {
      return sink!;
    },
    get configFile() {
      return configFile;
    },
    get httpPort() {
      return httpPort;
    },
    redis,
    deliver: (n) => deliverToMaildir(maildir, proposalMail(n, tag), tag),
  };
}
