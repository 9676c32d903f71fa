/**
 * `events create|update --date` in ISO 8601's other forms (basic 20270128, week 2027-W04-4, ordinal 2027-028), review of
 * 4983b50: a day in any form starts at events.defaults.time and a month or a year alone names no day (64) — but a week
 * alone (2027-W04, luxon's Monday at midnight), a month in the basic form (202701) and a month, a year or a week given a
 * time (2027-01T19:00, 2027T19:00, 2027-W04T19:00: the 1st, or the Monday, at that time) name no day either, and made an
 * event. An explicit time in each day form is kept, and the night the clocks go forward is refused in each form alike.
 */
import { describe, expect, it } from 'vitest';
import { parseEventDate } from '../../src/cli/commands/events.ts';
import { CliError } from '../../src/cli/exit-codes.ts';
import { groupConfig } from '../support/test-config.ts';

const paris = groupConfig('event-date-forms');

function refusal(input: string): CliError | null {
  try {
    parseEventDate(input, paris);
  } catch (e) {
    return e as CliError;
  }
  return null;
}

describe('events --date: only a day, in any ISO 8601 form, makes an event', () => {
  it.each(['2027-W04', '2027W04', '202701', '2027-01T19:00', '2027T19:00', '2027-W04T19:00', '202701T1900', '2027-01T19:00+01:00'])(
    '%s names no day: 64, one line',
    (given) => {
      const err = refusal(given);
      expect(err).toBeInstanceOf(CliError);
      expect(err!.exitCode).toBe(64);
      expect(err!.message).toMatch(/^--date .+: expected an ISO date such as 2027-01-28T19:00 \(Europe\/Paris\) or 2027-01-28$/);
    },
  );

  // Each form's explicit time is the one written (Paris, winter: UTC+1), its offset when given.
  it.each([
    ['2027-01-28T20:30', '2027-01-28T19:30:00.000Z'],
    ['20270128T2030', '2027-01-28T19:30:00.000Z'],
    ['2027-W04-4T20:30', '2027-01-28T19:30:00.000Z'],
    ['2027W044T2030', '2027-01-28T19:30:00.000Z'],
    ['2027-028T20:30', '2027-01-28T19:30:00.000Z'],
    ['2027028T2030', '2027-01-28T19:30:00.000Z'],
    ['2027-028T20:30Z', '2027-01-28T20:30:00.000Z'],
    ['2027-W04-4T20:30+02:00', '2027-01-28T18:30:00.000Z'],
  ])('%s keeps its time: %s', (given, instant) => {
    expect(parseEventDate(given, paris).toISOString()).toBe(instant);
  });

  // 2027-03-28 (Sunday of week 12, day 087) is the night Paris goes to summer time; 2027-10-31 (week 43, day 304) back.
  it.each([
    ['20270328', '2027-03-28T17:00:00.000Z'],
    ['2027-W12-7', '2027-03-28T17:00:00.000Z'],
    ['2027-087', '2027-03-28T17:00:00.000Z'],
    ['20271031', '2027-10-31T18:00:00.000Z'],
    ['2027-W43-7', '2027-10-31T18:00:00.000Z'],
    ['2027-304', '2027-10-31T18:00:00.000Z'],
    ['20270328T0330', '2027-03-28T01:30:00.000Z'],
  ])('the days the clocks change: %s is %s', (given, instant) => {
    expect(parseEventDate(given, paris).toISOString()).toBe(instant);
  });

  it.each(['20270328T0230', '2027-W12-7T02:30', '2027-087T02:30'])('%s, a time that night skips, is refused as 2027-03-28T02:30 is', (given) => {
    const err = refusal(given);
    expect(err).toBeInstanceOf(CliError);
    expect(err!.exitCode).toBe(64);
    expect(err!.message).toBe(`--date ${given}: 02:30 does not exist on 2027-03-28 in Europe/Paris (the clocks go forward from 02:00 to 03:00 that night): give 03:30, or the time with its offset, e.g. 2027-03-28T02:30+01:00`);
  });
});
