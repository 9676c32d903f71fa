/**
 * Types shared across crieur's layers. The pure core (src/core) speaks only these; adapters translate
 * library objects (mailparser, pg, bullmq…) into them at the edge.
 */

/** What a message is, as `crieur parse` reports it (SPEC). */
export type Kind = 'proposal' | 'command' | 'reply' | 'auto-reply' | 'bounce' | 'list-post' | 'other';

export type Language = 'fr' | 'en';
export type TalkFormat = 'talk' | 'lightning';

export interface Address {
  name: string | null;
  email: string;
}

/** A MIME leaf that is not the body: an attachment, an inline image, a delivery-status part… */
export interface MailPart {
  filename: string | null;
  contentType: string; // lower-case type/subtype, no parameters
  disposition: 'attachment' | 'inline' | null;
  /** true for parts referenced from the HTML body (cid: images) — not user attachments. */
  related: boolean;
  size: number;
  sha256: string;
  content: Buffer;
}

/**
 * One message, decoded: what the core needs, with no library object in it.
 * Header names are lower-case; values are unfolded and RFC 2047-decoded, in the order they appear.
 */
export interface Mail {
  headers: Record<string, string[]>;
  messageId: string | null;
  subject: string;
  from: Address | null;
  sender: Address | null;
  to: Address[];
  cc: Address[];
  replyTo: Address[];
  date: Date | null;
  inReplyTo: string | null;
  references: string[];
  /** Plain-text body: the text/plain part, else text derived from the HTML part; null when neither. */
  text: string | null;
  /** true when `text` was derived from HTML (Outlook/HTML-only mail). */
  textFromHtml: boolean;
  /** text/html body as sent (null when none). */
  html: string | null;
  parts: MailPart[];
  /** message/rfc822 parts (forwards, bounced originals), decoded one level deep. */
  embedded: Mail[];
  /** Problems the decoder met but survived (bad charset, broken boundary…). */
  defects: string[];
}

export interface Speaker {
  name: string | null;
  email: string | null;
}

export interface AttachmentInfo {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** What crieur understands of a talk proposal (SPEC `proposal`). */
export interface ProposalDraft {
  format: TalkFormat;
  title: string | null;
  abstract: string | null;
  durationMinutes: number;
  language: Language | null;
  speakers: Speaker[];
  attachments: AttachmentInfo[];
}

export interface CommandInfo {
  verbs: string[];
  proposal: string | null;
  authenticated: boolean;
}

/**
 * A request to join or leave written to the group's address (`subscribe`, `désabonner`, `digest weekly`…), as
 * `crieur parse` reports it beside kind `other`: crieur answers it with a confirmation mail, never acts at once.
 */
export interface MembershipInfo {
  verb: 'subscribe' | 'unsubscribe' | 'digest';
  language: Language;
  /** Where the request was read: the subject, or the first line of the new text. */
  where: 'subject' | 'body';
  /** For `digest`: the cadence (null: no more digest) and the list named, if any. */
  digest?: { cadence: 'daily' | 'weekly' | null; list: string | null };
}

export interface BounceInfo {
  recipient: string | null;
  status: string | null;
  action: string | null;
}

/** The JSON object `crieur parse --json` prints for one message (SPEC). */
export interface ParseResult {
  messageId: string | null;
  kind: Kind;
  from: Address | null;
  subject: string;
  language: Language | null;
  proposal?: ProposalDraft;
  command?: CommandInfo;
  bounce?: BounceInfo;
  /** Present when kind is other and the mail asks to join or leave (issue 9). */
  membership?: MembershipInfo;
  warnings: string[];
}

/** Inputs that are not in the message itself: who we are, who organizes, the token key. */
export interface ParseContext {
  /** Our own addresses (proposals inbox, from, bounces): mail from them is ours, never a proposal. */
  ownAddresses: string[];
  organizers: string[];
  /** HMAC key for reply tokens; null when parsing without configuration. */
  secret: string | null;
  /** The clock tokens are aged against; without it a token's age is not checked. */
  now?: () => Date;
  /** config tokens.maxAgeDays: an older token proves nothing (default 120). */
  tokenMaxAgeDays?: number;
  /** The group's time zone and locale, for the dates in commands (`group.timezone`, `group.locale`); Europe/Paris, fr when absent. */
  timeZone?: string;
  locale?: Language;
}
