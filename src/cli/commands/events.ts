/**
 * `crieur events create|list|show|schedule|unschedule` (SPEC shapes), and `update` (beyond SPEC): meetups and their
 * programme from the command line — enough on its own, without the organizers' `schedule` by email.
 */
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import type { Config } from '../../config/schema.ts';
import { loadConfig } from '../../config/load.ts';
import { openStore } from '../../adapters/db/open.ts';
import type { EventRecord } from '../../app/event-store.ts';
import { AnnounceError, findEvent } from '../../app/announce-event.ts';
import { programmeWarnings } from '../../core/programme.ts';
import { formatDate, isoDay } from '../../core/render/dates.ts';
import { normalizeRef } from '../../core/ref.ts';
import type { ProposalRecord } from '../../app/proposal-store.ts';
import type { Store } from '../../app/store.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { checkEventArg } from '../event-arg.ts';
import { skippedLocalTime } from '../event-date.ts';
import { noProposalText, queuedText, scheduleOnEventAsOperator } from '../../app/decide-by-operator.ts';
import { operatorName, withOperatorDeps } from './decide.ts';
import { jsonText, visible, visibleLines } from '../format/visible.ts';
import { systemClock } from '../../app/clock.ts';

interface CreateOpts {
  date: string;
  venue: string;
  title?: string;
  address?: string;
  map?: string;
  registration?: string;
  capacity?: string;
  json?: boolean;
  config?: string;
}

export function registerEvents(program: Command): void {
  const cmd = program.command('events').description('meetups and their programme');
  cmd
    .command('create')
    .description('create an event')
    .requiredOption('--date <iso>', 'start, e.g. 2027-01-28T19:00 (the group\'s time zone unless an offset is given), or a day (events.defaults.time)')
    .requiredOption('--venue <text>', 'where (a name)')
    .option('--title <text>', 'title (default: the group\'s meetup)')
    .option('--address <text>', 'the venue\'s street address')
    .option('--map <url>', 'a map link')
    .option('--registration <url>', 'where to register')
    .option('--capacity <n>', 'seats')
    .option('--json', 'JSON object')
    .option('--config <file>', 'configuration file')
    .action(async (opts: CreateOpts) => {
      const config = loadConfig({ file: opts.config });
      const date = parseEventDate(opts.date, config);
      const capacity = opts.capacity === undefined ? null : seats(opts.capacity);
      for (const [flag, url] of [['--map', opts.map], ['--registration', opts.registration]] as const) {
        if (url !== undefined && !/^https?:\/\/\S+$/i.test(url)) throw new CliError(`${flag} ${url}: expected an http(s) link`, EXIT.usage);
      }
      if (opts.venue.trim() === '') throw new CliError('--venue is empty: name the place', EXIT.usage);
      const store = await openStore(config.database.url);
      try {
        const ev = await store.events.create({
          date,
          venue: opts.venue.trim(),
          title: opts.title?.trim() || null,
          venueAddress: opts.address ?? null,
          mapUrl: opts.map ?? null,
          registrationUrl: opts.registration ?? null,
          capacity,
        });
        print(opts.json, toJson(ev), () => `event ${ev.id} created: ${human(ev, config)}`);
        warnPast(ev, config);
        await warnSameDay(store, ev, config);
      } finally {
        await store.close();
      }
    });
  cmd
    .command('update')
    .description('change an event\'s date, venue or details; announced already, `crieur announce` then sends an update')
    .argument('<event>', 'event id, or its date YYYY-MM-DD')
    .option('--date <iso>', 'new start (the group\'s time zone unless an offset is given)')
    .option('--venue <text>', 'new venue')
    .option('--title <text>', 'new title')
    .option('--address <text>', 'the venue\'s street address')
    .option('--map <url>', 'a map link')
    .option('--registration <url>', 'where to register')
    .option('--capacity <n>', 'seats')
    .option('--json', 'JSON object')
    .option('--config <file>', 'configuration file')
    .action(async (ref: string, opts: Partial<CreateOpts>) => {
      const config = loadConfig({ file: opts.config });
      const capacity = opts.capacity === undefined ? undefined : seats(opts.capacity);
      for (const [flag, url] of [['--map', opts.map], ['--registration', opts.registration]] as const) {
        if (url !== undefined && !/^https?:\/\/\S+$/i.test(url)) throw new CliError(`${flag} ${url}: expected an http(s) link`, EXIT.usage);
      }
      if (opts.venue !== undefined && opts.venue.trim() === '') throw new CliError('--venue is empty: name the place', EXIT.usage);
      const patch = {
        ...(opts.date !== undefined ? { date: parseEventDate(opts.date, config) } : {}),
        ...(opts.venue !== undefined ? { venue: opts.venue.trim() } : {}),
        ...(opts.title !== undefined ? { title: opts.title.trim() || null } : {}),
        ...(opts.address !== undefined ? { venueAddress: opts.address } : {}),
        ...(opts.map !== undefined ? { mapUrl: opts.map } : {}),
        ...(opts.registration !== undefined ? { registrationUrl: opts.registration } : {}),
        ...(capacity !== undefined ? { capacity } : {}),
      };
      if (Object.keys(patch).length === 0) throw new CliError('nothing to change: give --date, --venue, --title, --address, --map, --registration or --capacity', EXIT.usage);
      await withConfigStore(opts.config, async (_config, store) => {
        const ev = await find(store, ref, config);
        const r = (await store.events.update(ev.id, patch))!;
        print(opts.json, { ...toJson(r.event), sequence: r.event.sequence, changed: r.changed }, () =>
          r.changed ? `event ${ev.id} updated: ${human(r.event, config)} (SEQUENCE ${r.event.sequence}; if it was announced, crieur announce ${ev.id} sends the update)` : `event ${ev.id}: nothing changed`,
        );
        if (patch.date !== undefined) warnPast(r.event, config);
      });
    });
  cmd
    .command('list')
    .description('every event, soonest first')
    .option('--json', 'JSON array')
    .option('--config <file>', 'configuration file')
    .action(async (opts: { json?: boolean; config?: string }) => {
      await withConfigStore(opts.config, async (config, store) => {
      const list = await store.events.list();
      print(opts.json, list.map(toJson), () => (list.length ? list.map((e) => `${String(e.id).padStart(4)}  ${human(e, config)}`).join('\n') : 'no events'));
      });
    });
  cmd
    .command('show')
    .description('one event with its programme, warning when it is over or under')
    .argument('<event>', 'event id, or its date YYYY-MM-DD')
    .option('--json', 'JSON object')
    .option('--config <file>', 'configuration file')
    .action(async (ref: string, opts: { json?: boolean; config?: string }) => {
      await withConfigStore(opts.config, async (config, store) => {
      const ev = await find(store, ref, config);
      const talks = (await Promise.all(ev.programme.map((r) => store.proposals.get(r)))).filter((p): p is ProposalRecord => p !== null);
      const warnings = programmeWarnings(talks);
      for (const w of warnings) process.stderr.write(`warning: event ${ev.id}: ${w}\n`);
      print(
        opts.json,
        {
          ...toJson(ev),
          venueAddress: ev.venueAddress,
          mapUrl: ev.mapUrl,
          registrationUrl: ev.registrationUrl,
          capacity: ev.capacity,
          sequence: ev.sequence,
          talks: talks.map((p) => ({ ref: p.ref, format: p.format, title: p.title, durationMinutes: p.durationMinutes, status: p.status, speakers: p.speakers })),
          warnings,
        },
        () =>
          [
            `event ${ev.id}: ${human(ev, config)}`,
            ...(ev.venueAddress ? [`address:      ${visible(ev.venueAddress)}`] : []),
            ...(ev.mapUrl ? [`map:          ${visible(ev.mapUrl)}`] : []),
            ...(ev.registrationUrl ? [`registration: ${visible(ev.registrationUrl)}`] : []),
            ...(ev.capacity ? [`capacity:     ${ev.capacity}`] : []),
            'programme:',
            // Titles and names come from the speakers' mail: every field escaped on its own, a newline in it included.
            ...(talks.length ? talks.map((p, i) => `  ${i + 1}. ${p.ref}  ${p.format.padEnd(9)} ${visible(p.title ?? '(untitled)')} — ${p.speakers.map((s) => visible(s.name ?? s.email ?? '?')).join(', ')}`) : ['  (empty)']),
          ].join('\n'),
      );
      });
    });
  cmd
    .command('schedule')
    .description('schedule an accepted or confirmed proposal on an event (last of its format in running order: the talks, then the lightning talks), as `proposals decide REF schedule` does: audited, the speaker told')
    .argument('<event>', 'event id, or its date YYYY-MM-DD')
    .argument('<ref>', 'proposal ref, e.g. P-0007')
    .option('--config <file>', 'configuration file')
    .action(async (eventRef: string, ref: string, opts: { config?: string }) => {
      checkEventArg(eventRef);
      // The organizers' `schedule` decision (src/app/decide.ts), onto this event: the transition table (accepted,
      // confirmed or scheduled only), the history entry as the local operator, the speaker's mail and the FYI queued
      // in the outbox — as `crieur proposals decide REF schedule DATE`, refused with the same line and exit code.
      await withOperatorDeps(
        opts.config,
        async (deps, { config, store }) => {
          // Its answer, refusals and success alike, in the group's locale as decide's (README: `proposals decide`).
          const locale = config.group.locale;
          const ev = await find(store, eventRef, config);
          const p = await store.proposals.get(normalizeRef(ref));
          if (!p) throw new CliError(noProposalText(normalizeRef(ref), locale), EXIT.dataErr);
          const r = await scheduleOnEventAsOperator(deps, p.ref, ev.id, operatorName());
          if (!r.ok) throw new CliError(r.message, r.usage ? EXIT.usage : EXIT.dataErr);
          const after = (await store.events.get(ev.id)) ?? ev;
          const position = after.programme.indexOf(p.ref) + 1;
          const line = r.unchanged
            ? locale === 'fr'
              ? `${p.ref} est déjà au programme de la rencontre ${ev.id} (${human(after, config, 'fr')}), position ${position} : rien n’a changé, aucun courriel`
              : `${p.ref} is already on event ${ev.id}'s programme (${human(after, config)}), position ${position}: nothing changed, no mail`
            : locale === 'fr'
              ? `${p.ref} programmée à la rencontre ${ev.id} (${human(after, config, 'fr')}), position ${position}`
              : `${p.ref} scheduled on event ${ev.id} (${human(after, config)}), position ${position}`;
          process.stdout.write(`${line}${queuedText(r.queued, locale)}\n`);
          await warn(store, after);
        }
      );
    });
  cmd
    .command('unschedule')
    .description('take a proposal off the programme it is on (it goes back to accepted)')
    .argument('<refs...>', '[EVENT] REF: the proposal, optionally after the event it is on')
    .option('--config <file>', 'configuration file')
    .action(async (refs: string[], opts: { config?: string }) => {
      if (refs.length > 2) throw new CliError('expected [EVENT] REF', EXIT.usage);
      await withConfigStore(opts.config, async (config, store) => {
      const ref = normalizeRef(refs[refs.length - 1]!);
      const p = await store.proposals.get(ref);
      if (!p) throw new CliError(`no proposal ${ref} (see crieur proposals list)`, EXIT.dataErr);
      if (refs.length === 2) {
        const ev = await find(store, refs[0]!, config);
        if (p.event !== String(ev.id)) throw new CliError(`${p.ref} is not on event ${ev.id}'s programme`, EXIT.dataErr);
      }
      if (p.event === null) {
        process.stdout.write(`${p.ref} is on no programme: nothing to do\n`);
        return;
      }
      await store.events.unassign(p.ref);
      // audited as the operator, as schedule is (it was « cli »: who took the talk off was lost)
      if (p.status === 'scheduled') await store.proposals.setStatus(p.ref, 'accepted', operatorName(), null);
      process.stdout.write(`${p.ref} taken off event ${p.event}'s programme\n`);
      const ev = await store.events.get(Number(p.event));
      if (ev) await warn(store, ev);
      });
    });
}

/**
 * --capacity's seats: digits, 1 or more. « --capacity 0: expected a whole number of seats » refused a whole number
 * (contract audit of the CLI), and Number() let 1e2, 0x10 and 12.0 in.
 */
function seats(given: string): number {
  const n = /^\s*\d+\s*$/.test(given) ? Number(given) : NaN;
  if (!(n > 0) || !Number.isSafeInteger(n)) throw new CliError(`--capacity ${visible(given)}: expected a number of seats, 1 or more (e.g. --capacity 80)`, EXIT.usage);
  return n;
}

/** SPEC: `{id, date, venue, title, programme}`. */
export function toJson(ev: EventRecord) {
  return { id: ev.id, date: ev.date.toISOString(), venue: ev.venue, title: ev.title, programme: ev.programme };
}

/**
 * `2027-01-28T19:00` in the group's zone (an explicit offset wins); a bare day starts at events.defaults.time. A local
 * time the zone skips is refused (event-date.ts); one it has twice is the second.
 */
const ISO_DAY = /^(\d{4}-\d{2}-\d{2}|\d{8}|\d{4}-?W\d{2}-?\d|\d{4}-?\d{3})$/i;
/** The date part (before its time) of what names no day: a year, a month (2027-01, 202701), a week (2027-W04, 2027W04). */
const NOT_A_DAY = /^(\d{4}|\d{4}-?\d{2}|\d{4}-?W\d{2})$/i;

export function parseEventDate(input: string, config: Config): Date {
  const zone = config.group.timezone;
  // RFC 3339 lets a space stand for the T (« 2027-09-14 19:00 », as people and `date` write it)
  const written = input.trim().replace(/^(\d{4}-\d{2}-\d{2})[ \t]+(?=\d)/, '$1T');
  // A day in any of ISO 8601's forms — 2027-01-28, basic 20270128, week 2027-W04-4, ordinal 2027-028 — starts at the
  // default time (20270128 was midnight); a month or a year alone (2027-01, 2027: luxon's 1st at midnight) is no day.
  const day = ISO_DAY.test(written) ? DateTime.fromISO(written, { zone: 'utc' }) : null;
  const s = day?.isValid ? `${day.toISODate()}T${config.events.defaults.time}` : written;
  // … with a time or not (2027-01T19:00, 2027-W04T19:00: luxon's 1st, or Monday, at that time).
  const dt = NOT_A_DAY.test(written.replace(/T.*$/i, '')) ? DateTime.invalid('not a day') : DateTime.fromISO(s, { zone, setZone: false });
  if (!dt.isValid) throw new CliError(`--date ${input}: expected an ISO date such as 2027-01-28T19:00 (${zone}) or 2027-01-28`, EXIT.usage);
  // a time the zone skips (the night the clocks go forward) luxon reads as the hour after: refused, with the fix
  const skipped = skippedLocalTime(s, dt, zone);
  if (skipped) throw new CliError(`--date ${input}: ${skipped}`, EXIT.usage);
  return dt.toJSDate();
}

/** An event in one line; the operator commands say it in English, `events schedule` (a decision) in French too. */
function human(ev: EventRecord, config: Config, locale: 'fr' | 'en' = 'en'): string {
  const count = locale === 'fr' ? `${ev.programme.length} au programme` : `${ev.programme.length} on the programme`;
  // An event made by an organizer's `schedule DATE` has the default venue, "" until set: said, not a dash over nothing.
  const venue = ev.venue.trim() !== '' ? visible(ev.venue) : locale === 'fr' ? 'lieu à préciser' : 'no venue yet';
  return `${formatDate(ev.date, config.group.locale, config.group.timezone)} — ${venue}${ev.title ? ` — ${visible(ev.title)}` : ''} (${count})`;
}

async function find(store: Store, ref: string, config: Config): Promise<EventRecord> {
  checkEventArg(ref);
  try {
    return await findEvent(store.events, ref, config.group.timezone);
  } catch (err) {
    if (err instanceof AnnounceError) throw new CliError(err.message, EXIT.dataErr);
    throw err;
  }
}

/**
 * An event whose date has gone by is created (organizers record past meetups too), but `crieur announce` will refuse
 * it: said at once, with the fix if the date was a typo.
 */
function warnPast(ev: EventRecord, config: Config): void {
  if (ev.date.getTime() >= systemClock.now().getTime()) return;
  const day = isoDay(ev.date, config.group.timezone);
  process.stderr.write(
    `warning: event ${ev.id} is on ${day}, in the past: recorded, but crieur announce refuses it (--force to announce it all the same)\nif the date is wrong: crieur events update ${ev.id} --date ISO\n`,
  );
}

/**
 * Two events on one day are allowed (a workshop and the evening meetup), but from then on that day names neither
 * (findEvent refuses it): said at once, with the other events' ids, which the commands take instead.
 */
async function warnSameDay(store: Store, ev: EventRecord, config: Config): Promise<void> {
  const day = isoDay(ev.date, config.group.timezone);
  const others = (await store.events.onDay(day, config.group.timezone)).filter((e) => e.id !== ev.id);
  if (others.length === 0) return;
  const ids = others.map((e) => e.id).join(', ');
  const them = others.length === 1 ? `event ${ids} is` : `events ${ids} are`;
  process.stderr.write(`warning: ${them} on ${day} too: commands that take EVENT need event ${ev.id}'s id, not the date\n`);
}

async function warn(store: Store, ev: EventRecord): Promise<void> {
  const talks = (await Promise.all(ev.programme.map((r) => store.proposals.get(r)))).filter((p): p is ProposalRecord => p !== null);
  for (const w of programmeWarnings(talks)) process.stderr.write(`warning: event ${ev.id}: ${w}\n`);
}

/** JSON, or the human text with every control character of what it shows (titles from mail, venues…) escaped. */
function print(json: boolean | undefined, value: unknown, text: () => string): void {
  process.stdout.write(json ? `${jsonText(value)}\n` : `${visibleLines(text()).join('\n')}\n`);
}

async function withConfigStore(file: string | undefined, fn: (config: Config, store: Store) => Promise<void>): Promise<void> {
  const config = loadConfig({ file });
  const store = await openStore(config.database.url);
  try {
    await fn(config, store);
  } finally {
    await store.close();
  }
}
