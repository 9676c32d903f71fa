import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMail } from '../../../src/adapters/mailparser.ts';
import { fold, toLines } from '../../../src/core/text/fold.ts';
import { corpusMessages, hasCorpus } from '../../support/corpus.ts';
import { seededRandom } from '../../support/random.ts';

/** fold's definition, as it was written before its ASCII path and memo: every answer must be this one. */
const definition = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .toLowerCase();

/** The same characters in a string object of its own (a caller's slice): the memo must answer by content. */
const copy = (s: string): string => (s + '\u0000').slice(0, -1);

function expectDefinition(s: string): void {
  const want = definition(s);
  expect(fold(s), JSON.stringify(s)).toBe(want);
  // asked again: from the memo when not ASCII and short enough, computed anew otherwise
  expect(fold(copy(s)), JSON.stringify(s)).toBe(want);
}

describe('fold: the definition, faster', () => {
  it('every UTF-16 code unit, alone and between ASCII letters', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `A${ch}b`, `${ch}${ch}`]) {
        const want = definition(s);
        if (fold(s) !== want) expect(fold(s), `U+${c.toString(16).padStart(4, '0')} in ${JSON.stringify(s)}`).toBe(want);
      }
    }
  });

  it('the hard cases: decomposed and reordered marks, İ, ß, œ, ﬁ, a final Σ, surrogates, backquotes', () => {
    const cases = [
      'e\u0301te',
      'E\u0301TE\u0301',
      'a\u0323\u0302 a\u0302\u0323 \u1ea0\u0302',
      'İstanbul İİ',
      'STRASSE Straße ẞ',
      'Œuvre œuvre Æ',
      'ﬁn ﬀ ﬃ',
      'ΟΔΟΣ ΟΔΟΣ. Σ ΣΑ ὈΔΥΣΣΕΎΣ',
      'Ά\u0301Σ\u0301 Σ\u0345',
      '𝐀𝐁 x 👍🏽 👨‍👩‍👧 🇫🇷',
      '\ud800 \udc00x a\ud83d',
      'L`ancien l´été l’été l‘été Lʼété `',
      'Ⅻ \u212a \u212b \u2126',
      '한국어 ㄱ',
      '\u1fef\u1ffd\u0340\u0341',
      'ǅ ǈ ŉ ǰ',
      'x\u0345 \u20d0a\u20e3 \u05b0\u0591',
      'NAÏVE CAFÉ À L’ŒIL',
      'ПРИВЕТ Ёж ё',
      'ABC`DEF`',
      '',
    ];
    for (const s of cases) expectDefinition(s);
  });

  it('random strings: ASCII with capitals and backquotes, mixed with accents, marks, Greek, surrogates and CJK', () => {
    const random = seededRandom(0xf01d);
    const ascii = 'aZ `\'-.,:;!?0123456789 ABCXYZ abcxyz\t\n';
    const wide = [
      ...'éèêëàâäçîïôöùûüÿÉÈÊËÀÂÇÎÏÔÖÙÛÜŸœŒæÆßẞİıøØ´’‘ʼ«»\u00a0\u202f…–—€™�',
      '\u0300', '\u0301', '\u0302', '\u0308', '\u0323', '\u0327', '\u0345', '\u034f', '\u20d0', '\u05b0',
      'Σ', 'σ', 'ς', 'Ά', 'ΐ', 'ﬁ', 'ǅ', '\u212a', '\u1fef', '한', '中', 'ア',
      '😀', '👍🏽', '\ud835\udc00', '\ud800', '\udfff',
    ];
    const pick = (xs: readonly string[]): string => xs[Math.floor(random() * xs.length)]!;
    for (let n = 0; n < 20_000; n++) {
      const length = Math.floor(random() * 40);
      const share = n % 3 === 0 ? 0 : random() * 0.5; // a third ASCII only: the fast path
      let s = '';
      for (let i = 0; i < length; i++) s += random() < share ? pick(wide) : pick([...ascii]);
      expectDefinition(s);
    }
  });

  it('the memo: more strings than it keeps, the same string asked again later, strings too long to be kept', () => {
    const strings = Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? `Ligne N° ${i} : Été` : `Line ${i}: PostgreSQL`));
    for (let round = 0; round < 3; round++) for (const s of strings) expectDefinition(s);
    for (const s of ['É'.repeat(4001), 'A'.repeat(3999) + 'É', 'Ab`'.repeat(5000), 'é'.repeat(4000)]) expectDefinition(s);
  });

  it('the text of every fixture and corpus message, whole, by line and in 8000-character samples', async () => {
    const files = (d: string): string[] =>
      readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : n.endsWith('.eml') ? [join(d, n)] : []));
    const raws = [...files(join(__dirname, '../../fixtures')).map((f) => readFileSync(f)), ...(hasCorpus ? corpusMessages().map((m) => m.raw) : [])];
    expect(raws.length).toBeGreaterThan(100);
    let texts = 0;
    for (const raw of raws) {
      const mail = await readMail(raw).catch(() => null);
      if (!mail) continue;
      for (const t of [mail.subject, mail.text ?? '']) {
        texts++;
        expectDefinition(t);
        expectDefinition(t.slice(0, 8000));
        for (const line of toLines(t)) expectDefinition(line);
      }
    }
    expect(texts).toBeGreaterThan(200);
  });
});
