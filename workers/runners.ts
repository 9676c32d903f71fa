/**
 * The runners, as data: which use case each queue feeds, how many jobs one process runs at once, how a failed
 * job is retried, and how it is parked when retries end. Mailman's runner table, BullMQ-style. The retry
 * policy lives here and only here (workers/retry.ts applies it: a deterministic error parks at once).
 */
import type { Config } from '../src/config/schema.ts';
import type { AppDeps } from '../src/app/deps.ts';
import { classifyMessage, classifyMessages } from '../src/app/classify-message.ts';
import { fileProposal } from '../src/app/file-proposal.ts';
import { applyCommands } from '../src/app/apply-commands.ts';
import { remindToConfirm } from '../src/app/remind.ts';
import { commandDeps } from './command-deps.ts';
import { deliverOutboxes, type Delivery } from '../src/app/deliver-outbox.ts';
import { campaignLimiter, sendCampaignChunk } from '../src/app/send-campaign.ts';
import { fillMime } from '../src/adapters/compose/campaign-mime.ts';
import type { QueueName } from '../src/app/dispatcher.ts';
import { minutes, type RetryPolicy } from './retry.ts';

/**
 * What a job carrying several ids answers (deliver): how many ended how (counted in /metrics), and the ids that
 * failed — each goes on alone, under the runner's retry policy (process.ts): parked now, or a job of its own later
 * that continues the schedule. The job itself is done: what succeeded is never redone.
 */
export interface PartlyDone {
  outcomes: Record<string, number>;
  failed: { id: number; error: Error }[];
}

/** A delivery's rows counted by outcome (/metrics), whether a deliver job or a filing's own job sent them. */
export const outcomesOf = (d: Delivery): Record<string, number> => ({ sent: d.sent.length, skipped: d.skipped.length, failed: d.parked.length });

export const isPartlyDone = (r: unknown): r is PartlyDone => typeof r === 'object' && r !== null && 'outcomes' in r && Array.isArray((r as PartlyDone).failed);

export interface Runner {
  queue: QueueName;
  concurrency: number;
  /** `ids`: every id the job carries (`id` first); only the deliver runner takes more than one. */
  run(deps: AppDeps, id: number, ids: readonly number[]): Promise<unknown>;
  /** How a job that threw a transient error is tried again, and when that ends (from the configuration). */
  retry(config: Config): RetryPolicy;
  /** The last attempt failed (or the error cannot change on retry): park what the job was about, with the reason. */
  park(deps: AppDeps, id: number, error: Error): Promise<void>;
  /** A BullMQ rate limiter for the queue, from config (jobs per period, across every worker of the queue). */
  limiter?(config: Config): { max: number; duration: number } | undefined;
}

/** Work on stored messages fails again only on a database hiccup: it clears in seconds, or needs a human. */
const DATABASE_HICCUP: RetryPolicy = { delaysMs: [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000], maxAttempts: 8 };
/** Deliveries back off like an MTA (a greylisting server, an outage of the relay) for delivery.giveUpAfterHours. */
const MTA = (c: Config): RetryPolicy => ({ delaysMs: minutes(c.delivery.retryMinutes), giveUpAfterMs: c.delivery.giveUpAfterHours * 3_600_000 });

const parkInbound = async (deps: AppDeps, id: number, error: Error) => {
  // A policy's park says why in its message (workers/retry.ts); BullMQ's own final failures name their class.
  const reason = error.name === 'UnrecoverableError' || error.name === 'Error' ? error.message : `${error.name}: ${error.message}`;
  await deps.store.inbound.setState(id, 'failed', reason);
  deps.log.error({ inbound: id, reason: error.message }, 'message parked');
};

export const RUNNERS: readonly Runner[] = [
  // Classifying a proposal files it too: the job mostly waits on the database, not on CPU, and the messages in flight
  // share statements and commits. A backlog's jobs carry several messages (IDS_PER_JOB): counted per message, by kind.
  {
    queue: 'classify',
    concurrency: 8,
    run: async (deps, id, ids) => {
      if (ids.length === 1) return classifyMessage(deps, id);
      const r = await classifyMessages(deps, ids);
      const outcomes: Record<string, number> = {};
      for (const k of r.kinds) outcomes[k ?? 'done'] = (outcomes[k ?? 'done'] ?? 0) + 1;
      return { outcomes, failed: r.failed } satisfies PartlyDone;
    },
    retry: () => DATABASE_HICCUP,
    park: parkInbound,
  },
  // Replays and the recovery sweep only: a proposal classified whose filing was cut short.
  { queue: 'file', concurrency: 4, run: fileProposal, retry: () => DATABASE_HICCUP, park: parkInbound },
  // Answers to crieur's mail: authenticated commands act, everything is threaded and audited (apply-commands.ts).
  { queue: 'command', concurrency: 4, run: (deps, id) => applyCommands(commandDeps(deps), id), retry: () => DATABASE_HICCUP, park: parkInbound },
  {
    queue: 'deliver',
    concurrency: 10,
    run: async (deps, _id, ids): Promise<PartlyDone> => {
      const d = await deliverOutboxes(deps, ids);
      return { outcomes: outcomesOf(d), failed: d.failed };
    },
    retry: MTA,
    // The row keeps the server's last answer (smtp_response); the reason says why retries ended. Only a row still
    // queued is this job's to park: one `sending` is another live worker's (or a crash's, parked by the sweep as
    // possibly delivered), one `failed` keeps the reason it was parked with.
    park: async (deps, id, error) => {
      const item = await deps.store.outbox.get(id);
      // Guarded in the statement too: a worker may claim the row between the read and the write.
      if (item?.status !== 'queued' || !(await deps.store.outbox.markFailed(id, error.message, item.smtpResponse, false, { onlyIf: 'queued' }))) {
        return deps.log.warn({ outbox: id, status: item?.status ?? null, reason: error.message }, 'job ended: mail not parked, not queued');
      }
      deps.log.error({ outbox: id, reason: error.message, answer: item.smtpResponse }, 'mail parked');
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
    retry: () => DATABASE_HICCUP,
  },
  // Delayed jobs (id: the proposal's number) set on acceptance: one reminder to confirm, if still unconfirmed.
  {
    queue: 'remind',
    concurrency: 2,
    run: (deps, id) => remindToConfirm(commandDeps(deps), id),
    retry: () => DATABASE_HICCUP,
    park: async (deps, id, error) => deps.log.error({ proposal: id, err: error.message }, 'reminder not sent after repeated failures'),
  },
];

const seen = new Set<string>();
for (const r of RUNNERS) {
  if (seen.has(r.queue)) throw new Error(`runner for queue ${r.queue} registered twice`);
  seen.add(r.queue);
}
