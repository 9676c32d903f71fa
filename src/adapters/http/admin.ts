/**
 * The queue dashboard (Bull Board) at /admin/queues on crieur's HTTP listener. Off unless `http.admin.password`
 * is set; behind HTTP basic auth (any user name), the password compared in constant time; the listener binds
 * 127.0.0.1 by default (`http.host`). It can retry and remove jobs: whoever has the password can touch the
 * queues, never the mail itself (jobs carry ids only).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import type { Router } from 'express';
import { Queue } from 'bullmq';

export const ADMIN_PATH = '/admin/queues';

export interface AdminRoute {
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse): void;
  close(): Promise<void>;
}

/** Null when no password is configured: the dashboard does not exist, /admin/queues answers 404. */
export async function openAdmin(password: string | undefined, redis: Redis, prefix: string, queueNames: readonly string[]): Promise<AdminRoute | null> {
  if (!password) return null;
  // Loaded only when the dashboard is on: express and Bull Board cost start-up time nobody else should pay.
  const [{ default: express }, { createBullBoard }, { BullMQAdapter }, { ExpressAdapter }] = await Promise.all([
    import('express'),
    import('@bull-board/api'),
    import('@bull-board/api/bullMQAdapter'),
    import('@bull-board/express'),
  ]);
  const queues = queueNames.map((name) => new Queue(name, { connection: redis, prefix }));
  // Redis gone: BullMQ re-emits each reconnect's error on every Queue and, with no listener, prints it with its stack
  // on stderr. The shared connection's errors are said by the workers' reporter; a page asked for meanwhile fails.
  for (const q of queues) q.on('error', () => undefined);
  const board = new ExpressAdapter();
  board.setBasePath(ADMIN_PATH);
  // @bull-board/express pins its own copy of @bull-board/api (9.10.1 beside our 9.10.2): same shape, two
  // declarations of a private field, so the types disagree where the objects agree.
  const serverAdapter = board as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'];
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter, options: { uiConfig: { boardTitle: 'crieur queues' } } });
  const app = express();
  app.disable('x-powered-by');
  app.use(
    ADMIN_PATH,
    (req, res, next) => (authorized(req.headers.authorization, password) ? next() : deny(res)),
    // Redis away (its connection closed, reconnecting): the board's API would wait for it as long as it is gone, and
    // the page spin. Said at once instead; the page itself needs no Redis.
    (req, res, next) => (redis.status === 'ready' || !req.path.startsWith('/api/') ? next() : unavailable(res, redis.status)),
    board.getRouter() as Router,
  );
  return {
    prefix: ADMIN_PATH,
    handle: (req, res) => void app(req, res),
    close: async () => void (await Promise.all(queues.map((q) => q.close()))),
  };
}

/**
 * Basic auth, any user name; digests compared so that timingSafeEqual gets equal lengths and leaks no length. The
 * scheme's name is case-insensitive (RFC 9110 §11.1): `basic …` from a script or a proxy is the same credentials.
 */
export function authorized(header: string | undefined, password: string): boolean {
  const m = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(header ?? '');
  if (!m) return false;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const given = decoded.slice(decoded.indexOf(':') + 1);
  if (!decoded.includes(':')) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(password));
}

function unavailable(res: ServerResponse, status: string): void {
  res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '10' });
  res.end(`crieur: Redis is not reachable (connection ${status}): the queues cannot be read until it is back\n`);
}

function deny(res: ServerResponse): void {
  res.writeHead(401, { 'www-authenticate': 'Basic realm="crieur queues", charset="UTF-8"', 'content-type': 'text/plain' });
  res.end('crieur: the queue dashboard needs the password set in http.admin.password\n');
}
