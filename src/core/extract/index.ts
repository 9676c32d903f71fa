/**
 * Proposal extraction: from one decoded mail, what is proposed (format, title, abstract, duration,
 * language, speakers, attachments). (PLACEHOLDER — being replaced by the extraction work; keep the signatures.)
 */
import type { Mail, ParseContext, ProposalDraft } from '../../types.ts';

export interface Extraction {
  proposal: ProposalDraft;
  /** What was guessed or could not be read. */
  warnings: string[];
}

/** Does this (non-automated, non-list) mail propose a talk? Used by the classification chain. */
export function looksLikeProposal(mail: Mail): boolean {
  return /\b(proposition|proposal|talk|conf[ée]rence|lightning)\b/i.test(mail.subject);
}

export function extractProposal(mail: Mail, _ctx: ParseContext): Extraction {
  return {
    proposal: {
      format: 'talk',
      title: mail.subject || null,
      abstract: mail.text,
      durationMinutes: 45,
      language: null,
      speakers: mail.from ? [{ name: mail.from.name, email: mail.from.email }] : [],
      attachments: [],
    },
    warnings: [],
  };
}
