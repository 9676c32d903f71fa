/**
 * The header side of an outgoing mail, decided in one pure place: who, threading, loop-prevention headers,
 * and where the reply token goes. The result is a plain object in the shape nodemailer's MailComposer reads
 * (src/adapters/smtp/build-raw.ts turns it into bytes); nothing here imports nodemailer.
 *
 * Why these headers:
 *  - `Auto-Submitted` (RFC 3834): auto-replied for answers to a person's mail, auto-generated for the rest;
 *    well-behaved responders (vacation, ticket systems) then never answer us, which is half of loop safety.
 *  - `X-Auto-Response-Suppress: All`: the same request in Exchange's dialect (no OOF, no read receipts).
 *  - `In-Reply-To`/`References`: the acknowledgement sits in the speaker's own thread.
 *  - Reply-To `talks+TOKEN@domain` and Message-ID `<TOKEN.nonce@domain>`: a reply finds its proposal even when
 *    the client drops Reply-To (it still quotes our Message-ID in References) or vice versa.
 */
import type { Address } from '../../types.ts';
import { closeBidi } from '../text/bidi.ts';

export type AutoSubmitted = 'auto-replied' | 'auto-generated' | 'no';

export interface MessageInput {
  from: string;
  to: Address | string;
  replyTo?: string | null;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  date: Date;
  inReplyTo?: string | null;
  references?: string[];
  autoSubmitted: AutoSubmitted;
  /** Extra headers (List-*, X-Crieur-Ref…). Values must be single-line. */
  headers?: Record<string, string>;
}

/** Structurally a nodemailer `MailComposerOptions`. */
export interface OutgoingMessage {
  from: string;
  /** nodemailer's address object shape ({name, address}), not crieur's `Address`. */
  to: string | { name: string; address: string };
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  date: Date;
  inReplyTo?: string;
  references?: string[];
  headers: Record<string, string>;
  /** Bodies are UTF-8 text: quoted-printable keeps them readable in the raw source and in the outbox. */
  encoding: 'quoted-printable';
}

/** How many References to keep: RFC 5322 §3.6.4 allows trimming; keep the root and the latest ones. */
const MAX_REFERENCES = 10;

export function composeMessage(m: MessageInput): OutgoingMessage {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) {
    if (!/^[!-9;-~]+$/.test(k)) throw new Error(`invalid header name ${JSON.stringify(k)}`);
    headers[k] = oneLine(v);
  }
  if (m.autoSubmitted !== 'no') {
    headers['Auto-Submitted'] = m.autoSubmitted;
    headers['X-Auto-Response-Suppress'] = 'All';
  }
  // A display name's direction overrides end with it: a client showing « name <address> » must not show the address reversed.
  const to = typeof m.to === 'string' ? oneLine(m.to) : { name: m.to.name ? closeBidi(oneLine(m.to.name)) : '', address: oneLine(m.to.email) };
  const out: OutgoingMessage = {
    from: oneLine(m.from),
    to,
    subject: oneLine(m.subject),
    html: m.html,
    text: m.text,
    messageId: m.messageId,
    date: m.date,
    headers,
    encoding: 'quoted-printable',
  };
  if (m.replyTo) out.replyTo = oneLine(m.replyTo);
  if (m.inReplyTo) out.inReplyTo = m.inReplyTo;
  const refs = trimReferences(m.references ?? []);
  if (refs.length > 0) out.references = refs;
  return out;
}

/** Threading headers for an answer to `parent`: References = parent's References + parent's Message-ID. */
export function threadHeaders(parent: { messageId: string | null; references: string[] }): { inReplyTo: string | null; references: string[] } {
  const own = headerMsgId(parent.messageId);
  const refs = parent.references.map(headerMsgId).filter((r): r is string => r !== null);
  return { inReplyTo: own, references: trimReferences(own ? [...refs, own] : refs) };
}

/**
 * The msg-id of a sender's header as ours can carry it: its first `<…>`, with no space, short enough to fit a header
 * line (RFC 5322: 998 octets, which folding cannot help for one id). A Message-ID of 2,000 `a` — or one followed by
 * anything the sender chose — made a 2,014-octet In-Reply-To line that relays refuse, parking the acknowledgement.
 */
const MAX_MSG_ID = 900;
function headerMsgId(value: string | null): string | null {
  const id = value ? /<[^<>\s]+>/.exec(value)?.[0] : undefined;
  return id && id.length <= MAX_MSG_ID ? id : null;
}

/** `talks@pgug.example.org` + token → `talks+token@pgug.example.org`. */
export function tokenAddress(address: string, token: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) throw new Error(`not an address: ${address}`);
  return `${address.slice(0, at)}+${token}${address.slice(at)}`;
}

/** `<TOKEN.nonce@domain>`: the nonce (random, from the caller) keeps Message-IDs unique per mail. */
export function tokenMessageId(token: string, nonce: string, domain: string): string {
  return `<${token}.${nonce}@${domain}>`;
}

export function domainOf(address: string): string {
  const m = /@([^>\s]+)>?\s*$/.exec(address);
  if (!m?.[1]) throw new Error(`no domain in ${address}`);
  return m[1].toLowerCase();
}

function trimReferences(refs: string[]): string[] {
  const unique = refs.filter((r, i) => r.trim() !== '' && refs.indexOf(r) === i);
  if (unique.length <= MAX_REFERENCES) return unique;
  return [unique[0]!, ...unique.slice(unique.length - (MAX_REFERENCES - 1))];
}

/** Header values never carry user-supplied line breaks (header injection, broken folding). */
function oneLine(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}
