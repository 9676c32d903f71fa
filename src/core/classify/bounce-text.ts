/**
 * Non-standard bounces: qmail, Exim, Exchange, Lotus Notes, Yahoo, Gmail's old text bounces, French ISPs…
 * They carry no delivery-status part, so they are recognised by the signals MTAs have used for decades —
 * who sends them, what their subject says, what their first lines say — and read for a recipient and status.
 */
import type { BounceInfo, Mail } from '../../types.ts';
import { bodyText, hasNullReturnPath, header, isDaemonSender, isNoReplySender, toBounceAddress } from './signals.ts';
import { enhancedStatus, isDelayText, isGaveUpText, statusFromText } from './smtp-status.ts';
import { looksLikeProposal } from '../extract/index.ts';
import { titleFromSubject } from '../extract/subject.ts';
import { FORWARD_SUBJECT, findInlineForward } from '../text/forward.ts';
import { writtenLines } from '../text/new-text.ts';
import { phraseRegExp } from '../text/phrases.ts';
import { anyOf } from '../text/any-of.ts';
import { REPLY_PREFIX_SOURCE } from '../text/subject-prefixes.ts';
import { sesNotification } from './ses.ts';
import { MTA_SIGNATURES, NOTICE_BODY, NOTICE_SUBJECTS, ROBOT_SUBJECTS } from './mta-phrases.ts';

// What MTAs write in their notices: the tables are mta-phrases.ts's, compiled here once.
const SUBJECT = phraseRegExp('NOTICE_SUBJECTS', NOTICE_SUBJECTS, 'i');
/** A notice's subject only from a robot (see ROBOT_SUBJECTS). */
const ROBOT_SUBJECT = phraseRegExp('ROBOT_SUBJECTS', ROBOT_SUBJECTS, 'i');
const BODY = phraseRegExp('NOTICE_BODY', NOTICE_BODY, 'i');
/** Phrases only an MTA writes: enough on their own, whoever the From says sent them. */
// (asked yes or no over the first 4,000 characters of every message: one alternative at a time, text/any-of.ts)
const MTA_SIGNATURE = anyOf(phraseRegExp('MTA_SIGNATURES', MTA_SIGNATURES, 'i'));

/**
 * A person forwarding a bounce they got, with words of their own above it (« Fwd: Undeliverable: … » over « est-ce que
 * ma proposition vous est bien parvenue ? »): their own address (no robot's From, no null reverse-path, not written to a
 * bounce address), the notice inline under a forward marker or attached. Their question is for a person; the
 * notice is quoted. A bare forward of a bounce (no note) is still read as the bounce it carries.
 */
function forwardedWithANote(mail: Mail): boolean {
  if (!FORWARD_SUBJECT.test(mail.subject) || isDaemonSender(mail) || hasNullReturnPath(mail) || toBounceAddress(mail)) return false;
  const text = bodyText(mail);
  const inline = findInlineForward(text, true);
  const note = inline ? inline.note : mail.embedded.length > 0 ? text : '';
  return (note.match(/\p{L}{2,}/gu) ?? []).length >= 3;
}

/** A reply's subject (« Re: », "AW:", « RE : »), not a forward's. */
const REPLY_SUBJECT = new RegExp(`^\\s*${REPLY_PREFIX_SOURCE}`, 'i');

const SMTP_REPLY = /(?:^|[\s:;(])[45][0-5]\d[ -](?:[45]\.\d|\S)|(?<![\d.])[45]\.\d{1,3}\.\d{1,3}(?![\d.])/m;

/** How sure we are that a non-DSN message is a bounce; null when it is not one. */
export function looksLikeTextBounce(mail: Mail): string | null {
  if (forwardedWithANote(mail)) return null;
  const daemon = isDaemonSender(mail);
  const robot = daemon || hasNullReturnPath(mail) || toBounceAddress(mail);
  // A person's reply quoting a notice they got (« Re: Undelivered Mail Returned to Sender » over « J'ai reçu ce retour… »
  // and « > This is the mail system at host … », or Outlook's « -----Message d'origine----- » and the notice unquoted): a
  // mail system never quotes its own words, so in a reply from a person's address only the lines they wrote are read.
  // (A bare forward of a notice, quoted, is still the notice.)
  const head = !robot && REPLY_SUBJECT.test(mail.subject) ? writtenLines(bodyText(mail, 4000)).join('\n') : bodyText(mail, 4000);
  if (MTA_SIGNATURE.test(head)) return 'mta wording';
  // Amazon SES's bounce, its JSON the whole body whoever sends it (ses.ts): not a JSON example opening a proposal
  if (sesNotification(bodyText(mail, 50000)) === 'Bounce') return 'mta wording';
  let subject = SUBJECT.test(mail.subject) || (ROBOT_SUBJECT.test(mail.subject) && (robot || isNoReplySender(mail)));
  // the words inside a proposal's title ("Talk proposal: Undelivered Mail Returned to Sender — parsing DSNs in SQL") over
  // the proposal itself, from a person: as autoReplySubjectRule reads an auto-reply's words there
  if (subject && !robot && titleFromSubject(mail.subject).tagged && looksLikeProposal(mail)) subject = false;
  // A notice with no From and a null reverse-path, or one written to a member's VERP bounce address (RFC 5321 §4.5.5:
  // notices go to the envelope sender). A null reverse-path alone under a From is read by the rules after this one
  // (daemon senders, auto-replies, returned-to-sender): a mailbox provider's « your mail was rejected » notice is as
  // often sorted with auto-replies, and is never answered either way.
  const nullSender = (mail.from === null && hasNullReturnPath(mail)) || toBounceAddress(mail);
  // Every verdict below needs one of these three: most mail has none, and is spared the body's scan.
  if (!subject && !daemon && !nullSender) return null;
  const returned = mail.parts.some((p) => p.contentType === 'message/rfc822' || p.contentType === 'text/rfc822-headers');
  // Decided before the body is read: taking the subject out of the text compiles a pattern of its words (≈ 0.5 ms a
  // notice, a new one for each subject), and 26 of the corpus's 31 notices with a notice's subject need none.
  if (subject && (daemon || returned)) return 'bounce subject';
  // the body's own words: a speaker's talk « Undeliverable: les mails de pg_cron qui se perdent » names it in the text too
  const body = BODY.test(subject ? withoutSubject(head, mail.subject) : head);
  if (subject && body) return 'bounce subject';
  // A robot's notice that names a failure and shows what failed: an SMTP reply, or the returned original.
  if (daemon && body && (returned || SMTP_REPLY.test(head))) return 'mailer-daemon notice';
  if (daemon && mail.parts.some((p) => p.contentType === 'message/rfc822')) return 'mailer-daemon returned a message';
  if (nullSender && (body || subject)) return 'null sender notice';
  return null;
}

/**
 * The text with every copy of the subject taken out — and of its title after a proposal's tag (« Proposition : X » over
 * « Titre : X ») —, whatever the spaces, line breaks and punctuation between its words (« Undeliverable : les mails
 * de… » wrapped): what it says beyond its subject.
 */
function withoutSubject(text: string, subject: string): string {
  let out = text;
  const { title, tagged } = titleFromSubject(subject);
  for (const s of tagged && title ? [subject, title] : [subject]) {
    const words = s.match(/[\p{L}\p{N}_]+/gu) ?? [];
    if (words.join(' ').length < 12) continue;
    // words are letters and digits only: nothing to escape. A copy holds each word, so one absent means none: the
    // longest word, a literal, is checked first — the whole pattern's class of non-letters costs ≈ 0.3 ms to compile
    // under /iu (bench/parse: 4 % of the corpus's CPU, for the many notices that never repeat their subject).
    if (!new RegExp(words.reduce((a, b) => (b.length > a.length ? b : a)), 'iu').test(out)) continue;
    out = out.replace(new RegExp(words.join('[^\\p{L}\\p{N}_]+'), 'giu'), ' ');
  }
  return out;
}

// Where text bounces name the failed recipient, most explicit first. Each stops at the first match.
// Bounded like RFC 5321's limits (64-octet local part) so that a long run without spaces stays linear.
const ADDR = String.raw`([^\s<>:"',;()\[\]@]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24})`;
const RECIPIENT_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`(?:final|original)-recipient:\s*(?:rfc822;\s*)?<?${ADDR}`, 'i'),
  new RegExp(String.raw`"emailaddress"\s*:\s*"${ADDR}"`, 'i'),
  new RegExp(String.raw`^\s*<${ADDR}>\s*(?:\([^)\n]*\))?\s*:`, 'im'), // Postfix, qmail: "<a@b>: reason"
  // Exim, Exchange, Netscape: "The following address(es) failed:" then the address on a line of its own
  new RegExp(String.raw`following (?:address(?:\(es\))?|addresses|recipients?(?:\(s\))?|users?)\b[^\n@]{0,200}\n(?:[^\n@]{0,60}\n)?\s*"?<?${ADDR}`, 'i'),
  new RegExp(String.raw`(?:unknown user|user unknown|no such user|invalid (?:recipient|mailbox|address)|mailbox unavailable|rcpt to|recipient address|target mail address|original-rcpt-to)\s*:?\s*<?${ADDR}`, 'i'),
  new RegExp(String.raw`(?:mailbox|recipient|user|address|adresse|destinataire)\s+"?<?${ADDR}>?"?\s+(?:is|does|was|has|n'existe|est)\b`, 'i'),
  new RegExp(String.raw`\(${ADDR}\)`, 'i'), // Domino: "User x (a@b) not listed"
  new RegExp(String.raw`(?:deliver(?:ed)?|delivery) to\b[^\n@<]{0,40}\n?\s*<?${ADDR}`, 'i'),
  new RegExp(String.raw`^\s*"?<?${ADDR}>?"?\s*(?:\.\.\.|:|$)`, 'im'), // an address alone on its line
];
const RETURNED_PART = /^(received|return-path|message-id|x-[a-z-]+|dkim-signature):|^\s*-{3,}[^\n]*(original|returned|message|copy|header|en-t[eê]te)|^\|?-{5,}[^\n]*message text/im;
const ANY_ADDR = new RegExp(ADDR, 'gi');

function cleanAddress(a: string): string {
  return a.replace(/^mailto:/i, '').replace(/[.,;:'"]+$/, '').toLowerCase();
}

/** The notice's own words, before the returned original's headers: where it names what failed. */
function noticePart(text: string): string {
  const m = RETURNED_PART.exec(text);
  return m ? text.slice(0, m.index) : text.slice(0, 5000);
}

function recipientIn(mail: Mail, text: string): string | null {
  // Exim's and Gmail's own header names what failed, whatever language the notice is written in
  const failed = header(mail, 'x-failed-recipients')?.match(ANY_ADDR)?.[0];
  if (failed) return cleanAddress(failed);
  const notice = `${mail.subject}\n${noticePart(text)}`;
  for (const re of RECIPIENT_PATTERNS) {
    const m = re.exec(notice);
    if (m) return cleanAddress(m[1]!);
  }
  // The returned original's To: is the address we wrote to, when the notice names none in its words.
  const original = mail.embedded[0]?.to[0]?.email.toLowerCase();
  if (original) return original;
  const notOurs = new Set([...mail.to, ...(mail.from ? [mail.from] : [])].map((a) => a.email.toLowerCase()));
  for (const m of notice.matchAll(ANY_ADDR)) {
    const a = cleanAddress(m[1]!);
    if (!notOurs.has(a) && !/^(postmaster|mailer-daemon)@/i.test(a)) return a;
  }
  return null;
}

/** Recipient, status and action of a text bounce, from its subject, its body and the returned original. */
export function readTextBounce(mail: Mail): BounceInfo {
  const text = bodyText(mail);
  const scan = `${mail.subject}\n${noticePart(text)}`;
  const explicit = enhancedStatus(scan);
  // a 4.x.x reply quoted by a notice that gave up (Exim's « returning message to sender » after the retry time) failed
  const head = scan.slice(0, 3000);
  const gaveUp = isGaveUpText(head);
  const delayed = !gaveUp && (explicit ? explicit.startsWith('4') : isDelayText(mail.subject) || isDelayText(head));
  return { recipient: recipientIn(mail, text), status: explicit ?? statusFromText(scan, delayed), action: delayed ? 'delayed' : 'failed' };
}
