/**
 * Redis for the demo: REDIS_URL when set, else a private `redis-server` from PATH on a free port that keeps
 * nothing on disk and dies with the demo.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { connectRedis } from '../adapters/queue/redis.ts';

export interface DemoRedis {
  url: string;
  stop(): Promise<void>;
}

export async function demoRedis(env: NodeJS.ProcessEnv = process.env): Promise<DemoRedis> {
  if (env.REDIS_URL) return { url: env.REDIS_URL, stop: async () => undefined };
  const port = await freePort();
  let child: ChildProcess;
  try {
    child = await spawnRedis(port);
  } catch {
    throw new Error(
      'the demo needs Redis: set REDIS_URL=redis://host:port, or install redis-server so that it is on PATH ' +
        '(Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis)',
    );
  }
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const r = await connectRedis(url, { timeoutMs: 500 });
      await r.quit();
      break;
    } catch (err) {
      if (i > 40) {
        child.kill('SIGKILL');
        throw err;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function spawnRedis(port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    child.once('error', reject);
    child.once('spawn', () => resolve(child));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}
