/**
 * Loop guards (RFC 3834 §2): whom crieur must never answer automatically. An answer to an auto-reply, a
 * bounce, list traffic or our own mail is how two robots end up mailing each other forever.
 */
import type { Address, Kind, Mail } from '../../types.ts';

const ROBOT_LOCAL = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|noreply-.*|bounces?(\+.*)?|.*-bounces?(\+.*)?|listserv|majordomo|owner-.*|.*-owner|.*-request)$/i;

export interface GuardInput {
  kind: Kind;
  mail: Pick<Mail, 'headers' | 'from'>;
  ownAddresses: string[];
}

/** null when an automatic answer is allowed, else the reason it is not. */
export function whyNotAnswer({ kind, mail, ownAddresses }: GuardInput): string | null {
  if (kind === 'auto-reply' || kind === 'bounce' || kind === 'list-post') return `never answer ${kind}`;
  const from = mail.from;
  if (!from) return 'no From address';
  if (isRobotAddress(from)) return `robot sender ${from.email}`;
  if (isOwnAddress(from.email, ownAddresses)) return 'our own mail';
  const h = mail.headers;
  const auto = h['auto-submitted']?.[0]?.trim().toLowerCase();
  if (auto && !auto.startsWith('no')) return `Auto-Submitted: ${auto}`;
  if (h['list-id'] || h['list-post']) return 'list traffic';
  const prec = h['precedence']?.[0]?.trim().toLowerCase();
  if (prec && /^(bulk|list|junk|auto_reply)$/.test(prec)) return `Precedence: ${prec}`;
  if (h['x-crieur-ref']) return 'crieur mail';
  // RFC 5321 §4.5.5: a message with a null reverse-path is a notice; nothing may be sent back to it.
  if (hasNullPath(h)) return 'null reverse-path (Return-Path: <>)';
  return null;
}

/**
 * null when crieur may write to this address on its own initiative, else why not: an address found in a
 * proposal's text (a co-speaker, a forwarded original's author) can be a robot's or our own.
 */
export function whyNotSendTo(email: string, ownAddresses: string[]): string | null {
  if (isOwnAddress(email, ownAddresses)) return `our own address ${email}`;
  if (isRobotAddress({ email })) return `robot address ${email}`;
  return null;
}

/** `Return-Path: <>` (or empty): the null reverse-path of a notice (RFC 5321 §4.5.5). */
export function hasNullPath(headers: Mail['headers']): boolean {
  return headers['return-path']?.some((v) => /^<?\s*>?$/.test(v.trim())) ?? false;
}

export function isRobotAddress(a: Address | { email: string }): boolean {
  const local = a.email.split('@')[0] ?? '';
  return ROBOT_LOCAL.test(local);
}

/** Our addresses, including plus-tagged variants (talks+o-p0001-…@…). */
export function isOwnAddress(email: string, own: string[]): boolean {
  const e = email.toLowerCase().replace(/\+[^@]*@/, '@');
  return own.some((o) => o.toLowerCase() === e);
}
