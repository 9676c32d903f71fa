/** `crieur proposals decide REF VERB [REASON]`: the line read as mail reads it, the reason taken whatever its first word. */
import { describe, expect, it } from 'vitest';
import { operatorUsage, readDecision, readOperatorLine } from '../../src/app/decide-by-operator.ts';
import { GRAMMAR } from '../../src/core/command/grammar.ts';
import { readCommands } from '../../src/core/command/read.ts';
import { verbWord } from '../../src/core/render/verbs.ts';

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

describe('decide REF VERB: every organizer verb of the grammar, its problems said in the group\'s locale', () => {
  const decision = (words: string, locale: 'fr' | 'en' = 'fr') => readDecision(readCommands, 'P-0006', words, { ...opts, locale });

  it.each([
    ['lightning', 'lightning', null],
    ['talk', 'talk', null],
    ['note Bon sujet', 'note', 'Bon sujet'],
    ['ask Pouvez-vous faire 20 minutes ?', 'ask', 'Pouvez-vous faire 20 minutes ?'],
    ['question pas avant mars ?', 'ask', 'pas avant mars ?'],
    ['status', 'status', null],
    ['help', 'help', null],
    ['release', 'release', null],
  ])('%s → %s', (words, verb, text) => {
    expect(decision(words)).toMatchObject({ ok: true, cmd: { verb, text } });
  });

  it('reads every verb of the grammar by the word its usage line shows, in both locales', () => {
    for (const locale of ['fr', 'en'] as const) {
      for (const g of GRAMMAR) {
        const word = verbWord(g.verb, locale);
        expect(operatorUsage(locale)).toContain(word);
        const arg = g.arg === 'date' ? ' 2027-01-28' : g.arg === 'text-required' ? ' un texte' : '';
        expect(decision(`${word}${arg}`, locale), `${locale}: ${word}`).toMatchObject({ ok: true, cmd: { verb: g.verb } });
      }
    }
  });

  it.each([
    ['schedule', 'fr', /^il manque la date/],
    ['note', 'fr', /^il manque le texte après « note » : écrivez-le à la suite du mot\.$/],
    ['question', 'fr', /^il manque le texte après « question »/],
    ['ask', 'en', /^the text after "ask" is missing: write it after the word\.$/],
    ['', 'fr', /^il manque le verbe après P-0006\.\ncrieur proposals decide RÉF VERBE/],
    ['', 'en', /^the verb after P-0006 is missing\.\ncrieur proposals decide REF VERB/],
    ['frobnicate', 'fr', /^« frobnicate » n’est pas un verbe des organisateurs\./],
  ] as const)('%j (%s): a missing verb or argument, or no verb, is bad usage', (words, locale, message) => {
    const r = decision(words, locale);
    expect(r).toMatchObject({ ok: false, usage: true });
    expect(r.ok ? '' : r.message).toMatch(message);
  });

  it('no ref is bad usage; a past date is bad input (65), not usage', () => {
    expect(readDecision(readCommands, undefined, 'accept', opts)).toMatchObject({ ok: false, usage: true, message: expect.stringMatching(/^il manque la proposition\./) });
    expect(decision('schedule 2026-01-28')).toMatchObject({ ok: false, usage: false, message: expect.stringMatching(/^cette date est passée/) });
  });
});
