/**
 * Template data for the HTML list digest (templates/digest.*.mjml): every label already worded for the locale,
 * so the template holds only loops. User text (subjects, names, excerpts) goes in as plain strings: the
 * renderer escapes every `{{x}}` for HTML. Archive links are http(s) only (list-of.ts headerUrl).
 */
import type { Language } from '../../types.ts';
import { layoutData, type LayoutData } from '../render/data.ts';
import { formatDate, formatDay, formatDayRange, isoDay } from '../render/dates.ts';
import type { DigestData, DigestThread } from './build.ts';

export interface DigestTemplateData extends LayoutData {
  listName: string;
  listAddress: string;
  periodLabel: string;
  countsLabel: string;
  archiveUrl: string | null;
  threads: {
    subject: string;
    isNew: boolean;
    contextLabel: string | null;
    entries: { fromLabel: string; dateLabel: string; excerpt: string; answersLabel: string | null; archiveUrl: string | null; indent: string }[];
  }[];
}

/**
 * The period in words, never its key (`since-2026-11-28T1336-…` names it for the outbox only): « du lundi 30 novembre
 * 2026 » for a daily digest (the local day it ends on), « du samedi 28 au lundi 30 novembre 2026 » / "from Saturday 28
 * to Monday 30 November 2026" for a weekly one or a `--since` one over several days.
 */
export function periodLabel(d: Pick<DigestData, 'period'>, locale: Language, tz: string): string {
  const fr = locale === 'fr';
  const to = new Date(d.period.to.getTime() - 1);
  if (d.period.cadence === 'daily' || oneDay(d.period, tz)) return fr ? `du ${formatDay(to, locale, tz)}` : `for ${formatDay(to, locale, tz)}`;
  const span = formatDayRange(d.period.from, to, locale, tz);
  return fr ? `du ${span}` : `from ${span}`;
}

/** The RFC 1153 contents' heading: « Thèmes du jour » only for a day's digest, « Thèmes de la semaine » for a week's. */
export function topicsHeading(d: Pick<DigestData, 'period'>, locale: Language, tz: string): string {
  const fr = locale === 'fr';
  if (d.period.cadence === 'weekly') return fr ? 'Thèmes de la semaine' : "This Week's Topics";
  if (d.period.cadence === 'daily' || oneDay(d.period, tz)) return fr ? 'Thèmes du jour' : "Today's Topics";
  return fr ? 'Thèmes de la période' : 'Topics of the Period';
}

/** An ad hoc period (`--since 90m`) within one local day. */
function oneDay(p: DigestData['period'], tz: string): boolean {
  return isoDay(p.from, tz) === isoDay(new Date(p.to.getTime() - 1), tz);
}

export function countsLabel(d: DigestData, locale: Language): string {
  const { messages, threads, posters } = d.counts;
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  return locale === 'fr'
    ? `${n(messages, 'message', 'messages')}, ${n(threads, 'fil', 'fils')}, ${n(posters, 'participant', 'participants')}`
    : `${n(messages, 'message', 'messages')}, ${n(threads, 'thread', 'threads')}, ${n(posters, 'poster', 'posters')}`;
}

/** « Suite du fil commencé le lundi 2 novembre 2026 par Jean (3 messages plus tôt) ». */
export function contextLabel(t: DigestThread, locale: Language, tz: string): string | null {
  if (t.isNew) return null;
  const day = formatDay(t.startedAt, locale, tz);
  const by = t.startedBy ? (locale === 'fr' ? ` par ${t.startedBy}` : ` by ${t.startedBy}`) : '';
  return locale === 'fr'
    ? `Suite du fil commencé le ${day}${by} (${t.earlier} message${t.earlier > 1 ? 's' : ''} plus tôt)`
    : `Continues the thread started on ${day}${by} (${t.earlier} earlier message${t.earlier > 1 ? 's' : ''})`;
}

export function answersLabel(a: { fromLabel: string; sentAt: Date }, locale: Language, tz: string): string {
  return locale === 'fr' ? `En réponse à ${a.fromLabel} (${formatDate(a.sentAt, locale, tz)})` : `In reply to ${a.fromLabel} (${formatDate(a.sentAt, locale, tz)})`;
}

/** `unsubscribeUrl`: a member's digest carries their link (a slot filled per member); a list's copy, none. */
export function digestTemplateData(d: DigestData, ctx: { locale: Language; group: { name: string; timezone: string }; unsubscribeUrl?: string | null }): DigestTemplateData {
  const { locale } = ctx;
  const tz = ctx.group.timezone;
  const fr = locale === 'fr';
  const period = periodLabel(d, locale, tz);
  return {
    ...layoutData(locale, ctx.group, {
      preheader: `${d.list.name} — ${countsLabel(d, locale)}`,
      footerNote: fr
        ? `Résumé de la liste ${d.list.address}, envoyé par ${ctx.group.name}. Pour répondre à un message, écrivez à la liste.`
        : `Digest of the list ${d.list.address}, sent by ${ctx.group.name}. To answer a message, write to the list.`,
      unsubscribeUrl: ctx.unsubscribeUrl ?? null,
    }),
    listName: d.list.name,
    listAddress: d.list.address,
    periodLabel: period,
    countsLabel: countsLabel(d, locale),
    archiveUrl: d.archiveUrl,
    threads: d.threads.map((t) => ({
      subject: t.subject || (fr ? '(sans objet)' : '(no subject)'),
      isNew: t.isNew,
      contextLabel: contextLabel(t, locale, tz),
      entries: t.entries.map((e) => ({
        fromLabel: e.fromLabel,
        dateLabel: formatDate(e.sentAt, locale, tz),
        excerpt: e.excerpt,
        answersLabel: e.answers ? answersLabel(e.answers, locale, tz) : null,
        archiveUrl: e.archiveUrl,
        indent: `${e.depth * 16}px`,
      })),
    })),
  };
}
