/**
 * The one importer of ical-generator: an event as an iCalendar entry (METHOD:PUBLISH) for the announcement's
 * .ics part. UID stable per event (`event-ID@domain`), so a later mail replaces the entry in calendars; SEQUENCE
 * from events.sequence (bumped on every change of the event or its programme).
 *
 * Sharp edge (STACK.md): given a JS Date and `timezone`, ical-generator writes the *process's* wall time under
 * TZID — an hour off on a UTC server. It gets a luxon DateTime in the group's zone instead. VTIMEZONE: no zone
 * database package is installed, so the component is derived from luxon (the zone's offsets and its DST changes
 * in the event's year), which is what calendar clients need to place the event.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import { DateTime } from 'luxon';

export interface IcsEvent {
  id: number;
  sequence: number;
  start: Date;
  durationMinutes: number;
  summary: string;
  description: string;
  location: string;
  url: string | null;
}

export function eventIcs(ev: IcsEvent, opts: { timeZone: string; domain: string; groupName: string; stamp: Date }): string {
  const start = DateTime.fromJSDate(ev.start, { zone: opts.timeZone });
  const cal = ical({
    prodId: { company: 'crieur', product: 'announce', language: 'FR' },
    name: opts.groupName,
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: opts.timeZone, generator: () => vtimezone(opts.timeZone, start.year) },
  });
  cal.createEvent({
    id: `event-${ev.id}@${opts.domain}`,
    sequence: ev.sequence,
    start,
    end: start.plus({ minutes: ev.durationMinutes }),
    timezone: opts.timeZone,
    summary: ev.summary,
    description: ev.description,
    location: ev.location,
    ...(ev.url ? { url: ev.url } : {}),
  });
  // DTSTAMP must be UTC (RFC 5545 §3.8.7.2), and is the campaign's date so that the same mail built again is
  // byte-identical; ical-generator writes it in the calendar's zone without a TZID, so it is set here.
  const stamp = DateTime.fromJSDate(opts.stamp, { zone: 'UTC' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
  return cal.toString().replace(/^DTSTAMP:.*$/m, `DTSTAMP:${stamp}`);
}

const vtimezones = new Map<string, string>();

/**
 * A VTIMEZONE for `zone` valid over `year`: one STANDARD/DAYLIGHT component per offset change that year. Kept per
 * zone and year: the search below steps through the year's 8,760 hours with luxon (≈ 250 ms), once per process.
 */
export function vtimezone(zone: string, year: number): string {
  const key = `${zone}|${year}`;
  let v = vtimezones.get(key);
  if (v === undefined) vtimezones.set(key, (v = searchVtimezone(zone, year)));
  return v;
}

function searchVtimezone(zone: string, year: number): string {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const changes: { at: DateTime; from: number; to: number }[] = [];
  let t = DateTime.fromObject({ year, month: 1, day: 1 }, { zone });
  const end = t.plus({ years: 1 });
  let offset = t.offset;
  // Day steps find each change, hour then quarter-hour steps pin it (zones change on the hour or half hour).
  while (t < end) {
    const next = t.plus({ hours: 24 });
    if (next.offset === offset) {
      t = next;
      continue;
    }
    let h = t;
    while (h.plus({ hours: 1 }).offset === offset) h = h.plus({ hours: 1 });
    let at = h;
    while (at.offset === offset) at = at.plus({ minutes: 15 });
    changes.push({ at, from: offset, to: at.offset });
    offset = at.offset;
    t = at;
  }
  const fmt = (m: number) => `${m < 0 ? '-' : '+'}${String(Math.floor(Math.abs(m) / 60)).padStart(2, '0')}${String(Math.abs(m) % 60).padStart(2, '0')}`;
  if (changes.length === 0) {
    lines.push('BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${fmt(offset)}`, `TZOFFSETTO:${fmt(offset)}`, 'END:STANDARD');
  }
  for (const c of changes) {
    const kind = c.to > c.from ? 'DAYLIGHT' : 'STANDARD';
    // DTSTART is the local time *before* the change, in the old offset (RFC 5545 §3.6.5).
    const local = c.at.setZone(fixed(c.from)).toFormat("yyyyMMdd'T'HHmmss");
    lines.push(`BEGIN:${kind}`, `DTSTART:${local}`, `TZOFFSETFROM:${fmt(c.from)}`, `TZOFFSETTO:${fmt(c.to)}`, `END:${kind}`);
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

function fixed(offsetMinutes: number): string {
  const h = offsetMinutes / 60;
  return offsetMinutes === 0 ? 'UTC' : `UTC${h >= 0 ? '+' : ''}${Number.isInteger(h) ? h : `${Math.trunc(h)}:${String(Math.abs(offsetMinutes % 60)).padStart(2, '0')}`}`;
}
