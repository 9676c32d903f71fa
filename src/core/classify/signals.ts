/**
 * Small readers of a decoded Mail that several rules share: one header's value, the report type of a
 * multipart/report, who sent it, and a bounded slice of the body so that no rule scans megabytes.
 */
import type { Address, Mail, MailPart } from '../../types.ts';
import { withoutControls } from '../text/controls.ts';
import { cleanName, looksLikePersonName, nameFromLocalPart } from '../text/names.ts';
import { fold } from '../text/fold.ts';
import { type Phrases, phraseRegExp } from '../text/phrases.ts';
import { hasNullPath, isRobotAddress } from '../pipeline/loop-guard.ts';
import { splitPlus } from '../address.ts';
import { findMemberToken } from '../membership/token.ts';

/** Rules look at most this much body text: bounce and auto-reply signals sit at the top of a message. */
export const SCAN_LIMIT = 20_000;

export function header(mail: Mail, name: string): string | null {
  const v = mail.headers[name];
  return v && v.length > 0 ? v[0]!.trim() : null;
}

/** Presence only, without reading the value (a value is decoded when first read: see src/adapters/mailparser.ts). */
export function hasHeader(mail: Mail, name: string): boolean {
  return Object.hasOwn(mail.headers, name);
}

/** `multipart/report; report-type=delivery-status` → `delivery-status` (lower-case), else null. */
export function reportType(mail: Mail): string | null {
  const ct = header(mail, 'content-type');
  if (!ct || !/^\s*multipart\/report/i.test(ct)) return null;
  const m = /report-type\s*=\s*"?([a-z0-9._-]+)/i.exec(ct);
  return m ? m[1]!.toLowerCase() : null;
}

export function partOfType(mail: Mail, re: RegExp): MailPart | null {
  return mail.parts.find((p) => re.test(p.contentType)) ?? null;
}

/** A part's content as text, bounded; delivery-status parts are ASCII or UTF-8 (RFC 6533). Decoded here, so cleaned here. */
export function partText(part: MailPart, limit = SCAN_LIMIT): string {
  return withoutControls(part.content.subarray(0, limit).toString('utf8'));
}

/** The body text the rules scan: the decoded text, cut to SCAN_LIMIT characters. */
export function bodyText(mail: Mail, limit = SCAN_LIMIT): string {
  const t = mail.text ?? '';
  return t.length > limit ? t.slice(0, limit) : t;
}

export function fromEmail(mail: Mail): string | null {
  return mail.from ? mail.from.email.toLowerCase() : null;
}

function localPart(email: string): string {
  const at = email.lastIndexOf('@');
  return (at < 0 ? email : email.slice(0, at)).toLowerCase();
}

// The mail system's own senders: they send bounces and notices, never talk proposals. Exchange's system mailbox
// (MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@…) sends its NDRs and « Delivery delayed » notices.
const DAEMON_LOCAL_PARTS: Phrases = [
  'mailer[-_.]?daemon', 'mail[-_.]?daemon', 'postmaster', 'post[-_.]master', 'mail\\.delivery\\.system', 'mdaemon', 'mmdf', 'smtp[-_.]?gateway',
  'microsoftexchange[0-9a-f]{32}',
];
const DAEMON_LOCAL = phraseRegExp('DAEMON_LOCAL_PARTS', DAEMON_LOCAL_PARTS, 'i', '^', '$');
/** The display names MTAs give their senders ("Mail Delivery Subsystem"). */
const DAEMON_NAMES: Phrases = ['mail delivery (subsystem|system|service)', 'mailer[- ]daemon', 'postmaster', 'system administrator', 'mail administrator'];
const DAEMON_NAME = phraseRegExp('DAEMON_NAMES', DAEMON_NAMES, 'i', '\\b', '\\b');
/** noreply@, no-reply+x@, and a service's prefixed ones: messages-noreply@ (LinkedIn), forms-receipts-noreply@ (Google). */
const NOREPLY_LOCAL_PARTS: Phrases = { en: ['no[-_.]?reply', 'do[-_.]?not[-_.]?reply', 'donotreply'], fr: ['ne[-_.]?pas[-_.]?repondre'] };
const NOREPLY_LOCAL = phraseRegExp('NOREPLY_LOCAL_PARTS', NOREPLY_LOCAL_PARTS, 'i', '(?:^|[-_.])', '([-_.+].*)?$');

/** MAILER-DAEMON, postmaster and the names MTAs give them ("Mail Delivery Subsystem"). */
export function isDaemonSender(mail: Mail): boolean {
  const from = mail.from;
  if (!from) return false;
  return DAEMON_LOCAL.test(localPart(from.email)) || (from.name !== null && DAEMON_NAME.test(from.name));
}

/**
 * noreply@ — unless the mail relays a person's words: a web form's notification sent from noreply@ with the person
 * who filled the form in as Reply-To is that person's mail (see replyToPerson).
 */
export function isNoReplySender(mail: Mail): boolean {
  return mail.from !== null && NOREPLY_LOCAL.test(localPart(mail.from.email)) && replyToPerson(mail) === null;
}

// A web site's own senders: its form plugin or its web server mails the notifications (wordpress@, forms@, www-data@).
const SITE_LOCAL_PARTS: Phrases = [
  'wordpress', 'wp', 'wpforms', 'www', 'www[-_.]?data', 'web', 'website', 'site', 'webmaster', 'web[-_.]?forms?', 'forms?', 'formulaires?',
  'contact[-_.]?forms?', 'notifications?', 'notify', 'mailer', 'nobody', 'apache', 'nginx', 'robot', 'bot',
];
const SITE_LOCAL = phraseRegExp('SITE_LOCAL_PARTS', SITE_LOCAL_PARTS, 'i', '^', '([-_.+].*)?$');

/**
 * An address no person writes from: the loop guard's robots (noreply@, MAILER-DAEMON, list robots), the mail system's
 * own senders, and a web site's wordpress@, forms@, webmaster@.
 */
export function isMachineAddress(a: Pick<Address, 'email'>): boolean {
  const local = localPart(a.email);
  return isRobotAddress(a) || NOREPLY_LOCAL.test(local) || DAEMON_LOCAL.test(local) || SITE_LOCAL.test(local);
}

/**
 * The person named in Reply-To, when it names one: a single address, neither a robot's nor a role account's
 * (contact@, info@), not the sender's own, with a person's name (or a first.last address) other than the sender's
 * display name. A web form's notification comes From wordpress@ or noreply@ with Reply-To the person who filled it in.
 */
export function replyToPerson(mail: Mail): Address | null {
  if (mail.replyTo.length !== 1 || !mail.from) return null;
  const r = mail.replyTo[0]!;
  if (!r.email || r.email.toLowerCase() === mail.from.email.toLowerCase() || isMachineAddress(r)) return null;
  const fromLocal = nameFromLocalPart(r.email);
  if (!fromLocal) return null;
  const name = cleanName(r.name);
  if (name) {
    if (!looksLikePersonName(name)) return null;
    // "PGConf Europe" writing with Reply-To "PGConf Europe <events@…>" is the sender again; "Hiroshi Tanaka via
    // PostgreSQL Paris <wordpress@…>" with Reply-To "Hiroshi Tanaka <hiro.tanaka@…>" is the person, whose address says so
    if (name === cleanName(mail.from.name) && !fold(fromLocal).split(' ').some((w) => w.length >= 3 && fold(name).split(' ').includes(w))) return null;
    return { name, email: r.email };
  }
  // no display name: "camille.rousseau@…" is a person, "jdoe@…" may be one too but says less
  return fromLocal.includes(' ') ? { name: null, email: r.email } : null;
}

/** RFC 3464/3834: notices about mail are sent with an empty envelope sender, seen as `Return-Path: <>`. */
export function hasNullReturnPath(mail: Mail): boolean {
  return hasNullPath(mail.headers);
}

/** The plus-tags of the addresses a mail was written to (To, Cc, and what the MTA recorded). */
export function addressTags(mail: Mail): string[] {
  const addrs = [...mail.to, ...mail.cc].map((a) => a.email);
  for (const h of ['delivered-to', 'x-original-to', 'envelope-to']) addrs.push(...(mail.headers[h] ?? []));
  return addrs.map((a) => splitPlus(a.replace(/^.*</, '').replace(/>.*$/, '').trim()).tag).filter((t): t is string => !!t);
}

/**
 * Written to a member's VERP bounce address (`talks+b-ID-MAC@…`): only mail systems and auto-responders write there,
 * answering the envelope sender of crieur's own mail.
 */
export function toBounceAddress(mail: Mail): boolean {
  return addressTags(mail).some((tag) => findMemberToken(tag)?.purpose === 'bounce');
}

/** The address part of a DSN/ARF field value: `rfc822; <a@b>` → `a@b`. */
export function addressFromField(value: string): string | null {
  const v = value.replace(/^\s*[a-z0-9-]+\s*;\s*/i, '').trim();
  const m = /<?([^\s<>;"@]{1,64}@[^\s<>;"@]{1,255}?)>?\s*$/.exec(v) ?? /([^\s<>;"(@]{1,64}@[a-z0-9.-]{1,255}\.[a-z]{2,})/i.exec(v);
  return m ? m[1]!.replace(/[.,;:]+$/, '').toLowerCase() : null;
}
