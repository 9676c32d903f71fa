/**
 * crieur's own roster of members, as the use cases see it (the subscribers CLI, announcements; self-service
 * membership, issue 9, builds on it). Declared beside its consumers; implemented by src/adapters/db/subscribers.ts.
 *
 * Statuses (SPEC): pending (asked, not confirmed) → active ⇄ unsubscribed; disabled when bounces pile up.
 * Only active members receive roster mail.
 */
import type { Language } from '../types.ts';

export type SubscriberStatus = 'pending' | 'active' | 'unsubscribed' | 'disabled';
export const SUBSCRIBER_STATUSES: readonly SubscriberStatus[] = ['pending', 'active', 'unsubscribed', 'disabled'];

/** The roster's list every member of crieur's own roster is on unless told otherwise. */
export const MEMBERS_LIST = 'members';

export interface Subscriber {
  email: string;
  name: string | null;
  language: Language | null;
  status: SubscriberStatus;
  /** Per-list membership (names). */
  lists: string[];
  bounces: number;
  /** The last bounce that named the member (issue 9): when, and what (`hard 5.1.1`, `soft 4.2.2`). */
  lastBounce: { at: Date; what: string } | null;
  /** When the member consented (proof of consent), null when not recorded. */
  consentedAt: Date | null;
  /** Where the member came from: cli, import:FILE, web, mail (issue 9)… */
  source: string;
}

export interface NewSubscriber {
  email: string;
  name?: string | null;
  language?: Language | null;
  status: SubscriberStatus;
  consentedAt?: Date | null;
  source: string;
  lists?: string[];
}

export interface UpsertOutcome {
  added: number;
  existing: number;
  /** The members already there, by the status they have now (the activated ones counted as active). */
  existingByStatus: Partial<Record<SubscriberStatus, number>>;
  /** Members already there that were pending and are active now (the row said they consented). */
  activated: number;
}

export interface SubscriberStore {
  /**
   * Adds members; those already there keep their name and language (a CSV row is no way to change what a member set,
   * or an organizer corrected: a stale export once turned a member's announcements English). A member who
   * unsubscribed or was disabled keeps that status: an import never re-subscribes anyone; a pending one becomes
   * active when the row is (consent given since). Returns how many were added, how many were already there, those
   * by the status they have now, and how many of those went from pending to active (what the import's summary tells).
   */
  upsert(members: readonly NewSubscriber[]): Promise<UpsertOutcome>;
  /** Marks the member unsubscribed (kept, so that a later import does not bring them back); false when unknown. */
  remove(email: string): Promise<boolean>;
  get(email: string): Promise<Subscriber | null>;
  list(filter?: { status?: SubscriberStatus }): Promise<Subscriber[]>;
}
