import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../src/core/bounded-memo.ts';

describe('boundedMemo', () => {
  it('computes a key once, answers it again, and empties itself past its limit', () => {
    const asked: string[] = [];
    const f = boundedMemo((k) => {
      asked.push(k);
      return k.length;
    }, 3);
    expect([f('a'), f('bb'), f('a'), f('bb')]).toEqual([1, 2, 1, 2]);
    expect(asked).toEqual(['a', 'bb']);
    f('ccc');
    f('dddd'); // the fourth key: the map is emptied, then holds it alone
    expect(f('a')).toBe(1);
    expect(asked).toEqual(['a', 'bb', 'ccc', 'dddd', 'a']);
  });

  it('keeps an answer that is undefined or false, without asking again', () => {
    let calls = 0;
    const f = boundedMemo(() => {
      calls++;
      return undefined;
    }, 8);
    f('x');
    f('x');
    expect(calls).toBe(1);
  });
});
