/**
 * Template data for the mails about an event: the announcement, the reminders. Everything worded for the locale
 * (« jeudi 28 janvier 2027 à 19h00 » in the group's zone), user text (titles, abstracts, names) left raw for the
 * template engine to escape in HTML, abstracts pre-flowed for the text part. Per-recipient parts are sentinels
 * (core/compose/mime-template.ts): the mail is rendered once, the slots filled per recipient.
 * Pure: the caller passes the event, its talks and the group.
 */
import type { Language, Speaker, TalkFormat } from '../../types.ts';
import { sentinel } from '../compose/mime-template.ts';
import { runningOrder } from '../programme.ts';
import type { ProgrammeChange } from '../programme-changes.ts';
import { squash } from '../text/fold.ts';
import { closeBidi } from '../text/bidi.ts';
import { formatDate } from './dates.ts';
import { layoutData, rosterFooter, type LayoutData } from './data.ts';
import { textToHtml } from './escape.ts';
import { LABELS } from './labels.ts';
import { wrapText } from './wrap.ts';

export interface EventForMail {
  id: number;
  date: Date;
  venue: string;
  title: string | null;
  venueAddress: string | null;
  mapUrl: string | null;
  registrationUrl: string | null;
  capacity: number | null;
}

export interface TalkForMail {
  ref: string;
  format: TalkFormat;
  title: string | null;
  abstract: string | null;
  durationMinutes: number;
  speakers: Speaker[];
}

export interface TalkData {
  ref: string;
  title: string;
  isLightning: boolean;
  formatLabel: string;
  durationLabel: string;
  speakers: string;
  abstractHtml: string | null;
  abstractText: string | null;
}

export interface EventMailData extends LayoutData {
  eventTitle: string;
  /**
   * The title in the Subject, after its « [group name] » tag: the event's own, or « Meetup » alone when it has none —
   * not « [Groupe …] Meetup Groupe … », which a phone's inbox cuts before the date.
   */
  subjectTitle: string;
  dateLabel: string;
  venue: string;
  venueAddress: string | null;
  mapUrl: string | null;
  registrationUrl: string | null;
  capacity: number | null;
  talks: TalkData[];
  lightning: TalkData[];
  hasProgramme: boolean;
  /** Where proposals go: the call for lightning talks at the end. */
  proposalsAddress: string;
  proposalsMailto: string;
  /** The next meetup after this one, when one is planned. */
  nextDateLabel: string | null;
  /** " Jean" or "" (a slot for roster mail, "" for a list). */
  greeting: string;
  /** The mail goes to a roster member (a speaker reminder, a member announcement) rather than a list. */
  personal: boolean;
  /** For a reminder: how many days before, counted in calendar days of the group's zone from when it is sent. */
  daysBefore: number | null;
  isTomorrow: boolean;
  /** A reminder sent on the event's own day (one that went out late): « aujourd'hui », never « demain ». */
  isToday: boolean;
  forSpeakers: boolean;
  /** A speaker's reminder: the title of the talk it is about (one mail per talk: send-reminders.ts), else null. */
  yourTalk: string | null;
  /** An announcement sent again because the event changed (date, venue, programme): « Mise à jour » / "Updated". */
  update: boolean;
  /** An update's « Ce qui a changé » / "What changed" lines (plain text: the templates escape them), empty when unknown. */
  changes: string[];
}

export interface EventMailContext {
  group: { name: string; timezone: string };
  locale: Language;
  proposalsAddress: string;
  /** true: the greeting and unsubscribe slots are left for each recipient; false: a list's single message. */
  personal: boolean;
  next: EventForMail | null;
  daysBefore?: number | null;
  forSpeakers?: boolean;
  /** A speaker's reminder: the proposal it is about, named in the text (yourTalk). */
  speakerOf?: string | null;
  update?: boolean;
  /** An update: what changed since the version last announced (core/programme-changes.ts). */
  changes?: readonly ProgrammeChange[];
  /**
   * Shown to anyone (the public pages, the calendar feed): a speaker without a name is not shown by their address
   * (harvestable, and never given for publication) but as « un·e orateur·rice ».
   */
  publicPage?: boolean;
}

export function eventMailData(ev: EventForMail, talks: readonly TalkForMail[], ctx: EventMailContext): EventMailData {
  const fr = ctx.locale === 'fr';
  const L = LABELS[ctx.locale];
  const titled = ev.title !== null && ev.title.trim() !== '';
  const eventTitle = titled ? squash(ev.title!) : fr ? `Meetup ${ctx.group.name}` : `${ctx.group.name} meetup`;
  const dateLabel = formatDate(ev.date, ctx.locale, ctx.group.timezone);
  const toData = (t: TalkForMail): TalkData => {
    const abstract = t.abstract && t.abstract.trim() !== '' ? t.abstract.trim() : null;
    return {
      ref: t.ref,
      title: t.title && t.title.trim() !== '' ? squash(t.title) : L.untitled,
      isLightning: t.format === 'lightning',
      formatLabel: L.format[t.format],
      durationLabel: L.minutes(t.durationMinutes),
      // each name closes its own direction overrides (core/text/bidi.ts): the first must not reverse the next ones
      speakers: t.speakers.map((s) => (s.name ? closeBidi(squash(s.name)) : ctx.publicPage ? L.speaker : (s.email ?? '?'))).join(', '),
      abstractHtml: abstract ? textToHtml(abstract) : null,
      abstractText: abstract ? wrapText(abstract, 72, '    ') : null,
    };
  };
  // The sections below (talks, then lightning talks) and the .ics description follow the programme's running order.
  const all = runningOrder(talks).map(toData);
  const layout = layoutData(ctx.locale, ctx.group, {
    preheader: `${dateLabel} — ${ev.venue}`,
    // A speaker's reminder is about their talk, not the roster's mail: they may not be a member, nothing to leave.
    ...rosterFooter(ctx.locale, ctx.group, ctx.personal && !ctx.forSpeakers),
  });
  const subjectLine = fr ? `Proposition éclair pour le prochain meetup` : 'Lightning talk for the next meetup';
  return {
    ...layout,
    eventTitle,
    subjectTitle: titled ? eventTitle : 'Meetup',
    dateLabel,
    venue: squash(ev.venue),
    venueAddress: ev.venueAddress ? squash(ev.venueAddress) : null,
    mapUrl: safeUrl(ev.mapUrl),
    registrationUrl: safeUrl(ev.registrationUrl),
    capacity: ev.capacity,
    talks: all.filter((t) => !t.isLightning),
    lightning: all.filter((t) => t.isLightning),
    hasProgramme: all.length > 0,
    proposalsAddress: ctx.proposalsAddress,
    proposalsMailto: `mailto:${ctx.proposalsAddress}?subject=${encodeURIComponent(subjectLine)}`,
    nextDateLabel: ctx.next ? formatDate(ctx.next.date, ctx.locale, ctx.group.timezone) : null,
    greeting: ctx.personal ? sentinel('greeting') : '',
    personal: ctx.personal,
    daysBefore: ctx.daysBefore ?? null,
    isTomorrow: ctx.daysBefore === 1,
    isToday: ctx.daysBefore === 0,
    forSpeakers: ctx.forSpeakers ?? false,
    yourTalk: ctx.speakerOf ? (all.find((t) => t.ref === ctx.speakerOf)?.title ?? null) : null,
    update: ctx.update ?? false,
    changes: ctx.update ? changeLines(ctx.changes ?? [], ctx.locale, ctx.group.timezone) : [],
  };
}

/** An update's changes, one line each, in the reader's language (dates in the group's zone, as the mail's own). */
export function changeLines(changes: readonly ProgrammeChange[], locale: Language, timeZone: string): string[] {
  const fr = locale === 'fr';
  const L = LABELS[locale];
  // no-break spaces inside « »: a wrapped text line never leaves a guillemet alone at its end
  // user-written pieces close their own direction overrides (core/text/bidi.ts) before crieur's words and arrows after them
  const title = (t: string | null) => (fr ? `«\u00a0${t && t.trim() !== '' ? closeBidi(squash(t)) : L.untitled}\u00a0»` : `"${t && t.trim() !== '' ? closeBidi(squash(t)) : L.untitled}"`);
  const by = (speakers: readonly string[]) => (speakers.length > 0 ? ` (${speakers.map((s) => closeBidi(squash(s))).join(', ')})` : '');
  return changes.map((c) => {
    switch (c.k) {
      case 'date':
        return `${fr ? 'Date :' : 'Date:'} ${formatDate(c.from, locale, timeZone)} → ${formatDate(c.to, locale, timeZone)}`;
      case 'venue':
        return `${fr ? 'Lieu :' : 'Venue:'} ${closeBidi(squash(c.from)) || '—'} → ${closeBidi(squash(c.to)) || '—'}`;
      case 'added':
        return `${fr ? 'Ajouté au programme :' : 'Added to the programme:'} ${title(c.title)}${by(c.speakers)}`;
      case 'removed':
        return `${fr ? 'Retiré du programme :' : 'Taken off the programme:'} ${title(c.title)}${by(c.speakers)}`;
      case 'order':
        return `${fr ? 'Nouvel ordre de passage :' : 'New running order:'} ${c.titles.map(title).join(', ')}`;
    }
  });
}

/**
 * Only http(s) links reach an href (a `javascript:` map link typed into the CLI must not). A quote or an angle
 * bracket in one is percent-encoded, as a browser does, not a reason to drop it: `events create` takes any http(s)
 * link without a space, and an OpenStreetMap search for « rue de l'Arbre Sec » (`…query=rue%20de%20l'Arbre%20Sec`)
 * was left out of the announcement without a word, while the public page showed it.
 */
export function safeUrl(u: string | null): string | null {
  if (!u) return null;
  const url = u.trim();
  if (!/^https?:\/\/\S+$/i.test(url)) return null;
  return url.replace(/["'<>`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
