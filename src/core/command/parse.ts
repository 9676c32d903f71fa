/**
 * `crieur parse`'s view of a reply's commands (SPEC `command.verbs`): the commands readCommands finds that could
 * act as written, as strings — `accept`, `schedule 2027-01-28`, `schedule next-event`. One reader: this only
 * formats its result. A command with a problem (a past or unreadable date, a note without text) is not listed.
 */
import type { Command, ReadOptions } from './types.ts';
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
export type ParseOptions = Partial<Omit<ReadOptions, 'now'>> & { now?: Date | null };

export function verbString(c: Command): string {
  if (c.verb !== 'schedule') return c.verb;
  return c.nextEvent ? 'schedule next-event' : `schedule ${c.date?.day ?? ''}`.trim();
}

export function parseCommands(text: string | null, opts: ParseOptions = {}): ParsedCommand {
  const read = readWith(text, { now: opts.now ?? null, timeZone: opts.timeZone ?? 'Europe/Paris', locale: opts.locale ?? 'fr', role: opts.role });
  const acting = read.commands.filter((c) => c.problem === null);
  return { verbs: acting.map(verbString), ref: acting.find((c) => c.ref !== null)?.ref ?? null };
}
