import { describe, expect, it } from 'vitest';
import { parseCommands } from '../../src/core/command/parse.ts';
import { readCommands } from '../../src/core/command/read.ts';
import { ackData, noticeData } from '../../src/core/render/data.ts';
import { formatSize } from '../../src/core/render/labels.ts';
import { GRAMMAR } from '../../src/core/command/grammar.ts';
import { organizerVerbs, SPEAKER_VERBS, verbWord } from '../../src/core/render/verbs.ts';
import { wrapText } from '../../src/core/render/wrap.ts';
import { context, SAMPLE } from './sample.ts';

describe('formatSize', () => {
  it.each([
    [0, '0 octets', '0 bytes'],
    [512, '512 octets', '512 bytes'],
    [48_000, '46,9 Ko', '46.9 KB'],
    [1_258_291, '1,2 Mo', '1.2 MB'],
    [20 * 1024 * 1024, '20 Mo', '20 MB'],
    [3 * 1024 ** 4, '3 072 Go', '3,072 GB'],
  ])('%i', (bytes, fr, en) => {
    expect(formatSize(bytes, 'fr').replace(/[\u202f\u00a0]/g, ' ')).toBe(fr);
    expect(formatSize(bytes, 'en')).toBe(en);
  });
});

describe('wrapText', () => {
  it('re-flows paragraphs to the width, with an indent', () => {
    const out = wrapText('un deux trois quatre cinq six\nsept\n\n\nhuit', 12, '  ');
    expect(out).toBe('  un deux\n  trois\n  quatre\n  cinq six\n  sept\n\n  huit');
  });
  it('keeps a word longer than the width whole', () => {
    expect(wrapText('https://example.org/a/very/long/url ok', 10)).toBe('https://example.org/a/very/long/url\nok');
  });
});

describe('the verbs the mails teach are the verbs the command grammar reads', () => {
  const cases = (['fr', 'en'] as const).flatMap((l) => organizerVerbs(l).map((v) => [l, v] as const));
  it.each(cases)('%s: %o', (_locale, v) => {
    const typed = v.usage.replace(/AAAA-MM-JJ|YYYY-MM-DD/, '2014-01-16');
    expect(parseCommands(typed).verbs).toEqual([v.verb]);
    // and the date the usage shows is read as one
    if (v.verb === 'schedule') expect(readCommands(typed, { now: new Date('2014-01-01T00:00:00Z'), timeZone: 'Europe/Paris', locale: 'fr' }).commands[0]?.date?.day).toBe('2014-01-16');
  });
  it.each(['fr', 'en'] as const)('%s: the speaker withdraw word', (locale) => {
    expect(parseCommands(SPEAKER_VERBS[locale].withdraw.word).verbs).toEqual(['withdraw']);
  });
  // The word a transcript or a digest names a verb by (« « refuser » n’est pas possible … »): one to type back.
  const every = (['fr', 'en'] as const).flatMap((l) => GRAMMAR.map((s) => [l, s.verb, s.arg] as const));
  it.each(every)('%s: verbWord(%s) is read as that verb', (locale, verb, arg) => {
    const typed = `${verbWord(verb, locale)}${arg === 'date' ? ' 2014-01-16' : arg === 'text-required' ? ' un texte' : ''}`;
    expect(parseCommands(typed, { locale }).verbs[0]?.split(' ')[0]).toBe(verb);
  });
  it('the mailto links pre-type a body the grammar reads', () => {
    const ack = ackData(SAMPLE, { ...context('fr'), recipient: { name: null, email: 'jean.dupont@example.fr' } });
    const body = new URL(ack.withdrawMailto).searchParams.get('body');
    expect(parseCommands(body).verbs).toEqual(['withdraw']);
    const notice = noticeData(SAMPLE, { ...context('en'), submittedBy: null });
    expect(notice.verbs.map((v) => parseCommands(new URL(v.mailto).searchParams.get('body')).verbs)).toEqual([
      ['accept'],
      ['decline'],
      ['waitlist'],
      ['accept', 'confirm'], // a new proposal is confirmed once accepted: the link writes both lines
      ['accept'], // "schedule YYYY-MM-DD" needs a real date first
    ]);
  });
});

describe('template data', () => {
  it('has every field a template may ask for, null when empty', () => {
    const d = ackData({ ...SAMPLE, abstract: '  ', title: '  ', language: null }, { ...context('en'), receivedAt: null, recipient: { name: null, email: 'x@example.org' } });
    expect(d).toMatchObject({ hasTitle: false, title: '(untitled)', abstract: null, abstractHtml: null, abstractText: null, talkLanguage: null, receivedAt: null, greetingName: null });
    expect(Object.values(d).includes(undefined)).toBe(false);
  });
});
