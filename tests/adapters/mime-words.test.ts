import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fastWords, type WordDecoder } from '../../src/adapters/mime-words.ts';
import { corpusMessages, hasCorpus } from '../support/corpus.ts';
import { seededRandom } from '../support/random.ts';

// libmime's CommonJS build, the one mailparser's CommonJS build (the adapter's) creates its instance from
const { Libmime } = createRequire(import.meta.url)('libmime') as { Libmime: new () => WordDecoder };
const theirs = new Libmime();
const ours = fastWords(new Libmime());

const random = seededRandom;

const PIECES = ['=', '=g1', '=1g', '=fF', '=:0', '=@A', '=`a', '=C3', '=c3=a9', '=E9', '=e', '=G1', '= 4', '=\t41', '=  ', '_', ' ', '\t', 'a', 'Z', '9', '?', 'é', '€', '😀', '=3D', '=0', '=F', '=20', '=5F', '=80'];
const CHARSETS = ['utf-8', 'UTF-8', 'iso-8859-1', 'ISO-8859-15', 'windows-1252', 'koi8-r', 'iso-2022-jp', 'gb2312', 'x-unknown', 'utf-8*fr', 'us-ascii', 'utf-7', 'base64'];

describe('fastWords: libmime decodeWord and decodeWords, the same strings with less work', () => {
  it('decodes Q words as libmime does: hex digits in either case, a lone or broken =, = before white space, _ and white space, 8-bit text, every charset', () => {
    const next = random(12);
    for (let k = 0; k < 20_000; k++) {
      const len = Math.floor(next() * 12);
      let text = '';
      for (let i = 0; i < len; i++) text += PIECES[Math.floor(next() * PIECES.length)];
      const charset = CHARSETS[Math.floor(next() * CHARSETS.length)]!;
      for (const q of ['Q', 'q']) expect(ours.decodeWord(charset, q, text), `${charset} ${q} ${JSON.stringify(text)}`).toBe(theirs.decodeWord(charset, q, text));
    }
  });

  it('leaves B words to libmime', () => {
    expect(ours.decodeWord('utf-8', 'B', 'w4lsw6hu')).toBe('Élèn');
    expect(ours.decodeWords('=?utf-8?b?w4lsw6hu?= =?UTF-8?Q?_et_Z=C3=B6e?=')).toBe(theirs.decodeWords('=?utf-8?b?w4lsw6hu?= =?UTF-8?Q?_et_Z=C3=B6e?='));
  });

  it('answers a value with no encoded word at once, and the same', () => {
    for (const v of ['', 'Proposition : index BRIN', '<a@b> <c@d>', 'a=b; c="d"', '=?', 'x__\x00JOIN\x00__y', '=?utf-8?q?a?=__\x00JOIN\x00__=?utf-8?q?b?=', 'Résumé ?= =', undefined, null, 0]) {
      expect(ours.decodeWords(v)).toBe(theirs.decodeWords(v));
    }
  });

  it.skipIf(!hasCorpus)('decodes every header value of the corpus as libmime does', () => {
    let words = 0;
    for (const { raw } of corpusMessages()) {
      const head = raw.subarray(0, Math.max(0, raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n'))).toString('latin1');
      for (const line of head.split(/\r?\n(?![ \t])/)) {
        const value = Buffer.from(line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]*/g, ' ').trim(), 'binary').toString();
        if (value.includes('=?')) words++;
        expect(ours.decodeWords(value), line).toBe(theirs.decodeWords(value));
      }
    }
    expect(words).toBeGreaterThan(100);
  });
});
