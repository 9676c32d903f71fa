/**
 * Classification chain: an ordered table of rules; the first that matches names the message's kind.
 * (PLACEHOLDER — being replaced by the classification work; keep the exported signature.)
 */
import type { BounceInfo, CommandInfo, Kind, Mail, ParseContext } from '../../types.ts';
import { looksLikeProposal } from '../extract/index.ts';

export interface Classification {
  kind: Kind;
  bounce?: BounceInfo;
  command?: CommandInfo;
  /** Which rule decided, for logs and `crieur parse` warnings. */
  reasons: string[];
}

export function classify(mail: Mail, _ctx: ParseContext): Classification {
  if (looksLikeProposal(mail)) return { kind: 'proposal', reasons: ['proposal'] };
  return { kind: 'other', reasons: ['default'] };
}
