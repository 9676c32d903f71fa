/**
 * A campaign recipient's own parts, derived (never random) so that every attempt of one mail carries the same
 * bytes: a retry after a crash or a 4xx is the same Message-ID, the same unsubscribe address.
 *  - Message-ID `<a{campaign}.{hash of recipient}@domain>`.
 *  - Unsubscribe: `mailto:talks+u-{mac}@domain?subject=unsubscribe` (RFC 2369 List-Unsubscribe, mailto); the mac
 *    proves the address was ours to unsubscribe (issue 9 acts on it).
 *  - VERP envelope sender `bounces+jean=example.fr@domain`: a bounce names the member even when its text doesn't.
 *  - A speaker's row (a reminder that « vous présentez… ») names its proposal (speakerRowVariant): that speaker's
 *    reply token for it, minted on the campaign's creation day, in Reply-To and in front of the Message-ID — the
 *    acknowledgement's mechanism, so that « je suis malade » or « retirer » in a reply acts as in a reply to it.
 */
import { createHash, createHmac } from 'node:crypto';
import { mintMemberToken } from '../membership/token.ts';
import { mintToken } from '../tokens.ts';
import { closeBidi } from '../text/bidi.ts';
import type { SlotValues } from './mime-template.ts';

export function campaignMessageId(campaignId: number, recipient: string, domain: string): string {
  const h = createHash('sha256').update(`${campaignId}|${recipient.trim().toLowerCase()}`).digest('hex').slice(0, 20);
  return `<a${campaignId}.${h}@${domain}>`;
}

export function unsubscribeMac(secret: string, recipient: string): string {
  return createHmac('sha256', secret).update(`crieur/1|unsubscribe|${recipient.trim().toLowerCase()}`).digest('hex').slice(0, 20);
}

export function unsubscribeMailto(inbox: string, secret: string, recipient: string): string {
  const at = inbox.lastIndexOf('@');
  return `mailto:${inbox.slice(0, at)}+u-${unsubscribeMac(secret, recipient)}${inbox.slice(at)}?subject=unsubscribe`;
}

/** `bounces@x` + `jean@example.fr` → `bounces+jean=example.fr@x` (Postfix/qmail VERP form). */
export function verpAddress(bounces: string, recipient: string): string {
  const at = bounces.lastIndexOf('@');
  const r = recipient.trim().toLowerCase().replace(/@/, '=');
  // A local part over 64 octets would be refused: fall back to the plain address.
  if (at < 0 || at + 1 + r.length > 64) return bounces;
  return `${bounces.slice(0, at)}+${r}${bounces.slice(at)}`;
}

/** `talks@x` + token → `talks+TOKEN@x`. */
export function plusAddress(address: string, tag: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at)}+${tag}${address.slice(at)}`;
}

/**
 * A member's unsubscribe links (issue 9): the mailto to the inbox's plus-address and, with a public https base,
 * the one-click link; both carry the member's own token (src/core/membership/token.ts).
 */
export function memberUnsubscribe(o: { memberId: number; recipient: string; inbox: string; secret: string; publicUrl?: string | undefined }): { mailto: string; https: string | null } {
  const token = mintMemberToken(o.secret, 'unsubscribe', o.memberId, o.recipient);
  const base = o.publicUrl?.replace(/\/+$/, '');
  return { mailto: `mailto:${plusAddress(o.inbox, token)}?subject=unsubscribe`, https: base ? `${base}/unsubscribe/${token}` : null };
}

/** The VERP envelope sender of a member: `bounces+b-ID-MAC@x`, which names them without showing the address. */
export function memberVerp(bounces: string, secret: string, memberId: number, recipient: string): string {
  return plusAddress(bounces, mintMemberToken(secret, 'bounce', memberId, recipient));
}

/**
 * A campaign row's variant names the built mail it gets (the campaign's parts are keyed by it); a speaker's row adds
 * the proposal it is about, `speaker:fr#P-0007`, so that its reply token is that speaker's for that proposal — the
 * mail stays the one variant's, built once. Only `speaker:` variants name one: a member's or a list's copy has no
 * token that could act on anything.
 */
export function speakerRowVariant(variant: string, ref: string): string {
  return `${variant}#${ref}`;
}

/**
 * An update's variant for a reader who had no earlier version of the announcement (a member who joined since, a list
 * added to the configuration, a row the first version never reached): the event as it stands, as a first
 * announcement — not « Mise à jour » and « Ce qui a changé » of a version they never saw. `member:fr` → `member:fr+first`;
 * the prefix (list:, member:) still says who the row goes to.
 */
export function firstSightVariant(variant: string): string {
  return `${variant}+first`;
}

export function rowVariant(rowVariant: string): { key: string; proposal: string | null } {
  const m = /^(speaker:[^#]*)#(P-\d+)$/.exec(rowVariant);
  return m ? { key: m[1]!, proposal: m[2]! } : { key: rowVariant, proposal: null };
}

export function slotValues(o: {
  campaignId: number;
  recipient: string;
  name: string | null;
  domain: string;
  inbox: string;
  secret: string;
  memberId?: number | null;
  publicUrl?: string | undefined;
  /**
   * A speaker's row: the proposal their reply token names and the day it is minted on (the campaign's creation, not
   * the send: a retry days later sends the same bytes).
   */
  speakerOf?: { ref: string; mintedAt: Date } | null;
  /** When the recipient's row was written (its Date header: the same on every attempt); now when there is none (a preview). */
  date?: Date;
}): SlotValues {
  const token = o.speakerOf ? mintToken(o.secret, { purpose: 'speaker', ref: o.speakerOf.ref }, o.recipient, o.speakerOf.mintedAt) : null;
  const messageId = campaignMessageId(o.campaignId, o.recipient, o.domain);
  const links = o.memberId != null ? memberUnsubscribe({ memberId: o.memberId, recipient: o.recipient, inbox: o.inbox, secret: o.secret, publicUrl: o.publicUrl }) : null;
  const mailto = links?.mailto ?? unsubscribeMailto(o.inbox, o.secret, o.recipient);
  return {
    to: o.recipient,
    // `<TOKEN.a12.h@domain>`, as tokenMessageId writes an acknowledgement's: a client that drops Reply-To still answers it
    messageId: token ? `<${token}.${messageId.slice(1)}` : messageId,
    // « Bonjour NAME, »: the name's direction overrides end before the comma (core/text/bidi.ts)
    greeting: o.name && o.name.trim() !== '' ? ` ${closeBidi(o.name.replace(/\s+/g, ' ').trim())}` : '',
    // The footer shows the page when there is one (a person clicks), else the mailto.
    unsubscribe: links?.https ?? mailto,
    listUnsubscribe: links?.https ? `<${mailto}>, <${links.https}>` : `<${mailto}>`,
    // without a token (a row written before rows named their proposal), the inbox: read by the organizers
    replyTo: token ? plusAddress(o.inbox, token) : o.inbox,
    date: rfc5322Date(o.date ?? new Date()),
  };
}

/** `Thu, 03 Dec 2026 08:30:00 +0000`: RFC 5322's date-time, in UTC. */
export function rfc5322Date(d: Date): string {
  return d.toUTCString().replace(/GMT$/, '+0000');
}
