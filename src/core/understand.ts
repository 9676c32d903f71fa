/**
 * The pure heart of `crieur parse`: one decoded Mail in, the SPEC ParseResult out. No IO, no clock.
 * classify → (proposal? extract) → assemble, with every guess surfaced as a warning.
 */
import type { Mail, ParseContext, ParseResult } from '../types.ts';
import { classify } from './classify/index.ts';
import { TOKEN_REFUSED, unprovenReplyRule } from './classify/reply-token.ts';
import { extractProposal } from './extract/index.ts';
import { bodyLanguage } from './language.ts';
import { cleanName } from './text/names.ts';

const UNPROVEN_REPLY = unprovenReplyRule.name;

export function understand(mail: Mail, ctx: ParseContext): ParseResult {
  const warnings = [...mail.defects];
  const c = classify(mail, ctx);
  const result: ParseResult = {
    messageId: mail.messageId,
    kind: c.kind,
    // Display names are cleaned the same way everywhere ("Raman, Priya" → "Priya Raman").
    from: mail.from ? { name: cleanName(mail.from.name), email: mail.from.email } : null,
    subject: mail.subject,
    // what the author wrote, not the quoted history under it (an English reply to a French thread is English)
    language: bodyLanguage(mail.text),
    warnings,
  };
  if (mail.messageId === null) warnings.push('no Message-ID header');
  if (c.kind === 'proposal') {
    const x = extractProposal(mail, ctx);
    result.proposal = x.proposal;
    warnings.push(...x.warnings);
  }
  if (c.command) {
    result.command = c.command;
    // authenticated: false for want of a secret says nothing about the sender: say why; a reply with no token at all
    // (reply-without-token) proves nothing whatever the secret, and no secret is what its reader should fix
    if (c.reasons.includes(UNPROVEN_REPLY)) warnings.push('no reply token: nothing proves who wrote it, nothing it asks is done');
    else if (!ctx.secret) warnings.push('reply token not checked: no secret configured (set secret in the configuration)');
    // a token that proves nothing: say why (forged or another address's, expired, not an organizer's), as the transcript would
    const refused = c.reasons.find((r) => r.startsWith(TOKEN_REFUSED));
    if (refused) warnings.push(`reply token not valid: ${refused.slice(TOKEN_REFUSED.length)}; nothing it asks is done`);
  }
  if (c.bounce) result.bounce = c.bounce;
  if (c.membership) result.membership = c.membership;
  return inSpecOrder(result);
}

export const NOT_MAIL = 'not a mail message: no header fields (From, Date, Subject…) found';

/** A message with none of the header fields every mail has is not mail (a PDF, an empty file…). */
export function notMailReason(mail: Mail): string | null {
  const present = ['from', 'to', 'subject', 'date', 'message-id', 'received', 'sender', 'return-path', 'mime-version', 'content-type'].filter(
    // Presence only: reading the value would decode its encoded-words for nothing (the adapter decodes on first read).
    (h) => Object.hasOwn(mail.headers, h),
  );
  if (present.length === 0) return NOT_MAIL;
  return null;
}

/**
 * SPEC's `parse --json` object lists its keys messageId, kind, from, subject, language, proposal, command, bounce, and
 * warnings last: `--json` printed warnings before the proposal, command or bounce it was filled alongside. The same
 * keys and values, in the contract's order (membership, crieur's own, before warnings).
 */
function inSpecOrder(r: ParseResult): ParseResult {
  const { warnings, ...rest } = r;
  return { ...rest, warnings };
}
