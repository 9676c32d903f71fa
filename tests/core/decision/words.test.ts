/**
 * A transcript names a verb in the reader's language, by the word the grammar reads (an audit's French transcript
 * said « « decline » n'est pas possible dans cet état »).
 */
import { describe, expect, it } from 'vitest';
import { noteText } from '../../../src/core/decision/words.ts';
import { invalidNote, type Decision } from '../../../src/app/decide.ts';
import { readCommands } from '../../../src/core/command/read.ts';
import { writtenVerb } from '../../../src/core/render/verbs.ts';

const state = 'P-0008 est acceptée (par dim@example.org, lundi 30 novembre 2026 à 10h02)';

describe('a refused verb, named in the transcript’s language', () => {
  it('fr: « refuser », and « override refuser » to overrule', () => {
    const t = noteText({ k: 'invalid', state, verb: 'decline', hint: 'override' }, 'fr');
    expect(t).toBe(`${state} : « refuser » n’est pas possible dans cet état (« override refuser » pour revenir sur la décision).`);
  });

  it('en: "decline"', () => {
    expect(noteText({ k: 'invalid', state: 'P-0008 is accepted', verb: 'decline', hint: 'override' }, 'en')).toBe(
      'P-0008 is accepted: "decline" is not possible in this state ("override decline" overrules the decision).',
    );
  });

  it.each([
    ['waitlist', 'attente'],
    ['confirm', 'confirmer'],
    ['withdraw', 'retirer'],
    ['schedule', 'programmer'],
    ['accept', 'accepter'],
  ])('fr: %s → « %s »', (verb, word) => {
    expect(noteText({ k: 'invalid', state, verb }, 'fr')).toContain(`« ${word} » n’est pas possible`);
  });

  it('a speaker’s organizer verb: « « accepter » est réservé aux organisateurs »', () => {
    expect(noteText({ k: 'speaker-verb', verb: 'accept' }, 'fr')).toBe('« accepter » est réservé aux organisateurs.');
    expect(noteText({ k: 'speaker-verb', verb: 'ask' }, 'fr')).toBe('« question » est réservé aux organisateurs.');
    expect(noteText({ k: 'speaker-verb', verb: 'accept' }, 'en')).toBe('"accept" is for organizers only.');
  });
});

describe('a verb that needs a text and has none names the verb as the organizer wrote it (it said « après le mot » and no word)', () => {
  const refusal = (line: string, locale: 'fr' | 'en') => {
    const [cmd] = readCommands(line, { now: new Date('2026-11-30T10:00:00Z'), timeZone: 'Europe/Paris', locale }).commands;
    expect(cmd?.problem, line).toBe('text-missing');
    return noteText({ k: 'problem', problem: cmd!.problem!, date: null, word: writtenVerb(cmd!, locale) }, locale);
  };
  it.each([
    ['note', 'fr', 'il manque le texte après « note » : écrivez-le à la suite du mot.'],
    ['Note :', 'fr', 'il manque le texte après « Note » : écrivez-le à la suite du mot.'],
    ['**Question**', 'fr', 'il manque le texte après « Question » : écrivez-le à la suite du mot.'],
    ['ask', 'fr', 'il manque le texte après « ask » : écrivez-le à la suite du mot.'],
    ['P-0007 note', 'en', 'the text after "note" is missing: write it after the word.'],
    ['Ask P-0007', 'en', 'the text after "Ask" is missing: write it after the word.'],
  ] as const)('%j (%s)', (line, locale, said) => {
    expect(refusal(line, locale)).toBe(said);
  });
});

describe('scheduling onto a full meetup is said in the transcript (an audit put two main talks on one event unwarned)', () => {
  it('fr', () => {
    expect(noteText({ k: 'scheduled', ref: 'P-0009', when: 'jeudi 28 janvier 2027 à 19h00', over: [{ k: 'talks', n: 2 }] }, 'fr')).toBe(
      'P-0009 est programmée le jeudi 28 janvier 2027 à 19h00. Attention : la rencontre a maintenant 2 présentations principales (un programme en a une).',
    );
  });
  it('en, and nothing more when the programme is as it should be', () => {
    expect(noteText({ k: 'scheduled', ref: 'P-0009', when: 'Thursday', over: [{ k: 'lightning', n: 4, max: 3 }] }, 'en')).toBe(
      'P-0009 is scheduled for Thursday. Note: that meetup now has 4 lightning talks (at most 3).',
    );
    expect(noteText({ k: 'scheduled', ref: 'P-0009', when: 'Thursday', over: [] }, 'en')).toBe('P-0009 is scheduled for Thursday.');
  });
});

/**
 * What a refused writer can do about it (an audit: a speaker who confirmed too early was told « override confirmer »,
 * no speaker's verb; an organizer's « accepter » on a proposal accepted already was offered « override accepter »).
 */
describe('the hint under a refusal, by role and state', () => {
  const d = (role: Decision['role'], action: Decision['action']) => ({ role, action, ref: 'P-0008' }) as Decision;
  const text = (role: Decision['role'], action: Decision['action'], status: Parameters<typeof invalidNote>[1]) => noteText(invalidNote(d(role, action), status, state), 'fr');

  it('an organizer overruling a decision is shown override', () => {
    expect(text('organizer', 'decline', 'accepted')).toContain('« override refuser » pour revenir sur la décision');
  });
  it('an organizer repeating the decision taken is shown the state only', () => {
    expect(text('organizer', 'accept', 'accepted')).toBe(`${state} : « accepter » n’est pas possible dans cet état.`);
  });
  it('a speaker confirming before the acceptance is told to wait for it, never override', () => {
    expect(text('speaker', 'confirm', 'received')).toBe(`${state} : vous pourrez confirmer une fois la proposition acceptée par les organisateurs.`);
    expect(noteText(invalidNote(d('speaker', 'confirm'), 'waitlisted', 'P-0008 is waitlisted'), 'en')).toBe('P-0008 is waitlisted: you can confirm once the organizers have accepted the proposal.');
    expect(text('speaker', 'withdraw', 'declined')).not.toContain('override');
  });
});
