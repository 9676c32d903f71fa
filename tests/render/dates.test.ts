import { describe, expect, it } from 'vitest';
import { formatDate, formatDay, formatTime, isoDay } from '../../src/core/render/dates.ts';

const PARIS = 'Europe/Paris';

describe('formatDate in Europe/Paris', () => {
  it.each([
    // instant (UTC)              fr                                          en
    ['2013-11-28T18:00:00Z', 'jeudi 28 novembre 2013 à 19h00', 'Thursday, November 28, 2013 at 7:00 PM'],
    ['2014-06-12T17:30:00Z', 'jeudi 12 juin 2014 à 19h30', 'Thursday, June 12, 2014 at 7:30 PM'], // CEST, UTC+2
    ['2013-12-01T18:00:00Z', 'dimanche 1er décembre 2013 à 19h00', 'Sunday, December 1, 2013 at 7:00 PM'],
    ['2013-11-28T23:00:00Z', 'vendredi 29 novembre 2013 à 0h00', 'Friday, November 29, 2013 at 12:00 AM'], // next day in Paris
    ['2013-11-28T11:05:00Z', 'jeudi 28 novembre 2013 à 12h05', 'Thursday, November 28, 2013 at 12:05 PM'],
    // DST ends 2013-10-27 03:00 CEST → 02:00 CET: 02:30 happens twice
    ['2013-10-27T00:30:00Z', 'dimanche 27 octobre 2013 à 2h30', 'Sunday, October 27, 2013 at 2:30 AM'],
    ['2013-10-27T01:30:00Z', 'dimanche 27 octobre 2013 à 2h30', 'Sunday, October 27, 2013 at 2:30 AM'],
    ['2013-10-27T02:30:00Z', 'dimanche 27 octobre 2013 à 3h30', 'Sunday, October 27, 2013 at 3:30 AM'],
    // DST starts 2013-03-31 02:00 CET → 03:00 CEST: 02:xx never happens
    ['2013-03-31T00:59:00Z', 'dimanche 31 mars 2013 à 1h59', 'Sunday, March 31, 2013 at 1:59 AM'],
    ['2013-03-31T01:00:00Z', 'dimanche 31 mars 2013 à 3h00', 'Sunday, March 31, 2013 at 3:00 AM'],
    // a meetup evening on each side of the change: the same wall-clock time, one hour apart in UTC
    ['2024-10-24T17:00:00Z', 'jeudi 24 octobre 2024 à 19h00', 'Thursday, October 24, 2024 at 7:00 PM'],
    ['2024-10-31T18:00:00Z', 'jeudi 31 octobre 2024 à 19h00', 'Thursday, October 31, 2024 at 7:00 PM'],
  ])('%s', (iso, fr, en) => {
    const d = new Date(iso);
    expect(formatDate(d, 'fr', PARIS)).toBe(fr);
    expect(formatDate(d, 'en', PARIS)).toBe(en);
  });
});

describe('other pieces', () => {
  const d = new Date('2013-11-28T18:00:00Z');
  it('uses the time zone it is given, not the machine one', () => {
    expect(formatDate(d, 'en', 'America/New_York')).toBe('Thursday, November 28, 2013 at 1:00 PM');
    expect(formatDate(d, 'fr', 'Asia/Tokyo')).toBe('vendredi 29 novembre 2013 à 3h00');
  });
  it('formats the day and the time alone', () => {
    expect(formatDay(d, 'fr', PARIS)).toBe('jeudi 28 novembre 2013');
    expect(formatTime(d, 'en', PARIS)).toBe('7:00 PM');
  });
  it('gives the calendar day of the group, for "schedule YYYY-MM-DD"', () => {
    expect(isoDay(new Date('2013-11-28T23:30:00Z'), PARIS)).toBe('2013-11-29');
    expect(isoDay(new Date('2013-11-28T23:30:00Z'), 'UTC')).toBe('2013-11-28');
  });
  it('has no ICU punctuation surprises (narrow no-break spaces)', () => {
    expect(formatDate(d, 'en', PARIS)).not.toMatch(/[\u202f\u00a0]/);
  });
});
