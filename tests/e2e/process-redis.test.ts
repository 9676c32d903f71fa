/**
 * Redis going away under a running `crieur start` (a private redis-server without persistence, so a restart
 * comes back empty — like a flushed Redis): mail that arrives meanwhile is kept and answered once Redis is
 * back; /healthz says 503 meanwhile (promptly); SIGTERM while Redis is down still stops the process, with 0.
 */
import { describe, expect, it } from 'vitest';
import { useRedisOutage } from '../support/private-redis.ts';
import { duplicates, sleep, spawnCrieur, waitUntil } from '../support/crieur-process.ts';

const run = useRedisOutage('redis', 'rd');
const { box, redis } = run;
const killRedis = () => redis.kill();
const startRedis = () => redis.start();
const deliver = (n: number) => run.deliver(n);

describe('crieur start when Redis goes away', () => {
  it('keeps mail that arrives while Redis is down and answers it once Redis is back (empty)', { timeout: 90_000 }, async () => {
    const child = spawnCrieur(['start', '--config', run.configFile], { dir: box.dir, name: 'start' });
    await child.waitForLog('inbox caught up; watching', 60_000);
    deliver(1);
    await waitUntil(() => run.sink.messages.length >= 2, 30_000, 'the first ack and notice');

    await killRedis();
    deliver(2);
    deliver(3);
    // Health says so, promptly, instead of hanging on a client that retries forever; metrics still answer.
    const t1 = Date.now();
    const health = await fetch(`http://127.0.0.1:${run.httpPort}/healthz`, { signal: AbortSignal.timeout(15_000) });
    expect(health.status).toBe(503);
    const body = (await health.json()) as { status: string; checks: Record<string, string> };
    expect(body.status).toBe('degraded');
    expect(body.checks.database).toBe('ok');
    expect(body.checks.redis).not.toBe('ok');
    const metrics = await fetch(`http://127.0.0.1:${run.httpPort}/metrics`, { signal: AbortSignal.timeout(15_000) });
    expect(metrics.status).toBe(200);
    // The first message's two mails at least; the watcher files what arrives meanwhile and sends its mails itself
    // while the pool is free, Redis or not (deps.sendNow), so these may be counted already.
    const sent = /^crieur_jobs_total\{queue="deliver",outcome="sent"\} (\d+)$/m.exec(await metrics.text());
    expect(Number(sent?.[1])).toBeGreaterThanOrEqual(2);
    expect(Date.now() - t1).toBeLessThan(10_000);
    await startRedis();
    await waitUntil(() => run.sink.messages.length >= 6, 60_000, `6 mails (have ${run.sink.messages.length})`);
    await sleep(4_000);
    expect(duplicates(run.sink.messages)).toEqual([]);
    expect(run.sink.messages).toHaveLength(6);

    // Redis gone again, then SIGTERM: the process must not hang waiting for it.
    await killRedis();
    await sleep(1_000);
    const t0 = Date.now();
    const exit = await child.stop('SIGTERM', 45_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - t0).toBeLessThan(30_000);
  });
});
