/**
 * The runners, as data: which use case each queue feeds, and how many jobs one process runs at once.
 * Mailman's runner table, BullMQ-style. Nothing here decides anything; it only wires.
 */
import type { AppDeps } from '../src/app/deps.ts';
import { classifyMessage } from '../src/app/classify-message.ts';
import { fileProposal } from '../src/app/file-proposal.ts';
import { applyCommands } from '../src/app/apply-commands.ts';
import { remindToConfirm } from '../src/app/remind.ts';
import { commandDeps } from './command-deps.ts';
import { deliverOutbox } from '../src/app/deliver-outbox.ts';
import type { QueueName } from '../src/ports.ts';

export interface Runner {
  queue: QueueName;
  concurrency: number;
  run(deps: AppDeps, id: number): Promise<unknown>;
  /** The last attempt failed: park what the job was about, with the reason. */
  park(deps: AppDeps, id: number, error: Error): Promise<void>;
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
  // Answers to crieur's mail: authenticated commands act, everything is threaded and audited (apply-commands.ts).
  { queue: 'command', concurrency: 4, run: (deps, id) => applyCommands(commandDeps(deps), id), park: parkInbound },
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
  // Delayed jobs (id: the proposal's number) set on acceptance: one reminder to confirm, if still unconfirmed.
  {
    queue: 'remind',
    concurrency: 2,
    run: (deps, id) => remindToConfirm(commandDeps(deps), id),
    park: async (deps, id, error) => deps.log.error({ proposal: id, err: error.message }, 'reminder not sent after repeated failures'),
  },
];

const seen = new Set<string>();
for (const r of RUNNERS) {
  if (seen.has(r.queue)) throw new Error(`runner for queue ${r.queue} registered twice`);
  seen.add(r.queue);
}
