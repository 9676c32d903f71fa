/**
 * Raw 8-bit text a message does not say how to read, for the mailparser adapter (src/adapters/mailparser.ts):
 * - header bytes outside RFC 2047 encoded-words that are not UTF-8: old clients and some MTAs write ISO-8859-1 or
 *   Windows-1252 straight into From and Subject. They are read in the charset the message declares (the body's
 *   Content-Type charset, or its first text part's), else in Windows-1252 (a superset of ISO-8859-1 for printable
 *   text). Header bytes that are UTF-8 (RFC 6532) stay UTF-8, and so do UTF-8 lines with a broken character or two.
 * - a text part with no charset (or us-ascii), or one in a charset nobody knows (`x-unknown-8859`, a typo), whose bytes
 *   are not UTF-8: read as Windows-1252; so are the bytes of an RFC 2047 encoded-word in such a charset.
 * mailparser reads both as UTF-8, every such byte becoming U+FFFD. Each guess is said (Mail.defects, so a warning of
 * `crieur parse`). Only the decode: the raw message is stored as it came, elsewhere.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import { Transform, type TransformCallback } from 'node:stream';
import type * as LibMime from 'libmime';
import type * as IconvLite from 'iconv-lite';
import { boundedMemo } from '../core/bounded-memo.ts';

// CommonJS packages, required (see src/adapters/mailparser.ts: the build bundles them in).
const require = createRequire(import.meta.url);
const libmime = require('libmime') as typeof LibMime.default;
const iconv = require('iconv-lite') as typeof IconvLite;

/** What raw 8-bit bytes are read as when the message declares no usable charset. */
export const FALLBACK_CHARSET = 'windows-1252';

/** mailsplit's header line: the field's name, and the whole line (folds included) as a byte string (latin1). */
export interface HeaderLine {
  key: string;
  line: string;
}

/** A byte of 8-bit text (or of a header line, mailsplit's byte string). */
export const EIGHT_BIT = /[\x80-\xff]/;

/**
 * Is this line UTF-8 with a few broken characters (cut short by a client or an MTA: `Юникод запрещен\xd1`) rather
 * than text in another charset? Read as UTF-8, it has at least four good non-ASCII characters for each bad byte: a
 * Latin-1 or Windows-1252 line has almost none (`Jérôme` is no UTF-8 sequence), and GB2312 or Big5 text, whose byte
 * pairs are sometimes UTF-8 sequences, has more bad bytes than good characters (1:3 to 1:14 in the corpus).
 */
function brokenUtf8(line: Buffer): boolean {
  let good = 0;
  let bad = 0;
  for (const c of line.toString('utf8')) {
    if (c === '\ufffd') bad++;
    else if (c.charCodeAt(0) >= 0x80) good++;
  }
  return good >= 4 * bad;
}

/**
 * The bytes as text, when they are not UTF-8: line by line, a line that is UTF-8 (a list's UTF-8 footer under a
 * Latin-1 body), or UTF-8 with a few broken characters (brokenUtf8), staying UTF-8, and every other read in
 * `charset` (an ASCII-compatible one: see usableCharset). null when every line is UTF-8, so read as UTF-8.
 */
export function readBytes(bytes: Buffer, charset: string): string | null {
  if (isUtf8(bytes)) return null;
  let out = '';
  let guessed = false;
  for (let start = 0; start < bytes.length; ) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl < 0 ? bytes.length : nl + 1;
    const line = bytes.subarray(start, end);
    if (isUtf8(line) || brokenUtf8(line)) out += line.toString('utf8');
    else {
      out += iconv.decode(line, charset);
      guessed = true;
    }
    start = end;
  }
  return guessed ? out : null;
}

/** ASCII, encoded-word and address punctuation: a charset raw 8-bit header bytes can be read in decodes it as itself. */
const ASCII_PROBE = 'From: "A+b-c" <d_e.f@g.h> =?x?Q?y?= (1/2); #%&*!\r\n';

/**
 * The charset named by `label`, as the body's decoder names it (libmime: iso-8859-1 is read as windows-1252, as
 * WHATWG reads it), if raw 8-bit bytes can be read in it: known, not UTF-8 or ASCII (the bytes are not UTF-8, and
 * ASCII has no 8-bit), and ASCII-compatible (not UTF-16, nor UTF-7, which turns `+ADw-` into `<`).
 */
export function usableCharset(label: string): string | null {
  const name = libmime.normalizeCharset(label.trim());
  if (/^(?:(?:us-?)?ascii|utf-?8|7bit)$/i.test(label.trim()) || /^(?:utf-?8|7bit)$/i.test(name)) return null;
  try {
    if (!iconv.encodingExists(name)) return null;
    return iconv.decode(Buffer.from(ASCII_PROBE, 'latin1'), name) === ASCII_PROBE ? name : null;
  } catch {
    return null;
  }
}

const CONTENT_TYPE = /^content-type[ \t]*:([^\n]*(?:\n[ \t][^\n]*)*)/gim;

function contentType(field: string): { type: string; charset: string | null } {
  const parsed = libmime.parseHeaderValue(field.replace(/\r?\n[ \t]+/g, ' ').trim());
  const charset = parsed.params?.charset;
  return { type: (parsed.value ?? '').trim().toLowerCase(), charset: typeof charset === 'string' && charset.trim() !== '' ? charset.trim() : null };
}

/**
 * The charset a message declares for its text, by its label: the Content-Type charset of its header block, else,
 * for a multipart message, the first text part's (searched in the first 256 KB). null when it declares none.
 */
export function declaredCharset(message: Buffer): string | null {
  const text = message.subarray(0, 256 * 1024).toString('latin1');
  const blank = text.search(/\r?\n\r?\n/);
  const head = blank < 0 ? text : text.slice(0, blank);
  const root = [...head.matchAll(CONTENT_TYPE)][0];
  if (!root) return null;
  const ct = contentType(root[1]!);
  if (ct.charset || !ct.type.startsWith('multipart/') || blank < 0) return ct.charset;
  for (const m of text.slice(blank).matchAll(CONTENT_TYPE)) {
    const part = contentType(m[1]!);
    if (part.type.startsWith('text/')) return part.charset;
  }
  return null;
}

/** The charset of a text part with no charset, as given to mailparser's body decoder (createNode, see mailparser.ts). */
export const UNLABELLED = 'x-crieur-unlabelled';
/** The same for a text part that says us-ascii (mailparser reads it as UTF-8, as it does a part with no charset). */
export const UNLABELLED_ASCII = 'x-crieur-us-ascii';

/**
 * The same for a text part that says utf-8: read as UTF-8 as before when it is, else (a client or a list that labels
 * Latin-1 text utf-8) line by line as readBytes does, where mailparser put a U+FFFD for every accented letter.
 */
export const DECLARED_UTF8 = 'x-crieur-utf-8';
/**
 * The same for a text part whose charset neither iconv-lite nor libmime knows (`charset=x-unknown-8859`, `charset=latin-9x`):
 * mailparser read it as UTF-8, every 8-bit byte of Latin-1 text a U+FFFD. The label follows the prefix, for the warning.
 */
export const UNKNOWN_CHARSET = 'x-crieur-unknown:';
/**
 * The same for a text part that says a single-byte charset (iso-8859-1, windows-1252, latin-9…): read in it as before,
 * but a line that is UTF-8 with 8-bit characters in it is read as UTF-8 — webmails and scripts that label UTF-8 text
 * with their default Latin-1 (« prÃ©sentation », « Â« titre Â» » where the writer typed « présentation »). Latin-1
 * or Windows-1252 text almost never is UTF-8: an accented capital before a symbol byte (`Ã©`) is mojibake itself.
 * The label follows the prefix, for the decoder and the warning.
 */
export const DECLARED_SINGLE_BYTE = 'x-crieur-single-byte:';
/** The single-byte charsets a part may say while its text is UTF-8 (DECLARED_SINGLE_BYTE). */
export const SINGLE_BYTE = /^(?:iso[-_ ]?8859[-_ ]?\d{1,2}|latin-?\d|l\d|(?:windows|cp|x-cp)-?125\d)$/i;
/** A UTF-8 sequence's first two bytes, in a byte string: without one, no line of the text can be UTF-8 beyond ASCII. */
const UTF8_PAIR = /[\xc2-\xf4][\x80-\xbf]/;
const READ_AS: Readonly<Record<string, string>> = {
  [UNLABELLED]: 'without a charset',
  [UNLABELLED_ASCII]: 'declared us-ascii',
  [DECLARED_UTF8]: 'declared utf-8 but not UTF-8',
};
export type TextLabel = typeof UNLABELLED | typeof UNLABELLED_ASCII | typeof DECLARED_UTF8 | `${typeof UNKNOWN_CHARSET}${string}`;

/** The charsets libmime decodes without iconv-lite (encoding-japanese), and those it refuses (read as UTF-8 by design). */
const DECODED_ELSEWHERE = /^(?:jis|iso-?2022-?jp|eucjp|utf-?7|utf7-?imap|base64|hex)/i;

/** Does the body's decoder (libmime over iconv-lite) know the charset `label` names? */
function knownCharset(label: string): boolean {
  const name = libmime.normalizeCharset(label.trim());
  if (DECODED_ELSEWHERE.test(name) || DECODED_ELSEWHERE.test(label.trim())) return true;
  try {
    return iconv.encodingExists(name);
  } catch {
    return false;
  }
}

/**
 * knownCharset's answers by label. It is asked for every encoded-word of every header line holding one (headers, for
 * the words of an unknown charset) and every text part's charset — the same few labels, each answer a charset name's
 * normalization and an iconv-lite look-up. Emptied past 256 labels: a message may name any number.
 */
export const isKnownCharset: (label: string) => boolean = boundedMemo(knownCharset, 256);

/** An RFC 2047 encoded-word: its charset, an RFC 2231 language (`*fr`), its encoding and its text. */
const ENCODED_WORDS = /=\?([^?\s*]+)(\*[^?\s]*)?\?([bq])\?([^?\s]*)\?=/gi;

/** An encoded-word's charset label saying UTF-8 (`utf-8`, `UTF8`), whose bytes may still be Latin-1 (unknownWords). */
const DECLARED_UTF8_WORD = /^utf-?8$/i;

/** The bytes end inside a UTF-8 character: a lead byte followed by fewer continuation bytes than it announces. */
function endsMidCharacter(bytes: Buffer): boolean {
  for (let k = bytes.length - 1, seen = 0; k >= 0 && seen < 4; k--, seen++) {
    const b = bytes[k]!;
    if ((b & 0xc0) === 0x80) continue;
    const needs = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
    return needs > seen;
  }
  return false;
}

/** The value of an ASCII hex digit's code, or -1. */
function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}

/**
 * The bytes an encoded-word's text stands for (B: base64; Q: `_` a space, `=XX` a byte, any other character its byte:
 * the text is mailsplit's byte string). Q written byte by byte (two regexp replacements and a string per `=XX` made
 * it 1 % of a read of the corpus: every UTF-8 word of every header is read here to see that it is UTF-8). Exported
 * for its test.
 */
export function wordBytes(encoding: string, text: string): Buffer {
  if (encoding === 'b' || encoding === 'B') return Buffer.from(text, 'base64');
  const out = Buffer.allocUnsafe(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3d) {
      const h1 = hexValue(text.charCodeAt(i + 1));
      const h2 = h1 < 0 ? -1 : hexValue(text.charCodeAt(i + 2));
      if (h2 >= 0) {
        out[n++] = h1 * 16 + h2;
        i += 2;
        continue;
      }
    }
    out[n++] = c === 0x5f ? 0x20 : c & 0xff;
  }
  return out.subarray(0, n);
}

/**
 * One message's raw 8-bit reading: its header lines mended (headers), its unlabelled text parts decoded (body),
 * and what was guessed (defects, each said once). The charset headers are read in is looked up when first needed.
 */
export class Raw8Bit {
  readonly defects: string[] = [];
  private headerCharset: { name: string; said: string } | null = null;
  private said = new Set<string>();

  /** The whole message (from its header block), where its declared charset is looked for. */
  constructor(private readonly message: Buffer) {}

  /**
   * Header lines (mailsplit's byte strings, the ones mailparser decodes and the adapter's header map reads) with raw
   * 8-bit bytes that are not UTF-8, rewritten in place as the UTF-8 bytes of their reading: mailparser then decodes
   * them as UTF-8, as it does every header. Lines that are ASCII or UTF-8 (even with a few broken characters:
   * brokenUtf8) are left as they are.
   */
  headers(lines: HeaderLine[]): void {
    for (const l of lines) {
      if (l.line.includes('=?')) l.line = this.unknownWords(l.line);
      if (!EIGHT_BIT.test(l.line)) continue;
      const bytes = Buffer.from(l.line, 'latin1');
      if (isUtf8(bytes)) continue;
      const charset = this.charset();
      const text = readBytes(bytes, charset.name);
      if (text === null) continue;
      l.line = Buffer.from(text, 'utf8').toString('latin1');
      this.say(`headers in raw 8-bit: read as ${charset.said}`);
    }
  }

  /**
   * RFC 2047 encoded-words in a charset no decoder knows (`=?x-unknown?Q?R=E9sum=E9?=`), which libmime read as UTF-8, each
   * 8-bit byte a U+FFFD: read as a text part in such a charset is (body), UTF-8 where the bytes are, Windows-1252 where
   * not, and said so; rewritten as one UTF-8 word per run of such words (a character may straddle two of them).
   * So are words declared utf-8 whose bytes are not UTF-8 (`=?utf-8?Q?r=E9plication?=`: a client or a gateway that
   * labels Latin-1 utf-8, as a text part declared utf-8 may be: DECLARED_UTF8); a run of them that is UTF-8 is left
   * as written.
   */
  private unknownWords(line: string): string {
    const words = [...line.matchAll(ENCODED_WORDS)].filter((m) => !isKnownCharset(m[1]!) || DECLARED_UTF8_WORD.test(m[1]!));
    if (words.length === 0) return line;
    let out = '';
    let at = 0;
    for (let i = 0; i < words.length; ) {
      const first = words[i]!;
      let j = i + 1;
      // a run: words of the same label with only white space (folds included) between them
      // (declared utf-8, the run goes on only past a character split between two words: a true UTF-8 word beside a
      // Latin-1 one, « =?UTF-8?Q?r=C3=A9plication?= =?utf-8?Q?caf=E9?= », read as one run made the first « rÃ©plication »)
      const declaredUtf8 = DECLARED_UTF8_WORD.test(first[1]!);
      let bytes = wordBytes(first[3]!, first[4]!);
      while (j < words.length && words[j]![1]!.toLowerCase() === first[1]!.toLowerCase() && /^\s*$/.test(line.slice(words[j - 1]!.index + words[j - 1]![0].length, words[j]!.index)) && (!declaredUtf8 || endsMidCharacter(bytes))) {
        bytes = Buffer.concat([bytes, wordBytes(words[j]![3]!, words[j]![4]!)]);
        j++;
      }
      const read = readBytes(bytes, FALLBACK_CHARSET);
      const last = words[j - 1]!;
      if (declaredUtf8 && read === null) {
        out += line.slice(at, last.index + last[0].length);
        at = last.index + last[0].length;
        i = j;
        continue;
      }
      const label = JSON.stringify(first[1]!.slice(0, 40));
      if (read !== null) this.say(`encoded words declared ${label}${declaredUtf8 ? ' but not UTF-8' : ', a charset no decoder knows'}: read as ${FALLBACK_CHARSET}`);
      out += `${line.slice(at, first.index)}=?utf-8?B?${Buffer.from(read ?? bytes.toString('utf8'), 'utf8').toString('base64')}?=`;
      at = last.index + last[0].length;
      i = j;
    }
    return out + line.slice(at);
  }

  /** The decoder of a text part given the charset UNLABELLED, UNLABELLED_ASCII or DECLARED_UTF8: UTF-8, else Windows-1252. */
  body(label: TextLabel): Transform {
    const as = label.startsWith(UNKNOWN_CHARSET) ? `declared ${JSON.stringify(label.slice(UNKNOWN_CHARSET.length).slice(0, 40))}, a charset no decoder knows` : READ_AS[label];
    return new UnlabelledText(() => this.say(`body in raw 8-bit ${as}: read as ${FALLBACK_CHARSET}`));
  }

  /** The decoder of a text part given a DECLARED_SINGLE_BYTE label: the charset it says, its UTF-8 lines as UTF-8. */
  declaredSingleByte(label: string): Transform {
    const charset = label.slice(DECLARED_SINGLE_BYTE.length);
    return new SingleByteText(charset, () => this.say(`body declared ${charset.toLowerCase()} but written in UTF-8: read as UTF-8`));
  }

  private charset(): { name: string; said: string } {
    if (this.headerCharset) return this.headerCharset;
    const label = declaredCharset(this.message);
    const name = label ? usableCharset(label) : null;
    this.headerCharset = name ? { name, said: `${label!.toLowerCase()}, the charset the message declares` } : { name: FALLBACK_CHARSET, said: FALLBACK_CHARSET };
    return this.headerCharset;
  }

  private say(defect: string): void {
    if (this.said.has(defect)) return;
    this.said.add(defect);
    this.defects.push(defect);
  }
}

/** A text part's bytes, collected (mailparser collects them too), then passed on converted (as UTF-8) in one piece. */
abstract class CollectedText extends Transform {
  private chunks: Buffer[] = [];

  protected abstract convert(bytes: Buffer): Buffer;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.chunks.push(chunk);
    done();
  }

  override _flush(done: TransformCallback): void {
    const bytes = Buffer.concat(this.chunks);
    this.chunks = [];
    this.push(this.convert(bytes));
    done();
  }
}

/** A text part that names no charset: read in the fallback when its bytes are not UTF-8. */
class UnlabelledText extends CollectedText {
  constructor(private readonly guessed: () => void) {
    super();
  }

  protected convert(bytes: Buffer): Buffer {
    const text = readBytes(bytes, FALLBACK_CHARSET);
    if (text === null) return bytes;
    this.guessed();
    return Buffer.from(text, 'utf8');
  }
}

/**
 * A text part that says a single-byte charset: read in that charset (as mailparser's own decoder names it), except
 * the lines that are UTF-8 with 8-bit characters (DECLARED_SINGLE_BYTE).
 */
class SingleByteText extends CollectedText {
  /** The charset as the body's decoder names it (libmime: iso-8859-1 is read as windows-1252). */
  private readonly charset: string;

  constructor(
    label: string,
    private readonly guessed: () => void,
  ) {
    super();
    this.charset = libmime.normalizeCharset(label);
  }

  protected convert(bytes: Buffer): Buffer {
    // ASCII (most such parts: the charset is the client's default, the text English or code) reads as itself in each
    // charset SINGLE_BYTE names, and is its own UTF-8: given back as it came, where the whole part was made a string to
    // look for a UTF-8 pair, decoded and encoded again
    if (isAscii(bytes)) return bytes;
    // most such parts are what they say: one scan for a UTF-8 pair, and they are read whole as before
    if (!UTF8_PAIR.test(bytes.toString('latin1'))) return Buffer.from(iconv.decode(bytes, this.charset), 'utf8');
    let out = '';
    let utf8 = false;
    for (let start = 0; start < bytes.length; ) {
      const nl = bytes.indexOf(0x0a, start);
      const end = nl < 0 ? bytes.length : nl + 1;
      const line = bytes.subarray(start, end);
      if (EIGHT_BIT.test(line.toString('latin1')) && isUtf8(line)) {
        out += line.toString('utf8');
        utf8 = true;
      } else out += iconv.decode(line, this.charset);
      start = end;
    }
    if (utf8) this.guessed();
    return Buffer.from(out, 'utf8');
  }
}
