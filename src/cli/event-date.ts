/**
 * A local time the group's time zone skips, for `events create|update --date` (parseEventDate, commands/events.ts).
 * luxon reads `2027-03-28T02:30` in Europe/Paris, a time that night's change to summer time skips, as 03:30 — the
 * event was stored an hour later than written, and nobody was told. A time that occurs twice (the night the clocks go
 * back) is a real time: it is kept as luxon reads it (the second one; the .ics then writes it in UTC, fa5182c).
 */
import { DateTime } from 'luxon';

/** A time with its own offset (`…T02:30+01:00`, `…Z`) is an instant, never skipped. */
const OFFSET = /(?:z|[+-]\d{2}(?::?\d{2})?)$/i;
const HOURS = 3_600_000;

/**
 * Why `written` (an ISO local date-time, no offset) names no instant in `zone` — the one line to print, with the gap
 * and the fix — or null when it names one. `read` is luxon's reading of it in that zone.
 */
export function skippedLocalTime(written: string, read: DateTime, zone: string): string | null {
  const time = written.slice(written.indexOf('T') + 1);
  if (!written.includes('T') || OFFSET.test(time)) return null;
  const wall = DateTime.fromISO(written, { zone: 'utc' });
  if (!wall.isValid) return null;
  const asRead = read.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS");
  if (wall.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS") === asRead) return null;
  // the change of offset around it: the instant it happens, found to the minute, and the wall clock on either side
  const z = read.zone;
  const naive = wall.toMillis();
  let lo = naive - 14 * HOURS;
  let hi = naive + 14 * HOURS;
  const before = z.offset(lo);
  const after = z.offset(hi);
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (z.offset(mid) === before) lo = mid;
    else hi = mid;
  }
  const clock = (offsetMinutes: number) => DateTime.fromMillis(hi + offsetMinutes * 60_000, { zone: 'utc' }).toFormat('HH:mm');
  const sign = before < 0 ? '-' : '+';
  const offset = `${sign}${String(Math.floor(Math.abs(before) / 60)).padStart(2, '0')}:${String(Math.abs(before) % 60).padStart(2, '0')}`;
  return (
    `${wall.toFormat('HH:mm')} does not exist on ${wall.toFormat('yyyy-MM-dd')} in ${zone} (the clocks go forward from ${clock(before)} to ${clock(after)} that night): ` +
    `give ${read.toFormat('HH:mm')}, or the time with its offset, e.g. ${wall.toFormat("yyyy-MM-dd'T'HH:mm")}${offset}`
  );
}
