/**
 * The date after `schedule`/`programmer`, as people write it: `28/01`, `28 janvier`, `jeudi 28`, `2027-01-28`,
 * `le 28 janvier 2027 à 19h`, `Jan 28`, `next meetup`. Read with chrono-node (French, then English), resolved in
 * the group's time zone against the instant passed in — never the process's zone: only chrono's calendar
 * components are used (no Date is built from them), and the reference instant is given to chrono with the
 * zone's UTC offset at that instant.
 *
 * Three things are decided here rather than by chrono, because chrono gets them wrong for us:
 * - numeric dates (`03/04`) are read day-first in a French group, and refused as ambiguous in an English one
 *   when both readings are valid (British and American writers disagree);
 * - a year left out means the next occurrence from today *in the group's zone* (chrono's forwardDate looks at the
 *   process's local day, off by one near midnight);
 * - `jeudi 28` (a weekday and a day, no month) is the next 28th that falls on a Thursday; `le 28` the next 28th;
 * - `jeudi prochain` / `next Thursday` said less than a week before that weekday is the coming one for some writers
 *   and the one a week later for others (chrono takes the latter): refused as ambiguous, both dates in its text;
 *   said on that very weekday (one week ahead) it has one reading.
 */
import { createRequire } from 'node:module';
import type * as Chrono from 'chrono-node';
import { DateTime } from 'luxon';
import type { Language } from '../../types.ts';
import type { CommandDate, CommandProblem, DateChoice } from './types.ts';
import { NEXT_EVENT_PHRASES } from './grammar.ts';
import { fold } from '../text/fold.ts';

// chrono-node's ESM build is ≈ 270 files and, under the tsx loader, each crosses the loader's hooks thread: that
// doubled the start-up of every command that reads mail (`crieur parse`). Its CommonJS build loads without them.
// The bundle build (scripts/build.js) drops the `const require` line, so that esbuild bundles chrono-node in.
const require = createRequire(import.meta.url);
const chrono = require('chrono-node') as typeof Chrono;

export interface DateReference {
  /** null: no reference instant (a mail without a Date header): only dates with a year can be read, never "past". */
  now: Date | null;
  timeZone: string;
  locale: Language;
}

export interface DateReading {
  date: CommandDate | null;
  nextEvent: boolean;
  /** `event 2`, « événement n° 2 », `meetup #2`: an event named by its id (`crieur events list`). */
  eventId?: number;
  /** « la soirée de février », "the February meetup": the one event of that month (`YYYY-MM`), found when applied. */
  eventMonth?: string;
  problem: CommandProblem | null;
}

/**
 * An event's id: after its noun (`event 2`, « l'événement n° 12 »), or after `#` alone (`schedule #3`, as `crieur events
 * list` numbers them) — `#` is no way to write a date; a bare number stays a day of the month, ambiguous.
 */
// (« pour l'événement 3 », "for event 3", « sur l'événement 3 »: audit AA)
const EVENT_ID = /^(?:(?:l'|the|a|au|a l'|to|for|for the|pour|pour l'|sur|sur l'|on|on the|at|at the)\s*)?(?:(?:event|evenement|meetup|rencontre|session)\s*(?:n°|no\.?|nr\.?|#)?|#|n°)\s*(\d{1,6})[\s.!;,]*$/;

const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ['lundi', 1], ['mardi', 2], ['mercredi', 3], ['jeudi', 4], ['vendredi', 5], ['samedi', 6], ['dimanche', 7],
  ['monday', 1], ['tuesday', 2], ['wednesday', 3], ['thursday', 4], ['friday', 5], ['saturday', 6], ['sunday', 7],
  ['mon', 1], ['tue', 2], ['tues', 2], ['wed', 3], ['thu', 4], ['thur', 4], ['thurs', 4], ['fri', 5], ['sat', 6], ['sun', 7],
]);
/** Words around a date that say nothing about it ("pour le 28", "on Jan 28", "at the next meetup"). */
const FILLER = /^(?:le|la|l'|au|a la|a|pour|pour le|pour la|on|for|for the|at|at the|the|de|du|ce|cette|this|:|-|,)$/;
const NUMERIC = /^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?(?![\d/.])/;
/** `10-12-2026`: dashes, with the year only (a bare `10-12` is as likely a range as a date). Same groups as NUMERIC. */
const DASHED = /^(\d{1,2})-(\d{1,2})-(\d{4}|\d{2})(?![\d-])/;
/**
 * A date written without its year that fell this few days ago is the writer's slip or the past, refused as past with
 * this year's date shown ("programmer au 28 novembre" on 30 November): not the same day next year. Further back
 * ("15 janvier" written in November) it is the next one.
 */
const RECENT_PAST_DAYS = 90;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?![\d-])/;
const NOT_A_MONTH = '(?!\\s*(?:janv|fevr|mars|avr|mai|juin|juil|aout|sept|oct|nov|dec|jan|feb|mar|apr|may|jun|jul|aug|sep)[a-z]*\\b)';
const WEEKDAY_DAY = new RegExp(`^([a-z]+)\\.?\\s+(\\d{1,2})(?:er|e|eme|st|nd|rd|th)?(?![\\d/.:h])${NOT_A_MONTH}`);
/** "le 28", "the 28th": a day of the month alone. */
const DAY_ONLY = new RegExp(`^(?:the\\s+)?(\\d{1,2})(?:er|e|eme|st|nd|rd|th)?(?![\\d/.:h])${NOT_A_MONTH}`);
/** `jeudi prochain`, `prochain jeudi`, `next Thursday` (folded, after `le`/`on`/`for`). */
const NEXT_WEEKDAY = /^(?:([a-z]+)\.?\s+prochaine?|prochaine?\s+([a-z]+)|next\s+([a-z]+))(?![a-z'])/;
/** `jeudi en huit` (a week after the coming Thursday, or the Thursday of next week?): chrono reads only `jeudi`. */
const EN_HUIT = /^[a-z]+\.?\s+en\s+(?:huit|quinze)\b/;
const WEEKDAY_NAMES_FR = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const WEEKDAY_NAMES_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** What may be left around the date once chrono has taken it: a couple of short words, no sentence. */
const MAX_LEFTOVER = 12;

/**
 * « 19 h 30 », « 19h 30 », « 19 heures 30 »: French typography spaces the hour's `h`; chrono reads only « 19h30 » (an
 * audit's « programmer le 14 janvier à 19 h 30 » was unreadable — and, seven words long, taken for prose).
 */
const SPACED_TIME = /(?<![\d:])(\d{1,2})\s*(?:h|heures?)\s*(\d{2})(?![\d:])/gi;

/** The talk, named before its date (folded): "it", « ce talk », « cette proposition », « celle-ci ». */
const TALK_NAMED = /^(?:it|this(?: one| talk| proposal)?|ce talk|cette proposition|cette presentation|celle-ci|celui-ci|ca)\s+/;
/**
 * A please or thanks after the date (folded), after a comma too (audit AE2 15: "Schedule for the February meetup, thanks!"
 * was refused as unreadable — the comma left after « thanks » was taken off kept the month's event from being read).
 */
const PLEASE_AFTER = /(?:\s*[,;]\s*|\s+)(?:please|pls|svp|stp|s'il (?:te|vous) plait|merci(?: beaucoup)?|thanks|thank you)$/;

const MONTH_NUMBER: ReadonlyMap<string, number> = new Map([
  ...['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'].map((m, i) => [m, i + 1] as const),
  ...['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].map((m, i) => [m, i + 1] as const),
  ...['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'].map((m) => [m, ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(m.slice(0, 3)) + 1] as const),
]);
const EVENT_NOUN = '(?:soiree|meetup|session|rencontre|evenement|event|meeting)';
/** « (à / pour) la soirée de février », « le meetup de janvier 2027 » / "(for / on) the February meetup" (folded, filler off). */
const MONTH_EVENT_FR = new RegExp(`^(?:(?:a|au|pour|sur)\\s+)?(?:(?:la|le|l')\\s*)?${EVENT_NOUN}\\s+(?:de|d'|du mois de|du mois d')\\s*([a-z]+)(?:\\s+(\\d{4}))?$`);
const MONTH_EVENT_EN = new RegExp(`^(?:(?:for|on|at|to|in)\\s+)?(?:the\\s+)?([a-z]+)(?:\\s+(\\d{4}))?\\s+${EVENT_NOUN}$`);
/**
 * An event named by its month alone (audit Z: « Programmer à la soirée de février » was refused as unreadable, though
 * one meetup stood in February): `YYYY-MM`, this month or the next such month from today in the group's zone; which
 * event, if one, is for the calendar to say (decide.ts).
 */
function eventOfMonth(folded: string, local: DateTime | null): string | null {
  const m = MONTH_EVENT_FR.exec(folded) ?? MONTH_EVENT_EN.exec(folded);
  const month = m ? MONTH_NUMBER.get(m[1]!) : undefined;
  if (!m || month === undefined) return null;
  const year = m[2] ? Number(m[2]) : local ? (month >= local.month ? local.year : local.year + 1) : null;
  return year === null ? null : `${year}-${pad(month)}`;
}

/**
 * "28 of January", "the 14th of Feb", "the 14th Feb" (English written abroad): chrono reads the day and drops the month
 * after « of » or an ordinal ("on 28 of January" was 28 December; audit Y1 55's "Schedule it on 28 of January please"
 * was read only by chance, with "it" before it).
 */
const DAY_OF_MONTH = /\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)/gi;

/**
 * French months as they are cut short after a day: « 11 fév. », « le 1er fév », « 3 juil. », « 14 janv ». chrono-node knows
 * « févr » but not « fév » / « fev »: it read the day alone and left the month over as a short word, so audit AC's
 * « programmer le 11 fév. » was scheduled on 11 December. Written out in full (the dot after them included) for chrono.
 */
const FR_MONTH_CUT: ReadonlyMap<string, string> = new Map([
  ['janv', 'janvier'], ['fev', 'février'], ['fevr', 'février'], ['avr', 'avril'], ['juil', 'juillet'], ['sept', 'septembre'], ['oct', 'octobre'], ['nov', 'novembre'], ['dec', 'décembre'],
]);
const DAY_MONTH_CUT = /(?<![\p{L}\d])(\d{1,2}(?:er)?\s+)(janv|f[ée]vr?|avr|juil|sept|oct|nov|d[ée]c)(?:\.|(?![\p{L}\d]))/giu;
/** « le 1er février »: chrono-node reads « 1 février », not the ordinal before a month (unreadable before audit AC). */
const FIRST_OF_MONTH = /(?<![\p{L}\d])1\s?er(?=\s+(?:janv|f[ée]v|mars|avr|mai|juin|juil|ao[uû]t|sept|oct|nov|d[ée]c)\p{L}*)/giu;
/**
 * « mar. 11 fév. », « mer. 11 février »: a French weekday cut short before a day and a month. chrono-node reads « mer 11 »
 * but not « mer. 11 »: the weekday was left over as a short word and never checked against the date (« mer. 11 février »,
 * a Thursday, was scheduled without a question; « mercredi 11 février » is ambiguous). Before a day and a month « mar. »
 * is « mardi » — a month comes after the day in French; « Mar 11 » alone may be English March and is left as it is.
 */
const WEEKDAY_CUT: ReadonlyMap<string, string> = new Map([
  ['lun', 'lundi'], ['mar', 'mardi'], ['mer', 'mercredi'], ['jeu', 'jeudi'], ['ven', 'vendredi'], ['sam', 'samedi'], ['dim', 'dimanche'],
]);
const CUT_WEEKDAY_DAY_MONTH = /(?<![\p{L}\d])(lun|mar|mer|jeu|ven|sam|dim)\.?(?=,?\s+(?:1\s?er|\d{1,2})\s+(?:janv|f[ée]v|mars|avr|mai|juin|juil|ao[uû]t|sept|oct|nov|d[ée]c))/giu;
/** Month names and their cuts (folded): left over beside a day chrono read, the month it did not read (meaningless). */
const MONTH_WORD = /^(?:janv|fevr?|avr|juil|aou|sept|(?:janvier|fevrier|mars|avril|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|june|july|august|september|october|november|december|jan|feb|apr|jun|jul|aug|sep|oct|nov|dec))$/;

export function readDate(written: string, ref: DateReference): DateReading {
  const text = written
    .trim()
    .replace(/[.!;,]+$/, '')
    .trim()
    .replace(SPACED_TIME, '$1h$2')
    .replace(DAY_OF_MONTH, '$1 ')
    .replace(DAY_MONTH_CUT, (_m, day: string, cut: string) => `${day}${FR_MONTH_CUT.get(fold(cut)) ?? cut}`)
    .replace(FIRST_OF_MONTH, '1')
    .replace(CUT_WEEKDAY_DAY_MONTH, (cut: string) => WEEKDAY_CUT.get(cut.toLowerCase().replace('.', '')) ?? cut);
  if (text === '') return { date: null, nextEvent: false, problem: 'date-missing' };
  const folded = fold(text).replace(/\s+/g, ' ');
  // the talk named before it and a please after it say nothing more (audit Z: "schedule it for the next meetup", « programmer
  // ce talk au prochain meetup svp » were unreadable)
  const named = folded.replace(TALK_NAMED, '').replace(PLEASE_AFTER, '');
  if (NEXT_EVENT_PHRASES.some((p) => [folded, named].some((t) => t === p || t.replace(/^(?:au|a la|pour le|pour la|at the|for the|on the|to the|the)\s+/, '') === p))) {
    return { date: null, nextEvent: true, problem: null };
  }
  // (« Programmer à l'événement 3, merci. », "schedule event 3 please": the please after it, as after a date — audit AA 14)
  // (the punctuation after it is EVENT_ID's: stripped here by a /[…]+$/, a 10,000-character line took 0.3 s — review of audit AA)
  const byId = EVENT_ID.exec(folded) ?? EVENT_ID.exec(named);
  if (byId) return { date: null, nextEvent: false, eventId: Number(byId[1]), problem: null };
  const local = ref.now ? DateTime.fromJSDate(ref.now, { zone: ref.timeZone }) : null;
  const ofMonth = eventOfMonth(named, local);
  if (ofMonth) return { date: null, nextEvent: false, eventMonth: ofMonth, problem: null };
  const today = local?.toISODate() ?? null;

  const rewritten = rewrite(text, folded, ref, local);
  if (rewritten.problem) return { date: rewritten.date ?? null, nextEvent: false, problem: rewritten.problem };
  const found = chronoRead(rewritten.fr, rewritten.en, local);
  if (!found) return { date: null, nextEvent: false, problem: 'date-unreadable' };
  const { c } = found;

  let year = c.get('year');
  const month = c.get('month');
  const day = c.get('day');
  // a month alone ("janvier") or a week ("la semaine prochaine") is not a day to schedule on
  if (year === null || month === null || day === null || !(c.isCertain('day') || c.isCertain('weekday'))) {
    return { date: null, nextEvent: false, problem: 'date-unreadable' };
  }
  // without a reference instant only a date that carries its year means something
  if (!local && !/\b\d{4}\b/.test(rewritten.fr)) return { date: null, nextEvent: false, problem: 'date-unreadable' };
  if (local && !c.isCertain('year') && c.isCertain('month') && c.isCertain('day')) year = nextYearFor(month, day, local);
  const dt = DateTime.fromObject({ year, month, day }, { zone: 'utc' });
  if (!dt.isValid) return { date: null, nextEvent: false, problem: 'date-unreadable' };
  const date: CommandDate = {
    day: dt.toISODate()!,
    time: c.isCertain('hour') ? `${pad(c.get('hour') ?? 0)}:${pad(c.get('minute') ?? 0)}` : null,
    text,
  };
  // « jeudi prochain » said on a Tuesday: the 3rd or the 10th? Both are said back, the writer names the day.
  if (rewritten.readings) {
    const [a, b] = rewritten.readings;
    const both = rewritten.readingsIn === 'en' ? `${text}: either ${longDay(a, 'en')} or ${longDay(b, 'en')}` : `${text}, soit ${longDay(a, 'fr')}, soit ${longDay(b, 'fr')}`;
    const readings = [a, b].map((r) => ({ day: r.toISODate()!, time: date.time }));
    return { date: { ...date, text: both, readings }, nextEvent: false, problem: 'date-ambiguous' };
  }
  // "mardi 3 décembre" when the 3rd is a Thursday: which of the two was meant?
  if (c.isCertain('weekday') && c.isCertain('day') && c.get('weekday') !== null && c.get('weekday')! % 7 !== dt.weekday % 7) {
    return { date, nextEvent: false, problem: 'date-ambiguous' };
  }
  if (today !== null && date.day < today) return { date, nextEvent: false, problem: 'date-past' };
  return { date, nextEvent: false, problem: null };
}

interface Rewritten {
  fr: string;
  en: string;
  problem?: CommandProblem;
  date?: CommandDate;
  /** `jeudi prochain` less than a week ahead: the coming one and the one a week later (fr/en: the first). */
  readings?: readonly [DateTime, DateTime];
  /** The language the writer named the weekday in, for saying the readings back. */
  readingsIn?: Language;
}

/** Numeric and weekday-day forms, turned into words chrono reads the way we mean them. */
function rewrite(text: string, folded: string, ref: DateReference, local: DateTime | null): Rewritten {
  const lead = /^(?:le|on|for|pour le)\s+/i.exec(text)?.[0].length ?? 0;
  const body = text.slice(lead);
  const fbody = folded.slice(lead);
  const iso = ISO.exec(body);
  if (iso) {
    // YYYY-MM-DD means that month and day or nothing: chrono reads « 2027-13-01 » as 13 January (year, day, month),
    // a day nobody wrote — an impossible month or day is unreadable, as « 31/02 » is
    const valid = DateTime.fromObject({ year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }, { zone: 'utc' }).isValid;
    return valid ? { fr: body, en: body } : { fr: '', en: '', problem: 'date-unreadable' };
  }
  const num = NUMERIC.exec(body) ?? DASHED.exec(body);
  if (num) {
    const a = Number(num[1]);
    const b = Number(num[2]);
    const y = num[3] === undefined ? '' : num[3].length === 2 ? ` 20${num[3]}` : ` ${num[3]}`;
    const rest = body.slice(num[0].length);
    const dayFirst = a >= 1 && b >= 1 && a <= 31 && b <= 12;
    const monthFirst = a >= 1 && b >= 1 && a <= 12 && b <= 31;
    if (!dayFirst && !monthFirst) return { fr: '', en: '', problem: 'date-unreadable' };
    // French writers put the day first, always; English ones do not agree with each other
    const ambiguous = ref.locale === 'en' && dayFirst && monthFirst && a !== b;
    const [d, m] = dayFirst && (ref.locale === 'fr' || !monthFirst) ? [a, b] : [b, a];
    const words = { fr: `${d} ${MONTHS_FR[m - 1]}${y}${rest}`, en: `${MONTHS_EN[m - 1]} ${d}${y}${rest}` };
    if (ambiguous) {
      const read = readDate(`${MONTHS_EN[a - 1]} ${b}${y}`, ref);
      // both readings, month first then day first, each resolved as written (its year, or the next one)
      const other = readDate(`${MONTHS_EN[b - 1]} ${a}${y}`, ref);
      const readings: DateChoice[] = [read, other].flatMap((r) => (r.date && r.problem !== 'date-past' ? [{ day: r.date.day, time: r.date.time }] : []));
      return { ...words, problem: 'date-ambiguous', date: read.date ? { ...read.date, text, readings } : undefined };
    }
    return words;
  }
  const next = NEXT_WEEKDAY.exec(fbody);
  const nextDay = next ? WEEKDAYS.get(next[1] ?? next[2] ?? next[3]!) : undefined;
  if (next && nextDay !== undefined) {
    if (!local) return { fr: '', en: '', problem: 'date-unreadable' };
    const ahead = (nextDay - local.weekday + 7) % 7 || 7;
    const coming = local.startOf('day').plus({ days: ahead });
    const rest = body.slice(next[0].length);
    const words = { fr: `${coming.day} ${MONTHS_FR[coming.month - 1]} ${coming.year}${rest}`, en: `${MONTHS_EN[coming.month - 1]} ${coming.day} ${coming.year}${rest}` };
    if (ahead === 7) return words;
    return { ...words, readings: [coming, coming.plus({ days: 7 })], readingsIn: next[3] !== undefined ? 'en' : 'fr' };
  }
  if (EN_HUIT.test(fbody)) return { fr: '', en: '', problem: 'date-unreadable' };
  const wd = WEEKDAY_DAY.exec(fbody);
  const weekday = wd ? WEEKDAYS.get(wd[1]!) : undefined;
  const dayOnly = weekday === undefined ? DAY_ONLY.exec(fbody) : null;
  const m = wd && weekday !== undefined ? { match: wd[0], day: Number(wd[2]) } : dayOnly ? { match: dayOnly[0], day: Number(dayOnly[1]) } : null;
  if (m) {
    if (!local) return { fr: '', en: '', problem: 'date-unreadable' };
    const target = nextDayOfMonth(m.day, weekday ?? null, local);
    if (!target) return { fr: '', en: '', problem: 'date-unreadable' };
    const rest = body.slice(m.match.length);
    const words = { fr: `${target.day} ${MONTHS_FR[target.month - 1]} ${target.year}${rest}`, en: `${MONTHS_EN[target.month - 1]} ${target.day} ${target.year}${rest}` };
    // a bare "12" may be an event's number as well as a day: say which day it would be, and ask
    if (dayOnly && lead === 0 && !/^the\s|\d(?:er|e|eme|st|nd|rd|th)$/.test(dayOnly[0])) {
      const day = `${target.year}-${pad(target.month)}-${pad(target.day)}`;
      return { ...words, problem: 'date-ambiguous', date: { day, time: null, text, readings: [{ day, time: null }, { eventId: m.day }] } };
    }
    return words;
  }
  return { fr: body, en: body };
}

interface ChronoFound {
  c: Chrono.ParsedComponents;
}

function chronoRead(fr: string, en: string, local: DateTime | null): ChronoFound | null {
  // with no reference, a fixed instant still lets chrono read explicit dates; inferred parts are refused later
  const reference = { instant: local ? local.toJSDate() : new Date(Date.UTC(2000, 0, 1)), timezone: local ? local.offset : 0 };
  // French first; a parser that reads only part of the words ("7pm" in "January 28th at 7pm") gives way to the other
  for (const [parser, text] of [[chrono.fr, fr], [chrono.en, en]] as const) {
    // any of its readings, not only the first: « à la soirée du 11 février » reads « soir » before the date (audit Y)
    for (const r of parser.parse(text, reference)) if (meaningless(text.slice(0, r.index) + text.slice(r.index + r.text.length))) return { c: r.start };
  }
  return null;
}

function meaningless(leftover: string): boolean {
  const words = fold(leftover).replace(/[^a-z0-9' ]+/g, ' ').split(/\s+/).filter((w) => w !== '' && !FILLER.test(w));
  // a number or a month left over is part of the date the parser did not understand
  return !words.some((w) => /\d/.test(w) || MONTH_WORD.test(w)) && words.join(' ').length <= MAX_LEFTOVER;
}

/**
 * The year in which month/day next comes, today included, in the group's zone — unless this year's fell within the
 * last RECENT_PAST_DAYS: that one, which the caller then refuses as past.
 */
function nextYearFor(month: number, day: number, local: DateTime): number {
  const thisYear = DateTime.fromObject({ year: local.year, month, day }, { zone: local.zone });
  if (!thisYear.isValid || thisYear.toISODate()! >= local.toISODate()!) return local.year;
  return local.startOf('day').diff(thisYear, 'days').days <= RECENT_PAST_DAYS ? local.year : local.year + 1;
}

/** `le 28`: the next 28th (today included); `jeudi 28`: the next 28th that is a Thursday, within a year. */
function nextDayOfMonth(day: number, weekday: number | null, local: DateTime): { year: number; month: number; day: number } | null {
  const start = local.startOf('day');
  for (let i = 0; i < 13; i++) {
    const m = start.startOf('month').plus({ months: i });
    if (day > (m.daysInMonth ?? 0)) continue;
    const cand = m.set({ day });
    if (cand < start) continue;
    if (weekday === null || cand.weekday === weekday) return { year: cand.year, month: cand.month, day };
  }
  return null;
}

/** « jeudi 3 décembre 2026 », "Thursday, December 3, 2026". */
function longDay(d: DateTime, language: Language): string {
  return language === 'fr'
    ? `${WEEKDAY_NAMES_FR[d.weekday - 1]} ${d.day === 1 ? '1er' : d.day} ${MONTHS_FR[d.month - 1]} ${d.year}`
    : `${WEEKDAY_NAMES_EN[d.weekday - 1]}, ${MONTHS_EN[d.month - 1]} ${d.day}, ${d.year}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
