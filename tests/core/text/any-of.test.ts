import { describe, expect, it } from 'vitest';
import { anyOf, topLevelAlternatives } from '../../../src/core/text/any-of.ts';

describe('anyOf: an alternation asked with .test, one RegExp per alternative', () => {
  it('splits at the top-level bars only: not inside a group, a class, nor an escaped bar', () => {
    expect(topLevelAlternatives(String.raw`\bje (?:propose|soumets)\b|[|]x|a\|b|(?<!si )i submit`)).toEqual([String.raw`\bje (?:propose|soumets)\b`, '[|]x', String.raw`a\|b`, '(?<!si )i submit']);
    expect(topLevelAlternatives(String.raw`[\]|]|b`)).toEqual([String.raw`[\]|]`, 'b']);
  });

  it('answers as the whole alternation does, with its flags', () => {
    const re = /\bje (?:vous )?propose\b[^.!?\n]{0,80}?\btalk\b|(?:^|\n)proposal:\s*"|\bidee de (?:talk|sujet)\b|\d{2} ?mn/i;
    const any = anyOf(re);
    const texts = [
      'Bonjour, je vous propose un talk sur pgvector.',
      'je propose un covoiturage. un talk ? non',
      'x\nProposal: "Vacuum"',
      'une idée de talk',
      'une idee de TALK',
      '20 mn',
      'rien de tout cela',
      '',
    ];
    for (const t of texts) expect(any.test(t), t).toBe(re.test(t));
    expect(texts.filter((t) => any.test(t))).toHaveLength(4);
  });

  it('refuses what a split would change: a global or sticky RegExp, a back-reference', () => {
    expect(() => anyOf(/a|b/g)).toThrow(/global or sticky/);
    expect(() => anyOf(/a|b/y)).toThrow(/global or sticky/);
    expect(() => anyOf(/(a)x\1|b/)).toThrow(/back-reference/);
    expect(() => anyOf(new RegExp(String.raw`[\1]|b`))).not.toThrow();
  });
});
