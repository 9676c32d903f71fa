/**
 * quoteStart finds a Notes header block by its first line's address; lines with no « @ » are passed over before the
 * address pattern is asked (issue 12): the block is still found wherever the address stands on its line.
 */
import { describe, expect, it } from 'vitest';
import { quoteStart } from '../../../src/core/text/quotes.ts';

const own = ['Bonjour,', '', 'Je confirme ma venue le 28, merci !', '', 'Lucie', ''];
const block = (first: string) => [first, '03/12/2026 09:12', '', 'To', 'talks@pgug.example.org', 'cc', '', 'Subject', 'Re: Votre proposition', '', 'Merci pour votre proposition.'];

describe('quoteStart: a Notes header block', () => {
  it.each([
    ['name then address', 'Lucie Perrin <lucie.perrin@example.fr>'],
    ['address alone', 'lucie.perrin@example.fr'],
    ['address first', 'lucie+pg@example.fr (Lucie Perrin)'],
  ])('%s', (_, first) => {
    expect(quoteStart([...own, ...block(first)])).toBe(own.length);
  });
  it('no address on the first line: no Notes block', () => {
    const lines = [...own, ...block('Lucie Perrin')];
    expect(quoteStart(lines)).toBe(lines.length);
  });
});
