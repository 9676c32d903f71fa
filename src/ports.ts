/**
 * The interfaces the use cases (src/app) need from the outside world. Adapters in src/adapters implement
 * them; wiring happens once, in workers/ and the CLI. Keep these small: a use case should need one or two.
 */
import type { EventStore } from './app/event-store.ts';
import type { SubscriberStore } from './app/subscriber-store.ts';
import type { CampaignStore } from './app/campaign-store.ts';
import type { MembershipStore } from './app/membership-store.ts';
import type { DigestPreferenceStore } from './app/digest-recipients.ts';
import type { JoinStore } from './app/join.ts';
import type { ListArchive } from './app/list-archive.ts';
import type { CommandStore } from './app/command-store.ts';
import type { UndeliveredStore } from './app/report-undelivered.ts';
import type { Kind, Language, ParseResult, ProposalDraft, Speaker } from './types.ts';

// ---------------------------------------------------------------------------------------------- inbound
export type InboundSource = 'imap' | 'maildir' | 'pipe' | 'cli';
/** received → classified → done | failed (parked with its reason; `crieur failed retry` replays it). */
export type InboundState = 'received' | 'classified' | 'done' | 'failed';

export interface InboundLocator {
  source: InboundSource;
  /** imap: mailbox URL without credentials; maildir: folder path. */
  mailbox?: string | null;
  uidValidity?: number | null;
  uid?: number | null;
}

export interface InboundMessage {
  id: number;
  messageId: string | null;
  sha256: string;
  source: InboundSource;
  kind: Kind | null;
  state: InboundState;
  error: string | null;
  receivedAt: Date;
  /** The ParseResult stored when classified (JSON), null before. */
  parsed: ParseResult | null;
}

export interface InboundStore {
  /** Stores raw bytes first, byte-exact. Unique by (Message-ID, sha256): a second copy returns the first id. */
  saveRaw(raw: Buffer, loc: InboundLocator): Promise<{ id: number; inserted: boolean }>;
  /** saveRaw for a batch (a backlog): one round trip and one commit; results in the order given. */
  saveRawMany(items: readonly { raw: Buffer; loc: InboundLocator }[]): Promise<{ id: number; inserted: boolean }[]>;
  getRaw(id: number): Promise<Buffer | null>;
  get(id: number): Promise<InboundMessage | null>;
  /**
   * Records what the message is: state classified, or done when `done` (nothing more to do with it). A message
   * already done is left as it is (a stale second job must not wind it back): `updated` false. `findCopy`: also
   * answers with the first other stored copy of this message (same Message-ID, other bytes: a re-delivery through
   * another route adds its own trace headers), unless that copy failed — only the first copy is acted on.
   */
  setClassified(
    id: number,
    kind: Kind,
    parsed: ParseResult,
    opts?: { done?: boolean; findCopy?: boolean },
  ): Promise<{ updated: boolean; copyOf: Pick<InboundMessage, 'id' | 'state'> | null }>;
  setState(id: number, state: InboundState, error?: string | null): Promise<void>;
  listFailed(): Promise<InboundMessage[]>;
  /**
   * Messages stuck in `received` or `classified` since before `olderThan` — their job was lost (Redis flushed,
   * a crash between the store and the queue). The recovery sweep dispatches them again.
   */
  stale(olderThan: Date, limit: number): Promise<Pick<InboundMessage, 'id' | 'state' | 'kind'>[]>;
  /** How many messages per (kind, state): the demo's report and `crieur doctor`. */
  summary(): Promise<{ kind: Kind | null; state: InboundState; count: number }[]>;
}

// -------------------------------------------------------------------------------------------- proposals
export type ProposalStatus =
  | 'received'
  | 'accepted'
  | 'waitlisted'
  | 'declined'
  | 'confirmed'
  | 'scheduled'
  | 'presented'
  | 'withdrawn';

export interface ProposalRecord extends ProposalDraft {
  id: number;
  ref: string; // P-0001
  status: ProposalStatus;
  receivedAt: Date;
  /** inbound message that created it. */
  messageId: number;
  event: string | null;
}

export interface HistoryEntry {
  at: Date;
  actor: string; // email address or 'crieur'
  action: string; // 'filed', 'updated', 'status:accepted', …
  detail: Record<string, unknown> | null;
  /** inbound message id that caused it, when one did. */
  messageId: number | null;
  /** That message's Message-ID header, when known. */
  messageIdHeader?: string | null;
}

export interface ProposalStore {
  /**
   * Files a proposal from an inbound message, in one transaction: allocates the next ref, stores speakers
   * and history. Idempotent per inbound message: filing the same message twice returns the first record.
   */
  fileFromMessage(
    messageId: number,
    draft: ProposalDraft,
    actor: string,
    /**
     * Same speaker + same title key since `since` already filed (checked under a lock, so that two such messages
     * filed at once cannot both pass): nothing is filed, that proposal comes back with `duplicate: true`.
     */
    dedupe?: { speakerEmail: string; titleKey: string; since: Date },
  ): Promise<{ proposal: ProposalRecord; created: boolean; duplicate?: boolean }>;
  /**
   * The classify job's write for a proposal, in one commit: the classification (kind proposal, `parsed`), then the
   * filing of `parsed.proposal` as fileFromMessage — unless the message is done already (`handled`: a second job)
   * or an earlier copy of it is acted on instead (`copy`: this one is marked done). After a filing the message stays
   * classified until its mails are queued (OutboxStore.enqueueAll's `completes`).
   */
  classifyAndFile(
    messageId: number,
    parsed: ParseResult,
    actor: string,
    dedupe: { speakerEmail: string; titleKey: string; since: Date },
  ): Promise<
    { outcome: 'handled' } | { outcome: 'copy'; copyOf: number } | { outcome: 'filed' | 'already-filed' | 'duplicate'; proposal: ProposalRecord }
  >;
  update(ref: string, draft: ProposalDraft, actor: string, messageId: number | null): Promise<ProposalRecord>;
  setStatus(ref: string, status: ProposalStatus, actor: string, messageId: number | null): Promise<ProposalRecord>;
  get(ref: string): Promise<ProposalRecord | null>;
  /** The proposal this inbound message filed or updated, if any (replay safety). */
  findByMessage(messageId: number): Promise<ProposalRecord | null>;
  /** Records an event that changes no field (a reply received, an acknowledgement skipped…). */
  note(ref: string, actor: string, action: string, detail: Record<string, unknown> | null, messageId: number | null): Promise<void>;
  list(filter?: { status?: ProposalStatus }): Promise<ProposalRecord[]>;
  history(ref: string): Promise<HistoryEntry[]>;
}

export interface AttachmentStore {
  /** Content-addressed: the same bytes are stored once, keyed by sha256. */
  put(content: Buffer, contentType: string): Promise<string>;
  get(sha256: string): Promise<Buffer | null>;
}

// ----------------------------------------------------------------------------------------------- outbox
/** queued → sending → sent | failed; a `sending` row whose lease expired is retried (crash recovery). */
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';
export type OutboxPurpose = 'ack' | 'notify-organizer' | 'command-result' | 'announce' | 'digest' | 'reminder' | 'membership' | 'call';

export interface OutboxItem {
  id: number;
  /** Idempotency key: (purpose, subject ref, recipient). A second enqueue with the same key is a no-op. */
  purpose: OutboxPurpose;
  subjectRef: string;
  recipient: string;
  /** The full RFC 5322 message, built before queueing so that a retry sends the very same bytes. */
  raw: Buffer;
  envelopeFrom: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  /** SMTP answer of the last attempt (e.g. "550 5.1.1 no such user"). */
  smtpResponse: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface NewOutboxItem {
  purpose: OutboxPurpose;
  subjectRef: string;
  recipient: string;
  raw: Buffer;
  envelopeFrom: string;
  /** inbound message that caused it, for the ledger. */
  causeMessageId?: number | null;
}

/** A loop guard: at most `limit` rows of one purpose to one recipient since `since`. */
export interface OutboxCap {
  limit: number;
  since: Date;
}

export interface OutboxStore {
  enqueue(item: NewOutboxItem): Promise<{ id: number; inserted: boolean }>;
  /**
   * enqueue under a loop-guard cap, atomically (concurrent filings for one recipient cannot both pass): null
   * when `limit` rows of this purpose went to this recipient since `since`. A row already queued under the
   * same key is returned as is (a replay), cap or not.
   */
  enqueueCapped(item: NewOutboxItem, cap: OutboxCap): Promise<{ id: number; inserted: boolean } | null>;
  /**
   * Several rows in one commit, each as enqueue (or enqueueCapped when it has a cap; every cap of one call counts
   * from the same `since`). `completes`: the inbound message whose handling these rows finish, marked done in the
   * same commit — its mails and the end of its handling land together. Results in the order of `items`.
   */
  enqueueAll(items: (NewOutboxItem & { cap?: OutboxCap })[], opts?: { completes?: number }): Promise<({ id: number; inserted: boolean } | null)[]>;
  /**
   * Status lock, for a deliver job's rows in one statement: queued|failed-retryable → sending, only if nobody holds it
   * (or the lease expired); results in the order of `ids`, null where lost.
   * `transmitting`: the caller begins the SMTP transaction right away — the claim is also markTransmitting.
   * `checkFirst`: purposes whose rows are checked before they go (a digest's member): claimed but not transmitting —
   * the caller marks them (markTransmitting with its fence) once the check passed.
   */
  claimAll(ids: readonly number[], leaseMs: number, opts?: { transmitting?: boolean; checkFirst?: readonly OutboxPurpose[] }): Promise<(OutboxItem | null)[]>;
  /**
   * Recorded just before the SMTP transaction: from here on, a crash may leave the mail delivered. With `fence` (the
   * claim's attempt), only while the claim is still the caller's (its lease not run out): false when it is not.
   */
  markTransmitting(id: number, fence?: { attempts: number }): Promise<boolean>;
  /**
   * Rows whose sender died during the SMTP transaction are parked as failed, with a reason saying they may have
   * been delivered: sending them again could send the mail twice (RFC 1047). Returns their ids.
   */
  parkInterrupted(): Promise<number[]>;
  markSent(id: number, smtpResponse: string): Promise<void>;
  /**
   * retry=true puts it back to queued (4xx); false parks it as failed (5xx). `onlyIf`: only a row in that status
   * (a job's final failure parks only what is still queued); false when the row was not changed.
   */
  markFailed(id: number, error: string, smtpResponse: string | null, retry: boolean, opts?: { onlyIf?: OutboxItem['status'] }): Promise<boolean>;
  get(id: number): Promise<OutboxItem | null>;
  /** A parked (failed) mail goes back to queued with its attempts reset: `crieur failed retry`. */
  requeue(id: number): Promise<void>;
  list(filter?: { status?: OutboxStatus }): Promise<OutboxItem[]>;
  /** Rows to (re)dispatch: queued, or sending with an expired lease whose SMTP transaction had not begun. */
  /** `olderThan`: only rows untouched since then — a row queued a moment ago has its job already. */
  pending(limit: number, olderThan?: Date): Promise<number[]>;
  /** Rows caused by this inbound message still waiting to be sent (queued), to dispatch them again. */
  queuedFor(causeMessageId: number): Promise<number[]>;
}

// --------------------------------------------------------------------------------------------- checkpoints
export interface Checkpoint {
  uidValidity: number;
  lastUid: number;
}
export interface CheckpointStore {
  get(mailbox: string): Promise<Checkpoint | null>;
  set(mailbox: string, cp: Checkpoint): Promise<void>;
}

export type { Speaker };

/** Everything the app needs from the database, opened once per process. */
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

// ---------------------------------------------------------------------------------------------- clock
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

// ------------------------------------------------------------------------------------------- dispatch
/** The queues, seen from the use cases: only ids cross them (BullMQ stores job data in clear text). */
export type QueueName = 'classify' | 'file' | 'command' | 'deliver' | 'remind' | 'campaign';
export const QUEUE_NAMES: readonly QueueName[] = ['classify', 'file', 'command', 'deliver', 'remind', 'campaign'];

export interface Dispatcher {
  /**
   * Idempotent per (queue, id) while the job exists. `again`: a finished (completed/failed) job for the same id
   * is replaced — for replays and the recovery sweep, where the earlier job's outcome is known to be stale.
   */
  dispatch(queue: QueueName, id: number, opts?: { again?: boolean; delayMs?: number; continues?: Attempts }): Promise<void>;
  /**
   * Several ids on one queue in one round trip (a backlog); idempotent as dispatch. `together`: one job carries
   * them all (a filing's mails: one claim, the sends side by side on the pool, one `sent` mark) — only for a
   * queue whose runner takes several ids (deliver).
   */
  dispatchMany(queue: QueueName, ids: readonly number[], opts?: { together?: boolean }): Promise<void>;
}

/**
 * Where a job's retry schedule stands: attempts made, and when the first began (epoch ms). An id that failed in
 * a job carrying several goes on in a job of its own that `continues` the schedule (workers/retry.ts).
 */
export interface Attempts {
  made: number;
  firstAt: number;
}

// -------------------------------------------------------------------------------------------- compose
/** A message ready for the outbox: the exact bytes that will go over SMTP, built once. */
export interface ComposedMail {
  raw: Buffer;
  envelopeFrom: string;
  recipient: string;
  subject: string;
}

/** What a proposal's mails need to know about the message that started it, to thread the answer. */
export interface ThreadInfo {
  messageId: string | null;
  references: string[];
  subject: string;
  /** The language the message was written in (not the talk's): the answer is written in it. */
  language?: Language | null;
}

export interface Composer {
  ack(p: ProposalRecord, to: Speaker & { email: string }, thread: ThreadInfo): Promise<ComposedMail>;
  organizerNotice(p: ProposalRecord, organizer: string): Promise<ComposedMail>;
}

// -------------------------------------------------------------------------------------------- logger
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: object): Logger;
}

// ---------------------------------------------------------------------------------------------- send
export interface Sender {
  /** Resolves with the server's final answer; rejects with an error whose `code` is ESMTP_TRANSIENT or ESMTP_PERMANENT. */
  send(raw: Buffer, envelope: { from: string; to: string[] }): Promise<{ response: string }>;
  /**
   * Waits until `n` pooled connections are free (1 ≤ n ≤ connections) and holds them until the returned function
   * is called: a deliver job takes them before it marks its rows transmitting (src/adapters/smtp/slots.ts).
   */
  reserve?(n: number): Promise<() => void>;
  /** How many connections the pool opens at most. */
  readonly connections?: number;
  verify(): Promise<void>;
  close(): Promise<void>;
}
