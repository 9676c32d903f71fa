/** Use case behind `crieur parse` and the classify worker: raw bytes → ParseResult, or a reason why not. */
import type { Config } from '../config/schema.ts';
import type { Mail, ParseContext, ParseResult } from '../types.ts';
import { understand, notMailReason } from '../core/understand.ts';
import { classify } from '../core/classify/index.ts';
import type { Kind } from '../types.ts';
import { addressOf } from '../core/address.ts';

export type ParseOutcome = { ok: true; result: ParseResult; mail: Mail } | { ok: false; error: string };

/**
 * Raw RFC 5322 bytes → the decoded Mail the core reads. Implemented by src/adapters/mailparser.ts
 * (mailparserReader); the use cases get it in their deps, the CLI and the benches pass it.
 */
export interface MailReader {
  read(raw: Buffer): Promise<Mail>;
  /** The header block only (no text, parts nor embedded message): for decisions headers can make alone. */
  readHeaders(raw: Buffer): Promise<Mail>;
  /** An HTML body as text with its web links' targets kept (`text <https://…>`): what a digest shows of an HTML-only post. */
  textWithLinks(html: string): string | null;
}

/** What a reason begins with when the reader gave up on a message (not: no mail at all). */
export const UNREADABLE = 'unreadable message: ';

export async function parseRawMessage(raw: Buffer, ctx: ParseContext, reader: MailReader): Promise<ParseOutcome> {
  if (raw.length === 0) return { ok: false, error: 'empty input: not a mail message' };
  let mail: Mail;
  try {
    mail = await reader.read(raw);
  } catch (err) {
    return { ok: false, error: `${UNREADABLE}${(err as Error).message}` };
  }
  const notMail = notMailReason(mail);
  if (notMail) return { ok: false, error: notMail };
  return { ok: true, result: understand(mail, ctx), mail };
}

/** Kinds the classification chain names without reading a body, when the headers alone name them (below). */
const KNOWN_FROM_HEADERS: ReadonlySet<Kind> = new Set(['auto-reply', 'bounce', 'list-post', 'command', 'reply']);

/**
 * What the header block alone tells of a message, for the inbox watcher's question — move it out of the inbox, or
 * leave it for humans ('other')? A kind when the headers name it, null when the message cannot be read or is not
 * mail, `undefined` when only the body can tell (a proposal, or 'other'): then the whole message is decoded, once
 * (receive-message.ts).
 *
 * When the chain run on the header block names one of KNOWN_FROM_HEADERS, a full decode could only name another of
 * them — every rule before those that answers 'other' (own mail) reads headers only — or a proposal (a subject a
 * helpdesk or an MTA would write, over a proposal's text: auto-reply.ts, bounce-text.ts), which leaves the inbox too;
 * so the move is the same and the body is not decoded here (bounces, auto-replies, list traffic, answers to our
 * tokens). The classify job decodes it and decides its kind.
 */
export async function kindFromHeaders(raw: Buffer, ctx: ParseContext, reader: MailReader): Promise<Kind | null | undefined> {
  if (raw.length === 0) return null;
  try {
    const head = await reader.readHeaders(raw);
    if (notMailReason(head)) return null;
    const kind = classify(head, ctx).kind;
    return KNOWN_FROM_HEADERS.has(kind) ? kind : undefined;
  } catch {
    return null;
  }
}

export function parseContextFrom(config: Config): ParseContext {
  const own = [config.addresses.proposals, addressOf(config.addresses.from), config.addresses.bounces, ...config.lists.map((l) => l.address)];
  return {
    ownAddresses: own.filter((a): a is string => typeof a === 'string' && a !== '').map((a) => a.toLowerCase()),
    organizers: config.organizers.map((o) => o.toLowerCase()),
    secret: config.secret ?? null,
    now: () => new Date(),
    tokenMaxAgeDays: config.tokens.maxAgeDays,
    timeZone: config.group.timezone,
    locale: config.group.locale,
  };
}
