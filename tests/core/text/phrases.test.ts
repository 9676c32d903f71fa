import { describe, expect, it } from 'vitest';
import { alternation, phraseRegExp } from '../../../src/core/text/phrases.ts';

describe('phrase tables', () => {
  it('joins the phrases in table order, languages in the order written', () => {
    expect(alternation('T', { fr: ['non remis', 'r[ée]ponse'], en: ['undelivered'] }, 'i')).toBe('non remis|r[ée]ponse|undelivered');
    expect(phraseRegExp('T', ['a(b|c)', 'd'], 'i', '^', '$').source).toBe('^(?:a(b|c)|d)$');
    expect(phraseRegExp('T', ['x', 'y']).source).toBe('x|y');
  });

  it.each([
    ['an empty table', []],
    ['an empty phrase', ['a', ' ']],
    ['a phrase that is no pattern', ['a(b']],
    ['two phrases in one entry', ['a|b']],
    ['a phrase listed twice', { fr: ['non remis'], en: ['Non remis'] }],
  ])('fails on %s', (_, phrases) => {
    expect(() => alternation('T', phrases, 'i')).toThrow(/phrase table T/);
  });

  it('takes a | inside a group or a class as one phrase', () => {
    expect(() => alternation('T', ['a(?:b|c)', '[|]x', '\\|y'])).not.toThrow();
  });
});
