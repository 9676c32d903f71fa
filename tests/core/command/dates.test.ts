/**
 * Dates after `schedule`/`programmer`, each form with a fixed `now`, under two process time zones: the reader
 * must resolve in the group's zone (opts.timeZone) and never in the process's (STACK.md's time zone edge).
 * Node re-reads TZ when process.env.TZ is assigned; the first test proves the switch took effect.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readCommands } from '../../../src/core/command/read.ts';
import type { ReadOptions } from '../../../src/core/command/types.ts';
import { summary } from './summary.ts';

const MONDAY = new Date('2026-11-30T10:00:00Z'); // lundi 30 novembre 2026, 11:00 à Paris
const PARIS: ReadOptions = { now: MONDAY, timeZone: 'Europe/Paris', locale: 'fr' };
const original = process.env.TZ;
afterAll(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

const CASES: ReadonlyArray<readonly [string, string, ReadOptions?]> = [
  ['programmer 28/01', 'schedule 2027-01-28'],
  ['schedule 28 janvier', 'schedule 2027-01-28'],
  ['programmer jeudi 28', 'schedule 2027-01-28'], // the next 28th that is a Thursday
  ['schedule 2027-01-28', 'schedule 2027-01-28'],
  ['programmer le 28 janvier 2027 à 19h', 'schedule 2027-01-28T19:00'],
  ['programmer le jeudi 28 janvier 2027 à 19h30', 'schedule 2027-01-28T19:30'],
  // French typography spaces the hour's h (audit W: « … à 19 h 30 » was unreadable, and the line taken for prose)
  ['programmer le 28 janvier à 19 h 30', 'schedule 2027-01-28T19:30'],
  ['programmer 28/01 à 19h 30', 'schedule 2027-01-28T19:30'],
  ['programmer le 28 janvier 2027 à 19 heures 30', 'schedule 2027-01-28T19:30'],
  ['schedule Jan 28', 'schedule 2027-01-28'],
  ['schedule January 28th at 7pm', 'schedule 2027-01-28T19:00'],
  ['schedule 28.01.2027', 'schedule 2027-01-28'],
  ['programmer 28/01/27', 'schedule 2027-01-28'],
  ['programmer 3 décembre', 'schedule 2026-12-03'],
  ['programmer jeudi', 'schedule 2026-12-03'],
  ['programmer demain', 'schedule 2026-12-01'],
  ["programmer aujourd'hui", 'schedule 2026-11-30'], // today is not past
  ['schedule next meetup', 'schedule next-event'],
  ['programmer prochain meetup', 'schedule next-event'],
  ['programmer la prochaine session', 'schedule next-event'],
  ['programmer 03/04', 'schedule 2027-04-03'], // a French group reads the day first
  ['schedule 03/04', 'schedule 2027-03-04 !date-ambiguous', { ...PARIS, locale: 'en' }], // British or American?
  ['schedule 28/01', 'schedule 2027-01-28', { ...PARIS, locale: 'en' }], // only one reading is a date
  ['programmer mardi 3 décembre', 'schedule 2026-12-03 !date-ambiguous'], // the 3rd is a Thursday
  ['programmer 28/01/2026', 'schedule 2026-01-28 !date-past'],
  ['schedule 2025-06-12', 'schedule 2025-06-12 !date-past'],
  ['programmer 29 novembre 2026', 'schedule 2026-11-29 !date-past'],
  // without a year: a date that just went by is refused as past (shown), not taken as the same day next year
  ['programmer au 28 novembre', 'schedule 2026-11-28 !date-past'],
  ['programmer le 28/11', 'schedule 2026-11-28 !date-past'],
  ['schedule Sep 15', 'schedule 2026-09-15 !date-past'], // 76 days ago
  ['programmer 15 août', 'schedule 2027-08-15'], // 107 days ago: next year's
  ['programmer 15 janvier', 'schedule 2027-01-15'],
  // dashes, with the year: day first in a French group
  ['programmer le 10-12-2026', 'schedule 2026-12-10'],
  ['programmer 03-04-2027', 'schedule 2027-04-03'],
  ['programmer le 28', 'schedule 2026-12-28'], // the next 28th
  ['schedule the 28th at 7pm', 'schedule 2026-12-28T19:00'],
  ['programmer 12', 'schedule 2026-12-12 !date-ambiguous'], // a day, or event number 12?
  ['programmer dans deux semaines', 'schedule 2026-12-14'],
  // « jeudi prochain » / "next Thursday" less than a week ahead: the coming one or the one a week later? (an audit's
  // organizer, on a Tuesday, meant the 3rd; chrono scheduled the 10th) — refused, the first reading shown
  ['schedule next Thursday', 'schedule 2026-12-03 !date-ambiguous'],
  ['programmer jeudi prochain', 'schedule 2026-12-03 !date-ambiguous'],
  ['programmer le jeudi prochain à 19h', 'schedule 2026-12-03T19:00 !date-ambiguous'],
  ['programmer prochain jeudi', 'schedule 2026-12-03 !date-ambiguous'],
  ['programmer mardi prochain', 'schedule 2026-12-01 !date-ambiguous'], // tomorrow, or the 8th
  ['programmer dimanche prochain', 'schedule 2026-12-06 !date-ambiguous'],
  // said on that very weekday, a week ahead: one reading
  ['programmer lundi prochain', 'schedule 2026-12-07'],
  ['schedule next Monday at 7pm', 'schedule 2026-12-07T19:00'],
  // « jeudi en huit » is not « jeudi » (chrono read the 3rd): refused, never another day
  ['programmer jeudi en huit', 'schedule !date-unreadable'],
  ['programmer 28/01 à 19h', 'schedule 2027-01-28T19:00'],
  ['schedule 2027-01-28 19:00', 'schedule 2027-01-28T19:00'],
  ['programmer 28 janvier, salle B', 'schedule 2027-01-28'],
  ['programmer un de ces jours', 'schedule !date-unreadable'],
  ['programmer 19h', 'schedule !date-unreadable'],
  ['schedule 2027-02-30', 'schedule !date-unreadable'],
  ['schedule 31/02', 'schedule !date-unreadable'],
  // ISO's order only: chrono read « 2027-13-01 » as 13 January (year, day, month), and scheduled it
  ['schedule 2027-13-01', 'schedule !date-unreadable'],
  ['programmer 2027-31-01 à 19h', 'schedule !date-unreadable'],
  ['programmer 2027-00-10', 'schedule !date-unreadable'],
  ['programmer janvier', 'schedule !date-unreadable'],
  ['programmer', 'schedule !date-missing'],
];

describe.each(['UTC', 'America/New_York'])('dates, process TZ=%s', (tz) => {
  it('runs in that process zone', () => {
    process.env.TZ = tz;
    const offset = new Date('2026-11-30T10:00:00Z').getTimezoneOffset();
    expect(offset).toBe(tz === 'UTC' ? 0 : 300);
  });

  it.each(CASES.map(([line, expected, opts]) => [line, expected, opts ?? PARIS] as const))('%j → %s', (line, expected, opts) => {
    process.env.TZ = tz;
    expect(readCommands(line, opts).commands.map(summary)).toEqual([expected]);
  });

  it('echoes the date as written', () => {
    process.env.TZ = tz;
    expect(readCommands('programmer le 28 janvier 2027 à 19h', PARIS).commands[0]?.date).toEqual({ day: '2027-01-28', time: '19:00', text: 'le 28 janvier 2027 à 19h' });
  });

  it('says both readings of « jeudi prochain » back, in the words the writer used', () => {
    process.env.TZ = tz;
    const tuesday: ReadOptions = { ...PARIS, now: new Date('2026-12-01T09:00:00Z') }; // mardi 1er décembre 2026
    const date = (line: string) => readCommands(line, tuesday).commands[0];
    expect(date('programmer jeudi prochain')).toMatchObject({
      problem: 'date-ambiguous',
      date: { day: '2026-12-03', time: null, text: 'jeudi prochain, soit jeudi 3 décembre 2026, soit jeudi 10 décembre 2026' },
    });
    expect(date('schedule next Thursday')?.date?.text).toBe('next Thursday: either Thursday, December 3, 2026 or Thursday, December 10, 2026');
    expect(date('programmer mercredi prochain')?.date?.text).toBe('mercredi prochain, soit mercredi 2 décembre 2026, soit mercredi 9 décembre 2026');
    // on the Tuesday itself « mardi prochain » is a week ahead: no doubt
    expect(readCommands('programmer mardi prochain', tuesday).commands.map(summary)).toEqual(['schedule 2026-12-08']);
    // the way out the transcript asks for is read
    expect(readCommands('programmer jeudi 3 décembre', tuesday).commands.map(summary)).toEqual(['schedule 2026-12-03']);
    expect(readCommands('programmer 2026-12-03', tuesday).commands.map(summary)).toEqual(['schedule 2026-12-03']);
  });

  it("resolves near midnight in the group's zone, not the process's", () => {
    process.env.TZ = tz;
    // 23:30 UTC on 30 November is already 1 December in Paris (and still the 30th in New York)
    const late: ReadOptions = { ...PARIS, now: new Date('2026-11-30T23:30:00Z') };
    const day = (line: string): string[] => readCommands(line, late).commands.map(summary);
    expect(day('programmer demain')).toEqual(['schedule 2026-12-02']);
    expect(day("programmer aujourd'hui")).toEqual(['schedule 2026-12-01']);
    // yesterday there, written without a year: refused as past, not moved to next year
    expect(day('programmer 30 novembre')).toEqual(['schedule 2026-11-30 !date-past']);
    expect(day('programmer 1er décembre')).toEqual(['schedule 2026-12-01']);
    expect(day('programmer 30/11/2026')).toEqual(['schedule 2026-11-30 !date-past']);
    // and in a zone behind UTC, the same instant is still the 30th
    const ny: ReadOptions = { ...late, timeZone: 'America/New_York' };
    expect(readCommands('schedule 30 novembre', ny).commands.map(summary)).toEqual(['schedule 2026-11-30']);
  });
});
