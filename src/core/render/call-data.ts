/**
 * The call for proposals as template data (pure): where proposals go, what one should say, and the next meetups
 * with the slots still free on their programme (one main talk, up to three lightning talks: src/core/programme.ts).
 * A meetup whose programme is full is not shown: the call is for the slots people can still take.
 */
import type { Language, TalkFormat } from '../../types.ts';
import { sentinel } from '../compose/mime-template.ts';
import { MAX_LIGHTNING } from '../programme.ts';
import { squash } from '../text/fold.ts';
import { formatDate } from './dates.ts';
import { layoutData, rosterFooter, type LayoutData } from './data.ts';

export interface MeetupForCall {
  date: Date;
  venue: string;
  title: string | null;
  /** The formats already on its programme. */
  formats: readonly TalkFormat[];
}

export interface MeetupSlots {
  dateLabel: string;
  venue: string;
  title: string | null;
  talkFree: boolean;
  lightningFree: number;
  /** « la présentation principale et 2 présentations éclair » / "the main talk and 2 lightning talks". */
  slotsLabel: string;
}

export interface CallMailData extends LayoutData {
  proposalsAddress: string;
  proposalsMailto: string;
  meetups: MeetupSlots[];
  hasMeetups: boolean;
  greeting: string;
  personal: boolean;
}

export interface CallMailContext {
  group: { name: string; timezone: string };
  locale: Language;
  proposalsAddress: string;
  personal: boolean;
}

/** At most this many meetups are listed: further ones will be in a later call. */
export const CALL_MEETUPS = 3;

export function freeSlots(formats: readonly TalkFormat[]): { talkFree: boolean; lightningFree: number } {
  return { talkFree: !formats.includes('talk'), lightningFree: Math.max(0, MAX_LIGHTNING - formats.filter((f) => f === 'lightning').length) };
}

function slotsLabel(locale: Language, talkFree: boolean, lightningFree: number): string {
  const fr = locale === 'fr';
  const parts: string[] = [];
  if (talkFree) parts.push(fr ? 'la présentation principale (45 min)' : 'the main talk (45 min)');
  if (lightningFree > 0) {
    parts.push(fr ? `${lightningFree} présentation${lightningFree > 1 ? 's' : ''} éclair (5 min)` : `${lightningFree} lightning talk${lightningFree > 1 ? 's' : ''} (5 min)`);
  }
  return parts.join(fr ? ' et ' : ' and ');
}

export function callMailData(meetups: readonly MeetupForCall[], ctx: CallMailContext): CallMailData {
  const fr = ctx.locale === 'fr';
  const open = meetups
    .map((m) => ({ m, ...freeSlots(m.formats) }))
    .filter((x) => x.talkFree || x.lightningFree > 0)
    .slice(0, CALL_MEETUPS)
    .map(({ m, talkFree, lightningFree }) => ({
      dateLabel: formatDate(m.date, ctx.locale, ctx.group.timezone),
      venue: squash(m.venue),
      title: m.title && m.title.trim() !== '' ? squash(m.title) : null,
      talkFree,
      lightningFree,
      slotsLabel: slotsLabel(ctx.locale, talkFree, lightningFree),
    }));
  const subjectLine = fr ? 'Proposition de présentation' : 'Talk proposal';
  return {
    ...layoutData(ctx.locale, ctx.group, {
      preheader: fr ? 'Proposez une présentation pour nos prochains meetups' : `Propose a talk to ${ctx.group.name}`,
      ...rosterFooter(ctx.locale, ctx.group, ctx.personal),
    }),
    proposalsAddress: ctx.proposalsAddress,
    proposalsMailto: `mailto:${ctx.proposalsAddress}?subject=${encodeURIComponent(subjectLine)}`,
    meetups: open,
    hasMeetups: open.length > 0,
    greeting: ctx.personal ? sentinel('greeting') : '',
    personal: ctx.personal,
  };
}
