import { describe, expect, it } from 'vitest';
import { isKnownCharset, wordBytes } from '../../src/adapters/raw-8bit.ts';
import { seededRandom } from '../support/random.ts';

/** wordBytes as it was written with two replacements (the reference). */
function replaced(encoding: string, text: string): Buffer {
  if (encoding.toLowerCase() === 'b') return Buffer.from(text, 'base64');
  return Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
}

const random = seededRandom;

describe('raw-8bit.ts: an encoded word read byte by byte, a charset known once', () => {
  it('wordBytes gives the bytes the two replacements gave: =XX in either case, a broken or last =, _, 8-bit characters', () => {
    const pieces = ['=', '=4', '=41', '=e9', '=E9', '=eG', '=Ge', '=g0', '=:0', '=@a', '=`a', '=/0', '_', '=5F', '=3D', 'a', 'Z', '0', '\xe9', '\xff', '=\xe9', '+', '/'];
    const next = random(7);
    for (let k = 0; k < 20_000; k++) {
      let text = '';
      for (let i = Math.floor(next() * 10); i > 0; i--) text += pieces[Math.floor(next() * pieces.length)];
      for (const enc of ['q', 'Q']) expect(wordBytes(enc, text).equals(replaced(enc, text)), JSON.stringify(text)).toBe(true);
    }
    for (const enc of ['b', 'B']) expect(wordBytes(enc, 'w4lsw6hu').toString()).toBe('Élèn');
  });

  it('isKnownCharset answers the same asked again, and past 256 labels', () => {
    const labels = ['utf-8', 'ISO-8859-1', ' latin1 ', 'x-unknown-8859', 'iso-2022-jp', 'utf-7', 'koi8-r', 'latin-9x', 'gb2312', 'windows-1252'];
    const first = labels.map(isKnownCharset);
    expect(first).toEqual([true, true, true, false, true, true, true, false, true, true]);
    for (let i = 0; i < 600; i++) isKnownCharset(`x-made-up-${i}`);
    expect(labels.map(isKnownCharset)).toEqual(first);
    expect(labels.map(isKnownCharset)).toEqual(first);
  });
});
