/**
 * Redis going away under a running `crieur start` (a private redis-server without persistence, so a restart
 * comes back empty — like a flushed Redis): mail that arrives meanwhile is kept and answered once Redis is
 * back; /healthz says 503 meanwhile (promptly); SIGTERM while Redis is down still stops the process, with 0.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_URL, dropSchema, randomSchema } from '../support/db.ts';
import { freePort } from '../support/ports.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { deliverToMaildir, PrivateRedis } from '../support/private-redis.ts';
import { baseConfig, duplicates, killAll, proposalMail, sandbox, sleep, spawnCrieur, waitUntil } from '../support/crieur-process.ts';

const box = sandbox('redis');
const schema = randomSchema('e2e');
const maildir = join(box.dir, 'Maildir');
let sink: SmtpSink;
let redisPort: number;
let httpPort: number;
let configFile: string;

const redis = new PrivateRedis(() => redisPort);
const startRedis = () => redis.start();
const killRedis = () => redis.kill();
const deliver = (n: number) => deliverToMaildir(maildir, proposalMail(n, 'rd'), 'e2e');

beforeAll(async () => {
  for (const d of ['new', 'cur', 'tmp']) mkdirSync(join(maildir, d), { recursive: true });
  [sink, redisPort, httpPort] = await Promise.all([startSmtpSink(), freePort(), freePort()]);
  await startRedis();
  const config = baseConfig({ prefix: box.prefix, databaseUrl: `${PG_URL}?schema=${schema}`, smtpUrl: sink.url, inboxUrl: `maildir://${maildir}`, httpPort });
  configFile = box.writeConfig({ ...config, redis: { url: `redis://127.0.0.1:${redisPort}`, prefix: box.prefix } });
});

afterAll(async () => {
  await killAll();
  await killRedis();
  await sink?.close();
  await dropSchema(schema);
  await box.cleanup();
});

describe('crieur start when Redis goes away', () => {
  it('keeps mail that arrives while Redis is down and answers it once Redis is back (empty)', { timeout: 90_000 }, async () => {
    const child = spawnCrieur(['start', '--config', configFile], { dir: box.dir, name: 'start' });
    await child.waitForLog('inbox caught up; watching', 60_000);
    deliver(1);
    await waitUntil(() => sink.messages.length >= 2, 30_000, 'the first ack and notice');

    await killRedis();
    deliver(2);
    deliver(3);
    // Health says so, promptly, instead of hanging on a client that retries forever; metrics still answer.
    const t1 = Date.now();
    const health = await fetch(`http://127.0.0.1:${httpPort}/healthz`, { signal: AbortSignal.timeout(15_000) });
    expect(health.status).toBe(503);
    const body = (await health.json()) as { status: string; checks: Record<string, string> };
    expect(body.status).toBe('degraded');
    expect(body.checks.database).toBe('ok');
    expect(body.checks.redis).not.toBe('ok');
    const metrics = await fetch(`http://127.0.0.1:${httpPort}/metrics`, { signal: AbortSignal.timeout(15_000) });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^crieur_jobs_total\{queue="deliver",outcome="sent"\} 2$/m);
    expect(Date.now() - t1).toBeLessThan(10_000);
    await startRedis();
    await waitUntil(() => sink.messages.length >= 6, 60_000, `6 mails (have ${sink.messages.length})`);
    await sleep(4_000);
    expect(duplicates(sink.messages)).toEqual([]);
    expect(sink.messages).toHaveLength(6);

    // Redis gone again, then SIGTERM: the process must not hang waiting for it.
    await killRedis();
    await sleep(1_000);
    const t0 = Date.now();
    const exit = await child.stop('SIGTERM', 45_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - t0).toBeLessThan(30_000);
  });
});
