/**
 * A multipart/* entity whose Content-Type has no boundary parameter (or one no delimiter line can match: empty, or not
 * ASCII — mailsplit counts such a one as none), for the mailparser adapter (src/adapters/mailparser.ts). mailparser
 * reads nothing of its content: every line is the multipart's preamble, dropped — a proposal sent that way had no text
 * and nobody was told (the raw message is kept, elsewhere). It is read as robust readers read it:
 * - split at its first delimiter-like line (`--X`, X in RFC 2046's bchars) that is confirmed as one — followed by a
 *   header field, or met again later (`--X` or `--X--`): a signature's `--Alice` is no delimiter;
 * - else its body read as text/plain (mutt, Python's email: NoBoundaryInMultipartDefect).
 * Each such entity is said (Mail.defects, so a warning of `crieur parse`). What is parsed is a copy with that
 * Content-Type rewritten (with the boundary found, or as text/plain); the message as stored is untouched.
 */
import { createRequire } from 'node:module';
import type * as LibMime from 'libmime';

const require = createRequire(import.meta.url);
const libmime = require('libmime') as typeof LibMime.default;

/** Entities nested deeper are left as mailparser reads them (mailsplit's own limit is its count of nodes). */
const MAX_DEPTH = 16;
/** A delimiter line's boundary: 1–70 of RFC 2046's bchars, not ending in a space. */
const DELIMITER = /^--([0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?])[ \t]*\r?$/;
/** A header field's first line (RFC 5322 ftext, then a colon). */
const HEADER_FIELD = /^[!-9;-~]+[ \t]*:/;
const CONTENT_TYPE = /^content-type[ \t]*:([^\n]*(?:\n[ \t][^\n]*)*)/im;

interface Edit {
  start: number;
  end: number;
  field: string;
}

/**
 * The message to parse, with every multipart entity that has no boundary mended (see above), and what was done to
 * each. The same buffer, and no defect, when there is none (almost every message).
 */
export function mendMissingBoundaries(message: Buffer): { message: Buffer; defects: string[]; rootField: { mended: string; original: string } | null } {
  // run on every message read: the walk (a Content-Type parse per entity, its delimiters sought) only for one that
  // may need it — ≈ 35 µs a message otherwise, 2–3 % of crieur's parse (bench:parse)
  if (!mayLackBoundary(message)) return { message, defects: [], rootField: null };
  const edits: Edit[] = [];
  const defects: string[] = [];
  walk(message, 0, message.length, 0, edits, defects);
  if (edits.length === 0) return { message, defects, rootField: null };
  const chunks: Buffer[] = [];
  let at = 0;
  for (const e of edits.sort((a, b) => a.start - b.start)) {
    chunks.push(message.subarray(at, e.start), Buffer.from(e.field, 'latin1'));
    at = e.end;
  }
  chunks.push(message.subarray(at));
  const root = edits.find((e) => e.start < headerEnd(message, 0, message.length).head);
  return {
    message: Buffer.concat(chunks),
    defects,
    rootField: root ? { mended: root.field, original: message.toString('latin1', root.start, root.end) } : null,
  };
}

/**
 * « multipart/ » in any case (multipart/, Multipart/, MULTIPART/, MultiPart/), found by bytes, no string of the message
 * made: each « t/ » or « T/ » (rare outside a type: a few per kilobyte of base64) is checked for the eight letters before.
 */
const SLASH_AFTER_T = [Buffer.from('t/'), Buffer.from('T/')];
const MULTIPAR = Buffer.from('multipar');
function isMultipartAt(buf: Buffer, t: number): boolean {
  if (t < MULTIPAR.length) return false;
  for (let k = 0; k < MULTIPAR.length; k++) if ((buf[t - MULTIPAR.length + k]! | 0x20) !== MULTIPAR[k]) return false;
  return true;
}
const MULTIPART_FIELD = /^content-type[ \t]*:[ \t]*(?:\r?\n[ \t]+)?multipart\//i;
/** A boundary parameter with a value (quoted or not) that starts with a character a delimiter can hold. */
const BOUNDARY_PARAM = /\bboundary[ \t]*=[ \t]*(?:"[^"\s]|[^"\s;])/i;

/**
 * Could some multipart entity lack a usable boundary? No when every Content-Type field naming a multipart, wherever it
 * stands (one quoted in a body only makes the walk run), has a boundary parameter and is ASCII (a non-ASCII boundary is
 * none to mailsplit): then the walk would mend nothing.
 */
function mayLackBoundary(buf: Buffer): boolean {
  for (const needle of SLASH_AFTER_T) {
    for (let t = buf.indexOf(needle); t >= 0; t = buf.indexOf(needle, t + needle.length)) {
      if (!isMultipartAt(buf, t)) continue;
      const i = t - MULTIPAR.length;
      // the field it stands in: back to the line that starts it (not a fold), on to the end of its folds
      let start = buf.lastIndexOf(0x0a, i) + 1;
      while (start >= 2 && (buf[start] === 0x20 || buf[start] === 0x09)) start = buf.lastIndexOf(0x0a, start - 2) + 1;
      let end = buf.indexOf(0x0a, i);
      while (end >= 0 && (buf[end + 1] === 0x20 || buf[end + 1] === 0x09)) end = buf.indexOf(0x0a, end + 1);
      const f = buf.toString('latin1', start, end < 0 ? buf.length : end);
      if (MULTIPART_FIELD.test(f) && (!BOUNDARY_PARAM.test(f) || /[^\x00-\x7f]/.test(f))) return true;
    }
  }
  return false;
}

/** Where the header block of the entity at `start` ends (`head`), and where its body begins (`body`). */
function headerEnd(buf: Buffer, start: number, end: number): { head: number; body: number } {
  if (buf[start] === 0x0a) return { head: start, body: start + 1 };
  if (buf[start] === 0x0d && buf[start + 1] === 0x0a) return { head: start, body: start + 2 };
  for (let i = buf.indexOf(0x0a, start); i >= 0 && i < end; i = buf.indexOf(0x0a, i + 1)) {
    if (buf[i + 1] === 0x0a) return { head: i + 1, body: i + 2 };
    if (buf[i + 1] === 0x0d && buf[i + 2] === 0x0a) return { head: i + 1, body: i + 3 };
  }
  return { head: end, body: end };
}

/** Is there a line `--X` or `--X--` in buf[from, end)? */
function hasDelimiter(buf: Buffer, boundary: string, from: number, end: number): boolean {
  return delimiters(buf, boundary, from, end).next().done === false;
}

/** The delimiter lines `--boundary` (or `--boundary--`) in buf[from, end): where each line starts and ends. */
function* delimiters(buf: Buffer, boundary: string, from: number, end: number): Generator<{ start: number; next: number; close: boolean }> {
  const needle = Buffer.from(`--${boundary}`, 'latin1');
  for (let i = buf.indexOf(needle, from); i >= 0 && i < end; i = buf.indexOf(needle, i + 1)) {
    if (i > from && buf[i - 1] !== 0x0a) continue;
    const nl = buf.indexOf(0x0a, i);
    const lineEnd = nl < 0 || nl >= end ? end : nl;
    const rest = buf.toString('latin1', i + needle.length, lineEnd);
    const m = /^(--)?[ \t]*\r?$/.exec(rest);
    if (!m) continue;
    yield { start: i, next: lineEnd < end ? lineEnd + 1 : end, close: m[1] !== undefined };
  }
}

/** The first confirmed delimiter-like line's boundary in buf[from, end), or null. */
function findBoundary(buf: Buffer, from: number, end: number): string | null {
  for (let i = buf.indexOf('--', from, 'latin1'); i >= 0 && i < end; i = buf.indexOf('--', i + 2, 'latin1')) {
    if (i > from && buf[i - 1] !== 0x0a) continue;
    const nl = buf.indexOf(0x0a, i);
    const lineEnd = nl < 0 || nl >= end ? end : nl;
    const m = DELIMITER.exec(buf.toString('latin1', i, Math.min(lineEnd, i + 80)));
    if (!m || lineEnd - i > 80) continue;
    const boundary = m[1]!;
    const nextEnd = buf.indexOf(0x0a, lineEnd + 1);
    const nextLine = lineEnd < end ? buf.toString('latin1', lineEnd + 1, Math.min(nextEnd < 0 || nextEnd > end ? end : nextEnd, lineEnd + 200)) : '';
    if (HEADER_FIELD.test(nextLine) || hasDelimiter(buf, boundary, lineEnd, end)) return boundary;
  }
  return null;
}

/** A Content-Type field as mailsplit reads it: its type, its usable boundary, and the other parameters. */
function contentType(field: string): { type: string; boundary: string | null; params: [string, string][] } {
  const parsed = libmime.parseHeaderValue(field.replace(/\r?\n[ \t]+/g, ' ').trim(), { stripComments: true });
  const params = Object.entries(parsed.params ?? {}).filter((p): p is [string, string] => typeof p[1] === 'string');
  const boundary = (parsed.params?.boundary ?? '').trimEnd();
  return {
    type: (parsed.value ?? '').trim().toLowerCase(),
    boundary: boundary !== '' && Buffer.byteLength(boundary) === boundary.length ? boundary : null,
    params: params.filter(([k]) => k.toLowerCase() !== 'boundary'),
  };
}

/** A Content-Type field: the type and its parameters (ASCII ones: a multipart's others mean nothing to the read). */
function field(type: string, params: [string, string][]): string {
  const kept = params.filter(([, v]) => /^[\x20-\x7e]*$/.test(v));
  return `Content-Type: ${[type, ...kept.map(([k, v]) => `${k}="${v.replace(/["\\]/g, '\\$&')}"`)].join(';\r\n ')}\r\n`;
}

function walk(buf: Buffer, start: number, end: number, depth: number, edits: Edit[], defects: string[]): void {
  if (depth > MAX_DEPTH) return;
  const { head, body } = headerEnd(buf, start, end);
  if (head <= start) return;
  const block = buf.toString('latin1', start, head);
  const found = CONTENT_TYPE.exec(block);
  if (!found || !/^[ \t]*(?:\r?\n[ \t]+)?multipart\//i.test(found[1]!)) return;
  const ct = contentType(found[1]!);
  if (!ct.type.startsWith('multipart/')) return;
  // what mailsplit reads as a multipart's type may run on (`multipart/mixed⏎\tboundary="b"`, no semicolon): its first word
  const type = ct.type.split(/[\s;]/)[0]!.slice(0, 60);
  let boundary = ct.boundary;
  if (boundary === null) {
    const fieldStart = start + found.index;
    const fieldEnd = fieldStart + found[0].length + (block[found.index + found[0].length] === '\n' ? 1 : 0);
    boundary = findBoundary(buf, body, end);
    if (boundary === null) {
      const charset = ct.params.filter(([k]) => k.toLowerCase() === 'charset');
      edits.push({ start: fieldStart, end: fieldEnd, field: field('text/plain', charset) });
      defects.push(`${type} with no boundary parameter: its body read as text/plain`);
      return;
    }
    edits.push({ start: fieldStart, end: fieldEnd, field: field(type, [...ct.params, ['boundary', boundary]]) });
    defects.push(`${type} with no boundary parameter: split at its first delimiter line, ${JSON.stringify(`--${boundary}`)}`);
  }
  // each part, from the line after a delimiter to the next delimiter (or the end): a part may be a multipart too
  let part: number | null = null;
  for (const d of delimiters(buf, boundary, body, end)) {
    if (part !== null) walk(buf, part, d.start, depth + 1, edits, defects);
    if (d.close) return;
    part = d.next;
  }
  if (part !== null) walk(buf, part, end, depth + 1, edits, defects);
}
