/**
 * Where the proposal is: the mail itself, or — when an organizer forwarded it — the forwarded message
 * (attached as message/rfc822, or inline under a "Forwarded message" marker). Returns the author, subject,
 * body (quoted history removed) and parts of the original, and who forwarded it.
 */
import type { Address, Mail, MailPart } from '../../types.ts';
import { findInlineForward, FORWARD_SUBJECT } from '../text/forward.ts';
import { stripQuotes } from '../text/quotes.ts';

export interface ProposalSource {
  author: Address | null;
  subject: string;
  /** The author's own words: quoted history removed, signature still there. */
  text: string;
  parts: MailPart[];
  cc: Address[];
  /** Who forwarded the proposal (null when the author sent it). */
  forwardedBy: Address | null;
}

/** A forwarder's note longer than this is a message of its own, not a cover line over an attached proposal. */
const SHORT_NOTE = 600;

/**
 * Computed once per Mail: classification (looksLikeProposal) and extraction both start here, and stripping
 * quotes and looking for an inline forward is the costly part. A Mail is never modified after decoding.
 */
const sources = new WeakMap<Mail, ProposalSource>();

export function proposalSource(mail: Mail): ProposalSource {
  let src = sources.get(mail);
  if (!src) sources.set(mail, (src = findSource(mail)));
  return src;
}

function findSource(mail: Mail): ProposalSource {
  const fwdSubject = FORWARD_SUBJECT.test(mail.subject.slice(0, 100));
  const text = mail.text ?? '';
  const inner = mail.embedded[0];
  if (inner && (fwdSubject || stripQuotes(text).length < SHORT_NOTE)) {
    return {
      author: inner.from,
      subject: inner.subject || mail.subject,
      text: stripQuotes(inner.text ?? ''),
      parts: [...inner.parts, ...mail.parts.filter((p) => p.contentType !== 'message/rfc822')],
      cc: inner.cc,
      forwardedBy: mail.from,
    };
  }
  const hint = fwdSubject || /\b(transf[èeé]r|forward|fwd|fyi|pour info|je te fais suivre|je vous fais suivre|see below|ci-dessous)/i.test(text.slice(0, 400));
  const fwd = text ? findInlineForward(text, hint) : null;
  if (fwd && fwd.from && (fwd.from.email || fwd.from.name) && fwd.body.trim() !== '') {
    return {
      author: fwd.from,
      subject: fwd.subject ?? mail.subject,
      text: stripQuotes(fwd.body),
      parts: mail.parts,
      cc: [],
      forwardedBy: mail.from,
    };
  }
  return { author: mail.from, subject: mail.subject, text: stripQuotes(text), parts: mail.parts, cc: mail.cc, forwardedBy: null };
}
