/**
 * libmime's RFC 2047 word decoding (5.6.4) as mailparser's MailParser calls it on its own Libmime instance — the same
 * strings out, with less work (issue 12, decode; src/adapters/mailparser.ts installs them on each parser's instance):
 * - decodeWord, a Q word: libmime turned each `=XX` into a one-character string (getHex), parsed it back with parseInt,
 *   pushed the byte into an array and made a Buffer of the array — 3.8 % of a read of the corpus, the largest of
 *   mailparser's header work. Its bytes are written into a Buffer here, then decoded by libmime's own charset code.
 * - decodeWords on a value with no `=?` (most subjects, every Message-ID and parameter): five regexp passes that find
 *   nothing, answered at once.
 * tests/adapters/mime-words.test.ts compares both with libmime's on the corpus' header values and on random words.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const libcharset = require('libmime/lib/charset') as { normalizeCharset(charset: string): string; decode(buf: Buffer, charset: string): string };

/** libmime's Libmime as MailParser holds it (`this.libmime`). */
export interface WordDecoder {
  decodeWord(charset: string, encoding: string, str: string): string;
  decodeWords(str: unknown): string;
}

/** The value of an ASCII hex digit, or -1 (libmime's getHex: 0-9, a-f, A-F). */
function hex(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** libmime's decodeMarker for joined words: a value holding it is not answered at once. */
const JOIN_MARKER = '__\x00JOIN\x00__';

/** The instance's decodeWord and decodeWords replaced by the ones above (each calls the original for what it leaves). */
export function fastWords<T extends WordDecoder>(lm: T): T {
  const decodeWord = lm.decodeWord;
  const decodeWords = lm.decodeWords;
  lm.decodeWord = function (this: T, charset: string, encoding: string, str: string): string {
    if (encoding !== 'Q' && encoding !== 'q') return decodeWord.call(this, charset, encoding, str);
    const star = charset.indexOf('*');
    const name = libcharset.normalizeCharset(star >= 0 ? charset.substring(0, star) : charset);
    // libmime's two replacements, as it writes them
    const text = str.replace(/=\s+([0-9a-fA-F])/g, '=$1').replace(/[_\s]/g, ' ');
    const buf = Buffer.from(text);
    const len = buf.length;
    const out = Buffer.allocUnsafe(len);
    let n = 0;
    for (let i = 0; i < len; i++) {
      const c = buf[i]!;
      if (c === 0x3d && i <= len - 2) {
        const h1 = hex(buf[i + 1]);
        const h2 = hex(buf[i + 2]);
        if (h1 >= 0 && h2 >= 0) {
          out[n++] = h1 * 16 + h2;
          i += 2;
          continue;
        }
      }
      out[n++] = c;
    }
    return libcharset.decode(out.subarray(0, n), name);
  };
  lm.decodeWords = function (this: T, str: unknown): string {
    if (typeof str === 'string' && !str.includes('=?') && !str.includes(JOIN_MARKER)) return str;
    return decodeWords.call(this, str);
  };
  return lm;
}
