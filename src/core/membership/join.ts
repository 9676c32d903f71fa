/**
 * The pure decisions of joining (double opt-in, issue 9): which addresses crieur may write a confirmation to, and
 * what a confirmation token's request allows. No IO, no clock: the use case (src/app/join.ts) passes `now`.
 */

import { domainToASCII } from 'node:url';

/** RFC 5321's path limit; a longer "address" is no address any server would deliver to. */
const MAX_ADDRESS = 254;
/**
 * A deliverable-looking address: one @, a dotted domain, no spaces, quotes, brackets nor controls. Deliberately
 * narrower than RFC 5322 (quoted local parts, domain literals): a person's address on a web form or in From has
 * none of those, and anything odd here would be written into a mail header.
 */
const ADDRESS_RE = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/**
 * The address to write to, trimmed, its domain lower-cased (the local part is the mailbox owner's business) and an
 * internationalized domain in its ASCII form (`jo@exämple.fr` → `jo@xn--exmple-cua.fr`, UTS #46 as browsers do:
 * every relay delivers to it, and the same mailbox is one member however it was typed); null when it is not one, or
 * when it is one of ours (a request from our own address or a list would make crieur write to itself). A non-ASCII
 * local part stays refused: only a relay speaking SMTPUTF8 could deliver to it.
 */
export function joinAddress(input: string, own: readonly string[]): string | null {
  const typed = input.trim();
  const at0 = typed.lastIndexOf('@');
  // domainToASCII gives '' for a domain that has no ASCII form: refused below like any malformed domain.
  const s = at0 > 0 && /[^\x00-\x7f]/.test(typed.slice(at0 + 1)) ? `${typed.slice(0, at0)}@${domainToASCII(typed.slice(at0 + 1))}` : typed;
  if (s.length === 0 || s.length > MAX_ADDRESS || !ADDRESS_RE.test(s)) return null;
  const at = s.lastIndexOf('@');
  const local = s.slice(0, at);
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return null;
  const address = `${local}@${s.slice(at + 1).toLowerCase()}`;
  return isOwnAddress(address, own) ? null : address;
}

/**
 * One of ours, plus-tags and case aside (`talks+c-…@`, `Bounces@`): crieur's own addresses and its lists' are never a
 * member — crieur would write to itself, or hand a list its own unsubscribe link. Shared with the roster's CLI.
 */
export function isOwnAddress(input: string, own: readonly string[]): boolean {
  const s = input.trim().toLowerCase();
  const at = s.lastIndexOf('@');
  const base = at < 0 ? s : `${s.slice(0, at).split('+')[0]!}@${s.slice(at + 1)}`;
  return own.some((o) => o.toLowerCase() === s || o.toLowerCase() === base);
}

export interface JoinRequestState {
  expiresAt: Date;
  confirmedAt: Date | null;
}

export type RequestVerdict = 'open' | 'confirmed' | 'expired';

/** Confirmed wins over expired: confirming twice says "already", even after the request's lifetime. */
export function requestVerdict(r: JoinRequestState, now: Date): RequestVerdict {
  if (r.confirmedAt !== null) return 'confirmed';
  return now.getTime() >= r.expiresAt.getTime() ? 'expired' : 'open';
}

export function expiresAt(now: Date, confirmDays: number): Date {
  return new Date(now.getTime() + confirmDays * 86_400_000);
}
