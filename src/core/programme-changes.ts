/**
 * What changed between two announced versions of a meetup — its day, its venue, the talks on its programme — as data,
 * for the « Ce qui a changé » / "What changed" block of an update (pretalx compares two schedule versions the same way:
 * new, cancelled and moved talks). Pure: the versions are snapshots kept with each announcement (its campaign's parts),
 * the mail words the changes in its reader's language.
 */
import { runningOrder } from './programme.ts';
import type { TalkFormat } from '../types.ts';

/** What an announcement showed of its meetup, kept with it (JSON: dates as ISO strings). */
export interface AnnouncedVersion {
  date: string;
  venue: string;
  /** The programme, in running order. */
  talks: { ref: string; title: string | null; format: TalkFormat; speakers: string[] }[];
}

export type ProgrammeChange =
  | { k: 'date'; from: Date; to: Date }
  | { k: 'venue'; from: string; to: string }
  | { k: 'added'; title: string | null; speakers: string[] }
  | { k: 'removed'; title: string | null; speakers: string[] }
  /**
   * The talks on both programmes no longer run in the same order: the new running order, whole (a place number
   * alone misleads once a talk before it was taken off).
   */
  | { k: 'order'; titles: (string | null)[] };

/** The version an announcement shows: its talks put in running order. */
export function announcedVersion(date: Date, venue: string, talks: readonly { ref: string; title: string | null; format: TalkFormat; speakers: readonly { name: string | null }[] }[]): AnnouncedVersion {
  return {
    date: date.toISOString(),
    venue,
    talks: runningOrder(talks).map((t) => ({ ref: t.ref, title: t.title, format: t.format, speakers: t.speakers.flatMap((s) => (s.name ? [s.name] : [])) })),
  };
}

/**
 * From `before` to `after`, in the order a reader checks them: when, where, then the programme — talks added, taken
 * off, then the running order when the talks on both run in another order (a talk added or taken off moves nobody).
 */
export function programmeChanges(before: AnnouncedVersion, after: AnnouncedVersion): ProgrammeChange[] {
  const out: ProgrammeChange[] = [];
  if (before.date !== after.date) out.push({ k: 'date', from: new Date(before.date), to: new Date(after.date) });
  if (before.venue.trim() !== after.venue.trim()) out.push({ k: 'venue', from: before.venue, to: after.venue });
  const was = new Set(before.talks.map((t) => t.ref));
  const is = new Set(after.talks.map((t) => t.ref));
  for (const t of after.talks) if (!was.has(t.ref)) out.push({ k: 'added', title: t.title, speakers: t.speakers });
  for (const t of before.talks) if (!is.has(t.ref)) out.push({ k: 'removed', title: t.title, speakers: t.speakers });
  const kept = (v: AnnouncedVersion) => v.talks.filter((t) => was.has(t.ref) && is.has(t.ref)).map((t) => t.ref);
  const [then, now] = [kept(before), kept(after)];
  if (now.some((ref, i) => then[i] !== ref)) out.push({ k: 'order', titles: after.talks.map((t) => t.title) });
  return out;
}
