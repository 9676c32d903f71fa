/**
 * The organizers' daily digest, as template data: proposals waiting for a decision, accepted speakers who have
 * not confirmed, and the gaps in the next meetup's programme (free slots, talks not confirmed). Null when there
 * is none of these: no mail. Each proposal carries the lines an organizer can send back, one per line, with its
 * ref (`accepter P-0012`, `decline P-0013 …`): the command grammar reads a ref on a line as the proposal the
 * verb acts on, and the digest's reply token authenticates the organizer. A line is offered only when the
 * transition table (the one the command applier follows) allows its verb in the proposal's state.
 */
import type { ProposalStatus } from '../../app/proposal-store.ts';
import type { Language } from '../../types.ts';
import { transition, type Action } from '../decision/transitions.ts';
import { layoutData, type LayoutData } from '../render/data.ts';
import { formatDate, formatDay } from '../render/dates.ts';
import { LABELS } from '../render/labels.ts';
import { verbWord } from '../render/verbs.ts';
import { squash } from '../text/fold.ts';
import { closeBidi } from '../text/bidi.ts';
import { cleanName } from '../text/names.ts';

export interface OrganizerProposal {
  ref: string;
  title: string | null;
  status: ProposalStatus;
  format: 'talk' | 'lightning';
  durationMinutes: number;
  speakers: { name: string | null; email: string | null }[];
  receivedAt: Date;
  /**
   * The speaker confirmed (transitions.ts speakerConfirmed: a talk scheduled before its speaker confirmed is `scheduled`
   * and not confirmed). Absent: what the status alone says — `confirmed`, `presented`.
   */
  speakerConfirmed?: boolean;
  /** A scheduled talk's meetup day. */
  scheduledFor?: Date | null;
}

export interface OrganizerDigestInput {
  now: Date;
  pending: readonly OrganizerProposal[];
  /** Accepted or scheduled, their speakers not confirmed, off the next meetup's programme (shown with it). */
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
  /**
   * The « par exemple : » lines, the same in the text and HTML parts: every pending proposal's first line, else the
   * first line offered at all; empty when nothing is offered (then neither part says « par exemple »).
   */
  examples: string[];
  replyAddress: string;
  /** `unconfirmed`: every talk whose speaker has not confirmed, those on the next meetup's programme included. */
  counts: { pending: number; unconfirmed: number; gaps: number };
}

const confirmedBySpeaker = (p: OrganizerProposal): boolean => p.speakerConfirmed ?? (p.status === 'confirmed' || p.status === 'presented');

/**
 * What a digest line may offer, in this order: of each group, the first verb the transition table allows an
 * organizer in the proposal's state. Dropping a proposal is `decline` while it may be, `withdraw` after (an accepted
 * speaker who said by phone they cannot come): a « refuser » offered on an accepted proposal was refused when
 * followed. `schedule` needs a date, so no ready-made line: the notices' help teaches it.
 */
const OFFERS: readonly (readonly Action[])[] = [['accept'], ['confirm'], ['decline', 'withdraw'], ['waitlist']];

/**
 * A talk scheduled before its speaker confirmed: `confirmer P-…` records the confirmation (decide.ts confirmScheduled),
 * though the table's `confirm` leaves from `accepted` only.
 */
function offeredFor(p: OrganizerProposal): Action[] {
  const verbs = offeredVerbs(p.status);
  return p.status === 'scheduled' && !confirmedBySpeaker(p) ? ['confirm', ...verbs] : verbs;
}

/** The verbs a digest offers for a proposal in `status`, each one the command applier would carry out. */
export function offeredVerbs(status: ProposalStatus): Action[] {
  return OFFERS.flatMap((group) => group.find((action) => transition(action, status, 'organizer').ok) ?? []);
}

export function organizerDigestData(
  input: OrganizerDigestInput,
  ctx: { locale: Language; group: { name: string; timezone: string }; replyAddress: string },
): OrganizerDigestData | null {
  const { locale } = ctx;
  const tz = ctx.group.timezone;
  const fr = locale === 'fr';
  const L = LABELS[locale];
  const item = (p: OrganizerProposal): OrganizerItem => ({
    ref: p.ref,
    title: p.title ? squash(p.title) : L.untitled,
    speakers: p.speakers.map((s) => closeBidi(cleanName(s.name) ?? s.email ?? '?')).join(', ') || '?',
    detail: `${L.format[p.format]}, ${L.minutes(p.durationMinutes)} — ${
      p.status === 'scheduled' && p.scheduledFor
        ? `${fr ? 'programmée le' : 'scheduled for'} ${formatDay(p.scheduledFor, locale, tz)}`
        : `${fr ? 'reçue le' : 'received'} ${formatDay(p.receivedAt, locale, tz)}`
    }`,
    replies: offeredFor(p).map((v) => `${verbWord(v, locale)} ${p.ref}`),
  });
  const pending = input.pending.map(item);
  const unconfirmed = input.unconfirmed.map(item);
  let event: OrganizerDigestData['event'] = null;
  let gaps = 0;
  if (input.next) {
    const free = Math.max(0, input.slots - input.next.programme.length);
    // scheduled is not confirmed: a talk put on the programme before its speaker confirmed waits for them still
    const notConfirmed = input.next.programme.filter((p) => !confirmedBySpeaker(p)).map(item);
    gaps = free + notConfirmed.length;
    if (gaps > 0) {
      const when = formatDate(input.next.date, locale, tz);
      event = {
        // each user-written piece closes its own direction overrides, or the event's title would reverse the date after it
        label: `${input.next.title ? `${closeBidi(squash(input.next.title))}, ` : ''}${when}${input.next.venue ? ` — ${closeBidi(squash(input.next.venue))}` : ''}`,
        freeSlots: free,
        freeSlotsLabel: free > 0 ? (fr ? `${free} créneau${free > 1 ? 'x' : ''} libre${free > 1 ? 's' : ''} sur ${input.slots}` : `${free} free slot${free > 1 ? 's' : ''} of ${input.slots}`) : null,
        notConfirmed,
      };
    }
  }
  if (pending.length === 0 && unconfirmed.length === 0 && gaps === 0) return null;
  const toConfirm = unconfirmed.length + (event?.notConfirmed.length ?? 0);
  const total = pending.length + toConfirm;
  return {
    ...layoutData(locale, ctx.group, {
      preheader: fr ? `${total} proposition${total > 1 ? 's' : ''} attendent votre réponse.` : `${total} proposal${total > 1 ? 's' : ''} waiting for you.`,
      footerNote: fr
        ? `Résumé quotidien envoyé aux organisateurs du groupe. Répondez avec une commande par ligne.`
        : `Daily digest sent to the organizers of ${ctx.group.name}. Reply with one command per line.`,
    }),
    dayLabel: formatDay(input.now, locale, tz),
    pending,
    unconfirmed,
    event,
    examples: exampleLines(pending, [...unconfirmed, ...(event?.notConfirmed ?? [])]),
    replyAddress: ctx.replyAddress,
    counts: { pending: pending.length, unconfirmed: toConfirm, gaps },
  };
}

/** Every pending proposal's first line (a reply block ready to trim), else the first line offered elsewhere. */
function exampleLines(pending: readonly OrganizerItem[], others: readonly OrganizerItem[]): string[] {
  const firsts = pending.flatMap((p) => p.replies.slice(0, 1));
  return firsts.length > 0 ? firsts : others.flatMap((p) => p.replies).slice(0, 1);
}

/** The reply token's ref for the organizers' digest of a local day: `d20261130` (no dash: plus-tag friendly). */
export function organizerDigestRef(now: Date, timezone: string): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return `d${day.replace(/-/g, '')}`;
}
