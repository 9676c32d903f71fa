/**
 * A mail built once for many recipients: the serialized MIME message as pieces, with slots where each recipient's
 * own parts go (To, Message-ID, the greeting's name, the unsubscribe address). Filling the slots is a few string
 * concatenations, never a compile or a compose (src/adapters/compose/campaign-mime.ts builds and fills it).
 * Plain JSON: a campaign stores its templates in the database, so that every attempt sends the same bytes.
 */

/** Where a slot's value lands, which decides its encoding: a header (ASCII), the HTML part, the text part. */
export type SlotEncoding = 'header' | 'html' | 'text';

/**
 * The per-recipient values (`replyTo`: a speaker's reply address, with their reply token: campaign-slots.ts; `date`: the
 * Date header, when the recipient's row was written — a member who joins a week later gets a mail of that day).
 */
export type SlotName = 'to' | 'messageId' | 'greeting' | 'unsubscribe' | 'listUnsubscribe' | 'replyTo' | 'date';

export interface Slot {
  slot: SlotName;
  enc: SlotEncoding;
  /** A header slot that is the whole value: the column after `Name:`, from which it is folded (RFC 5322 §2.1.1). */
  col?: number;
  /**
   * A text slot alone on its line: the line's text before and after it, filled with it and wrapped as a whole (the text
   * part's width, src/core/render/wrap.ts fillSlotLines), so that a long link goes to a line of its own. Templates
   * stored before it have none: their slot is filled where it stands.
   */
  line?: { before: string; after: string };
}

export type Piece = string | Slot;

export interface MimeTemplate {
  pieces: Piece[];
}

export type SlotValues = Record<SlotName, string>;

/** The sentinel a renderer puts where a slot goes (control characters: no template text or user text has them). */
export function sentinel(name: SlotName): string {
  return `\u0001${name}\u0001`;
}

export const SENTINEL_RE = /\u0001(to|messageId|greeting|unsubscribe|listUnsubscribe|replyTo)\u0001/g;
