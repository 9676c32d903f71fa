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

/** What is off with a programme, as data: `events show` words it in English, a command mail's transcript in the writer's language. */
export type ProgrammeProblem = { k: 'no-talk' } | { k: 'talks'; n: number } | { k: 'lightning'; n: number; max: number };

export function programmeProblems(items: readonly ProgrammeItem[]): ProgrammeProblem[] {
  const talks = items.filter((i) => i.format === 'talk').length;
  const lightning = items.filter((i) => i.format === 'lightning').length;
  const out: ProgrammeProblem[] = [];
  if (talks === 0) out.push({ k: 'no-talk' });
  if (talks > 1) out.push({ k: 'talks', n: talks });
  if (lightning > MAX_LIGHTNING) out.push({ k: 'lightning', n: lightning, max: MAX_LIGHTNING });
  return out;
}

/** Warnings about a programme (empty when it is as it should be). */
export function programmeWarnings(items: readonly ProgrammeItem[]): string[] {
  return programmeProblems(items).map((w) =>
    w.k === 'no-talk' ? 'no main talk yet (a programme has one talk)' : w.k === 'talks' ? `${w.n} main talks (a programme has one)` : `${w.n} lightning talks (at most ${w.max})`,
  );
}

/** How long a meetup lasts when nothing says otherwise (a talk, lightning talks, questions, drinks): its calendar entries' length. */
export const MEETUP_MINUTES = 150;
