/**
 * Everything the app needs from the database, opened once per process (src/adapters/db/open.ts). Each store is
 * declared beside the use case that consumes it (src/app/*-store.ts and the use cases' own files); adapters in
 * src/adapters implement them; wiring happens once, in workers/ and the CLI.
 */
import type { InboundStore } from './inbound-store.ts';
import type { AttachmentStore, ProposalStore } from './proposal-store.ts';
import type { OutboxStore } from './outbox-store.ts';
import type { CheckpointStore } from './checkpoint-store.ts';
import type { EventStore } from './event-store.ts';
import type { SubscriberStore } from './subscriber-store.ts';
import type { CampaignStore } from './campaign-store.ts';
import type { MembershipStore } from './membership-store.ts';
import type { DigestPreferenceStore } from './digest-recipients.ts';
import type { JoinStore } from './join.ts';
import type { ListArchive } from './list-archive.ts';
import type { CommandStore } from './command-store.ts';
import type { UndeliveredStore } from './report-undelivered.ts';

export interface Store {
  inbound: InboundStore;
  proposals: ProposalStore;
  attachments: AttachmentStore;
  outbox: OutboxStore;
  events: EventStore;
  checkpoints: CheckpointStore;
  subscribers: SubscriberStore;
  campaigns: CampaignStore;
  membership: MembershipStore;
  /** Members' digest choices per list (migration 009); also the roster's DigestRecipients. */
  digests: DigestPreferenceStore;
  /** Join requests, double opt-in (migration 010). */
  join: JoinStore;
  /** List posts and their threads, for digests. */
  lists: ListArchive;
  /** Command mails' log, decisions under a row lock, held speaker mails (apply-commands). */
  commands: CommandStore;
  /** Parked mails for the organizers' daily summary. */
  undelivered: UndeliveredStore;
  /** Engine name and where, for `crieur doctor` (no credentials). */
  describe(): string;
  close(): Promise<void>;
}
