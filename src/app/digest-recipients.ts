/**
 * Who gets a list's digest, in which cadence and format: the members of a list with their digest preference.
 * Declared here, beside the use case that reads it (send-digests.ts). The roster of subscribers (announcements
 * issue) and the members' preferences (membership issue, migration 009) implement it: `store.digests`.
 * `noRecipients` sends nobody a list digest (tests of the organizers' digest alone).
 */
import type { Cadence } from '../core/digest/period.ts';
import type { Language } from '../types.ts';

export type DigestFormat = 'html' | 'text' | 'mime';
export const DIGEST_FORMATS: readonly DigestFormat[] = ['html', 'text', 'mime'];

export interface DigestSubscriber {
  /** The roster row: the member's own unsubscribe link and VERP address are minted for it. */
  memberId: number;
  email: string;
  name: string | null;
  /** The language of their mails; null: the list's. */
  language: Language | null;
  cadence: Cadence;
  format: DigestFormat;
}

/** A member's digest of one list (migration 009); no choice: no digest. */
export interface DigestChoice {
  cadence: Cadence;
  format: DigestFormat;
}

export interface DigestRecipients {
  /** Active members of the list who chose a digest (members who get every post are not listed). */
  forList(listName: string): Promise<DigestSubscriber[]>;
}

/**
 * Members' digest choices, written by the membership use cases (a `digest`/`résumé` mail, the public page, the CLI)
 * and read back as the roster's DigestRecipients. Implemented by src/adapters/db/digest-preferences.ts.
 */
export interface DigestPreferenceStore extends DigestRecipients {
  /** Sets (or with null, removes) the member's digest of `list`; replaces any earlier choice. */
  set(memberId: number, list: string, choice: DigestChoice | null): Promise<void>;
  get(memberId: number, list: string): Promise<DigestChoice | null>;
  /** Every member's choices, by address (lower-cased): what `crieur subscribers list` shows. */
  all(): Promise<Map<string, (DigestChoice & { list: string })[]>>;
}

export const noRecipients: DigestRecipients = { forList: async () => [] };
