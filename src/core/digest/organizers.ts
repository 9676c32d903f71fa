/**
 * The organizers' daily digest, as template data: proposals waiting for a decision, accepted speakers who have
 * not confirmed, and the gaps in the next meetup's programme (free slots, talks not confirmed). Null when there
 * is none of these: no mail. Each proposal carries the lines an organizer can send back, one per line, with its
 * ref (`accepter P-0012`, `decline P-0013 …`): the command grammar reads a ref on a line as the proposal the
 * verb acts on, and the digest's reply token authenticates the organizer.
 */
import type { Language } from '../../types.ts';
import { layoutData, type LayoutData } from '../render/data.ts';
import { formatDate, formatDay } from '../render/dates.ts';
import { LABELS } from '../render/labels.ts';
import { organizerVerbs } from '../render/verbs.ts';
import { squash } from '../text/fold.ts';

export interface OrganizerProposal {
  ref: string;
  title: string | null;
  status: string;
  format: 'talk' | 'lightning';
  durationMinutes: number;
  speakers: { name: string | null; email: string | null }[];
  receivedAt: Date;
}

export interface OrganizerDigestInput {
  now: Date;
  pending: readonly OrganizerProposal[];
  unconfirmed: readonly OrganizerProposal[];
  /** The next meetup, with its programme's proposals in running order. */
  next: { date: Date; venue: string; title: string | null; programme: readonly OrganizerProposal[] } | null;
  slots: number;
}

export interface OrganizerItem {
  ref: string;
  title: string;
  speakers: string;
  detail: string;
  /** What to write back, one per line: « accepter P-0012 ». */
  replies: string[];
}

export interface OrganizerDigestData extends LayoutData {
  dayLabel: string;
  pending: OrganizerItem[];
  unconfirmed: OrganizerItem[];
  event: { label: string; freeSlots: number; freeSlotsLabel: string | null; notConfirmed: OrganizerItem[] } | null;
  /** A ready-made reply block for the text part: every pending proposal's first verb. */
  example: string;
  replyAddress: string;
  counts: { pending: number; unconfirmed: number; gaps: number };
}

const CONFIRMED = new Set(['confirmed', 'scheduled', 'presented']);

export function organizerDigestData(
  input: OrganizerDigestInput,
  ctx: { locale: Language; group: { name: string; timezone: string }; replyAddress: string },
): OrganizerDigestData | null {
  const { locale } = ctx;
  const tz = ctx.group.timezone;
  const fr = locale === 'fr';
  const L = LABELS[locale];
  const words = Object.fromEntries(organizerVerbs(locale).map((v) => [v.verb, v.word]));
  const item = (p: OrganizerProposal, verbs: string[]): OrganizerItem => ({
    ref: p.ref,
    title: p.title ? squash(p.title) : L.untitled,
    speakers: p.speakers.map((s) => (s.name ? squash(s.name) : (s.email ?? '?'))).join(', ') || '?',
    detail: `${L.format[p.format]}, ${L.minutes(p.durationMinutes)} — ${fr ? 'reçue le' : 'received'} ${formatDay(p.receivedAt, locale, tz)}`,
    replies: verbs.map((v) => `${words[v] ?? v} ${p.ref}`),
  });
  const pending = input.pending.map((p) => item(p, ['accept', 'decline', 'waitlist']));
  const unconfirmed = input.unconfirmed.map((p) => item(p, ['confirm', 'decline']));
  let event: OrganizerDigestData['event'] = null;
  let gaps = 0;
  if (input.next) {
    const free = Math.max(0, input.slots - input.next.programme.length);
    const notConfirmed = input.next.programme.filter((p) => !CONFIRMED.has(p.status)).map((p) => item(p, ['confirm']));
    gaps = free + notConfirmed.length;
    if (gaps > 0) {
      const when = formatDate(input.next.date, locale, tz);
      event = {
        label: `${input.next.title ? `${squash(input.next.title)}, ` : ''}${when}${input.next.venue ? ` — ${squash(input.next.venue)}` : ''}`,
        freeSlots: free,
        freeSlotsLabel: free > 0 ? (fr ? `${free} créneau${free > 1 ? 'x' : ''} libre${free > 1 ? 's' : ''} sur ${input.slots}` : `${free} free slot${free > 1 ? 's' : ''} of ${input.slots}`) : null,
        notConfirmed,
      };
    }
  }
  if (pending.length === 0 && unconfirmed.length === 0 && gaps === 0) return null;
  const total = pending.length + unconfirmed.length;
  return {
    ...layoutData(locale, ctx.group, {
      preheader: fr ? `${total} proposition${total > 1 ? 's' : ''} attendent votre réponse.` : `${total} proposal${total > 1 ? 's' : ''} waiting for you.`,
      footerNote: fr
        ? `Résumé quotidien envoyé aux organisateurs de ${ctx.group.name}. Répondez avec une commande par ligne.`
        : `Daily digest sent to the organizers of ${ctx.group.name}. Reply with one command per line.`,
    }),
    dayLabel: formatDay(input.now, locale, tz),
    pending,
    unconfirmed,
    event,
    example: pending.map((p) => p.replies[0]!).join('\n'),
    replyAddress: ctx.replyAddress,
    counts: { pending: pending.length, unconfirmed: unconfirmed.length, gaps },
  };
}

/** The reply token's ref for the organizers' digest of a local day: `d20261130` (no dash: plus-tag friendly). */
export function organizerDigestRef(now: Date, timezone: string): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return `d${day.replace(/-/g, '')}`;
}
