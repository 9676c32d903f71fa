/**
 * A row that failed in a job carrying several goes on alone with its retry schedule (workers/process.ts goOnAlone):
 * on real Redis, that job replaces the recovery sweep's plain job for the same row, added while the batch job held
 * it — BullMQ dedupes by job id, so without the replacement the sweep's job ran at once and the schedule (attempts
 * made, first try) restarted from zero (never-twice review, finding 3).
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { BullDispatcher } from '../../src/adapters/queue/bullmq.ts';
import { REDIS_URL } from '../support/services.ts';
import { clearRedisPrefix, redisPrefix } from '../support/pipeline.ts';

const prefix = redisPrefix();
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const dispatcher = new BullDispatcher(redis, prefix);

afterAll(async () => {
  await dispatcher.close();
  redis.disconnect();
  await clearRedisPrefix(prefix);
});

describe('a retry continuing a schedule, dispatched while the sweep’s job for the row waits', () => {
  it('replaces the waiting job: delayed, with the attempts made and the first try', async () => {
    // The batch job `deliver-10-11-12` holds row 11; the sweep, which cannot see it, adds `deliver-11`.
    await dispatcher.dispatchMany('deliver', [10, 11, 12], { together: true });
    await dispatcher.dispatch('deliver', 11, { again: true });
    // The batch's 451 for row 11: it goes on alone in a minute, third attempt of a schedule begun at firstAt.
    const firstAt = Date.now() - 600_000;
    await dispatcher.dispatch('deliver', 11, { again: true, delayMs: 60_000, continues: { made: 3, firstAt } });
    const job = await dispatcher.queue('deliver').getJob('deliver-11');
    expect(job?.data).toEqual({ id: 11, made: 3, firstAt });
    expect(await job?.getState()).toBe('delayed');
    // The batch job itself is untouched.
    expect(await (await dispatcher.queue('deliver').getJob('deliver-10-11-12'))?.getState()).toBe('waiting');
  });

  it('leaves a plain dispatch deduplicated as before (the sweep never replaces a waiting job)', async () => {
    await dispatcher.dispatch('deliver', 21, { delayMs: 60_000, continues: { made: 2, firstAt: 1 } });
    await dispatcher.dispatch('deliver', 21, { again: true });
    expect((await dispatcher.queue('deliver').getJob('deliver-21'))?.data).toEqual({ id: 21, made: 2, firstAt: 1 });
  });
});

describe('a delayed job dispatched again (a reminder that counts from a later event)', () => {
  it('is moved to run delayMs from now, not kept at its first due time nor added twice', async () => {
    // decisions.hold: the acceptance's reminder set at the decision, due in 7 days…
    await dispatcher.dispatch('remind', 31, { delayMs: 7 * 86_400_000, again: true });
    const q = dispatcher.queue('remind');
    const before = Date.now();
    // …and the release, two days later, sets it again from the moment the speaker is told.
    await dispatcher.dispatch('remind', 31, { delayMs: 9 * 86_400_000, again: true });
    const delayed = await q.getDelayed();
    expect(delayed.map((j) => j.id)).toEqual(['remind-31']);
    const job = (await q.getJob('remind-31'))!;
    expect(await job.getState()).toBe('delayed');
    expect(job.delay).toBe(9 * 86_400_000);
    // When it is due: the sorted set of delayed jobs holds its time (BullMQ keeps it as the score's high bits).
    const score = Number((await redis.zscore(`${prefix}:remind:delayed`, 'remind-31'))!);
    const dueAt = Math.floor(score / 0x1000);
    expect(dueAt).toBeGreaterThanOrEqual(before + 9 * 86_400_000 - 1_000);
    expect(dueAt).toBeLessThanOrEqual(Date.now() + 9 * 86_400_000 + 1_000);
  });

  it('a plain dispatch of it (no again) leaves it where it was', async () => {
    await dispatcher.dispatch('remind', 32, { delayMs: 3_600_000 });
    await dispatcher.dispatch('remind', 32, { delayMs: 7_200_000 });
    expect((await dispatcher.queue('remind').getJob('remind-32'))!.delay).toBe(3_600_000);
  });
});
