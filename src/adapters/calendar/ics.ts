/**
 * The one importer of ical-generator: an event as an iCalendar entry (METHOD:PUBLISH) for the announcement's
 * .ics part. UID stable per event (`event-ID@domain`), so a later mail replaces the entry in calendars; SEQUENCE
 * from events.sequence (bumped on every change of the event or its programme).
 *
 * Sharp edge (STACK.md): given a JS Date and `timezone`, ical-generator writes the *process's* wall time under
 * TZID — an hour off on a UTC server. It gets a luxon DateTime in the group's zone instead. VTIMEZONE: no zone
 * database package is installed, so the component is derived from luxon (the zone's offsets and its DST changes
 * from the year before the event's to its own), which is what calendar clients need to place the event.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import { DateTime } from 'luxon';
import { boundedMemo } from '../../core/bounded-memo.ts';

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

export interface IcsOptions {
  timeZone: string;
  domain: string;
  groupName: string;
  stamp: Date;
  /**
   * The group's address (addresses.from's): ORGANIZER, named after the group — RFC 5546 §3.2.1 wants one in a PUBLISH
   * event, and clients show it as who the invitation is from.
   */
  organizer?: string;
}

export function eventIcs(ev: IcsEvent, opts: IcsOptions): string {
  return calendarIcs([ev], opts, 'announce');
}

/**
 * The calendar feed (`/events.ics`): every upcoming meetup, each under the UID its announcement's .ics gave it, so
 * a calendar that imported the mail and subscribed to the feed keeps one entry per meetup.
 */
export function eventsIcs(events: readonly IcsEvent[], opts: IcsOptions): string {
  return calendarIcs(events, opts, 'feed');
}

function calendarIcs(events: readonly IcsEvent[], opts: IcsOptions, product: string): string {
  const starts = events.map((ev) => DateTime.fromJSDate(ev.start, { zone: opts.timeZone }));
  const years = starts.length > 0 ? starts.map((s) => s.year) : [DateTime.fromJSDate(opts.stamp, { zone: opts.timeZone }).year];
  const cal = ical({
    prodId: { company: 'crieur', product, language: 'FR' },
    // NAME and X-WR-CALNAME are TEXT, which ical-generator writes as given: « Paris, Lyon » read as two values.
    name: icsText(opts.groupName),
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: opts.timeZone, generator: () => vtimezone(opts.timeZone, Math.min(...years), Math.max(...years)) },
  });
  events.forEach((ev, i) => {
    const start = starts[i]!;
    cal.createEvent({
      id: eventUid(ev.id, opts.domain),
      sequence: ev.sequence,
      start,
      end: start.plus({ minutes: ev.durationMinutes }),
      timezone: opts.timeZone,
      summary: ev.summary,
      description: ev.description,
      location: ev.location,
      ...(ev.url ? { url: ev.url } : {}),
      ...(opts.organizer ? { organizer: { name: paramText(opts.groupName), email: opts.organizer } } : {}),
    });
  });
  // DTSTAMP must be UTC (RFC 5545 §3.8.7.2), and is the campaign's date so that the same mail built again is
  // byte-identical; ical-generator writes it in the calendar's zone without a TZID, so it is set here.
  const stamp = DateTime.fromJSDate(opts.stamp, { zone: 'UTC' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
  let text = cal.toString().replace(/^DTSTAMP:.*$/gm, `DTSTAMP:${stamp}`);
  // A start in the hour a change back to standard time repeats (02:30 on the last Sunday of October in Paris, the
  // second time round) cannot be said in local time: RFC 5545 §3.3.5 reads a repeated local time as its first
  // occurrence, an hour early. That event's times are written in UTC instead, which every reader places right.
  const utc = (d: DateTime) => d.setZone('UTC').toFormat("yyyyMMdd'T'HHmmss'Z'");
  let index = -1;
  text = text.replace(/^BEGIN:VEVENT\r\n[\s\S]*?^END:VEVENT$/gm, (block) => {
    index++;
    const start = starts[index]!;
    if (firstOccurrence(start) === start.toMillis()) return block;
    const end = start.plus({ minutes: events[index]!.durationMinutes });
    return block.replace(/^DTSTART;TZID=[^:\r\n]*:.*$/m, `DTSTART:${utc(start)}`).replace(/^DTEND;TZID=[^:\r\n]*:.*$/m, `DTEND:${utc(end)}`);
  });
  // Every content line ends in CRLF, END:VCALENDAR's too (RFC 5545 §3.1, §3.4); ical-generator leaves the last bare.
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

/**
 * The instant a reader of `DTSTART;TZID=…:` takes the local time of `t` for: its first occurrence in the zone
 * (RFC 5545 §3.3.5), which is an hour before `t` when `t` falls in the second run of a repeated hour.
 */
function firstOccurrence(t: DateTime): number {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, t.millisecond);
  const offsets = new Set([t.minus({ hours: 24 }).offset, t.offset, t.plus({ hours: 24 }).offset]);
  const same = (ms: number) => {
    const d = DateTime.fromMillis(ms, { zone: t.zone });
    return d.year === t.year && d.month === t.month && d.day === t.day && d.hour === t.hour && d.minute === t.minute && d.second === t.second;
  };
  return Math.min(...[...offsets].map((o) => wall - o * 60_000).filter(same));
}

/** A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, a line break as \\n. */
function icsText(s: string): string {
  return s.replace(/[\\;,]/g, '\\$&').replace(/\r\n?|\n/g, '\\n');
}

/**
 * A parameter value (the ORGANIZER's CN): a DQUOTE may not appear in one, quoted or not (RFC 5545 §3.1), and
 * ical-generator writes it `\"`, which readers take for the value's end — Python's icalendar dropped the ORGANIZER of a
 * group named « Groupe "PG" Paris ». RFC 6868 writes it ^' (a caret ^^, a line break ^n).
 */
function paramText(s: string): string {
  return s.replace(/\^/g, '^^').replace(/"/g, "^'").replace(/\r\n?|\n/g, '^n');
}

/** One meetup's UID, the same in every .ics crieur writes. */
export function eventUid(id: number, domain: string): string {
  return `event-${id}@${domain}`;
}

/**
 * A VTIMEZONE for `zone` valid over `year` (to `lastYear`, for a feed whose meetups span a new year): one
 * STANDARD/DAYLIGHT component per offset change in those years and in the year before — RFC 5545 §3.6.5 wants the
 * rule in force at each event, and a February event's is the previous October's STANDARD.
 */
export function vtimezone(zone: string, year: number, lastYear = year): string {
  // The same every time (the zone database does not change under a running process): the feed computes it once.
  return VTIMEZONES(`${zone}|${year}|${lastYear}`);
}

const VTIMEZONES = boundedMemo((key) => {
  const [zone, year, lastYear] = key.split('|');
  return computeVtimezone(zone!, Number(year), Number(lastYear));
}, 64);

function computeVtimezone(zone: string, year: number, lastYear: number): string {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const changes: { at: DateTime; from: number; to: number }[] = [];
  // From the year before: the change in force on 1 January (a winter event's) happened then.
  let t = DateTime.fromObject({ year: year - 1, month: 1, day: 1 }, { zone });
  const end = DateTime.fromObject({ year: lastYear + 1, month: 1, day: 1 }, { zone });
  let offset = t.offset;
  // Day steps find the day of each change, hour steps the hour, quarter-hour steps pin it (zones change on the
  // hour or half hour, at most once a day). Hour steps over a whole year cost ≈ 0.6 s of luxon; this ≈ 30 ms.
  while (t < end) {
    const nextDay = t.plus({ hours: 24 });
    if (nextDay.offset !== offset) {
      let h = t;
      while (h.plus({ hours: 1 }).offset === offset) h = h.plus({ hours: 1 });
      let at = h;
      while (at.offset === offset) at = at.plus({ minutes: 15 });
      changes.push({ at, from: offset, to: at.offset });
      offset = at.offset;
      t = at;
      continue;
    }
    t = nextDay;
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
