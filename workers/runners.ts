/**
 * The runners, as data: which use case each queue feeds, and how many jobs one process runs at once.
 * Mailman's runner table, BullMQ-style. Nothing here decides anything; it only wires.
 */
import type { AppDeps } from '../src/app/deps.ts';
import { classifyMessage } from '../src/app/classify-message.ts';
import { fileProposal } from '../src/app/file-proposal.ts';
import { handleReply } from '../src/app/handle-reply.ts';
import { deliverOutbox } from '../src/app/deliver-outbox.ts';
import { campaignLimiter, sendCampaignChunk } from '../src/app/send-campaign.ts';
import { fillMime } from '../src/adapters/compose/campaign-mime.ts';
import type { Config } from '../src/config/schema.ts';
import type { QueueName } from '../src/ports.ts';

export interface Runner {
  queue: QueueName;
  concurrency: number;
  run(deps: AppDeps, id: number): Promise<unknown>;
  /** The last attempt failed: park what the job was about, with the reason. */
  park(deps: AppDeps, id: number, error: Error): Promise<void>;
  /** A BullMQ rate limiter for the queue, from config (jobs per period, across every worker of the queue). */
  limiter?(config: Config): { max: number; duration: number } | undefined;
}

const parkInbound = async (deps: AppDeps, id: number, error: Error) => {
  await deps.store.inbound.setState(id, 'failed', `${error.name}: ${error.message}`);
  deps.log.error({ inbound: id, err: error.message }, 'message parked after repeated failures');
};

export const RUNNERS: readonly Runner[] = [
  // Classifying a proposal files it too (two commits): the job mostly waits on the database, not on CPU, and
  // many in flight share the commits' fsyncs.
  { queue: 'classify', concurrency: 16, run: classifyMessage, park: parkInbound },
  // Replays and the recovery sweep only: a proposal classified whose filing was cut short.
  { queue: 'file', concurrency: 4, run: fileProposal, park: parkInbound },
  { queue: 'command', concurrency: 4, run: handleReply, park: parkInbound },
  {
    queue: 'deliver',
    concurrency: 10,
    run: deliverOutbox,
    park: async (deps, id, error) => {
      const item = await deps.store.outbox.get(id);
      if (item && item.status !== 'sent') await deps.store.outbox.markFailed(id, error.message, item.smtpResponse, false);
      deps.log.error({ outbox: id, err: error.message }, 'mail parked after repeated failures');
    },
  },
  // A chunk of a campaign's ledger (announcements, reminders). Two at a time: one chunk's commits overlap the other's
  // SMTP transactions. Rows a job gave up on stay queued: the recovery sweep dispatches them again.
  {
    queue: 'campaign',
    concurrency: 2,
    run: (deps, id) => sendCampaignChunk({ ...deps, fill: fillMime }, id),
    park: async (deps, id, error) => deps.log.warn({ outbox: id, err: error.message }, 'campaign chunk gave up for now; the recovery sweep takes it again'),
    limiter: campaignLimiter,
  },
];

const seen = new Set<string>();
for (const r of RUNNERS) {
  if (seen.has(r.queue)) throw new Error(`runner for queue ${r.queue} registered twice`);
  seen.add(r.queue);
}
