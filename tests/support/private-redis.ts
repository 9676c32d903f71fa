/**
 * A private redis-server for tests that take Redis away under a running crieur: its own port, no persistence (a
 * restart comes back empty, like a flushed Redis), killed with SIGKILL (an outage, not a clean shutdown). And mail
 * delivered into a Maildir the way an MTA does it (written in tmp/, renamed into new/), for the watcher beside it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from './crieur-process.ts';

export class PrivateRedis {
  private child: ChildProcess | null = null;
  /** `port`: read at each start (tests pick a free port in beforeAll). */
  constructor(private readonly port: () => number) {}

  async start(): Promise<void> {
    const port = this.port();
    this.child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const { Redis } = await import('ioredis');
    await waitUntil(
      async () => {
        const r = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
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
