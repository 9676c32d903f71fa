/**
 * What the command runner needs from the database beyond proposals and the outbox: the command log (one entry per
 * command mail, authenticated or not: the audit trail, the flood cap and the replay check), decisions taken under
 * a row lock (first decision wins), and speaker mails held for `release`. Declared beside its consumer
 * (apply-commands.ts, the CLI's decide/release); implemented by src/adapters/db/commands.ts.
 */
import type { NewOutboxItem } from './outbox-store.ts';
import type { ProposalRecord, ProposalStatus } from './proposal-store.ts';

export type LogOutcome = 'admitted' | 'executed' | 'refused' | 'flood' | 'replay';

export interface LogEntry {
  messageId: number;
  sender: string | null;
  role: 'organizer' | 'speaker' | null;
  tokenRef: string | null;
  outcome: LogOutcome;
  reason: string | null;
  at: Date;
}

export interface Admission {
  /** admitted: act on it. flood / replay: recorded, not acted on. */
  outcome: 'admitted' | 'flood' | 'replay';
  /** false when this message was logged already (a second job for it): its first entry answers. */
  first: boolean;
}

/** Who set a proposal's current status, and when (for "already accepted by Dim on …"). */
export interface StatusSetter {
  status: ProposalStatus;
  actor: string | null;
  at: Date | null;
}

export type DecideResult =
  | { outcome: 'applied'; proposal: ProposalRecord; from: ProposalStatus }
  /** This very message applied it before (the job ran again after a crash): nothing changes, mails are re-queued. */
  | { outcome: 'already'; proposal: ProposalRecord; from: ProposalStatus }
  | { outcome: 'refused'; proposal: ProposalRecord; current: StatusSetter };

export interface DecideInput {
  ref: string;
  to: ProposalStatus;
  actor: string;
  /** The inbound message that asks for it; null from the CLI. */
  messageId: number | null;
  /** Position of the command in its mail: two commands of one mail are two decisions. */
  step: number;
  /** Decided under the row lock, on the status read there: may this transition happen now? */
  allowed(current: ProposalStatus): { ok: true; overridden: boolean } | { ok: false };
  detail: Record<string, unknown>;
}

export interface CommandStore {
  /** Records a mail that will not be acted on (unauthenticated, expired, refused by DKIM): once per message. */
  refuse(entry: { messageId: number; sender: string | null; tokenRef: string | null; reason: string; detail?: Record<string, unknown> }): Promise<{ first: boolean }>;
  /**
   * Admits an authenticated command mail, atomically per sender: a replay (same fingerprint acted on before) or one
   * past `cap` admitted mails since `since` is recorded as such instead.
   */
  admit(entry: { messageId: number; sender: string; role: 'organizer' | 'speaker'; tokenRef: string; fingerprint: string }, cap: { limit: number; since: Date }): Promise<Admission>;
  /** The final word on an admitted mail: executed, with what was done. */
  finish(messageId: number, detail: Record<string, unknown>): Promise<void>;
  get(messageId: number): Promise<LogEntry | null>;
  /** Entries since `since`, oldest first (audit, tests, metrics). */
  list(filter?: { sender?: string; since?: Date }): Promise<LogEntry[]>;
  /**
   * A status change under a row lock (SELECT … FOR UPDATE): of two organizers deciding at once, one wins. In the same
   * transaction, a proposal leaving scheduled/presented leaves its programme, and an overruling decision or a withdrawal
   * drops the speaker mails still held for the proposal (their keys in the history entry's `dropped`).
   */
  decide(input: DecideInput): Promise<DecideResult>;
  /** Who set the current status, and when. */
  setter(ref: string): Promise<StatusSetter | null>;
  /** Speaker mails waiting for `release` (decisions.hold); a second hold under the same key is a no-op. */
  hold(items: (NewOutboxItem & { proposalRef: string })[]): Promise<void>;
  /**
   * Every held mail, moved to the outbox (same keys: never twice) in one commit; returns the outbox ids and the keys
   * released (`P-0007/accepted/m12/0`: an acceptance the speaker is only now told of, whose reminder counts from now).
   */
  release(): Promise<{ ids: number[]; keys: string[] }>;
  /** The keys of the proposal's speaker mails still held. */
  heldFor(ref: string): Promise<string[]>;
}
