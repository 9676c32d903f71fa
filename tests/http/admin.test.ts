/** The queue dashboard on crieur's HTTP listener, with real requests and a real Redis: 401 without, 200 with, off when unset. */
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorized, openAdmin, type AdminRoute } from '../../src/adapters/http/admin.ts';
import { Metrics, startHttp } from '../../src/adapters/http/server.ts';
import { deletePrefix } from '../../src/adapters/queue/redis.ts';
import { REDIS_URL } from '../support/services.ts';

const PASSWORD = 'correct-horse-battery';
const prefix = `crieur-admin-${randomBytes(4).toString('hex')}`;
let redis: Redis;
let admin: AdminRoute;
let on: Server;
let off: Server;
const url = (s: Server, path: string) => `http://127.0.0.1:${(s.address() as AddressInfo).port}${path}`;
const basic = (user: string, pass: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` });

beforeAll(async () => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const q = new Queue('deliver', { connection: redis, prefix });
  await q.add('deliver', { id: 42 }, { delay: 60_000 });
  await q.close();
  admin = (await openAdmin(PASSWORD, redis, prefix, ['classify', 'deliver']))!;
  on = await startHttp('127.0.0.1', 0, new Metrics(), [], [admin]);
  off = await startHttp('127.0.0.1', 0, new Metrics(), [], []);
}, 60_000);

afterAll(async () => {
  await new Promise((r) => on?.close(r));
  await new Promise((r) => off?.close(r));
  await admin?.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('the queue dashboard at /admin/queues', () => {
  it('does not exist without a password', async () => {
    expect(await openAdmin(undefined, redis, prefix, ['deliver'])).toBeNull();
    expect(await openAdmin('', redis, prefix, ['deliver'])).toBeNull();
    expect((await fetch(url(off, '/admin/queues'))).status).toBe(404);
  });

  it.each([
    ['no credentials', {}],
    ['a wrong password', basic('admin', 'correct-horse-battery!')],
    ['an empty password', basic('admin', '')],
    ['a malformed header', { authorization: 'Bearer correct-horse-battery' }],
  ])('answers 401 with %s, asking for basic auth', async (_, headers) => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const r = await fetch(url(on, path), { headers });
      expect(r.status, path).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Basic /);
    }
  });

  it('answers 200 with the password (any user name): the page and the queues with their jobs', async () => {
    const page = await fetch(url(on, '/admin/queues'), { headers: basic('anyone', PASSWORD) });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const api = await fetch(url(on, '/admin/queues/api/queues'), { headers: basic('anyone', PASSWORD) });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string; counts: Record<string, number> }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['classify', 'deliver']);
    expect(body.queues.find((q) => q.name === 'deliver')?.counts.delayed).toBe(1);
  });

  it('leaves /healthz and /metrics as they were', async () => {
    expect((await fetch(url(on, '/metrics'))).status).toBe(200);
    expect((await fetch(url(on, '/admin/queuesX'))).status).toBe(404);
  });
});

describe('the dashboard with Redis gone', () => {
  it('its API answers 503 at once instead of waiting for Redis; the page still loads', { timeout: 30_000 }, async () => {
    // A relay to Redis that the test cuts: the dashboard's connection drops and reconnects in vain.
    const target = new URL(REDIS_URL);
    const sockets = new Set<Socket>();
    const relay = createNetServer((c) => {
      const up = connect(Number(target.port || 6379), target.hostname);
      for (const s of [c, up]) {
        sockets.add(s);
        s.on('error', () => undefined);
      }
      c.pipe(up).pipe(c);
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    const gone = new Redis({ host: '127.0.0.1', port: (relay.address() as AddressInfo).port, maxRetriesPerRequest: null });
    gone.on('error', () => undefined);
    if (gone.status !== 'ready') await new Promise((r) => gone.once('ready', r));
    const board = (await openAdmin(PASSWORD, gone, prefix, ['deliver']))!;
    const server = await startHttp('127.0.0.1', 0, new Metrics(), [], [board]);
    try {
      expect((await fetch(url(server, '/admin/queues/api/queues'), { headers: basic('a', PASSWORD) })).status).toBe(200);
      await new Promise<void>((r) => {
        relay.close(() => r());
        for (const s of sockets) s.destroy();
      });
      await new Promise((r) => setTimeout(r, 200));
      const t0 = Date.now();
      const api = await fetch(url(server, '/admin/queues/api/queues'), { headers: basic('a', PASSWORD), signal: AbortSignal.timeout(10_000) });
      expect(api.status).toBe(503);
      expect(api.headers.get('retry-after')).toBe('10');
      expect(await api.text()).toContain('Redis is not reachable');
      expect(Date.now() - t0).toBeLessThan(2_000);
      expect((await fetch(url(server, '/admin/queues'), { headers: basic('a', PASSWORD) })).status).toBe(200);
      // Still behind the password.
      expect((await fetch(url(server, '/admin/queues/api/queues'))).status).toBe(401);
    } finally {
      await new Promise((r) => server.close(r));
      gone.disconnect();
      await Promise.race([board.close(), new Promise((r) => setTimeout(r, 1_000))]);
    }
  });
});

describe('authorized', () => {
  it.each([
    [`Basic ${Buffer.from(`u:${PASSWORD}`).toString('base64')}`, true],
    [`Basic ${Buffer.from(`:${PASSWORD}`).toString('base64')}`, true],
    [`Basic ${Buffer.from(`u:${PASSWORD}:x`).toString('base64')}`, false],
    [`Basic ${Buffer.from(PASSWORD).toString('base64')}`, false],
    // The scheme is case-insensitive (RFC 9110 §11.1): curl, proxies and scripts write it as they like.
    [`basic ${Buffer.from(`u:${PASSWORD}`).toString('base64')}`, true],
    [`BASIC  ${Buffer.from(`u:${PASSWORD}`).toString('base64')}`, true],
    [`Bearer ${Buffer.from(`u:${PASSWORD}`).toString('base64')}`, false],
    [undefined, false],
  ])('%s → %s', (header, ok) => {
    expect(authorized(header, PASSWORD)).toBe(ok);
  });
});
