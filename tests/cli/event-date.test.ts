/**
 * `events create|update --date` with a local time the group's zone skips (the night the clocks go forward): luxon read
 * 2027-03-28T02:30 in Paris as 03:30, and the event was stored an hour later than written without a word. Refused now
 * (exit 64), the gap and the fix in one line; a time that occurs twice (the night they go back) is still taken.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseEventDate } from '../../src/cli/commands/events.ts';
import { skippedLocalTime } from '../../src/cli/event-date.ts';
import { CliError } from '../../src/cli/exit-codes.ts';
import { groupConfig } from '../support/test-config.ts';

const paris = groupConfig('event-date');

describe('a local time the group\'s time zone skips', () => {
  it('is refused with exit 64, the gap and the fix in one line (Paris, 2027-03-28T02:30)', () => {
    let err: unknown = null;
    try {
      parseEventDate('2027-03-28T02:30', paris);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(64);
    expect((err as CliError).message).toBe(
      '--date 2027-03-28T02:30: 02:30 does not exist on 2027-03-28 in Europe/Paris (the clocks go forward from 02:00 to 03:00 that night): give 03:30, or the time with its offset, e.g. 2027-03-28T02:30+01:00',
    );
    expect((err as CliError).message).not.toContain('\n');
  });

  it.each([
    ['America/New_York', '2027-03-14T02:30', 'from 02:00 to 03:00', 'give 03:30', '2027-03-14T02:30-05:00'],
    ['Australia/Lord_Howe', '2027-10-03T02:15', 'from 02:00 to 02:30', 'give 02:45', '2027-10-03T02:15+10:30'],
  ])('in any zone, whatever the size of the gap (%s)', (zone, written, gap, fix, offset) => {
    const line = skippedLocalTime(written, DateTime.fromISO(written, { zone }), zone);
    expect(line).toContain(gap);
    expect(line).toContain(fix);
    expect(line).toContain(offset);
  });

  it.each([
    ['the same time with its offset', '2027-03-28T02:30+01:00', '2027-03-28T01:30:00.000Z'],
    ['the hour after the gap', '2027-03-28T03:30', '2027-03-28T01:30:00.000Z'],
    ['an ordinary evening', '2027-03-28T19:00', '2027-03-28T17:00:00.000Z'],
    ['the time that occurs twice, the night the clocks go back (the second one)', '2026-10-25T02:30', '2026-10-25T01:30:00.000Z'],
    ['a day (events.defaults.time)', '2027-03-28', '2027-03-28T17:00:00.000Z'],
  ])('is the only one refused: %s is taken', (_name, written, instant) => {
    expect(parseEventDate(written, paris).toISOString()).toBe(instant);
  });
});

describe('a date with a space for the T (RFC 3339 §5.6 allows it)', () => {
  it('reads « 2027-09-14 19:00 » as 2027-09-14T19:00 in the group\'s zone (it was refused: exit 64)', () => {
    expect(parseEventDate('2027-09-14 19:00', paris).toISOString()).toBe('2027-09-14T17:00:00.000Z');
    expect(parseEventDate('2027-09-14  19:00+02:00', paris).toISOString()).toBe('2027-09-14T17:00:00.000Z');
  });
});
