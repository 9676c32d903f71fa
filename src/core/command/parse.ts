/**
 * `crieur parse`'s view of a reply's commands (SPEC `command.verbs`): the verbs of the commands readCommands finds
 * that could act as written, by SPEC's English names whatever language they were written in — `accept`, `schedule`
 * (whatever date or event it was told), `override` (whatever verb it forces) — then a speaker's labelled corrections
 * (`correct title`, `correct duration`…: SPEC counts them among the speaker's verbs). A verb's arguments are no part
 * of its name: SPEC's `schedule|programmer DATE|EVENT` and `override VERB` name the verbs `schedule` and `override`,
 * and a reader of `verbs` compares names. One reader: this only formats its result. A command with a problem (a
 * past or unreadable date, a note without text) is not listed.
 */
import type { Command, Correction, ReadOptions } from './types.ts';
import { readWith } from './read.ts';

export interface ParsedCommand {
  /** SPEC's verb names in order (`schedule`, not its date), then a speaker's corrections. */
  verbs: string[];
  /** The first explicit proposal ref in the command lines (`P-0007`), else null. */
  ref: string | null;
}

/**
 * `now` is the instant dates are read against (the mail's Date header when parsing a message); without it only
 * dates that carry their year are read, and none is refused as past.
 */
export type ParseOptions = Partial<Omit<ReadOptions, 'now'>> & {
  now?: Date | null;
  /** The reply answers a speaker's mail (a speaker token): its corrections are listed among the verbs. */
  corrections?: boolean;
};

/** A command's verb as SPEC names it: `override` for `override accept` (a plain accept it is not). */
export function verbString(c: Command): string {
  return c.override ? 'override' : c.verb;
}

/** Correction fields in the order a proposal states them, as parse names them. */
const CORRECTED: readonly [keyof Correction, string][] = [
  ['title', 'correct title'],
  ['format', 'correct format'],
  ['durationMinutes', 'correct duration'],
  ['language', 'correct language'],
  ['abstract', 'correct abstract'],
];

export function correctionStrings(c: Correction): string[] {
  return CORRECTED.filter(([field]) => c[field] !== undefined).map(([, name]) => name);
}

export function parseCommands(text: string | null, opts: ParseOptions = {}): ParsedCommand {
  const read = readWith(text, { now: opts.now ?? null, timeZone: opts.timeZone ?? 'Europe/Paris', locale: opts.locale ?? 'fr', role: opts.role });
  const acting = read.commands.filter((c) => c.problem === null);
  const corrected = opts.corrections ? correctionStrings(read.corrections) : [];
  return { verbs: [...acting.map(verbString), ...corrected], ref: acting.find((c) => c.ref !== null)?.ref ?? null };
}
