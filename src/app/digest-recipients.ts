/**
 * Who gets a list's digest, in which cadence and format: the members of a list with their digest preference.
 * Declared here, beside the use case that reads it (send-digests.ts). The roster of subscribers (announcements
 * issue) and the members' preferences (membership issue) implement it; until they are wired, `noRecipients`
 * sends nobody a list digest — the `--out` and `--dry-run` forms of `crieur digest` still build them.
 */
import type { Cadence } from '../core/digest/period.ts';
import type { Language } from '../types.ts';

export type DigestFormat = 'html' | 'text' | 'mime';
export const DIGEST_FORMATS: readonly DigestFormat[] = ['html', 'text', 'mime'];

export interface DigestSubscriber {
  email: string;
  name: string | null;
  /** The language of their mails; null: the list's. */
  language: Language | null;
  cadence: Cadence;
  format: DigestFormat;
}

export interface DigestRecipients {
  /** Active members of the list who chose a digest (members who get every post are not listed). */
  forList(listName: string): Promise<DigestSubscriber[]>;
}

export const noRecipients: DigestRecipients = { forList: async () => [] };
