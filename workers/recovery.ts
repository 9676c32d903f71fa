/**
 * The recovery sweep: whatever the queues lost (a crash between a database commit and a queue add, a flushed
 * Redis) is found again from the database, which is the source of truth, and dispatched once more.
 * Dispatch is idempotent (job ids) and every use case is replay-safe, so sweeping too often costs only work.
 */
import type { AppDeps } from '../src/app/deps.ts';
import type { QueueName } from '../src/app/dispatcher.ts';
import { ROUTES } from '../src/app/classify-message.ts';
import { recoverCampaigns } from '../src/app/recover-campaigns.ts';
import { sendDueReminders } from '../src/app/send-reminders.ts';
import { markPresented } from '../src/app/mark-presented.ts';
import { createEventMailBuilder } from '../src/adapters/compose/announcement.ts';
import { every } from './every.ts';

/** Jobs of a queue waiting to start or running: the sweep's way to tell a backlog under way. */
export type WaitingJobs = (queue: QueueName) => Promise<number>;

export function startRecovery(
  deps: AppDeps,
  queues: readonly QueueName[],
  intervalMs: number,
  waiting?: WaitingJobs,
): { stop(): Promise<void>; sweep(): Promise<void> } {
  let builder: ReturnType<typeof createEventMailBuilder> | undefined;
  const sweep = async () => {
    // Only work untouched for staleSeconds: what was queued a moment ago has its job (during a backlog the sweep
    // otherwise re-checked hundreds of live jobs every round).
    const olderThan = new Date(deps.clock.now().getTime() - deps.config.queue.staleSeconds * 1000);
    if (queues.includes('deliver')) {
      const parked = await deps.store.outbox.parkInterrupted();
      if (parked.length) deps.log.warn({ outbox: parked }, 'mail interrupted during SMTP parked: it may have been delivered (crieur failed list)');
      for (const id of await deps.store.outbox.pending(500, olderThan)) await deps.dispatcher.dispatch('deliver', id, { again: true });
    }
    if (queues.includes('campaign')) {
      await recoverCampaigns(deps);
      const started = await sendDueReminders({ ...deps, builder: (builder ??= createEventMailBuilder(deps.config)) });
      for (const c of started) deps.log.info({ campaign: c.id, key: c.key }, 'reminder campaign started');
    }
    // where the time-driven work on proposals runs (the reminders to confirm)
    if (queues.includes('remind')) await markPresented(deps);
    if (queues.includes('classify')) {
      // A backlog's messages wait in jobs of several (IDS_PER_JOB), named by all their ids: a job of one for a message
      // still waiting in such a job would be a second job for it, not a no-op. While classify jobs wait or run, the
      // messages still received are theirs — a running job's too: one slowed past staleSeconds (waiting for the
      // decode budget behind a large message, a slow database) was given a second job, each of its messages classified twice. One a lost job
      // left behind is found once the backlog is through (a job whose worker died runs again: BullMQ's stalled check).
      const backlog = waiting ? (await waiting('classify')) > 0 : false;
      for (const m of await deps.store.inbound.stale(olderThan, 500)) {
        if (m.state === 'received' && backlog) continue;
        const next = m.state === 'received' ? 'classify' : m.kind ? ROUTES[m.kind] : undefined;
        if (next) await deps.dispatcher.dispatch(next, m.id, { again: true });
      }
    }
  };
  const timer = every(intervalMs, sweep, (err) => deps.log.warn({ err: err.message }, 'recovery sweep failed'));
  return { stop: timer.stop, sweep };
}
