/**
 * A job carrying several messages (a backlog's classify job, IDS_PER_JOB) that BullMQ ends as a whole — it stalled
 * more often than allowed: the process died each time one of its messages was in hand — is no verdict on each message.
 * Each goes on alone (workers/process.ts onFinalFailure); parked together, the neighbours of the message at fault were
 * marked failed, done or not, and a proposal among them never filed nor acknowledged.
 */
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { BullDispatcher } from '../../src/adapters/queue/bullmq.ts';
import { REDIS_URL } from '../support/services.ts';
import { ENGINE_NAMES, proposalMail, settled, useLive, waitSentTo } from '../support/pipeline.ts';

describe.each(ENGINE_NAMES)('a classify job of several messages that stalled too often, on %s', (engine) => {
  const live = useLive(engine, { watch: false });

  it('sends each of its messages on alone: the proposals are filed and acknowledged once, none is parked', { timeout: 60_000 }, async () => {
    const deps = live.p.running.context.deps;
    const mails = ['Ada Byron', 'Bob Codd'].map((name, i) =>
      proposalMail({ lang: 'en', name, email: `stalled${i}.${engine}@example.com`, title: `Stalled batches, part ${i} ${engine}` }),
    );
    const saved = await deps.store.inbound.saveRawMany(mails.map((m) => ({ raw: m.raw, loc: { source: 'cli' as const } })));
    const ids = saved.map((s) => s.id);
    // The job as `crieur ingest` queues it, delayed a moment so that it can be marked as BullMQ's stall check marks a
    // job past maxStalledCount: the worker that takes it next fails it at once, "job stalled more than allowable limit".
    const q = (deps.dispatcher as BullDispatcher).queue('classify');
    const jobId = `classify-${ids.join('-')}`;
    await q.add('classify', { id: ids[0]!, ids }, { jobId, delay: 1_000 });
    const redis = new Redis(REDIS_URL);
    try {
      await redis.hset(`${deps.config.redis.prefix}:classify:${jobId}`, 'defa', 'job stalled more than allowable limit');
    } finally {
      redis.disconnect();
    }
    await expect.poll(async () => (await q.getJob(jobId))?.getState(), { timeout: 15_000 }).toBe('failed');

    for (const [i, m] of mails.entries()) {
      expect(await settled(live.p, m.messageId, 30_000)).toMatchObject({ kind: 'proposal', state: 'done' });
      expect(await waitSentTo(live.sink, `stalled${i}.${engine}@example.com`, 1)).toHaveLength(1);
    }
  });
});
