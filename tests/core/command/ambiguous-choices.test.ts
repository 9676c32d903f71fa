/**
 * A date the reader refuses as ambiguous (« programmer jeudi prochain » on a Tuesday, « programmer 12 », an English
 * group's "schedule 03/04") was answered « date ambiguë : écrivez-la AAAA-MM-JJ (compris : 12) »: how to pick one of the
 * readings was left to the writer — and a bare 12, as likely the meetup numbered 12 as the 12th, offered no way to
 * name the event. The refusal now writes each reading as the line that means it alone (an ISO day, « programmer
 * événement 12 »), in the transcript's language; each of those lines reads back as one command with no doubt.
 */
import { describe, expect, it } from 'vitest';
import { readCommands } from '../../../src/core/command/read.ts';
import type { ReadOptions } from '../../../src/core/command/types.ts';
import { noteText } from '../../../src/core/decision/words.ts';
import { writtenVerb } from '../../../src/core/render/verbs.ts';
import type { Language } from '../../../src/types.ts';

const TUESDAY = new Date('2026-12-01T09:00:00Z'); // mardi 1er décembre 2026
const opts = (locale: Language): ReadOptions => ({ now: TUESDAY, timeZone: 'Europe/Paris', locale, role: 'organizer' });

/** The transcript's line for `line`, as apply-commands and `proposals decide` write it. */
function refusal(line: string, locale: Language): string {
  const cmd = readCommands(line, opts(locale)).commands[0]!;
  expect(cmd.problem, line).toBe('date-ambiguous');
  return noteText({ k: 'problem', problem: cmd.problem!, date: cmd.date?.text ?? null, word: writtenVerb(cmd, locale), ...(cmd.date?.readings ? { readings: cmd.date.readings, override: cmd.override } : {}) }, locale);
}

/** The lines quoted in a refusal: « … » in French, "…" in English. */
const quoted = (text: string, locale: Language) => [...text.matchAll(locale === 'fr' ? /« ([^»]+) »/g : /"([^"]+)"/g)].map((m) => m[1]!);

const ROWS: ReadonlyArray<readonly [string, Language, string[]]> = [
  ['programmer jeudi prochain', 'fr', ['programmer 2026-12-03', 'programmer 2026-12-10']],
  ['Programmer le jeudi prochain à 19h', 'fr', ['programmer 2026-12-03 19:00', 'programmer 2026-12-10 19:00']],
  ['programmer 12', 'fr', ['programmer 2026-12-12', 'programmer événement 12']],
  ['schedule next Thursday', 'en', ['schedule 2026-12-03', 'schedule 2026-12-10']],
  ['schedule 12', 'en', ['schedule 2026-12-12', 'schedule event 12']],
  ['schedule 03/04', 'en', ['schedule 2027-03-04', 'schedule 2027-04-03']],
  // an overruling line keeps its override: the line offered does what the one written meant
  ['override programmer 12', 'fr', ['override programmer 2026-12-12', 'override programmer événement 12']],
];

describe('an ambiguous date is refused with the way to write each reading', () => {
  it.each(ROWS)('%s (%s)', (line, locale, expected) => {
    const text = refusal(line, locale);
    expect(text).toMatch(locale === 'fr' ? /^date ambiguë : écrivez « / : /^ambiguous date: write "/);
    const lines = quoted(text, locale);
    expect(lines.slice(0, expected.length)).toEqual(expected);
    // each reads back alone: that day, or that event — no doubt left
    for (const l of expected) {
      const again = readCommands(l, opts(locale)).commands;
      expect(again, l).toHaveLength(1);
      expect(again[0]!.problem, l).toBeNull();
      expect(again[0]!.override, l).toBe(l.startsWith('override '));
      const ev = /(\d+)$/.exec(l)![1]!;
      if (/événement|event/.test(l)) expect(again[0]!.eventId).toBe(Number(ev));
      else expect(again[0]!.date?.day).toBe(/\d{4}-\d{2}-\d{2}/.exec(l)![0]);
    }
  });

  it('keeps the old advice where the readings are not known (a weekday that is not the date\'s)', () => {
    expect(refusal('programmer mardi 3 décembre', 'fr')).toBe('date ambiguë : écrivez-la AAAA-MM-JJ (compris : mardi 3 décembre).');
  });
});
