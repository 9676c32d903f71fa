import { describe, expect, it } from 'vitest';
import { withoutControls } from '../../src/core/text/controls.ts';

describe('withoutControls', () => {
  it.each([
    ['NUL', 'a\x00b', 'ab'],
    ['ESC sequence introducer', 'x\x1b[31my', 'x[31my'],
    ['bare CR, BEL, VT, FF', 'a\rb\x07c\x0bd\x0ce', 'abcde'],
    ['tab and newline kept', 'a\tb\nc', 'a\tb\nc'],
    ['accents and emoji kept', 'Mathéo 🐘', 'Mathéo 🐘'],
    ['a lone high surrogate', 'a\ud83d', 'a\ufffd'],
    ['a lone low surrogate', '\ude00b', '\ufffdb'],
  ])('%s', (_what, input, output) => {
    expect(withoutControls(input)).toBe(output);
  });
});
