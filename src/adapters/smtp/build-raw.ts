/**
 * The outbox stores each mail as the exact RFC 5322 bytes that go over SMTP, built once here, so that a
 * retry after a crash or a 4xx sends the very same message (same Message-ID, same boundaries, same Date).
 * nodemailer's MailComposer does the MIME work: RFC 2047 encoded-words for non-ASCII headers, UTF-8
 * quoted-printable bodies (we ask for QP; it would otherwise pick base64 for accent-heavy French text).
 *
 * The tree is serialized here, synchronously, with nodemailer's own encoders (headers by MimeNode.buildHeaders,
 * bodies by its qp/base64 functions) instead of its stream pipeline: our parts are strings already in memory,
 * and the streams (a pipeline, an AbortSignal and a DOMException per part) made composing a proposal's two
 * mails cost ~3.4 ms of CPU, measured with bench/ingest's profile.
 *
 * The common shape — a text and an HTML part, custom headers that do not touch the MIME ones — skips the tree too:
 * the headers are encoded by one long-lived MimeNode's encodeHeaderValue (address, RFC 2047 and msg-id rules
 * unchanged), folded by its foldLines, in MailComposer's order, and the two parts' headers are constants. Building the
 * tree (three MimeNodes, each drawing random bytes for a boundary it never uses) and its headers was 40 % of the
 * 0.5 ms an acknowledgement cost (bench/ingest, worker profile: buildRaw was 15 % of the worker's CPU).
 * tests/smtp/build-raw.test.ts checks that both ways give the bytes of MailComposer's own build (bodies with no line
 * beginning « From », which qpBody writes otherwise than MimeNode).
 */
import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import MimeNode from 'nodemailer/lib/mime-node';
import * as mimeFuncs from 'nodemailer/lib/mime-funcs';
import * as base64 from 'nodemailer/lib/base64';
import type { OutgoingMessage } from '../../core/compose/message.ts';
import { CrlfWriter, hasFromLine, qpAppend, qpEncode, qpWrapCrlf, SCRATCH_KEPT } from './qp.ts';
import { boundedMemo } from '../../core/bounded-memo.ts';

/** The parts of nodemailer's MimeNode this serializer reads (public methods and fields of its tree). */
interface Node {
  multipart: string | false;
  boundary: string;
  childNodes: Node[];
  content?: unknown;
  contentType?: string;
  buildHeaders(): string;
  getTransferEncoding(): string | false;
}

/** The composed tree, before serialization: also what the test compares against nodemailer's build. */
export function compileMessage(msg: OutgoingMessage): ReturnType<MailComposer['compile']> {
  // The envelope is the outbox row's business (envelopeFrom, recipient); never derive it from headers.
  // CRLF everywhere: SMTP's line ending, and what DKIM signers and mailparser expect byte for byte.
  // baseBoundary from the cached random pool: MimeNode would call randomBytes for each message otherwise.
  return new MailComposer({ ...msg, newline: 'windows', baseBoundary: randomUUID().replace(/-/g, '') } as ConstructorParameters<typeof MailComposer>[0]).compile();
}

export async function buildRaw(msg: OutgoingMessage): Promise<Buffer> {
  const m = literalHeaders(msg);
  return alternativeOf(m) ?? serialize(compileMessage(m));
}

/**
 * Text that reads as RFC 2047 encoded words (`=?utf-8?B?…?=`). nodemailer encodes only non-ASCII words, so a title
 * typed as `=?utf-8?B?QWNjZXB0w6llIQ==?=` — or a double-encoded display name, decoded once at parse — would reach
 * a header as written and be decoded by the reader's mail client into text its sender chose (« Acceptée ! »).
 */
const ENCODED_WORD = /=\?[^?\s]+\?[bq]\?[^?\s]*\?=/i;

/**
 * A run no header line can hold: folding happens at whitespace only (RFC 5322 §2.1.1), and nodemailer leaves an ASCII
 * word as it is, so a title or a display name of 1,200 characters without a space (« Message de xxx… » to the
 * organizers) made one header line past the 998 octets relays accept — the mail parked. 77: a folded line's space
 * and the run within the 78 octets a line should keep to.
 */
const UNFOLDABLE = /\S{77,}/;

/** An unstructured header value (a Subject) as RFC 2047 text: such a value whole as encoded words, so it reads as typed. */
export function encodeUnstructured(value: string): string {
  return wholeEncoded(value) ? mimeFuncs.encodeWord(value, 'Q', 52) : mimeFuncs.encodeWords(value, 'Q', 52);
}

/** Written as encoded words from end to end: text that reads as encoded words, or a run that only encoded words can fold. */
function wholeEncoded(value: string): boolean {
  return ENCODED_WORD.test(value) || UNFOLDABLE.test(value);
}

/**
 * The Subject such a value is pre-encoded (ASCII, which nodemailer leaves as is); a recipient's display name that
 * reads so is left out — an ASCII name is only quoted, and mail clients decode encoded words inside quotes too —, and
 * so is an ASCII name with a run no line can hold (a quoted string cannot be folded inside a word, nor encoded).
 */
function literalHeaders(msg: OutgoingMessage): OutgoingMessage {
  const subject = wholeEncoded(msg.subject) ? encodeUnstructured(msg.subject) : msg.subject;
  const to = typeof msg.to === 'object' && (ENCODED_WORD.test(msg.to.name) || (mimeFuncs.isPlainText(msg.to.name) && UNFOLDABLE.test(msg.to.name))) ? msg.to.address : msg.to;
  return subject === msg.subject && to === msg.to ? msg : { ...msg, subject, to };
}

/** One MimeNode as a header encoder: encodeHeaderValue is stateless for the headers we write. */
const encoder = new MimeNode(false, {}) as unknown as {
  encodeHeaderValue(key: string, value: unknown): string;
  _normalizeHeaderKey(key: string): string;
};

/**
 * Its key normalization (a case-blind regexp of eight alternatives, run for every field, twice for a custom one) read
 * once per name: the names are crieur's own, a handful. Bounded all the same.
 */
encoder._normalizeHeaderKey = boundedMemo(encoder._normalizeHeaderKey.bind(encoder), 256);

/**
 * Header lines that come back mail after mail — From, Auto-Submitted, X-Auto-Response-Suppress, MIME-Version, an
 * organizer's To — encoded and folded once: the line depends on nothing but its name and value (From and To parsed
 * with addressparser, the domain through punycode, for every mail: with the key's normalization, the header encoding
 * was 11 % of bench/compose's samples). Fields new in every mail are not kept; the rest up to LINES_KEPT lines.
 */
const lineCache = new Map<string, string>();
const LINES_KEPT = 512;
const NEW_EACH_MAIL = new Set(['Message-ID', 'Reply-To', 'Date', 'In-Reply-To', 'References', 'Subject']);

/** A To as composeMessage writes one: nothing but a name and an address. */
function isNameAddress(v: unknown): v is { name: string; address: string } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const o = v as { name?: unknown; address?: unknown };
  return typeof o.name === 'string' && typeof o.address === 'string' && Object.keys(v).length === 2;
}

/**
 * A bare address that nodemailer writes as it is: a dot-atom of ASCII letters, digits and « + _ - » (no quoting, no
 * encoding), at a lower-case ASCII domain whose labels begin and end with a letter or digit, none an A-label (xn--,
 * which punycode would check), the last beginning with a letter (a last label of digits, or 0x…, is read as an IPv4
 * address by the URL parser nodemailer's punycode step goes through). A Reply-To is one (talks+TOKEN@domain), new in
 * every mail: addressparser and the domain's normalization were ≈ 6 µs of it.
 */
const BARE_ADDRESS = /^[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@(?:(?!xn--)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?!xn--)[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const ADDRESS_FIELDS = new Set(['From', 'To', 'Reply-To']);

/** A field's folded line, '' when its encoded value is blank (left out, as MimeNode does). */
function headerLine(key: string, value: unknown): string {
  // short enough that foldLines leaves it whole (under 76)
  if (typeof value === 'string' && ADDRESS_FIELDS.has(key) && key.length + value.length < 74 && BARE_ADDRESS.test(value)) return `${key}: ${value}`;
  const cacheKey =
    NEW_EACH_MAIL.has(key) ? null
    : typeof value === 'string' ? `s${key}\n${value}`
    : isNameAddress(value) ? `o${key}\n${JSON.stringify([value.name, value.address])}`
    : null;
  if (cacheKey !== null) {
    const line = lineCache.get(cacheKey);
    if (line !== undefined) return line;
  }
  const encoded = encoder.encodeHeaderValue(key, value);
  const line = String(encoded ?? '').trim() ? mimeFuncs.foldLines(`${key}: ${encoded}`, 76) : '';
  if (cacheKey !== null) {
    if (lineCache.size >= LINES_KEPT) lineCache.clear();
    lineCache.set(cacheKey, line);
  }
  return line;
}

/** MailComposer.compile()'s root fields, in its order, as OutgoingMessage names them (after the custom headers). */
const ROOT_FIELDS = [
  ['From', 'from'],
  ['To', 'to'],
  ['Reply-To', 'replyTo'],
  ['In-Reply-To', 'inReplyTo'],
  ['References', 'references'],
  ['Subject', 'subject'],
  ['Message-ID', 'messageId'],
  ['Date', 'date'],
] as const;
/** Custom headers that would change the tree or the root fields' places: those mails take nodemailer's way. */
const TREE_HEADERS = new Set(['Content-Type', 'Content-Transfer-Encoding', 'Content-Disposition', 'MIME-Version', ...ROOT_FIELDS.map(([k]) => k), 'Sender', 'Cc', 'Bcc']);
const MESSAGE_KEYS = new Set([...ROOT_FIELDS.map(([, name]) => name), 'html', 'text', 'headers', 'encoding']);
const PART_HEAD = (type: string) => `Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n`;
const TEXT_HEAD = PART_HEAD('text/plain');
const HTML_HEAD = PART_HEAD('text/html');

/**
 * multipart/alternative (text, HTML) with MailComposer's exact bytes, without its tree; null for any other shape.
 * Mirrors MimeNode.buildHeaders for this shape: custom headers first, then the root fields, MIME-Version, and
 * Content-Type last; every value through encodeHeaderValue, every line folded at 76; empty values left out.
 */
export function alternativeOf(msg: OutgoingMessage): Buffer | null {
  if (!msg.text || !msg.html || msg.encoding !== 'quoted-printable') return null;
  // A field this shape does not write (attachments, cc… through a cast) goes to nodemailer rather than be dropped.
  if (Object.keys(msg).some((k) => !MESSAGE_KEYS.has(k))) return null;
  const fields: { key: string; value: unknown }[] = [];
  for (const [k, v] of Object.entries(msg.headers)) {
    const key = encoder._normalizeHeaderKey(k);
    if (TREE_HEADERS.has(key)) return null;
    fields.push({ key, value: v });
  }
  for (const [key, name] of ROOT_FIELDS) if (msg[name]) fields.push({ key, value: msg[name] });
  const boundary = `--_NmP-${randomUUID().replace(/-/g, '')}-Part_1`;
  fields.push({ key: 'MIME-Version', value: '1.0' });
  const lines: string[] = [];
  for (const f of fields) {
    const line = headerLine(f.key, f.value);
    if (line) lines.push(line);
  }
  lines.push(mimeFuncs.foldLines(`Content-Type: multipart/alternative; boundary="${boundary}"`, 76));
  // Written into one buffer kept between messages, the bodies encoded from a UTF-8 copy kept too, then copied out once:
  // the same bytes as the five Buffers concatenated before (each body's own, its encoding's and its wrap's), which
  // were with their copies 12 % of bench/compose's samples.
  const w = out;
  w.o = 0;
  w.text(`${lines.join('\r\n').replace(/\r?\n/g, '\r\n')}\r\n\r\n--${boundary}\r\n${TEXT_HEAD}`);
  appendQpBody(w, msg.text);
  w.text(`\r\n--${boundary}\r\n${HTML_HEAD}`);
  appendQpBody(w, msg.html);
  w.text(`\r\n--${boundary}--\r\n`);
  const raw = w.take();
  if (w.buf.length > SCRATCH_KEPT) out = new CrlfWriter(64 * 1024);
  return raw;
}

/** alternativeOf's output, and the UTF-8 of the body being encoded: one message at a time (alternativeOf is synchronous). */
let out = new CrlfWriter(64 * 1024);
let utf8 = Buffer.allocUnsafe(64 * 1024);

/** qpBodyBytes(Buffer.from(text)) appended to w. */
function appendQpBody(w: CrlfWriter, text: string): void {
  if (utf8.length < 3 * text.length) utf8 = Buffer.allocUnsafe(3 * text.length);
  const len = utf8.write(text, 0, 'utf8');
  const start = w.o;
  qpAppend(w, utf8, len);
  if (utf8.length > SCRATCH_KEPT) utf8 = Buffer.allocUnsafe(64 * 1024);
  const written = w.buf.subarray(start, w.o);
  if (!hasFromLine(written)) return;
  const escaped = Buffer.from(escapeFromLines(written.toString('latin1')).replace(/\r?\n/g, '\r\n'), 'latin1');
  w.o = start;
  w.room(escaped.length);
  w.o += escaped.copy(w.buf, start);
}

/**
 * A body as MimeNode writes it quoted-printable: encoded, soft-wrapped at 76, line ends CRLF —
 * and, unlike MimeNode, with no line beginning « From »: an mbox along the way (a local delivery agent, a list archive)
 * turns such a line into « >From », which the reader then sees (every English decision mail's footer, « From the
 * organizers of … », and any abstract line that starts so) and which breaks the DKIM body hash of a copy sent on.
 */
export function qpBody(bytes: Buffer): string {
  return qpBodyBytes(bytes).toString('latin1');
}

/** qpBody's bytes (qp.ts: nodemailer's encode and wrap in one pass, line ends CRLF). */
export function qpBodyBytes(bytes: Buffer): Buffer {
  const wrapped = qpWrapCrlf(qpEncode(bytes), 76);
  if (!hasFromLine(wrapped)) return wrapped;
  return Buffer.from(escapeFromLines(wrapped.toString('latin1')).replace(/\r?\n/g, '\r\n'), 'latin1');
}

/**
 * Quoted-printable text whose lines never start with « From »: its F written =46 (RFC 2045 §6.7 allows encoding any
 * octet), in place when the line has room, else as « =46rom= » and a soft break before the rest (lines stay ≤ 76).
 */
export function escapeFromLines(qpText: string): string {
  if (!/(?:^|\n)From /.test(qpText)) return qpText;
  return qpText
    .split('\n')
    .map((line) => {
      if (!line.startsWith('From ')) return line;
      const width = line.endsWith('\r') ? line.length - 1 : line.length;
      return width <= 74 ? `=46${line.slice(1)}` : `=46rom=${line.endsWith('\r') ? '\r' : ''}\n${line.slice(4)}`;
    })
    .join('\n');
}

/** MimeNode.stream's output, without streams. Only in-memory string or Buffer content (what we compose). */
export function serialize(root: unknown): Buffer {
  const out: string[] = [];
  const walk = (node: Node) => {
    out.push(node.buildHeaders(), '\r\n\r\n');
    if (node.content !== undefined && node.content !== null && node.content !== '') {
      if (typeof node.content !== 'string' && !Buffer.isBuffer(node.content)) throw new TypeError('buildRaw: only string or Buffer content');
      const bytes = Buffer.isBuffer(node.content) ? node.content : Buffer.from(node.content);
      const te = node.getTransferEncoding();
      if (te === 'quoted-printable') out.push(qpBody(bytes));
      else if (te === 'base64') out.push(base64.wrap(base64.encode(bytes), 76));
      else out.push(bytes.toString('utf8'));
    }
    if (node.multipart) {
      node.childNodes.forEach((child, i) => {
        out.push(`${i > 0 ? '\r\n' : ''}--${node.boundary}\r\n`);
        walk(child);
      });
      out.push(`\r\n--${node.boundary}--\r\n`);
    }
  };
  walk(root as Node);
  // newline: 'windows' — every line end CRLF, as nodemailer's LeWindows stage does.
  return Buffer.from(out.join('').replace(/\r?\n/g, '\r\n'), 'utf8');
}
