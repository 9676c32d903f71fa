/**
 * Self-service membership (issue 9) as the use cases see the roster: a member found by the row id their token
 * names, status changes that keep their cause, and bounces that score a member. Declared beside its consumers
 * (membership.ts); implemented by src/adapters/db/membership.ts (migration 012).
 */
import type { Language } from '../types.ts';
import type { SubscriberStatus } from './subscriber-store.ts';

export interface MemberRow {
  id: number;
  email: string;
  status: SubscriberStatus;
  /** The language of their mails; null: the group's. */
  language: Language | null;
  name: string | null;
}

export type BounceKind = 'hard' | 'soft' | 'complaint';

export interface HistoryEntry {
  from: SubscriberStatus | null;
  to: SubscriberStatus;
  cause: string;
  at: Date;
}

export interface BounceOutcome {
  /** false when this bounce message was already counted for this member (a replayed job). */
  counted: boolean;
  /** true when this bounce moved the member to disabled. */
  disabled: boolean;
  bounces: number;
}

export interface MembershipStore {
  byId(id: number): Promise<MemberRow | null>;
  byEmail(email: string): Promise<MemberRow | null>;
  /** Moves the member to `to` with its cause (history); a no-op (false) when already there. */
  setStatus(id: number, to: SubscriberStatus, cause: string): Promise<boolean>;
  /**
   * An organizer re-enabling delivery to a member disabled by bounces (Mailman: delivery re-enabled by the admin):
   * active again, their bounce score starting anew, with `cause` in the history. false when the member is not disabled
   * (one who unsubscribed is not brought back this way: only their own confirmed request does).
   */
  reenable(id: number, cause: string): Promise<boolean>;
  /**
   * Counts a bounce and applies the score, in one transaction: hard (and complaint) disables at once; soft
   * disables once `softThreshold` soft bounces fall within [windowStart, at].
   */
  recordBounce(b: {
    id: number;
    kind: BounceKind;
    status: string | null;
    inboundId: number | null;
    /** What it was, when no inbound message (a refusal at send time: `refused at send, outbox 12`), for the history. */
    via?: string;
    at: Date;
    windowStart: Date;
    softThreshold: number;
  }): Promise<BounceOutcome>;
  history(id: number): Promise<HistoryEntry[]>;
}
