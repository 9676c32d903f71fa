/**
 * `crieur parse`'s view of a reply's commands (SPEC `command.verbs`): the commands readCommands finds that could
 * act as written, as strings — `accept`, `schedule 2027-01-28`, `schedule next-event`, `override accept` — then a
 * speaker's labelled corrections (`correct title`, `correct duration`…: SPEC counts them among the speaker's verbs).
 * One reader: this only formats its result. A command with a problem (a past or unreadable date, a note without
 * text) is not listed.
 */
import type { Command, Correction, ReadOptions } from './types.ts';
import { readWith } from './read.ts';

export interface ParsedCommand {
  /** Normalised verbs in order; a verb with an argument is written `schedule 2025-06-12`. */
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

/**
 * What the verb was told stays in its string: `override accept` (a plain accept would be refused), `schedule event 3`
 * (SPEC: `schedule DATE|EVENT`; a bare `schedule` said nothing of where).
 */
export function verbString(c: Command): string {
  const said = c.verb !== 'schedule' ? c.verb : c.nextEvent ? 'schedule next-event' : c.eventId !== null ? `schedule event ${c.eventId}` : `schedule ${c.date?.day ?? ''}`.trim();
  return c.override ? `override ${said}` : said;
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
