/** `crieur proposals decide REF VERB [REASON]`: the line read as mail reads it, the reason taken whatever its first word. */
import { describe, expect, it } from 'vitest';
import { readOperatorLine } from '../../src/app/decide-by-operator.ts';
import { readCommands } from '../../src/core/command/read.ts';

const opts = { timeZone: 'Europe/Paris', locale: 'fr' as const, now: new Date('2026-11-30T10:00:00Z') };
const read = (words: string) => readOperatorLine(readCommands, words, opts);

describe('the operator’s decision line', () => {
  it.each([
    ['decline Pas assez technique', 'decline', 'Pas assez technique'],
    ['decline not now', 'decline', 'not now'],
    ['refuser Pas cette fois', 'decline', 'Pas cette fois'],
    ['decline Trop proche du sujet de janvier', 'decline', 'Trop proche du sujet de janvier'],
    ['override decline mais on en reparle', 'decline', 'mais on en reparle'],
  ])('%s → %s with its reason', (words, verb, text) => {
    expect(read(words)).toMatchObject({ verb, text });
  });
  it('reads verbs and dates as mail does', () => {
    expect(read('accept')).toMatchObject({ verb: 'accept' });
    expect(read('override accept')).toMatchObject({ verb: 'accept', override: true });
    expect(read('schedule 28/01')?.verb).toBe('schedule');
  });
  it('never reads what follows a verb without a reason as one: "accept pas" is no decision', () => {
    expect(read('accept pas')).toBeUndefined();
    expect(read('waitlist si possible')).toBeUndefined();
    expect(read('frobnicate now')).toBeUndefined();
  });
});
