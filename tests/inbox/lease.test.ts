/**
 * The mailbox lease while Redis is away. crieur's watcher shares the workers' connection (maxRetriesPerRequest: null),
 * on which a command waits, queued, until Redis answers again: a renewal then neither succeeds nor fails. The lease
 * must still be given up before its key can expire in Redis — else a standby elsewhere takes the mailbox once it
 * expires and two processes watch it at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from '../../src/adapters/queue/redis.ts';
import { Lease } from '../../src/adapters/inbox/lease.ts';
import { PrivateRedis } from '../support/private-redis.ts';
import { freePort } from '../support/ports.ts';
import { waitUntil } from './helpers.ts';

let port = 0;
const server = new PrivateRedis(() => port);
beforeAll(async () => {
  port = await freePort();
  await server.start();
});
afterAll(() => server.kill());

describe('inbox lease', () => {
  it('is given up before it can expire when Redis stops answering, though the renewal neither succeeds nor fails', { timeout: 20_000 }, async () => {
    const redis = await connectRedis(`redis://127.0.0.1:${port}`, { forWorkers: true });
    const lost: { reason: string; at: number }[] = [];
    const ttlMs = 1_500;
    const lease = new Lease(redis, 'lease-test:lock:inbox:box', ttlMs, (reason) => lost.push({ reason, at: Date.now() }));
    try {
      expect(await lease.acquire()).toBe(true);
      const t0 = Date.now();
      await server.kill();
      await waitUntil(() => lost.length > 0, 5_000, 'the lease given up');
      // Before the key's expiry in Redis (at most ttlMs after the last renewal, itself before t0).
      expect(lost[0]!.at - t0).toBeLessThan(ttlMs);
      expect(lost[0]!.reason).toMatch(/^redis unreachable/);
    } finally {
      await server.start();
      redis.disconnect();
    }
  });
});
