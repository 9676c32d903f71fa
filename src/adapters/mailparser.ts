/**
 * The one importer of mailparser: raw RFC 5322 bytes in, a plain `Mail` out.
 * mailparser is in maintenance mode (its successor is postal-mime); keeping it behind this adapter means
 * swapping it touches one file.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { AddressObject, ParsedMail, Attachment, EmailAddress } from 'mailparser';
import type * as MailParser from 'mailparser';
import type * as LibMime from 'libmime';
import type * as HtmlToText from 'html-to-text';
import type { Address, Mail, MailPart } from '../types.ts';
import type { MailReader } from '../app/parse-message.ts';
import { mayHoldControls, withoutControls as clean } from '../core/text/controls.ts';
import { decodeFlowed } from '../core/text/flowed.ts';
import { isHtmlStub } from '../core/text/html-stub.ts';
import { htmlTooDeep, MAX_HTML_DEPTH } from './html-depth.ts';
import { mendMissingBoundaries } from './missing-boundary.ts';
import { fastWords, type WordDecoder } from './mime-words.ts';
import { splitLines } from './split-lines.ts';
import { DECLARED_SINGLE_BYTE, DECLARED_UTF8, EIGHT_BIT, isKnownCharset, Raw8Bit, SINGLE_BYTE, UNKNOWN_CHARSET, UNLABELLED, UNLABELLED_ASCII, type TextLabel } from './raw-8bit.ts';

// CommonJS packages, loaded with require: imported, each of their ≈ 60 internal files would cross the tsx
// loader's hooks thread (≈ 0.4 s of `crieur parse`'s start-up); required, they load as plain CommonJS. The bundle
// build (scripts/build.js) drops the `const require` line, so that esbuild bundles them in.
const require = createRequire(import.meta.url);
const { MailParser: Parser } = require('mailparser') as typeof MailParser;
const { Headers } = require('@zone-eu/mailsplit') as { Headers: new (raw: Buffer) => { getList(): { key: string; line: string }[]; lines: unknown } };
const libmime = require('libmime') as typeof LibMime.default;
const { compile } = require('html-to-text') as typeof HtmlToText;

// Link detection and text→HTML conversion are not needed by crieur and cost a third of the parse time.
// HTML→text is done here instead of by mailparser so that we know whether the text was derived (it does
// not say), and delivery-status parts are kept as parts so that bounces can be read field by field.
// Exported for the test that compares the read with simpleParser's.
export const PARSE_OPTIONS = {
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
  skipHtmlToText: true,
  keepDeliveryStatus: true,
  // The digest a part is known by (MailPart.sha256): mailparser hashes every attachment as it streams anyway (md5 by
  // default), so it computes ours instead of a second pass over the content.
  checksumAlgo: 'sha256',
} as const;
/**
 * The header fields of a message's header block read from mailparser's decoded header map: the fields simpleParser
 * maps (toMail's subject, from, references…), Sender, the Content-Type (isReport), and the Content-ID (mailparser reads
 * it when the whole message is one attachment). Every other line — Received, DKIM and ARC signatures, List-*, X-* —
 * crieur reads undecoded from the header lines (headerMap), so mailparser is not given it to decode (encoded words,
 * address lists, parameter lists, for every line of every part). Nor are Content-Disposition and Content-Transfer-
 * Encoding: mailparser reads a node's type, disposition, encoding, charset and file name from mailsplit's own parse of
 * its lines, never from this map. With decode() below (no cid: rewriting), a read of the corpus took 1.01–1.17 × less
 * CPU than with simpleParser (three same-process A/B runs); tests/adapters/mailparser.test.ts checks the fields, bodies
 * and parts are simpleParser's for every corpus message (but where simpleParser lost raw 8-bit bytes to U+FFFD and
 * raw-8bit.ts read them).
 */
const DECODED_FIELDS: ReadonlySet<string> = new Set([
  'subject', 'references', 'date', 'to', 'from', 'cc', 'bcc', 'message-id', 'in-reply-to', 'reply-to', 'sender', 'content-type', 'content-id',
]);
/**
 * A part's fields read from its decoded map, by mailparser alone (crieur reads no part's map): its Content-ID (an
 * attachment's cid, whether it is related), and the From, Subject, Date, To, Cc and Bcc it writes above an embedded
 * message's text (showMeta). A part's Content-Type, Content-Transfer-Encoding, Content-Disposition and Content-Description
 * — 2,800 of the corpus' 2,960 part header lines, each decoded and its parameters parsed — are not decoded.
 */
const PART_FIELDS: ReadonlySet<string> = new Set(['content-id', 'from', 'subject', 'date', 'to', 'cc', 'bcc']);
type HeaderLine = { key: string; line: string };
type ProcessHeaders = (lines: HeaderLine[]) => Map<string, unknown>;
/** mailsplit's MIME node as createNode reads it, and the tree node createNode makes of it (mailparser 3.14, internal). */
type SplitNode = { headers: { getList(): HeaderLine[] }; root?: boolean; flowed?: boolean; delSp?: boolean };
type TreeNode = { contentType?: string; charset?: string; isAttachment?: boolean; decoder?: unknown; textContent?: string };
type CreateNode = (node: SplitNode) => TreeNode;
type BodyDecoder = { decodeStream(charset: string): NodeJS.ReadWriteStream };
/**
 * mailparser's MailParser deciding only DECODED_FIELDS (processHeaders reads only its options and libmime: 3.14,
 * pinned), and reading raw 8-bit text as src/adapters/raw-8bit.ts says: every MIME node's header lines are mended
 * before mailparser decodes them (createNode), and a text part with no charset (or us-ascii), which mailparser would
 * read as UTF-8, or one that says utf-8 and is not, or one in a charset no decoder knows, is given to a decoder that reads UTF-8 or else Windows-1252
 * (getDecoder); one that says a single-byte charset is read in it, but its UTF-8 lines as UTF-8 (raw-8bit.ts DECLARED_SINGLE_BYTE).
 */
class LeanParser extends Parser {
  /** The format=flowed text parts of this message, decoded by getTextContent (see there). */
  readonly flowed: { node: TreeNode; delSp: boolean }[] = [];
  /** Set by createNode while a part's header lines are decoded (not the message's own block): PART_FIELDS. */
  inPart = false;
  constructor(readonly raw8bit: Raw8Bit | null, options: object = PARSE_OPTIONS) {
    super(options);
    // the parser's own Libmime (its headers' and addresses' encoded words): the same words decoded with less work
    fastWords((this as unknown as { libmime: WordDecoder }).libmime);
    // its splitter's lines found by memchr (split-lines.ts); on this instance alone, so simpleParser's stays mailsplit's
    (this as unknown as { splitter: { _transform: unknown } }).splitter._transform = splitLines;
  }
}
type FormatAddresses = (value: unknown) => string;
const lean = LeanParser.prototype as unknown as {
  processHeaders: ProcessHeaders;
  createNode: CreateNode;
  getDecoder(): BodyDecoder;
  getTextContent(): unknown;
  getAddressesHTML: FormatAddresses;
  getAddressesText: FormatAddresses;
};
const base = Parser.prototype as unknown as typeof lean;
lean.processHeaders = function (this: LeanParser, lines) {
  const fields = this.inPart ? PART_FIELDS : DECODED_FIELDS;
  // one pass into one array (a filter then a map made two, and a closure each, for every MIME node)
  const kept: HeaderLine[] = [];
  for (const l of lines ?? []) {
    if (!fields.has(l.key)) continue;
    kept.push(ADDRESS_FIELDS.has(l.key) && l.line.includes('=?') ? { ...l, line: quoteEncodedWords(l.line) } : l);
  }
  return base.processHeaders.call(this, kept);
};

/** The fields mailparser reads as address lists (nodemailer's addressparser on the raw value, names decoded after). */
const ADDRESS_FIELDS: ReadonlySet<string> = new Set(['from', 'to', 'cc', 'bcc', 'sender', 'reply-to']);
/** An RFC 2047 encoded-word, and what in one would be syntax to an address parser. */
const ENCODED_WORD = /=\?[^?\s]+\?[bq]\?[^?\s]*\?=/iy;
const ADDRESS_SYNTAX = /[<>,;:@"()[\]\\]/;

/**
 * An encoded-word is a display name's text whatever it holds (RFC 2047 §5), but the address parser reads the raw value
 * before any decoding: `=?utf-8?q?Z=C3=B6e_<script>?= <zoe@example.net>` (a sender who left `<`, `>` or `,` unencoded in
 * the Q text) came out as the address `script`, the real one taken for part of the name — an acknowledgement bounced with
 * 501, a request to join went unanswered (audit e). Such a word outside quotes is quoted, its `"` and `\` escaped, so that
 * it stays a name; mailparser decodes it there as before. Words with nothing special, and quoted ones, are left alone.
 */
export function quoteEncodedWords(line: string): string {
  let out = '';
  let quoted = false;
  // inside a comment (`zoe@example.net (=?utf-8?q?Z=C3=B6e,_PG?=)`, the old name form) the parser keeps the text as
  // it is, syntax included: quoted there, the name came out in quotes
  let comment = 0;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (quoted || comment > 0) {
      out += c;
      if (c === '\\' && i + 1 < line.length) out += line[++i];
      else if (quoted && c === '"') quoted = false;
      else if (!quoted && c === '(') comment++;
      else if (!quoted && c === ')') comment--;
      i++;
      continue;
    }
    if (c === '"' || c === '(') {
      if (c === '"') quoted = true;
      else comment = 1;
      out += c;
      i++;
      continue;
    }
    ENCODED_WORD.lastIndex = i;
    const m = c === '=' ? ENCODED_WORD.exec(line) : null;
    if (m && m.index === i) {
      out += ADDRESS_SYNTAX.test(m[0]) ? `"${m[0].replace(/["\\]/g, '\\$&')}"` : m[0];
      i += m[0].length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
/** A part's body decoder as MailParser ends it (a Writable: mailsplit's base64, quoted-printable or pass-through Transform). */
type Ending = { end(...args: unknown[]): unknown; writableEnded: boolean; writableCorked: number };

/**
 * The decoder's end() made a no-op once it has ended: MailParser ends a part's decoder at every 'data' chunk after it
 * (a multipart's delimiters, its epilogue) and again when the message ends, and Node answers each later call by building
 * an ERR_STREAM_ALREADY_FINISHED error, its stack captured, that nobody is given (no callback): 1.9 % of the CPU samples
 * of a read of the corpus (node --cpu-prof), though only 0.06 % of its instructions under --jitless. A call with
 * arguments, or on a corked stream, goes through as before. Exported for its test.
 */
export function endOnce<T extends Ending>(stream: T): T {
  const end = stream.end;
  stream.end = function (this: T, ...args: unknown[]) {
    return args.length === 0 && this.writableEnded && this.writableCorked === 0 ? this : end.apply(this, args);
  };
  return stream;
}

/**
 * An address field's HTML and text renderings (`{ value, html, text }`), which mailparser writes for every From, To, Cc…
 * it decodes: crieur reads `value` only, and mailparser itself reads the others only for an embedded message's lines
 * above its text (a part's map, showMeta). The message's own block gets empty ones.
 */
lean.getAddressesHTML = function (this: LeanParser, value) {
  return this.inPart ? base.getAddressesHTML.call(this, value) : '';
};
lean.getAddressesText = function (this: LeanParser, value) {
  return this.inPart ? base.getAddressesText.call(this, value) : '';
};

lean.createNode = function (this: LeanParser, node) {
  this.raw8bit?.headers(node.headers.getList());
  this.inPart = node.root !== true;
  let made: TreeNode;
  try {
    made = base.createNode.call(this, node);
  } finally {
    this.inPart = false;
  }
  if (made.decoder) endOnce(made.decoder as Ending);
  // A format=flowed text part (mailsplit flags text/plain only) is decoded by getTextContent, once its text is read
  // in its charset: mailparser's decoder (libmime's decodeFlowed) joined a line ending in a space across the empty
  // line after it, « Bonjour, ␠⏎⏎Titre : … » read as one line (core/text/flowed.ts).
  if (node.flowed && made.decoder && !made.isAttachment) {
    this.flowed.push({ node: made, delSp: node.delSp === true });
    node.flowed = false;
  }
  if (made.decoder && !made.isAttachment && (made.contentType === 'text/plain' || made.contentType === 'text/html')) {
    if (!made.charset) made.charset = UNLABELLED;
    else if (/^(?:us-?)?ascii$/i.test(made.charset.trim())) made.charset = UNLABELLED_ASCII;
    else if (/^utf-?8$/i.test(made.charset.trim())) made.charset = DECLARED_UTF8;
    else if (SINGLE_BYTE.test(made.charset.trim()) && isKnownCharset(made.charset)) made.charset = `${DECLARED_SINGLE_BYTE}${made.charset.trim()}`;
    else if (!isKnownCharset(made.charset)) made.charset = `${UNKNOWN_CHARSET}${made.charset.trim()}`;
  }
  return made;
};
lean.getDecoder = function (this: LeanParser) {
  // called by MailParser's constructor, before raw8bit is set: the decoder reads it when a text part begins
  const decoder = base.getDecoder.call(this);
  return {
    decodeStream: (charset: string) =>
      this.raw8bit && (charset === UNLABELLED || charset === UNLABELLED_ASCII || charset === DECLARED_UTF8 || charset.startsWith(UNKNOWN_CHARSET))
        ? this.raw8bit.body(charset as TextLabel)
        : this.raw8bit && charset.startsWith(DECLARED_SINGLE_BYTE)
          ? this.raw8bit.declaredSingleByte(charset)
          : decoder.decodeStream(charset),
  };
};
lean.getTextContent = function (this: LeanParser) {
  // called once, when every part's text is read (its charset decoded, its line ends made « \n »), before the parts
  // are put together into the body
  for (const { node, delSp } of this.flowed.splice(0)) if (typeof node.textContent === 'string') node.textContent = decodeFlowed(node.textContent, delSp);
  return base.getTextContent.call(this);
};
/** One parser as a header decoder. */
const headerParser = new LeanParser(null) as unknown as { processHeaders: ProcessHeaders };
/** html-to-text on pathological HTML (spam, 10 MB tables) is the slowest thing we do: bound its input. */
const MAX_HTML_TO_TEXT = 2_000_000;
/** Forwards inside forwards inside bounces: one level is what crieur uses; more only costs time. */
const EMBED_DEPTH = 1;

export async function readMail(raw: Buffer, depth = 0): Promise<Mail> {
  // a multipart with no boundary is parsed mended (missing-boundary.ts); its header field is kept as written
  const start = headerStart(raw);
  const crLines = withCrLineEnds(start);
  const mended = mendMissingBoundaries(crLines ?? start);
  const input = mended.message;
  const raw8bit = new Raw8Bit(input);
  const parsed = await decode(input, raw8bit, parseOptions(input));
  if (mended.rootField) asWritten(parsed, mended.rootField);
  return toMail(parsed, depth, (crLines ? [BARE_CR] : []).concat(mended.defects, raw8bit.defects));
}

/** The root's Content-Type line as the message has it, where the parse read a mended one (the header map shows it). */
function asWritten(p: ParsedMail, field: { mended: string; original: string }): void {
  const line = (p.headerLines ?? []).find((h) => h.key === 'content-type' && h.line === field.mended.replace(/\r?\n$/, ''));
  if (line) line.line = field.original.replace(/\r?\n$/, '');
}

/**
 * simpleParser's mapping of header values to ParsedMail's fields (its 'end' handler): the header's name and the field's,
 * which simpleParser makes of the name at every message with a replace and a callback (`in-reply-to` → `inReplyTo`).
 * Exported for its test.
 */
export const MAIL_FIELDS: readonly (readonly [string, string])[] = [
  ['subject', 'subject'], ['references', 'references'], ['date', 'date'], ['to', 'to'], ['from', 'from'], ['cc', 'cc'], ['bcc', 'bcc'],
  ['message-id', 'messageId'], ['in-reply-to', 'inReplyTo'], ['reply-to', 'replyTo'],
];

/**
 * simpleParser's collection of MailParser's output (mailparser 3.14's simple-parser.js, for a Buffer), on LeanParser,
 * without its last step: rewriting cid: image links of the HTML into data: URIs, which crieur never shows (the HTML
 * only becomes text, where images are skipped).
 */
function decode(input: Buffer, raw8bit: Raw8Bit, options: object): Promise<ParsedMail> {
  return new Promise((resolve, reject) => {
    let settled = false;
    // MailParser may emit a non-fatal 'error' and still reach 'end': the first of the two wins.
    const settle = (err: Error | null, mail?: ParsedMail) => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve(mail!);
    };
    const mail: Record<string, unknown> & { attachments: Attachment[]; headers?: Map<string, unknown> } = { attachments: [] };
    const parser = new LeanParser(raw8bit, options) as unknown as MailParser.MailParser & { headerLines: unknown };
    parser.on('error', (err: Error) => settle(limitInWords(err)));
    parser.on('headers', (headers: Map<string, unknown>) => {
      mail.headers = headers;
      mail.headerLines = parser.headerLines;
    });
    let reading = false;
    const reader = (): void => {
      reading = true;
      const data = parser.read() as (Record<string, unknown> & { type: string }) | null;
      if (data === null) {
        reading = false;
        return;
      }
      if (data.type === 'text') {
        for (const key of ['text', 'html', 'textAsHtml', 'textConversionError']) if (key in data) mail[key] = data[key];
        return reader();
      }
      if (data.type !== 'attachment') return reader();
      // A streamed attachment: its content is a stream until its end, then the bytes (as simpleParser leaves it).
      const attachment = data as unknown as { content: NodeJS.EventEmitter & { read(): Buffer | null }; release(): void };
      mail.attachments.push(attachment as unknown as Attachment);
      const chunks: Buffer[] = [];
      let length = 0;
      attachment.content.on('readable', () => {
        let chunk: Buffer | null;
        while ((chunk = attachment.content.read()) !== null) {
          chunks.push(chunk);
          length += chunk.length;
        }
      });
      attachment.content.on('end', () => {
        (attachment as { content: unknown }).content = Buffer.concat(chunks, length);
        attachment.release();
        reader();
      });
    };
    parser.on('readable', () => {
      if (!reading) reader();
    });
    parser.on('end', () => {
      for (const [key, field] of MAIL_FIELDS) if (mail.headers?.has(key)) mail[field] = mail.headers.get(key);
      settle(null, mail as unknown as ParsedMail);
    });
    parser.end(input);
  });
}

/**
 * mailsplit's bounds on a message (1 MB of header lines in one MIME node, 1000 nodes), said in words: its own « Max
 * allowed child nodes exceeded », « Max header size for a MIME node exceeded » left the reader of `crieur parse` or of
 * `crieur failed list` guessing what was too large (robustness audit R: 5,000 attachments, a 2 MB Subject).
 */
function limitInWords(err: Error & { code?: unknown }): Error {
  if (err.code !== 'EMAXLEN') return err;
  if (/child nodes/i.test(err.message)) return new Error('more than 1000 MIME parts, more than crieur reads');
  if (/header size/i.test(err.message)) return new Error('header lines over 1 MB in one part, more than crieur reads');
  return err;
}

/**
 * The header block alone, decoded as readMail decodes it, with no body, part or embedded message: what the
 * header-first classification reads. The body is never handed to the parser (its MIME tree is not walked).
 */
export async function readMailHeaders(raw: Buffer): Promise<Mail> {
  const start = headerStart(raw);
  const from = withCrLineEnds(start) ?? start;
  const head = from.subarray(0, Math.min(from.length, 256 * 1024));
  const end = blankLine(head);
  const block = end >= 0 ? head.subarray(0, end) : head;
  // the charset raw 8-bit header bytes are read in may be declared in the body (its first text part's)
  const raw8bit = new Raw8Bit(from);
  const mail = await toMail(headerBlock(Buffer.concat([block, Buffer.from('\r\n\r\n')]), raw8bit), EMBED_DEPTH, raw8bit.defects);
  return { ...mail, text: null, textFromHtml: false, html: null, parts: [], embedded: [] };
}

/**
 * A header block decoded by mailparser's own header code (mailsplit's line splitting, MailParser's processHeaders)
 * without its streams: simpleParser's fixed cost (a Transform pipeline, setImmediate hops) was most of the time a
 * header-only read took — a fifth of a bounce's parse, which reads the message it returns for its headers. The
 * fields are simpleParser's; tests/adapters/mailparser.test.ts checks they are the same for every corpus message. Raw
 * 8-bit lines are mended as the full read mends them (raw-8bit.ts), in the charset the whole message declares.
 */
function headerBlock(block: Buffer, raw8bit: Raw8Bit): ParsedMail {
  const lines = new Headers(block);
  raw8bit.headers(lines.getList());
  const headers = headerParser.processHeaders(lines.getList());
  const p: Record<string, unknown> = { headers, headerLines: lines.lines, attachments: [] };
  // simpleParser's own mapping of header values to fields (its 'end' handler).
  for (const [key, field] of MAIL_FIELDS) if (headers.has(key)) p[field] = headers.get(key);
  return p as unknown as ParsedMail;
}

/**
 * Where the first empty line begins (the end of the header block: `\r?\n\r?\n`), searched in the bytes — this runs
 * on every incoming message (the watcher's header-first look), and a string of its first 256 KB was made to find it.
 */
function blankLine(buf: Buffer): number {
  for (let i = buf.indexOf(0x0a); i >= 0; i = buf.indexOf(0x0a, i + 1)) {
    const next = buf[i + 1];
    if (next === 0x0a || (next === 0x0d && buf[i + 2] === 0x0a)) return i > 0 && buf[i - 1] === 0x0d ? i - 1 : i;
  }
  return -1;
}

/** The header fields every mail has one of (core/understand.ts notMailReason reads the same names, decoded). */
const MAIL_FIELD = /(?:^|\n)[ \t]*(?:from|to|subject|date|message-id|received|sender|return-path|mime-version|content-type)[ \t]*:/i;

/**
 * Does the header block name one of the fields every mail has? What notMailReason says of the decoded headers, read
 * in the bytes — for `crieur ingest`, which stores every message and must say 65 of what is not mail without paying
 * a decode per message (tests/adapters/mailparser.test.ts checks both agree on every corpus message).
 */
export function hasMailHeader(raw: Buffer): boolean {
  const start = headerStart(raw);
  const from = withCrLineEnds(start) ?? start;
  const head = from.subarray(0, Math.min(from.length, 256 * 1024));
  const end = blankLine(head);
  return MAIL_FIELD.test((end >= 0 ? head.subarray(0, end) : head).toString('latin1'));
}

/** The MailReader port (src/app/parse-message.ts) over mailparser. */
export const mailparserReader: MailReader = { read: (raw) => readMail(raw), readHeaders: readMailHeaders, textWithLinks: htmlTextWithLinks };

/**
 * Where the header block really starts. Some stores prepend blank lines, and mbox exports an envelope line
 * (`From sender date`, no colon); a parser taking either as the end of the headers sees a message with none. An editor
 * that saved the .eml as UTF-8 « with BOM » (Windows Notepad) puts EF BB BF before the first header's name: read as
 * part of it, « \uFEFFFrom » named no sender (robustness audit R). The stored raw bytes stay untouched: only what is
 * parsed is trimmed.
 */
export function headerStart(raw: Buffer): Buffer {
  let i = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? 3 : 0;
  const scanLimit = Math.min(raw.length, 64 * 1024);
  for (;;) {
    let j = i;
    while (j < scanLimit && (raw[j] === 0x20 || raw[j] === 0x09)) j++;
    if (j < scanLimit && (raw[j] === 0x0a || raw[j] === 0x0d)) {
      i = raw[j] === 0x0d && raw[j + 1] === 0x0a ? j + 2 : j + 1;
      continue;
    }
    break;
  }
  if (raw.subarray(i, i + 5).toString('latin1') === 'From ') {
    const nl = raw.indexOf(0x0a, i);
    if (nl > 0) i = nl + 1;
  }
  return i === 0 ? raw : raw.subarray(i);
}

export const BARE_CR = 'line ends are bare CR (no LF anywhere): each CR read as a line end';

/**
 * The message with CRLF line ends when every line of it ends in a bare CR (classic Mac OS, some editors' exports), else
 * null. Lines are split at LF: such a message was one header line, its From swallowing all the rest — the sender, the
 * subject and the body lost (robustness audit R). A message with any LF is left alone (a bare CR inside a folded
 * header of CRLF mail is the parser's to read). The stored raw bytes stay as they came.
 */
export function withCrLineEnds(buf: Buffer): Buffer | null {
  if (buf.indexOf(0x0a) >= 0 || buf.indexOf(0x0d) < 0) return null;
  return Buffer.from(buf.toString('latin1').replace(/\r/g, '\r\n'), 'latin1');
}

async function toMail(p: ParsedMail, depth: number, decodeDefects: readonly string[]): Promise<Mail> {
  const defects: string[] = decodeDefects.slice();
  const parts: MailPart[] = [];
  const embedded: Mail[] = [];
  // The message a report (DSN, MDN, ARF) returns is read for its headers only: the bounce, read-receipt and feedback
  // rules claim such a mail before any rule could read the returned text (they ask it whom it was for), and decoding
  // the returned bodies was a sixth of `crieur parse`'s time on the corpus. A report of another type may reach the
  // proposal rule (a forward wrapped oddly): it keeps its whole embedded message.
  const report = isReport(p);
  for (const a of p.attachments ?? []) {
    const part = toPart(a);
    parts.push(part);
    if (part.contentType === 'message/rfc822' && depth < EMBED_DEPTH) {
      try {
        embedded.push(report ? await readMailHeaders(a.content) : await readMail(a.content, depth + 1));
      } catch (err) {
        defects.push(`embedded message unreadable: ${(err as Error).message}`);
      }
    }
  }
  // Every decoded string is cleaned here, once (core/text/controls.ts): a NUL in a header or a body must not
  // reach the database (PostgreSQL refuses it) nor a terminal. The raw bytes stay as they came.
  const html = typeof p.html === 'string' && p.html.trim() !== '' ? clean(p.html) : null;
  let text = p.text && p.text.trim() !== '' ? clean(p.text) : null;
  let textFromHtml = false;
  // a text part saying only « Ce message est au format HTML » stands beside the real text: read the HTML part's
  if (text !== null && html !== null && isHtmlStub(text)) text = null;
  if (text === null && html !== null) {
    text = htmlText(html, defects);
    if (text !== null) text = clean(text);
    textFromHtml = text !== null;
  }
  return {
    headers: headerMap(p),
    messageId: p.messageId ? ownMessageId(clean(p.messageId)) : null,
    subject: clean(p.subject ?? ''),
    from: first(p.from),
    sender: first(p.headers.get('sender') as AddressObject | undefined),
    to: addresses(p.to),
    cc: addresses(p.cc),
    replyTo: addresses(p.replyTo),
    date: p.date && !Number.isNaN(p.date.getTime()) ? p.date : null,
    inReplyTo: bracketedIds(p.headerLines, 'in-reply-to')[0] ?? (p.inReplyTo ? normalizeMessageId(clean(p.inReplyTo.split(/\s+/)[0] ?? p.inReplyTo)) : null),
    references: bracketedIds(p.headerLines, 'references', true) ?? (Array.isArray(p.references) ? p.references : p.references ? [p.references] : [])
      .flatMap((r) => clean(r).split(/\s+/))
      .filter((r) => r !== '')
      .map(normalizeMessageId),
    text,
    textFromHtml,
    html,
    parts,
    embedded,
    defects,
  };
}

/** The report types a rule claims before the proposal rule (bounce-dsn, feedback-report, mdn): see toMail. */
const CLAIMED_REPORTS = new Set(['delivery-status', 'feedback-report', 'disposition-notification']);

/**
 * A claimed report's returned message stays a part of its own even when marked `Content-Disposition: inline` (AOL's,
 * Comcast's and most feedback loops' ARF, some DSNs): mailsplit would parse it into the report's text, and its header
 * block — the original's To, Return-Path and List-Unsubscribe, what names the member a complaint is about — was lost.
 */
const REPORT_OPTIONS = { ...PARSE_OPTIONS, ignoreEmbedded: true } as const;
const ROOT_CONTENT_TYPE = /^content-type[ \t]*:([^\n]*(?:\r?\n[ \t][^\n]*)*)/im;

/** The options mailparser reads this message with: REPORT_OPTIONS for a claimed report (exported for the test comparing with simpleParser). */
export function parseOptions(input: Buffer): typeof PARSE_OPTIONS | typeof REPORT_OPTIONS {
  return claimedReportBlock(input) ? REPORT_OPTIONS : PARSE_OPTIONS;
}

/** Does the root header block say multipart/report of a claimed type (read before the parse: it sets the parse's options)? */
function claimedReportBlock(input: Buffer): boolean {
  const head = input.subarray(0, Math.min(input.length, 64 * 1024));
  const end = blankLine(head);
  const field = ROOT_CONTENT_TYPE.exec((end >= 0 ? head.subarray(0, end) : head).toString('latin1'));
  if (!field) return false;
  const value = field[1]!.replace(/\r?\n[ \t]+/g, ' ').toLowerCase();
  const type = /report-type\s*=\s*"?([a-z-]+)/.exec(value)?.[1];
  return /^\s*multipart\/report\s*(;|$)/.test(value) && type !== undefined && CLAIMED_REPORTS.has(type);
}

function isReport(p: ParsedMail): boolean {
  const ct = p.headers.get('content-type') as { value?: unknown; params?: Record<string, unknown> } | string | undefined;
  if (typeof ct !== 'object' || typeof ct.value !== 'string' || ct.value.trim().toLowerCase() !== 'multipart/report') return false;
  const type = ct.params?.['report-type'];
  return typeof type === 'string' && CLAIMED_REPORTS.has(type.trim().toLowerCase());
}

/**
 * html-to-text's converter, compiled once: convert(html, options) compiles its options at every call, five times the
 * conversion itself for a short mail (0.39 against 0.07 ms, measured on a reply-sized HTML body).
 */
let toText: ((html: string) => string) | null = null;
function htmlToText(html: string): string {
  toText ??= compile(textOptions([{ selector: 'a', options: { ignoreHref: true } }]));
  return toText(html);
}

/**
 * The same reading with each web link's target kept after its text, `la page du wiki <https://…>` (RFC 3986 appendix C's
 * delimiters; a link whose text is its address once), for a reader who cannot click (the digests). Only http(s) targets:
 * `mailto:`, `#top`, relative and `javascript:` links keep their text alone. Classification and commands read the
 * text without them (htmlToText): a URL in an HTML-only proposal's first line must not become its title.
 */
let toLinkedText: ((html: string) => string) | null = null;
export function htmlTextWithLinks(html: string): string | null {
  if (html.length > MAX_HTML_TO_TEXT || htmlTooDeep(html)) return null;
  const kept = { format: 'anchor', options: { linkBrackets: ['<', '>'] as [string, string], hideLinkHrefIfSameAsText: true } };
  toLinkedText ??= compile({
    ...textOptions([{ selector: 'a', options: { ignoreHref: true } }, { selector: 'a[href^="http:" i]', ...kept }, { selector: 'a[href^="https:" i]', ...kept }]),
    // A digest's text is read as text: an HTML paragraph is one line of any length, so it is wrapped at 72 columns as
    // the announcements' text is (a <pre> block, an EXPLAIN plan, keeps its lines; a long URL is never split).
    wordwrap: 72,
  });
  try {
    const t = clean(toLinkedText(html));
    return t.trim() === '' ? null : t;
  } catch {
    return null;
  }
}

function textOptions(links: HtmlToText.SelectorDefinition[]): HtmlToText.HtmlToTextOptions {
  return {
    wordwrap: false,
    selectors: [
      ...links,
      { selector: 'img', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'table', format: 'dataTable' },
    ],
    limits: { maxDepth: 100 },
  };
}

function htmlText(html: string, defects: string[]): string | null {
  if (html.length > MAX_HTML_TO_TEXT) {
    defects.push(`HTML body too long to convert (${html.length} bytes)`);
    return null;
  }
  // the converter's time grows with the square of the depth (html-depth.ts): such a body would block the worker
  if (htmlTooDeep(html)) {
    defects.push(`HTML body nested too deep to convert (more than ${MAX_HTML_DEPTH} levels)`);
    return null;
  }
  try {
    const t = htmlToText(html);
    return t.trim() === '' ? null : t;
  } catch (err) {
    defects.push(`HTML body could not be converted to text: ${(err as Error).message}`);
    return null;
  }
}

/** What a header line (mailsplit's byte string) may hold besides printable ASCII: a C0 control, or 8-bit bytes. */
const NOT_PLAIN = /[\x00-\x08\x0b-\x1f\x80-\xff]/;

/**
 * Every header line, unfolded, encoded-words decoded, cleaned, by lower-case name. A name whose lines carry an
 * encoded-word is decoded when first read (then kept): the rules read a dozen names, and decoding every From, To and
 * Subject line again (mailparser decodes what it uses itself) was a tenth of `crieur parse`'s time on the corpus.
 * The lines are bytes (mailsplit's latin1 strings): 8-bit ones are UTF-8, as RFC 6532 writes them or as Raw8Bit
 * rewrote them (raw-8bit.ts), and are read so.
 */
function headerMap(p: ParsedMail): Record<string, string[]> {
  const raw = new Map<string, string[]>();
  for (const { key, line: bytes } of p.headerLines ?? []) {
    // One scan of the line says whether it needs more than slicing (almost no line does): reading as UTF-8, cleaning.
    const plain = !NOT_PLAIN.test(bytes);
    const line = plain || !EIGHT_BIT.test(bytes) ? bytes : Buffer.from(bytes, 'latin1').toString('utf8');
    const colon = line.indexOf(':');
    const text = colon >= 0 ? line.slice(colon + 1) : '';
    const folded = (text.includes('\n') ? text.replace(/\r?\n[ \t]+/g, ' ') : text).trim();
    // A value with an encoded-word is cleaned once decoded. mailsplit gives the name lower-cased and trimmed.
    const dirty = !plain && mayHoldControls(line);
    const name = dirty ? clean(key) : key;
    const value = dirty && !folded.includes('=?') ? clean(folded) : folded;
    const values = raw.get(name);
    if (values) values.push(value);
    else raw.set(name, [value]);
  }
  const out = headerRecord();
  for (const [name, values] of raw) {
    if (!values.some((v) => v.includes('=?'))) {
      // a header line named « __proto__ » (anyone can write one) is a header like any other: assigned, it would
      // replace the map's prototype and vanish from its keys and from the parse stored
      if (name === '__proto__') Object.defineProperty(out, name, { value: values, enumerable: true, writable: true, configurable: true });
      else out[name] = values;
      continue;
    }
    Object.defineProperty(out, name, {
      enumerable: true,
      configurable: true,
      get() {
        const decoded = values.map((v) => clean(decodeHeaderWords(v)));
        Object.defineProperty(out, name, { value: decoded, enumerable: true, configurable: true, writable: true });
        return decoded;
      },
    });
  }
  return out;
}

/**
 * The object headerMap fills: an ordinary object (Object.prototype, insertion order, JSON) whose properties live in a
 * dictionary from the start. Built as `{}`, each message's header names — a different set and order almost every time
 * (X-…, ARC-…, List-…) — were added one by one as hidden-class transitions: a new map and descriptor array per name
 * for V8 to make and collect, the store `out[name] = values` alone 1.8 % of the CPU samples of a read of the corpus
 * (node --cpu-prof, bench/understand.ts --understand 0). Exported for its test.
 */
export function headerRecord(): Record<string, string[]> {
  return Object.setPrototypeOf(Object.create(null), Object.prototype) as Record<string, string[]>;
}

/** Only a value with an encoded-word needs decoding; a broken one keeps the raw value rather than lose the header. */
function decodeHeaderWords(value: string): string {
  if (!value.includes('=?')) return value;
  try {
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}

function toPart(a: Attachment): MailPart {
  const content = Buffer.isBuffer(a.content) ? a.content : Buffer.from(a.content ?? '');
  return {
    filename: a.filename ? clean(a.filename) : null,
    // an empty « Content-Type: » line (a cut message, a careless script) leaves mailparser's contentType `false`, not a
    // string: the whole message was unreadable for one part's header (robustness audit R)
    contentType: typeof a.contentType === 'string' && a.contentType.trim() !== '' ? a.contentType.trim().toLowerCase() : 'application/octet-stream',
    disposition: a.contentDisposition === 'attachment' ? 'attachment' : a.contentDisposition === 'inline' ? 'inline' : null,
    related: Boolean(a.related),
    size: content.length,
    sha256: typeof a.checksum === 'string' && a.checksum.length === 64 ? a.checksum : createHash('sha256').update(content).digest('hex'),
    content,
  };
}

function addresses(field: AddressObject | AddressObject[] | undefined): Address[] {
  if (!field) return [];
  if (!Array.isArray(field)) return flatten(field.value);
  const out: Address[] = [];
  for (const o of field) flatten(o.value, out);
  return out;
}

/** Groups' members in place of each group, in order; an entry without an address is dropped (an empty group, a bare name). */
function flatten(list: EmailAddress[], out: Address[] = []): Address[] {
  // a loop into one array, each name cleaned once: flatMap made an array per address, and the name was cleaned twice
  for (const e of list) {
    if (e.group) flatten(e.group, out);
    else if (e.address) {
      const name = e.name ? clean(e.name).trim() : '';
      out.push({ name: name !== '' ? name : null, email: clean(e.address).trim() });
    }
  }
  return out;
}

function first(field: AddressObject | AddressObject[] | undefined): Address | null {
  return addresses(field)[0] ?? null;
}

/** Message-IDs compare with their angle brackets, as RFC 5322 writes them. */
/**
 * The <…> Message-IDs of a header as written, whitespace inside each removed: a client that folds References or
 * In-Reply-To in the middle of an id (« <o-p0061-uju-⏎ ibogerzk…@pgug.example.org> ») leaves a space there once unfolded,
 * and mailparser's split made two ids of it — the reply token in it was lost, an organizer's « Accepter » did nothing.
 * A Message-ID holds no whitespace (RFC 5322 msg-id). Null (`all`) or [] when the header has no bracketed id.
 */
function bracketedIds(lines: ParsedMail['headerLines'] | undefined, key: string, all: true): string[] | null;
function bracketedIds(lines: ParsedMail['headerLines'] | undefined, key: string): string[];
function bracketedIds(lines: ParsedMail['headerLines'] | undefined, key: string, all = false): string[] | null {
  const values = (lines ?? []).filter((h) => h.key === key).map((h) => h.line.slice(h.line.indexOf(':') + 1));
  const ids = values.flatMap((v) => [...v.matchAll(/<([^<>]*)>/g)].map((m) => m[1]!.replace(/\s+/g, ''))).filter((id) => id !== '');
  if (ids.length === 0) return all ? null : [];
  return ids.map((id) => normalizeMessageId(clean(id)));
}

/**
 * The message's own id as mailparser gives it, up to its closing bracket: a comment some ISPs' MTAs write after the id
 * they add (« Message-ID: <…@isp> (added by postmaster@isp) ») is no part of it — kept, the id read
 * « <…@isp> (added by postmaster@isp)> », which no reply's In-Reply-To names.
 */
function ownMessageId(id: string): string {
  const bracketed = /^\s*<?([^<>\s]+)>\s*\(/.exec(id);
  return bracketed ? `<${bracketed[1]!}>` : normalizeMessageId(id);
}

export function normalizeMessageId(id: string): string {
  const t = id.trim();
  if (t === '') return t;
  return t.startsWith('<') ? t : `<${t.replace(/>$/, '')}>`;
}
