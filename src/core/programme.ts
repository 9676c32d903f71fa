/**
 * What a meetup's programme should be: one main talk and up to three lightning talks, in running order. Pure:
 * `events show`, the announcement and the organizers' notices all warn with these words.
 */
import type { TalkFormat } from '../types.ts';

export const MAX_LIGHTNING = 3;

export interface ProgrammeItem {
  ref: string;
  format: TalkFormat;
}

/**
 * The running order of a programme: the main talks first, then the lightning talks, each in the order they were put
 * on it. The one rule every output follows — `events list/show --json`'s `programme` (the event store applies it), the
 * announcement's text, HTML and .ics, the reminders, the pages: the announcement shows the lightning talks as a
 * section after the talk, so an order that mixed them would print one thing and mail another.
 */
export function runningOrder<T extends ProgrammeItem>(items: readonly T[]): T[] {
  return [...items.filter((i) => i.format !== 'lightning'), ...items.filter((i) => i.format === 'lightning')];
}

/** Warnings about a programme (empty when it is as it should be). */
export function programmeWarnings(items: readonly ProgrammeItem[]): string[] {
  const talks = items.filter((i) => i.format === 'talk').length;
  const lightning = items.filter((i) => i.format === 'lightning').length;
  const out: string[] = [];
  if (talks === 0) out.push('no main talk yet (a programme has one talk)');
  if (talks > 1) out.push(`${talks} main talks (a programme has one)`);
  if (lightning > MAX_LIGHTNING) out.push(`${lightning} lightning talks (at most ${MAX_LIGHTNING})`);
  return out;
}

/** How long a meetup lasts when nothing says otherwise (a talk, lightning talks, questions, drinks): its calendar entries' length. */
export const MEETUP_MINUTES = 150;
