/**
 * bounce.ts asks a literal every DSN field holds (« -recipient : ») before the field's own pattern, which V8 tries at
 * every position of the body (issue 12): the same answer as the pattern alone, for every spelling of the field and for
 * the bodies of the corpus and the fixtures.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasDsnFieldsInText } from '../../../src/core/classify/bounce.ts';
import { findCorpus, hasCorpus, NO_CORPUS } from '../../support/corpus.ts';

/** The definition: a DSN's Final-Recipient or Original-Recipient field at a line's start. */
const DEFINITION = /^\s*(final|original)-recipient\s*:/im;

function files(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? files(p) : /\.eml$/.test(n) ? [p] : [];
  });
}

describe('hasDsnFieldsInText answers as the field pattern alone', () => {
  it.each([
    'Final-Recipient: rfc822; a@b.example',
    'Original-Recipient: rfc822;a@b.example',
    'FINAL-RECIPIENT:rfc822; a@b.example',
    'final-recipient :  rfc822; a@b.example',
    'original-recipient\t:\trfc822',
    'Reporting-MTA: dns; mx\n   Final-Recipient: rfc822; a@b.example',
    'Bonjour,\n\n  \n\tOriginal-Recipient\n: rfc822; a@b.example',
    'x\r\nFinal-Recipient: rfc822; a@b.example',
  ])('a field: %j', (text) => {
    expect(DEFINITION.test(text)).toBe(true);
    expect(hasDsnFieldsInText(text)).toBe(true);
  });

  it.each([
    'The final-recipient: field is read by crieur',
    'X-Final-Recipient: a@b.example',
    'Final Recipient: a@b.example',
    'Final-Recipients: a@b.example',
    'recipient: a@b.example',
    '',
  ])('no field: %j', (text) => {
    expect(DEFINITION.test(text)).toBe(false);
    expect(hasDsnFieldsInText(text)).toBe(false);
  });

  it.skipIf(!hasCorpus)(`every message of the corpus and the fixtures, whole and in 3,000-character pieces${hasCorpus ? '' : ` (${NO_CORPUS})`}`, () => {
    const dirs = [findCorpus()!, join(import.meta.dirname, '../../fixtures')];
    let fields = 0;
    for (const f of dirs.flatMap(files)) {
      const text = readFileSync(f, 'latin1');
      const pieces = [text];
      for (let i = 0; i < text.length; i += 3000) pieces.push(text.slice(i, i + 3000));
      for (const t of pieces) {
        const want = DEFINITION.test(t);
        if (want) fields++;
        expect(hasDsnFieldsInText(t), f).toBe(want);
      }
    }
    // the corpus's DSNs hold the fields: the comparison above saw both answers
    expect(fields).toBeGreaterThan(100);
  });
});
