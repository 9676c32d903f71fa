/**
 * What the command audits and reviews share: an organizer's and a speaker's read options for the Paris group at a given
 * moment (dates read relative to it), and the two shapes their tables compare — the verbs read, or each command's verb
 * and text with the comment relayed to the organizers.
 */
import { readCommands } from '../../../src/core/command/read.ts';
import type { ReadOptions } from '../../../src/core/command/types.ts';

export function commandReaders(now: string) {
  const organizer: ReadOptions = { now: new Date(now), timeZone: 'Europe/Paris', locale: 'fr', role: 'organizer' };
  const speaker: ReadOptions = { ...organizer, role: 'speaker' };
  return {
    organizer,
    speaker,
    /** The verbs read, in order. */
    verbs: (text: string, o: ReadOptions = organizer) => readCommands(text, o).commands.map((c) => c.verb),
    /** Each command as [verb, text], and the comment relayed to the organizers. */
    read: (text: string, o: ReadOptions = organizer) => {
      const r = readCommands(text, o);
      return { commands: r.commands.map((c) => [c.verb, c.text]), comment: r.comment };
    },
  };
}
