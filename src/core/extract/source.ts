/**
 * Where the proposal is: the mail itself, or — when an organizer forwarded it — the forwarded message
 * (attached as message/rfc822, or inline under a "Forwarded message" marker). Returns the author, subject,
 * body (quoted history removed) and parts of the original, and who forwarded it.
 */
import type { Address, Mail, MailPart } from '../../types.ts';
import { findInlineForward, FORWARD_SUBJECT } from '../text/forward.ts';
import { stripQuotes } from '../text/quotes.ts';
import { cleanName, looksLikePersonName } from '../text/names.ts';

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
  const own = stripQuotes(text);
  const relayed = relayedAuthor(own);
  // the proposal is what follows the line that passes it on (that line is no abstract)
  if (relayed) return { author: relayed.author, subject: mail.subject, text: own.slice(relayed.end), parts: mail.parts, cc: mail.cc, forwardedBy: mail.from };
  return { author: mail.from, subject: mail.subject, text: own, parts: mail.parts, cc: mail.cc, forwardedBy: null };
}

/**
 * A proposal passed on in the writer's own words, with no forwarded message under it: « Je vous transmets la
 * proposition de Priya Raman (priya@…) : », "Forwarding a talk proposal from Priya Raman <priya@…>:". The person
 * named is the speaker (SPEC: the original author, not whoever passed it on) — only with a full name (two words,
 * capitalised) right after the lead, said in the opening lines; « ma proposition », "my proposal" are the writer's.
 */
const RELAY_LEAD = new RegExp(
  '(?:^|[.!:,]\\s+|\\n)\\s*' +
    "(?:je\\s+(?:te\\s+|vous\\s+)?(?:transmets|fais\\s+suivre|relaie|relaye|transf[èe]re|partage)|(?:i\\s*(?:am|['’]m)\\s+|we\\s*(?:are|['’]re)\\s+)?(?:forwarding|passing\\s+(?:on|along)|relaying)|i\\s+(?:forward|pass\\s+on|am\\s+passing\\s+on))" +
    '\\s+(?:(?:ici|ci-dessous|here|below)\\s+)?(?:la|une|cette|the|a|this)\\s+(?:(?:talk|lightning(?:\\s+talk)?|workshop)\\s+)?' +
    "(?:proposition|proposal|soumission|submission)\\s+(?:(?:de\\s+)?(?:talk|conf[ée]rence|pr[ée]sentation|lightning(?:\\s+talk)?|talk\\s+[ée]clair)\\s+|d['’]\\s*(?:intervention|expos[ée]|atelier)\\s+)?" +
    "(?:de|d['’]|from|by|of)\\s*",
  'i',
);
const RELAYED_NAME = /^(\p{Lu}[\p{L}'’-]+(?:\s+(?:de |du |van |von |le |la )?\p{Lu}[\p{L}'’-]+){1,3})\s*(?:[<([]\s*([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\s*[>)\]]|,?\s+([\w.+'-]+@[\w-]+(?:\.[\w-]+)+))?/u;

/** « de mon collègue Paul Martin », "from my colleague Paul Martin": the name follows. */
const COLLEAGUE = /^(?:(?:mon|ma|notre|my|our)\s+(?:coll[èe]gue|colleague|co-?worker|ami|amie|friend)\s+)/i;

function relayedAuthor(text: string): { author: Address; end: number } | null {
  const head = text.slice(0, 400);
  const lead = RELAY_LEAD.exec(head);
  if (!lead) return null;
  let at = lead.index + lead[0].length;
  at += COLLEAGUE.exec(head.slice(at))?.[0].length ?? 0;
  const m = RELAYED_NAME.exec(head.slice(at));
  const name = m ? cleanName(m[1]!) : null;
  if (!m || !name || !looksLikePersonName(name)) return null;
  const eol = text.indexOf('\n', at + m[0].length);
  return { author: { name, email: m[2] ?? m[3] ?? '' }, end: eol < 0 ? text.length : eol + 1 };
}
