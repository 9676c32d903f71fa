import { describe, expect, it } from 'vitest';
import { GRAMMAR, indexWords, OVERRIDE_WORDS, SPEC_OF, WORDS } from '../../../src/core/command/grammar.ts';
import type { Verb } from '../../../src/core/command/types.ts';
import { fold } from '../../../src/core/text/fold.ts';

const ORGANIZER: Verb[] = ['accept', 'decline', 'waitlist', 'schedule', 'talk', 'lightning', 'note', 'ask', 'status', 'help', 'release'];
const SPEAKER: Verb[] = ['confirm', 'withdraw'];

describe('the command grammar table', () => {
  it('has one row per verb of the contract, with its role', () => {
    expect(GRAMMAR.map((s) => s.verb).sort()).toEqual([...ORGANIZER, ...SPEAKER].sort());
    // help answers anyone who asks (a speaker's transcript has its own help block)
    for (const v of ORGANIZER) expect(SPEC_OF.get(v)?.role, v).toBe(v === 'help' ? 'anyone' : 'organizer');
    for (const v of SPEAKER) expect(SPEC_OF.get(v)?.role, v).toBe('speaker');
  });

  it.each<[string, Verb]>([
    ['accept', 'accept'], ['accepter', 'accept'], ['ok', 'accept'],
    ['decline', 'decline'], ['refuser', 'decline'], ['refuse', 'decline'], ['reject', 'decline'],
    ['waitlist', 'waitlist'], ['attente', 'waitlist'], ["liste d'attente", 'waitlist'],
    ['schedule', 'schedule'], ['programmer', 'schedule'],
    ['talk', 'talk'], ['lightning', 'lightning'], ['eclair', 'lightning'],
    ['note', 'note'], ['ask', 'ask'], ['question', 'ask'],
    ['status', 'status'], ['statut', 'status'], ['help', 'help'], ['aide', 'help'], ['release', 'release'],
    ['confirm', 'confirm'], ['confirmer', 'confirm'], ['withdraw', 'withdraw'], ['retirer', 'withdraw'], ['annuler', 'withdraw'],
  ])('"%s" says %s (SPEC words, fr and en)', (word, verb) => {
    const t = WORDS.get(word);
    expect(t?.kind === 'verb' ? t.spec.verb : null).toBe(verb);
  });

  it('takes the argument issue 7 gives each verb', () => {
    const arg = (v: Verb): string | undefined => SPEC_OF.get(v)?.arg;
    expect([arg('accept'), arg('waitlist'), arg('confirm'), arg('withdraw'), arg('status'), arg('help')]).toEqual(['none', 'none', 'none', 'none', 'none', 'none']);
    expect([arg('decline'), arg('note'), arg('ask'), arg('schedule')]).toEqual(['text', 'text-required', 'text-required', 'date']);
  });

  it('keeps override apart from the verbs', () => {
    for (const w of OVERRIDE_WORDS) expect(WORDS.get(w)?.kind).toBe('override');
  });

  it('stores words folded, as the reader compares them', () => {
    for (const w of WORDS.keys()) expect(fold(w), w).toBe(w);
  });

  it('fails at load when a word is claimed twice', () => {
    const twice = [...GRAMMAR, { verb: 'status' as const, role: 'organizer' as const, arg: 'none' as const, words: ['ok'] }];
    expect(() => indexWords(twice, OVERRIDE_WORDS)).toThrow(/"ok" is claimed by both accept and status/);
    expect(() => indexWords(GRAMMAR, ['accept'])).toThrow(/claimed by both accept and override/);
  });

  it('fails at load when a speaker-only or alone word is not one of its verb’s words', () => {
    const stray = [{ verb: 'withdraw' as const, role: 'speaker' as const, arg: 'none' as const, words: ['retirer'], speakerWords: ['annuler'] }];
    expect(() => indexWords(stray, [])).toThrow(/"annuler" of withdraw's speakerWords or aloneWords is not one of its words/);
    const alone = [{ verb: 'accept' as const, role: 'organizer' as const, arg: 'none' as const, words: ['accept'], aloneWords: ['ok'] }];
    expect(() => indexWords(alone, [])).toThrow(/"ok" of accept's/);
  });
});
