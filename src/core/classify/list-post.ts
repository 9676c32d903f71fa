/**
 * Mailing-list traffic: RFC 2369/2919 List-* headers, and the older marks list managers left before those
 * existed (ezmlm's Mailing-List, Mailman's X-Mailman-Version, Majordomo's and vger's `Sender: owner-…`,
 * `Precedence: list`, and `bulk` for mass mailings), plus a subject tag that names the list the mail was addressed to.
 */
import type { Mail, ParseContext } from '../../types.ts';
import type { Rule } from './chain.ts';
import { isOwnAddress } from '../pipeline/loop-guard.ts';
import { addressFromField, hasHeader, header } from './signals.ts';

const LIST_HEADERS = [
  'list-id',
  'list-post',
  'list-unsubscribe',
  'list-subscribe',
  'list-help',
  'list-archive',
  'list-owner',
  'mailing-list',
  'x-mailman-version',
  'x-mailing-list',
  'x-ml-name',
  'x-list',
  'x-listname',
  'x-list-id',
  'x-beenthere',
  'x-loop-list',
  'x-ezmlm-version',
  // Patchwork keeps a copy of every patch posted to the lists it tracks.
  'x-patchwork-id',
  'x-patchwork-delegate',
] as const;
/** Pipermail/HyperKitty archives rewrite senders as `user at example.org`: a copy taken from a list archive. */
const ARCHIVE_FROM = /^[^\s@<>]+ at [a-z0-9-]+(\.[a-z0-9-]+)+\b/i;
const LIST_SENDER = /^(owner-[^@]+|[^@]+-(owner|bounces?|request|admin))(\+[^@]*)?@/i;

export function hasListHeaders(mail: Mail): boolean {
  // List-Unsubscribe alone is what marketing tools (HubSpot, Brevo) add to one person's mail: a sponsor's offer
  // written to the organizers is no list post (moved out of sight), it is left for them to read
  if (LIST_HEADERS.some((h) => h !== 'list-unsubscribe' && hasHeader(mail, h))) return true;
  if (/^list$/i.test(header(mail, 'precedence') ?? '')) return true;
  if (ARCHIVE_FROM.test(header(mail, 'from') ?? '')) return true;
  return mail.sender !== null && LIST_SENDER.test(mail.sender.email);
}

/** A display name « X via the list » (« 'Nora Ali' via pgparis-meetup », « Nora Ali (via generale) »): see postedAsTheList. */
const VIA_THE_LIST = /\S\s+\(?via\s+\S/i;

/** What crieur writes on its own mail (announcements and reminders, proposal mails, membership mails; digests). */
const CRIEUR_HEADERS = ['x-crieur-ref', 'x-crieur-digest'] as const;
/**
 * Where a list that rewrote the From keeps the writer's address: Google Groups' X-Original-Sender, Sympa's and
 * Google's X-Original-From, Mailman's Reply-To (munge_from; not its Cc, which a member's Reply All fills with ours).
 */
const ORIGINAL_WRITER = ['x-original-from', 'x-original-sender'] as const;

/** The list names one of our addresses, other than its own, as the mail's writer (the list's address is ours too). */
function writtenByUs(mail: Mail, from: string, own: string[]): boolean {
  const named = [...ORIGINAL_WRITER.flatMap((h) => mail.headers[h] ?? []).map(addressFromField), ...mail.replyTo.map((a) => a.email)];
  return named.some((a) => a !== null && a.toLowerCase() !== from && isOwnAddress(a, own));
}

/**
 * A member's post that the list sent under its own address: lists rewrite the From of senders whose domain publishes a
 * strict DMARC policy — Google Groups' « 'Nora Ali' via pgparis-meetup » <pgparis-meetup@googlegroups.com>, Mailman's
 * munge_from / dmarc_moderation_action, Sympa's dmarc_protection —, so the From is the list's posting address, the one
 * its List-Id is made of (RFC 2919: the address with `@` → `.`), its List-Post names, or Google's Mailing-list header,
 * under the member's name « via » the list's. The list's own mail from that address (a digest, a notice) names no one
 * via it; crieur's own mail rewritten so is « PostgreSQL Paris via generale » too, and stays our own: it keeps its
 * X-Crieur-Ref or X-Crieur-Digest, or the list names us as its writer (writtenByUs) — a call for proposals carries
 * neither header, and threaded as a member's post it would come back in the list's own digest.
 */
export function postedAsTheList(mail: Mail, own: string[]): boolean {
  const from = mail.from?.email.toLowerCase();
  if (!from || !VIA_THE_LIST.test(mail.from?.name ?? '') || CRIEUR_HEADERS.some((h) => hasHeader(mail, h)) || writtenByUs(mail, from, own)) return false;
  const listId = header(mail, 'list-id')?.toLowerCase() ?? '';
  const id = /<([^<>\s]+)>\s*$/.exec(listId)?.[1] ?? listId;
  if (id !== '' && id === from.replace('@', '.')) return true;
  // `<mailto:list@host>` (List-Post), `list list@host; contact list+owners@host` (Mailing-list: the list, not its owners)
  const posts = (header(mail, 'list-post') ?? '').toLowerCase().split(/[\s<>,;?]+/);
  return posts.includes(`mailto:${from}`) || /^list\s+([^\s;,]+)/i.exec(header(mail, 'mailing-list') ?? '')?.[1]?.toLowerCase() === from;
}

/**
 * `[rt-users] …` sent to rt-users@…: the tag names the address the mail was written To, as list managers deliver
 * it — unless our own address is written to as well. A list only in Cc is not enough: « Re: [generale] Appel à orateurs » answered with Reply All goes To the call's
 * sender (us, or the person answered) and Cc the list — with no list header, the copy in hand is the one written to
 * that person; the list's own copy carries its List-Id.
 */
function subjectTagNamesRecipient(mail: Mail, ctx: ParseContext): boolean {
  const tag = /\[([a-z0-9][a-z0-9._-]{1,60})\]/i.exec(mail.subject.slice(0, 200))?.[1]?.toLowerCase();
  if (!tag) return false;
  // Written to us as well (To the list, Cc our address): the writer's own copy to us — a speaker posting a proposal on
  // the list and copying the proposals address wants it filed (parse audit 12 lost such proposals); the list's copy of
  // it carries the list's headers.
  if ([...mail.to, ...mail.cc].some((a) => isOwnAddress(a.email, ctx.ownAddresses))) return false;
  return mail.to.some((a) => {
    const email = a.email.toLowerCase();
    return email.split('@')[0] === tag && !ctx.ownAddresses.includes(email);
  });
}

export const listPostRule: Rule = {
  name: 'list-post',
  test(mail, ctx) {
    if (hasListHeaders(mail)) return { kind: 'list-post' };
    // Reached only when no auto-reply rule claimed it: a bulk mailing without list headers (newsletter, forwarder).
    if (/^(bulk|junk)$/i.test(header(mail, 'precedence') ?? '')) return { kind: 'list-post', reasons: ['Precedence: bulk'] };
    if (subjectTagNamesRecipient(mail, ctx)) return { kind: 'list-post', reasons: ['subject tag names a recipient list'] };
    return null;
  },
};
