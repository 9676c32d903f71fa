import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as qp from 'nodemailer/lib/qp';
import { describe, expect, it } from 'vitest';
import { escapeFromLines, qpBodyBytes } from '../../src/adapters/smtp/build-raw.ts';
import { qpEncode, qpWrapCrlf } from '../../src/adapters/smtp/qp.ts';
import { readMail } from '../../src/adapters/mailparser.ts';
import { corpusMessages, hasCorpus } from '../support/corpus.ts';
import { seededRandom } from '../support/random.ts';

/** What build-raw wrote before qp.ts: nodemailer's encode and wrap, the « From » escape, then CRLF line ends. */
const reference = (bytes: Buffer) => Buffer.from(escapeFromLines(qp.wrap(qp.encode(bytes), 76)).replace(/\r?\n/g, '\r\n'), 'latin1');

const rng = seededRandom;

/** Pieces that meet wrap's every branch: line ends of all kinds, spaces and punctuation, « From », '=', UTF-8. */
const PIECES = ['a', 'word', ' ', '\t', '.', ',', '!', '?', '\n', '\r\n', '\r', '\n\n', 'From ', '=', '=4', 'é', 'ü', '€', '😀', 'x'.repeat(80), '-', 'ABCDEF', '0', ' \n', '\t\r\n'];

describe('qpBodyBytes: nodemailer encode + wrap, the From escape and CRLF, in one pass', () => {
  it('gives the same bytes on 20,000 random texts of the pieces wrap handles', () => {
    const r = rng(12);
    for (let k = 0; k < 20_000; k++) {
      const n = Math.floor(r() * 120);
      let s = '';
      for (let i = 0; i < n; i++) s += PIECES[Math.floor(r() * PIECES.length)];
      const bytes = Buffer.from(s);
      expect(qpBodyBytes(bytes).equals(reference(bytes)), JSON.stringify(s)).toBe(true);
    }
  });

  it('gives the same bytes on random bytes of every value, and on long runs of one byte', () => {
    const r = rng(34);
    for (let k = 0; k < 3_000; k++) {
      const bytes = Buffer.alloc(Math.floor(r() * 400));
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(r() * 256);
      expect(qpBodyBytes(bytes).equals(reference(bytes))).toBe(true);
    }
    for (let b = 0; b < 256; b++) {
      for (const n of [1, 75, 76, 77, 300]) {
        const bytes = Buffer.alloc(n, b);
        expect(qpBodyBytes(bytes).equals(reference(bytes)), `${b} × ${n}`).toBe(true);
      }
    }
  });

  it('gives the same bytes on the text and HTML of the corpus and fixture messages', async () => {
    const dir = join(import.meta.dirname, '../fixtures/proposals');
    const raws = [...(hasCorpus ? corpusMessages().map((m) => ({ name: m.id, raw: m.raw })) : []), ...readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => ({ name: f, raw: readFileSync(join(dir, f)) }))];
    let bodies = 0;
    for (const { name: f, raw } of raws) {
      const mail = await readMail(raw);
      for (const body of [mail.text, mail.html]) {
        if (!body) continue;
        bodies++;
        const bytes = Buffer.from(body);
        expect(qpBodyBytes(bytes).equals(reference(bytes)), f).toBe(true);
      }
    }
    expect(bodies).toBeGreaterThan(100);
  });

  it('wraps at other widths as nodemailer does', () => {
    const r = rng(56);
    for (const width of [4, 10, 40, 76, 998]) {
      for (let k = 0; k < 2_000; k++) {
        let s = '';
        for (let i = Math.floor(r() * 60); i > 0; i--) s += PIECES[Math.floor(r() * PIECES.length)];
        const enc = qp.encode(Buffer.from(s));
        expect(qpWrapCrlf(qpEncode(Buffer.from(s)), width).toString('latin1')).toBe(qp.wrap(enc, width).replace(/\r?\n/g, '\r\n'));
      }
    }
  });
});
