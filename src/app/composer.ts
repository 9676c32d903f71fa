/** The mails a filed proposal sends (acknowledgement, organizers' notice), built by src/adapters/compose. */
import type { Language, Speaker } from '../types.ts';
import type { ProposalRecord } from './proposal-store.ts';

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
  /** Compiles the templates of these mails now, so that the first proposal after a start does not wait for them (≈ 0.5 s). */
  warm(): Promise<void>;
  ack(p: ProposalRecord, to: Speaker & { email: string }, thread: ThreadInfo): Promise<ComposedMail>;
  organizerNotice(p: ProposalRecord, organizer: string): Promise<ComposedMail>;
}
