/**
 * A campaign's mail as a MimeTemplate (src/core/compose/mime-template.ts): headers encoded, parts quoted-printable
 * (text, HTML) and base64 (the .ics), boundaries fixed — once per variant; then `fillMime` per recipient, which
 * only encodes the few slot values and concatenates. That is what makes 20,000 members cost one render, not
 * 20,000 composes (bench/send.ts measures it against a nodemailer compose per recipient).
 *
 * Slots inside a quoted-printable part: each static segment is encoded and wrapped on its own and ends with a soft
 * line break (`=` CRLF), so the slot's own encoding can follow on a fresh line; soft breaks vanish on decoding,
 * so the decoded text is the exact concatenation. Lines are wrapped at 75 to leave room for that `=`.
 */
import { createHash } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import * as mimeFuncs from 'nodemailer/lib/mime-funcs';
import * as qp from 'nodemailer/lib/qp';
import * as base64 from 'nodemailer/lib/base64';
import { escapeHtml } from '../../core/render/escape.ts';
import { sentinel, SENTINEL_RE, type MimeTemplate, type Piece, type Slot, type SlotEncoding, type SlotName, type SlotValues } from '../../core/compose/mime-template.ts';
import { fillSlotLines, wrapLongLines } from '../../core/render/wrap.ts';
import { encodeUnstructured, escapeFromLines } from '../smtp/build-raw.ts';

export interface CampaignMailInput {
  from: string;
  /** A fixed recipient header (a list's address), or null for the per-recipient `to` slot. */
  to: string | null;
  subject: string;
  /** Extra headers, single-line ASCII values; a value may hold the sentinel of the `unsubscribe` slot. */
  headers: Record<string, string>;
  /** Rendered parts; they may hold the sentinels of `greeting` and `unsubscribe`. */
  text: string;
  html: string;
  ics: string | null;
  /** Seeds the boundaries: the same mail gets the same bytes when it is built again. */
  seed: string;
}

const CRLF = '\r\n';
const QP_WIDTH = 75;
/** The width the text part is written to (announcement.ts, call.ts wrap it there): a filled slot's line too. */
const TEXT_WIDTH = 72;

export function buildMimeTemplate(m: CampaignMailInput): MimeTemplate {
  const h = createHash('sha256').update(m.seed).digest('hex').slice(0, 24);
  const mixed = `=_crieur_${h}_m`;
  const alt = `=_crieur_${h}_a`;
  const pieces: Piece[] = [];
  const push = (p: Piece) => {
    const last = pieces[pieces.length - 1];
    if (typeof p === 'string' && typeof last === 'string') pieces[pieces.length - 1] = last + p;
    else if (p !== '') pieces.push(p);
  };
  const header = (name: string, value: string) => {
    const parts = splitSlots(oneLine(value), 'header');
    const [before, slot, after] = parts;
    if (parts.length === 1) push(mimeFuncs.foldLines(`${name}: ${oneLine(value)}`, 76) + CRLF);
    // A value that is one slot (a List-Unsubscribe's two links) is folded once known, from the colon on.
    else if (parts.length === 3 && before === '' && after === '' && typeof slot === 'object') for (const p of [`${name}:`, { ...slot, col: name.length + 1 }, CRLF]) push(p);
    else for (const p of [`${name}: `, ...parts, CRLF]) push(p);
  };
  // Header names and positions fixed: From, To, Subject, Date, Message-ID, then the rest.
  push(mimeFuncs.foldLines(`From: ${formatAddress(m.from)}`, 76) + CRLF);
  if (m.to) push(`To: ${formatAddress(m.to)}${CRLF}`);
  else for (const p of ['To: ', { slot: 'to', enc: 'header' } as const, CRLF]) push(p);
  push(mimeFuncs.foldLines(`Subject: ${encodeUnstructured(oneLine(m.subject))}`, 76) + CRLF);
  // The Date of each recipient's row (a slot): a template is built once, its rows may be added days later (members who
  // joined since an announcement); templates stored before it have the campaign's date written in.
  for (const p of ['Date: ', { slot: 'date', enc: 'header' } as const, CRLF]) push(p);
  push('Message-ID: ');
  push({ slot: 'messageId', enc: 'header' });
  push(CRLF);
  push(`MIME-Version: 1.0${CRLF}`);
  for (const [k, v] of Object.entries(m.headers)) {
    if (!/^[!-9;-~]+$/.test(k)) throw new Error(`invalid header name ${JSON.stringify(k)}`);
    header(k, v);
  }
  const outer = m.ics ? mixed : alt;
  push(`Content-Type: multipart/${m.ics ? 'mixed' : 'alternative'};${CRLF} boundary="${outer}"${CRLF}${CRLF}`);
  if (m.ics) push(`--${mixed}${CRLF}Content-Type: multipart/alternative;${CRLF} boundary="${alt}"${CRLF}${CRLF}`);
  push(`--${alt}${CRLF}Content-Type: text/plain; charset=utf-8${CRLF}Content-Transfer-Encoding: quoted-printable${CRLF}${CRLF}`);
  for (const p of qpPieces(m.text, 'text')) push(p);
  push(`${CRLF}--${alt}${CRLF}Content-Type: text/html; charset=utf-8${CRLF}Content-Transfer-Encoding: quoted-printable${CRLF}${CRLF}`);
  for (const p of qpPieces(m.html, 'html')) push(p);
  push(`${CRLF}--${alt}--${CRLF}`);
  if (m.ics) {
    push(`${CRLF}--${mixed}${CRLF}Content-Type: text/calendar; charset=utf-8; method=PUBLISH;${CRLF} name="event.ics"${CRLF}`);
    push(`Content-Disposition: attachment; filename="event.ics"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}`);
    push(base64.wrap(base64.encode(Buffer.from(m.ics, 'utf8')), 76).replace(/\r?\n/g, CRLF));
    push(`${CRLF}--${mixed}--${CRLF}`);
  }
  return { pieces };
}

/** The bytes for one recipient: slot values encoded for where they land, the rest copied. */
export function fillMime(t: MimeTemplate, values: SlotValues): Buffer {
  let out = '';
  for (const p of t.pieces) out += typeof p === 'string' ? p : encodeSlot(p.line ? wrapLongLines(`${p.line.before}${values[p.slot]}${p.line.after}`, TEXT_WIDTH) : values[p.slot], p.enc, p.col);
  return Buffer.from(out, 'utf8');
}

/** One rendered part (the HTML or the text) for one recipient, decoded: what `announce --out` writes beside the .eml. */
export function fillPart(part: string, enc: 'html' | 'text', values: SlotValues): string {
  if (enc === 'text') return fillSlotLines(part, SENTINEL_RE, (name) => values[name as SlotName], TEXT_WIDTH);
  return part.replace(SENTINEL_RE, (_m, name: SlotName) => escapeHtml(values[name]));
}

function encodeSlot(value: string, enc: SlotEncoding, col?: number): string {
  if (enc === 'header') return col === undefined ? oneLine(value) : foldAt(oneLine(value), col);
  if (value === '') return '';
  const encoded = escapeFromLines(qp.wrap(qp.encode(Buffer.from(enc === 'html' ? escapeHtml(value) : value, 'utf8')), QP_WIDTH)).replace(/\r?\n/g, CRLF);
  return `${encoded}=${CRLF}`;
}

/**
 * A header value after `Name:` (which ends at column `col`), each word after a space or, when the line would pass
 * 78 characters, a fold (RFC 5322 §2.1.1 SHOULD; a longer word stays whole, within the 998 MUST). Unfolded, it
 * reads `Name: value`.
 */
function foldAt(value: string, col: number): string {
  let out = '';
  let width = col;
  for (const w of value.split(' ')) {
    const fold = width + 1 + w.length > 78 && width > 1;
    out += fold ? `${CRLF} ${w}` : ` ${w}`;
    width = (fold ? 0 : width) + 1 + w.length;
  }
  return out;
}

/** A rendered part → static quoted-printable segments (each ending in a soft break when a slot follows) and slots. */
function qpPieces(part: string, enc: 'text' | 'html'): Piece[] {
  const out: Piece[] = [];
  const segments = splitSlots(part, enc);
  // A text slot alone on its line takes the line with it, to be wrapped once filled (Slot.line): the static text
  // before it then ends at a line break, the one after starts at one.
  if (enc === 'text') {
    for (let i = 1; i < segments.length - 1; i += 2) {
      const slot = segments[i] as Slot;
      const prev = segments[i - 1] as string;
      const next = segments[i + 1] as string;
      const start = prev.lastIndexOf('\n') + 1;
      const nl = next.indexOf('\n');
      // another slot on the same line: filled where it stands
      if ((start === 0 && i > 1) || (nl < 0 && i + 2 < segments.length)) continue;
      const end = nl < 0 ? next.length : nl;
      segments[i] = { ...slot, line: { before: prev.slice(start), after: next.slice(0, end) } };
      segments[i - 1] = prev.slice(0, start);
      segments[i + 1] = next.slice(end);
    }
  }
  segments.forEach((p, i) => {
    if (typeof p !== 'string') return void out.push(p);
    // every piece starts a line of the part (the one before ends in a soft break): no line of it may start « From » (build-raw.ts)
    const encoded = escapeFromLines(qp.wrap(qp.encode(Buffer.from(p.replace(/\r?\n/g, CRLF), 'utf8')), QP_WIDTH)).replace(/\r?\n/g, CRLF);
    const slotNext = i < segments.length - 1;
    out.push(slotNext && !encoded.endsWith(CRLF) && encoded !== '' ? `${encoded}=${CRLF}` : encoded);
  });
  return out;
}

function splitSlots(s: string, enc: SlotEncoding): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const m of s.matchAll(SENTINEL_RE)) {
    out.push(s.slice(last, m.index));
    out.push({ slot: m[1] as SlotName, enc });
    last = m.index + m[0].length;
  }
  out.push(s.slice(last));
  return out;
}

/** `Name <addr>` with the name quoted or RFC 2047-encoded; a bare address as is. */
export function formatAddress(value: string): string {
  const [a] = addressparser(oneLine(value)) as { name: string; address?: string }[];
  if (!a?.address) throw new Error(`not an address: ${value}`);
  if (!a.name) return a.address;
  const name = mimeFuncs.isPlainText(a.name) ? `"${a.name.replace(/["\\]/g, '\\$&')}"` : mimeFuncs.encodeWord(a.name, 'Q', 52);
  return `${name} <${a.address}>`;
}

function oneLine(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/**
 * The headers every campaign variant carries. Roster mail (`personal`: to members) is a list of crieur's own (RFC
 * 2919 List-Id, RFC 2369 List-Unsubscribe by mail and https, each with the member's token filled into its slot, RFC
 * 8058 one-click when the https link exists); a list's copy gets its List-* headers from the list's own software.
 */
export function campaignHeaders(o: { personal: boolean; domain: string; oneClick: boolean }): Record<string, string> {
  const headers: Record<string, string> = {};
  if (o.personal) {
    headers['List-Id'] = `<members.${o.domain}>`;
    headers['List-Unsubscribe'] = sentinel('listUnsubscribe');
    if (o.oneClick) headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    headers.Precedence = 'bulk';
  }
  headers['Auto-Submitted'] = 'auto-generated';
  headers['X-Auto-Response-Suppress'] = 'All';
  return headers;
}
