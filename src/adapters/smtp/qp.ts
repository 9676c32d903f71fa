/**
 * A mail body as quoted-printable in one pass over bytes: the output of nodemailer's `qp.encode`, then `qp.wrap(…, 76)`,
 * then build-raw's escapeFromLines, then every line end made CRLF — byte for byte (tests/smtp/qp.test.ts compares them
 * on random input, every byte value and the corpus), without the strings in between. nodemailer's wrap cuts each line
 * with substr and three regular expressions, the CRLF pass and the « From » check scan the whole text again, and the
 * message is then encoded to bytes once more: with the encoding, 3–4 % of the worker's samples in bench:ingest's
 * profile (an acknowledgement's and a notice's HTML, ≈ 11 KB each).
 */

/** RFC 2045 §6.7: the bytes written as they are (TAB, LF, CR, SP to <, > to ~), as nodemailer's QP_RANGES. */
const LITERAL = new Uint8Array(256);
for (let i = 0; i < 256; i++) LITERAL[i] = i === 0x09 || i === 0x0a || i === 0x0d || (i >= 0x20 && i <= 0x3c) || (i >= 0x3e && i <= 0x7e) ? 1 : 0;
const HEX = Buffer.from('0123456789ABCDEF', 'latin1');
const LF = 0x0a;
const CR = 0x0d;
const EQ = 0x3d;

/** nodemailer's qp.encode of a whole input: whitespace before a line break or the end is encoded too. */
export function qpEncode(bytes: Buffer): Buffer {
  const out = Buffer.allocUnsafe(bytes.length * 3);
  return out.subarray(0, encodeInto(bytes, bytes.length, out));
}

/** qpEncode of bytes[0, len) written into out (room for 3 × len): the length written. */
function encodeInto(bytes: Buffer, len: number, out: Buffer): number {
  let o = 0;
  for (let i = 0; i < len; i++) {
    const b = bytes[i]!;
    if (LITERAL[b] === 1) {
      if (b !== 0x20 && b !== 0x09) {
        out[o++] = b;
        continue;
      }
      const next = i + 1 < len ? bytes[i + 1]! : -1;
      if (next !== -1 && next !== LF && next !== CR) {
        out[o++] = b;
        continue;
      }
    }
    out[o++] = EQ;
    out[o++] = HEX[b >> 4]!;
    out[o++] = HEX[b & 15]!;
  }
  return o;
}

const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const hexValue = (c: number) => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57);
/** A break character of wrap's « truncate to nearest space »: [ \t.,!?]. */
const isBreak = (c: number) => c === 0x20 || c === 0x09 || c === 0x2e || c === 0x2c || c === 0x21 || c === 0x3f;

/**
 * A growing output buffer for one message at a time, kept between messages (its callers are synchronous): every LF
 * not preceded by CR written CRLF as it copies (the caller's /\r?\n/g → CRLF).
 */
export class CrlfWriter {
  buf: Buffer;
  o = 0;
  last = -1;
  constructor(capacity: number) {
    this.buf = Buffer.allocUnsafe(capacity);
  }
  room(n: number) {
    if (this.o + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.o + n));
    this.buf.copy(bigger, 0, 0, this.o);
    this.buf = bigger;
  }
  /**
   * The bytes [a, b) of src. A byte at a time: the runs are a wrapped line (≤ 76 bytes), where Buffer.copy's own checks
   * and a search for the next LF cost more than the loop (the copy was 7 % of bench/compose's samples).
   */
  copy(src: Uint8Array, a: number, b: number) {
    this.room(2 * (b - a));
    const buf = this.buf;
    let o = this.o;
    let last = this.last;
    for (let i = a; i < b; i++) {
      const c = src[i]!;
      if (c === LF && last !== CR) buf[o++] = CR;
      buf[o++] = c;
      last = c;
    }
    this.o = o;
    this.last = last;
  }
  /** A soft line break, « =\r\n ». */
  soft() {
    this.room(3);
    this.buf[this.o++] = EQ;
    this.buf[this.o++] = CR;
    this.buf[this.o++] = LF;
    this.last = LF;
  }
  /** Text as UTF-8 (header lines: their line ends already CRLF). */
  text(s: string) {
    this.room(3 * s.length);
    this.o += this.buf.write(s, this.o, 'utf8');
    this.last = this.o > 0 ? this.buf[this.o - 1]! : -1;
  }
  /** The bytes written, in a Buffer of their own. */
  take(): Buffer {
    const out = Buffer.allocUnsafe(this.o);
    this.buf.copy(out, 0, 0, this.o);
    return out;
  }
}

/**
 * nodemailer's qp.wrap(str, lineLength) on the encoded bytes (one byte a character), line ends then made CRLF. Each
 * step is wrap's, in its order: a line is cut after its first CRLF, kept whole when it ends with LF, cut after the last
 * LF of its last third, else after the last space or punctuation of its last third (a line longer than two thirds),
 * else an incomplete escape is pushed to the next line and a UTF-8 sequence is not split; a soft break ends a line
 * that is not the last, a full line giving back its last escape or character for it.
 */
export function qpWrapCrlf(s: Buffer, lineLength = 76): Buffer {
  const w = new CrlfWriter(s.length + (s.length >> 4) + 16);
  wrapInto(s, s.length, lineLength, w);
  return w.buf.subarray(0, w.o);
}

/** qpWrapCrlf of s[0, len) appended to w. */
function wrapInto(s: Buffer, len: number, L: number, w: CrlfWriter): void {
  const margin = Math.floor(L / 3);
  w.last = -1;
  if (len <= L) {
    w.copy(s, 0, len);
    return;
  }
  // the next CR at or after pos (-1: none left): the encoded text of a template has none, so a line's search for
  // its first CRLF is mostly this one lookup
  let cr = -2;
  const endsEqXX = (pos: number, end: number) => end - 3 >= pos && s[end - 3] === EQ && isHex(s[end - 2]!) && isHex(s[end - 1]!);
  let pos = 0;
  while (pos < len) {
    const n = Math.min(L, len - pos);
    const lineEnd = pos + n;
    // the first CRLF of the line ends it
    let crlf = -1;
    if (cr !== -1 && cr < pos) cr = s.indexOf(CR, pos);
    for (let i = cr; i !== -1 && i < lineEnd - 1; i = s.indexOf(CR, i + 1)) {
      if (s[i + 1] === LF) {
        crlf = i;
        break;
      }
    }
    if (crlf >= 0) {
      w.copy(s, pos, crlf + 2);
      pos = crlf + 2;
      continue;
    }
    if (s[lineEnd - 1] === LF) {
      w.copy(s, pos, lineEnd);
      pos = lineEnd;
      continue;
    }
    const tailStart = lineEnd - Math.min(margin, n);
    // /\n.*?$/ in the last third: its last line terminator, when that is a LF
    let term = -1;
    for (let i = lineEnd - 1; i >= tailStart; i--) {
      if (s[i] === LF || s[i] === CR) {
        term = i;
        break;
      }
    }
    if (term >= 0 && s[term] === LF) {
      w.copy(s, pos, term + 1);
      pos = term + 1;
      continue;
    }
    let end = lineEnd;
    let brk = -1;
    if (n > L - margin) {
      for (let i = lineEnd - 1; i >= tailStart; i--) {
        if (isBreak(s[i]!)) {
          brk = i;
          break;
        }
      }
    }
    if (brk >= 0) {
      end = brk + 1;
    } else if (s[end - 1] === EQ || (end - 2 >= pos && s[end - 2] === EQ && isHex(s[end - 1]!)) || endsEqXX(pos, end)) {
      // an incomplete escape goes to the next line
      if (s[end - 1] === EQ) end -= 1;
      else if (end - 2 >= pos && s[end - 2] === EQ && isHex(s[end - 1]!)) end -= 2;
      // nor is a UTF-8 sequence split
      while (end - pos > 3 && end - pos < len - pos && !allEscapes(s, pos, end) && endsEqXX(pos, end)) {
        const code = hexValue(s[end - 2]!) * 16 + hexValue(s[end - 1]!);
        if (code < 128) break;
        end -= 3;
        if (code >= 0xc0) break;
      }
    }
    // emptied by the trimming (an incomplete escape at the very end): taken as it is
    if (end === pos) end = lineEnd;
    if (end < len && s[end - 1] !== LF) {
      if (end - pos === L && endsEqXX(pos, end)) end -= 3;
      else if (end - pos === L) end -= 1;
      w.copy(s, pos, end);
      w.soft();
    } else {
      w.copy(s, pos, end);
    }
    pos = end;
  }
}

/** Above this, a scratch buffer is let go after use rather than kept for the next message (a digest's large parts). */
export const SCRATCH_KEPT = 1 << 20;
let encoded = Buffer.allocUnsafe(64 * 1024);

/**
 * qpWrapCrlf(qpEncode(bytes[0, len)), lineLength) appended to w: the same bytes, encoded into a buffer kept between
 * calls rather than one of 3 × len made for each body (with the wrap's own, 4 % of bench/compose's samples).
 */
export function qpAppend(w: CrlfWriter, bytes: Buffer, len: number, lineLength = 76): void {
  if (encoded.length < 3 * len) encoded = Buffer.allocUnsafe(3 * len);
  wrapInto(encoded, encodeInto(bytes, len, encoded), lineLength, w);
  if (encoded.length > SCRATCH_KEPT) encoded = Buffer.allocUnsafe(64 * 1024);
}

/** /^(?:=[\da-f]{2}){1,4}$/i over [pos, end). */
function allEscapes(s: Buffer, pos: number, end: number): boolean {
  const n = end - pos;
  if (n % 3 !== 0 || n < 3 || n > 12) return false;
  for (let i = pos; i < end; i += 3) if (s[i] !== EQ || !isHex(s[i + 1]!) || !isHex(s[i + 2]!)) return false;
  return true;
}

/** Whether a line of the (CRLF) text starts with « From ». */
export function hasFromLine(b: Buffer): boolean {
  return (b.length >= 5 && b[0] === 0x46 && b.toString('latin1', 0, 5) === 'From ') || b.indexOf('\nFrom ', 0, 'latin1') !== -1;
}
