/**
 * The outbox: every mail crieur sends is a row here before it goes (crash-safe, never twice). Declared beside its
 * consumer, deliver-outbox.ts; implemented by src/adapters/db/outbox.ts.
 */

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
   * Several rows in one commit, each as enqueue (or enqueueCapped when it has a cap, counted from its own `since`).
   * `completes`: the inbound message whose handling these rows finish, marked done in the
   * same commit — its mails and the end of its handling land together. Results in the order of `items`.
   * `claim`: the rows inserted now are inserted claimed, as claimAll's `transmitting` would (sending, attempt 1,
   * leased for `leaseMs`), in a synchronous commit: the caller holds a pooled connection for each and begins their
   * SMTP transactions at once with the bytes it has (deliverClaimed). Rows found queued already (inserted false) are
   * left as they are.
   */
  enqueueAll(
    items: (NewOutboxItem & { cap?: OutboxCap })[],
    opts?: { completes?: number; claim?: { leaseMs: number } },
  ): Promise<({ id: number; inserted: boolean } | null)[]>;
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
   * Extends the lease of rows this sender still holds (each fenced by its claim's attempt): a transaction waiting for
   * a slow relay's reply is not taken for a sender that died (parkInterrupted). Answers how many were renewed.
   */
  renew(rows: readonly { id: number; attempts: number }[], leaseMs: number): Promise<number>;
  /**
   * Rows whose sender died during the SMTP transaction are parked as failed, with a reason saying they may have
   * been delivered: sending them again could send the mail twice (RFC 1047). Returns their ids.
   */
  parkInterrupted(): Promise<number[]>;
  markSent(id: number, smtpResponse: string): Promise<void>;
  /**
   * retry=true puts it back to queued (4xx); false parks it as failed (5xx). `onlyIf`: only a row in that status
   * (a job's final failure parks only what is still queued); false when the row was not changed. `notUndelivered`:
   * a mail crieur chose not to send (its member left), not one a relay refused — kept out of the organizers' daily
   * summary of undelivered mail, whose « retry » would send it to someone who left.
   */
  markFailed(id: number, error: string, smtpResponse: string | null, retry: boolean, opts?: { onlyIf?: OutboxItem['status']; notUndelivered?: boolean }): Promise<boolean>;
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
