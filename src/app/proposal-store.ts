/** Proposals and their history, and the attachments filed with them, as the filing and command use cases see them. */
import type { ParseResult, ProposalDraft } from '../types.ts';

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
  /**
   * Replaces the proposal's fields with the draft's. `unlessSuperseded` (a speaker's re-send): when a message that
   * arrived after this one already changed the proposal — filings run side by side, a correction may be filed
   * before the mail it corrects —, nothing changes and the history says which message superseded this one.
   */
  update(ref: string, draft: ProposalDraft, actor: string, messageId: number | null, opts?: { unlessSuperseded?: boolean }): Promise<ProposalRecord>;
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
