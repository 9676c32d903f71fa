/**
 * The mails commands cause, as the use cases ask for them (apply-commands, remind, the CLI's decide): a speaker's
 * decision mail, an organizers' update, a transcript. Declared beside its consumers; implemented by
 * src/adapters/compose/command-mails.ts (tokens, templates, MIME).
 */
import type { ComposedMail, ThreadInfo } from './composer.ts';
import type { ProposalRecord } from './proposal-store.ts';
import type { Address, Language } from '../types.ts';
import type { DecisionKind, ResultLine, UpdateKind } from '../core/render/command-data.ts';

export interface CommandMails {
  /**
   * To a speaker, with a speaker token for the proposal (their reply acts on it). `actor`: the fellow speaker a
   * co-confirmed / co-withdrawn mail names; `parent`: the thread it goes in (none: a new one).
   */
  decision(
    kind: DecisionKind,
    p: ProposalRecord,
    to: Address,
    locale: Language,
    extra: { text?: string | null; event?: { date: Date; venue: string } | null; acceptedAt?: Date | null; actor?: string | null; parent?: ThreadInfo | null },
  ): Promise<ComposedMail>;
  /** To one organizer, with an organizer token for the proposal. */
  update(
    kind: UpdateKind,
    p: ProposalRecord,
    organizer: string,
    extra: { actor: string; decided?: string | null; text?: string | null; changes?: { field: string; value: string }[] },
    parent?: ThreadInfo | null,
  ): Promise<ComposedMail>;
  /** The one answer to a command mail, in its thread, with a fresh token of the sender's role. */
  transcript(
    to: Address,
    locale: Language,
    token: { purpose: 'organizer' | 'speaker'; ref: string },
    body: { results: ResultLine[]; showHelp: boolean; expiredMintedOn?: Date | null },
    parent: ThreadInfo,
  ): Promise<ComposedMail>;
}
