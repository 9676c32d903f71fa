/**
 * Audit Y (held-out replies by email, scored end to end by tests/e2e/audit-x/harness.test.ts, AUDIT_X_BATCH=batchY1…):
 * the reader's side of what it found, line by line — and of the shapes near them, so that the fixes are the grammar's,
 * not one message's.
 */
import { describe, expect, it } from 'vitest';
import { commandReaders } from './read.ts';
import { readCommands } from '../../../src/core/command/read.ts';

const { organizer, speaker, verbs } = commandReaders('2026-12-03T00:30:00Z');

describe('a request before an organizer’s verb (audit Y 53, 59: "Please put it on waiting list." relayed, nothing decided)', () => {
  it.each([
    ['Please accept.', 'accept'],
    ['please accept, thanks', 'accept'],
    ['Please decline: off topic for our group.', 'decline'],
    ['Please, schedule 28/01', 'schedule'],
    ['Kindly waitlist.', 'waitlist'],
    ['Pls lightning', 'lightning'],
  ])('%s → %s', (text, verb) => {
    expect(verbs(text, organizer)).toEqual([verb]);
  });

  it('the decline keeps its reason', () => {
    expect(readCommands('Please decline: off topic for our group.', organizer).commands[0]?.text).toBe('off topic for our group.');
  });

  it.each(['Please confirm.', 'Please accept my apologies for the delay.', 'please note that the room changed', 'Please decline if Lucie agrees.', 'Please schedule it when you can?'])(
    'organizer, still prose: %s',
    (text) => {
      expect(verbs(text, organizer)).toEqual([]);
    },
  );

  it('a speaker’s "Please accept my talk" is a message', () => {
    expect(verbs('Please accept my talk.', speaker)).toEqual([]);
  });
});

describe('what the decision is about, as a pronoun or put on the list (audit Y 53, 59, non-native English)', () => {
  it.each([
    ['Accept it please.', 'accept'],
    ['Accept it, very good topic.', 'accept'],
    ['We accept it.', 'accept'],
    ['Decline it: off topic.', 'decline'],
    ['Please put it on waiting list.', 'waitlist'],
    ['Put it on the waitlist for now.', 'waitlist'],
    ['Waitlist this one.', 'waitlist'],
  ])('%s → %s', (text, verb) => {
    expect(verbs(text, organizer)).toEqual([verb]);
  });

  it.each(['Accept it?', 'Accept it or not, Lucie decides.', 'Decline it if Lucie agrees.', 'Put it on the waiting list? Not sure.'])('organizer, still prose: %s', (text) => {
    expect(verbs(text, organizer)).toEqual([]);
  });
});

describe('the writer’s say put first, then the verb (audit Y 54: "For me it\'s ok, accept." relayed, nothing decided)', () => {
  it.each([
    ["For me it's ok, accept.", 'accept', organizer],
    ["It's ok for me, accepted.", 'accept', organizer],
    ["Pour moi c'est bon, refuser : hors sujet", 'decline', organizer],
    ["Pour moi, c'est ok, en attente.", 'waitlist', organizer],
    ["It's fine with me, I confirm.", 'confirm', speaker],
    ['For me it is ok, I confirm my talk.', 'confirm', speaker],
  ])('%s → %s', (text, verb, o) => {
    expect(verbs(text, o)).toEqual([verb]);
  });

  it.each(["For me it's ok.", "For me it's ok, but ask Lucie.", "Pour moi c'est ok, on verra.", "It's ok for me, accept? Lucie?"])('organizer, still prose: %s', (text) => {
    expect(verbs(text, organizer)).toEqual([]);
  });
});

describe('a speaker’s confirmation in a French speaker’s English, or saying he will come (audit Y 56, 58: relayed unconfirmed)', () => {
  it.each(['I confirm my coming.', 'I confirm my presence, see you there', "I'd like to confirm my coming.", 'Yes I confirm, I will come.', 'Confirmed, we will attend.', 'Je confirme, je viendrai.'])(
    'speaker: %s → confirm',
    (text) => {
      expect(verbs(text, speaker)).toEqual(['confirm']);
    },
  );

  it.each(['I confirm, I will come if my train runs.', 'I confirm my coming?', 'Je confirme, je viendrai peut-être avec un collègue ?'])('speaker, still a message: %s', (text) => {
    expect(verbs(text, speaker)).toEqual([]);
  });
});

describe('a date named by its evening (audit Y 15: « Programmer à la soirée du 11 février » refused as unreadable)', () => {
  it.each([
    ['Programmer à la soirée du 11 février', '2027-02-11'],
    ['programmer pour la soirée du 28 janvier', '2027-01-28'],
    ['Programmer la soirée du 14 janvier', '2027-01-14'],
  ])('%s → %s', (text, day) => {
    const [c] = readCommands(text, organizer).commands;
    expect([c?.verb, c?.problem, c?.date?.day, c?.date?.time]).toEqual(['schedule', null, day, null]);
  });

  it('two dates are still none', () => {
    expect(readCommands('programmer à la soirée du 28 janvier ou du 11 février', organizer).commands.map((c) => c.date?.day ?? null)).not.toContain('2027-02-11');
  });
});

describe('a format chosen over the other one named (audit Y 25: « talk plutôt que lightning » changed nothing)', () => {
  it.each([
    ['talk plutôt que lightning', 'talk'],
    ['lightning instead of a full talk', 'lightning'],
    ["Lightning plutôt qu'un talk, 45 min c'est long pour ce sujet", 'lightning'],
    ["lightning au lieu d'un talk complet", 'lightning'],
    ['talk rather than a lightning talk', 'talk'],
  ])('%s → %s', (text, verb) => {
    expect(verbs(text, organizer)).toEqual([verb]);
  });

  it.each(['talk instead of lightning?', 'lightning plutôt que talk si Lucie est d’accord', 'talk plutôt que lightning, mais à voir avec Lucie'])('organizer, still prose: %s', (text) => {
    expect(verbs(text, organizer)).toEqual([]);
  });
});

describe('a request after the refs (audit Y2 09: « P-0010: please decline, not about PostgreSQL. » not understood)', () => {
  it.each([
    ['P-0010: please decline, not about PostgreSQL.', 'decline P-0010'],
    ['P-0010 please accept', 'accept P-0010'],
    ['P-0010, P-0011: kindly waitlist', 'waitlist P-0010,waitlist P-0011'],
  ])('%s → %s', (text, want) => {
    expect(readCommands(text, organizer).commands.map((c) => `${c.verb} ${c.ref}`).join(',')).toBe(want);
  });

  it('a speaker’s verb after the refs stays no organizer’s command', () => {
    expect(verbs('P-0010: please confirm', organizer)).toEqual([]);
  });
});

describe('a please between the verb and its remark (audit Y 24: "lightning please, 45 minutes is too long for this" changed no format)', () => {
  it.each([
    ['lightning please, 45 minutes is too long for this', 'lightning'],
    ['Accepter svp, très bon sujet', 'accept'],
    ['Accept please — solid talk.', 'accept'],
    ["waitlist please, we'll see in March", 'waitlist'],
  ])('%s → %s', (text, verb) => {
    expect(verbs(text, organizer)).toEqual([verb]);
  });

  it.each(['accept please, but ask Lucie first', 'lightning please, or decline', 'ok please, I will check', 'Accept please? Lucie?'])('organizer, still prose: %s', (text) => {
    expect(verbs(text, organizer)).toEqual([]);
  });
});
