/**
 * Audit M: Redis going away (or full, at maxmemory) under a running `crieur start`. Every worker's connections and the
 * digest scheduler's report the same error at each reconnect: 210 identical lines in 40 s before (« worker error:
 * connect ECONNREFUSED » from six queues and « digest scheduler error »). Now each error is said once, with what to
 * do, then at most once a minute — and mail that came meanwhile is still answered once Redis is back.
 */
import { describe, expect, it } from 'vitest';
import { repeatedErrors } from '../../workers/repeated.ts';
import { useRedisOutage } from '../support/private-redis.ts';
import { duplicates, sleep, spawnCrieur, waitUntil } from '../support/crieur-process.ts';

describe('repeatedErrors', () => {
  it('says an error once, then once a minute with how many were held back; another error is said at once', () => {
    const lines: { fields: Record<string, unknown>; msg: string }[] = [];
    const log = { warn: (fields: Record<string, unknown>, msg: string) => lines.push({ fields, msg }) } as never;
    let t = 0;
    const report = repeatedErrors(log, 'redis://127.0.0.1:6390', 60_000, () => t);
    const refused = new Error('connect ECONNREFUSED 127.0.0.1:6390');
    for (let i = 0; i < 50; i++, t += 1_000) report('worker error', refused, { queue: i % 2 ? 'deliver' : 'classify' });
    report('digest scheduler error', new Error("OOM command not allowed when used memory > 'maxmemory'."));
    t += 20_000;
    report('worker error', refused);
    expect(lines.map((l) => l.msg)).toEqual(['worker error', 'digest scheduler error', 'worker error']);
    expect(lines[0]!.fields).toMatchObject({ queue: 'classify', err: refused.message, fix: expect.stringMatching(/^Redis is not reachable at redis:\/\/127\.0\.0\.1:6390: .*redis\.url/) as unknown });
    expect(lines[1]!.fields.fix).toMatch(/maxmemory/);
    expect(lines[2]!.fields).toMatchObject({ repeatedSinceLast: 49 });
  });
});

const run = useRedisOutage('audit-m-redis', 'rdm');
const { box, redis } = run;
const killRedis = () => redis.kill();
const startRedis = () => redis.start();
const deliver = (n: number) => run.deliver(n);

describe('crieur start with Redis down for 20 s', () => {
  it('says so once per error (with the fix), not at every reconnect of every worker; answers the mail once Redis is back', { timeout: 90_000 }, async () => {
    const child = spawnCrieur(['start', '--config', run.configFile], { dir: box.dir, name: 'start' });
    await child.waitForLog('inbox caught up; watching', 60_000);
    const before = child.logs().length;
    await killRedis();
    deliver(1);
    await sleep(20_000);
    const during = child.logs().slice(before);
    await startRedis();
    await waitUntil(() => run.sink.messages.length >= 2, 60_000, `the acknowledgement and the notice (have ${run.sink.messages.length})`);
    await sleep(2_000);
    expect(duplicates(run.sink.messages)).toEqual([]);

    const queueErrors = during.filter((l) => l.msg === 'worker error' || l.msg === 'digest scheduler error');
    // One line per distinct error text (a refused connection; a reset when Redis went), not one per reconnect.
    expect(queueErrors.length).toBeGreaterThan(0);
    expect(queueErrors.length).toBeLessThanOrEqual(4);
    expect(queueErrors.find((l) => /ECONNREFUSED/.test(String(l.err)))).toMatchObject({ fix: expect.stringMatching(/Redis is not reachable/) as unknown });
    expect(during.length).toBeLessThan(30);
    // Audit W: nothing but log lines on stderr — BullMQ printed each reconnect's error with its stack (27 in 30 s) from
    // every Queue that had no 'error' listener (the dispatcher's, the digest scheduler's), outside the JSON log.
    expect(child.stderr().split('\n').filter((l) => l.trim() !== '' && !l.startsWith('{')).slice(0, 5)).toEqual([]);
    expect(await child.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
