/**
 * Dates as people write them in announcements: « jeudi 28 novembre 2013 à 19h00 » and
 * "Thursday, November 28, 2013 at 7:00 PM", in the group's time zone (never the server's).
 *
 * Built from Intl parts rather than Intl's own full style because ICU changes its punctuation between
 * versions (U+202F before "PM" since ICU 72, "19:00" where French usage wants "19h00", "1 décembre" where
 * it wants « 1er décembre »): the wording must not change when Node is upgraded.
 */
import type { Language } from '../../types.ts';
import { boundedMemo } from '../bounded-memo.ts';

interface Parts {
  weekday: string;
  day: number;
  month: string;
  year: string;
  hour: number;
  minute: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The parts of the instants asked lately, by locale, time zone and instant: a proposal's mails write its date in each
 * (its acknowledgements and the organizers' notice), a digest or an announcement the same event's, and formatToParts
 * was ≈ 1 % of the worker's own time (bench/ingest's profile). Kept by « locale|instant|time zone » (the zone last: the
 * key is read back at its first two bars), emptied whole past PARTS_KEPT instants (boundedMemo); an invalid date throws
 * each time, nothing kept.
 */
const PARTS_KEPT = 256;
const partsKept = boundedMemo((key: string): Readonly<Parts> => {
  const a = key.indexOf('|');
  const b = key.indexOf('|', a + 1);
  return Object.freeze(partsOf(new Date(Number(key.slice(a + 1, b))), key.slice(0, a) as Language, key.slice(b + 1)));
}, PARTS_KEPT);

function parts(date: Date, locale: Language, timeZone: string): Readonly<Parts> {
  return partsKept(`${locale}|${date.getTime()}|${timeZone}`);
}

function partsOf(date: Date, locale: Language, timeZone: string): Parts {
  const key = `${locale}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-US', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, f);
  }
  const p: Record<string, string> = {};
  for (const { type, value } of f.formatToParts(date)) p[type] = value;
  return {
    weekday: p.weekday ?? '',
    day: Number(p.day),
    month: p.month ?? '',
    year: p.year ?? '',
    hour: Number(p.hour) % 24,
    minute: p.minute ?? '00',
  };
}

/** « jeudi 28 novembre 2013 » / "Thursday, November 28, 2013". */
export function formatDay(date: Date, locale: Language, timeZone: string): string {
  return dayOf(parts(date, locale, timeZone), locale);
}

function dayOf(p: Parts, locale: Language): string {
  if (locale === 'fr') return `${p.weekday} ${p.day === 1 ? '1er' : p.day} ${p.month} ${p.year}`;
  return `${p.weekday}, ${p.month} ${p.day}, ${p.year}`;
}

/**
 * Two days as a span, each part said once: « samedi 28 au lundi 30 novembre 2026 », « lundi 30 novembre au mardi 1er
 * décembre 2026 » / "Saturday, November 28 to Monday, November 30, 2026" — in English the month before the day, as
 * formatDay writes a day (a digest's dates and its period read alike), the year once. The same local day twice is
 * that day (formatDay). The caller adds the prepositions before it (« du », "from").
 */
export function formatDayRange(from: Date, to: Date, locale: Language, timeZone: string): string {
  const a = parts(from, locale, timeZone);
  const b = parts(to, locale, timeZone);
  if (a.year === b.year && a.month === b.month && a.day === b.day) return dayOf(b, locale);
  if (locale === 'en') return `${a.weekday}, ${a.month} ${a.day}${a.year !== b.year ? `, ${a.year}` : ''} to ${dayOf(b, locale)}`;
  const num = (p: Parts) => (p.day === 1 ? '1er' : String(p.day));
  const end = `${b.weekday} ${num(b)} ${b.month} ${b.year}`;
  const start = a.year !== b.year ? `${a.weekday} ${num(a)} ${a.month} ${a.year}` : a.month !== b.month ? `${a.weekday} ${num(a)} ${a.month}` : `${a.weekday} ${num(a)}`;
  return `${start} au ${end}`;
}

/** « 19h00 » / "7:00 PM". */
export function formatTime(date: Date, locale: Language, timeZone: string): string {
  return timeOf(parts(date, locale, timeZone), locale);
}

function timeOf(p: Parts, locale: Language): string {
  if (locale === 'fr') return `${p.hour}h${p.minute}`;
  const h12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return `${h12}:${p.minute} ${p.hour < 12 ? 'AM' : 'PM'}`;
}

/** « jeudi 28 novembre 2013 à 19h00 » / "Thursday, November 28, 2013 at 7:00 PM". */
export function formatDate(date: Date, locale: Language, timeZone: string): string {
  // One formatToParts for both halves: each mail about a proposal writes its date (bench/ingest's profile).
  const p = parts(date, locale, timeZone);
  return `${dayOf(p, locale)} ${locale === 'fr' ? 'à' : 'at'} ${timeOf(p, locale)}`;
}

/** YYYY-MM-DD of that instant in the time zone: the form organizers type after "schedule". */
export function isoDay(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/**
 * Calendar days from `from` to `to` in the time zone, whatever their hours: 0 the same day, 1 the next (« demain »
 * at 23:50 for an event at 00:30, never at 08:00 on the event's day).
 */
export function calendarDaysBetween(from: Date, to: Date, timeZone: string): number {
  const midnight = (d: Date) => Date.parse(`${isoDay(d, timeZone)}T00:00:00Z`);
  return Math.round((midnight(to) - midnight(from)) / 86_400_000);
}
