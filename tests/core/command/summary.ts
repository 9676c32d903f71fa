/** One command as a short string for table-driven expectations: `override accept P-0007`, `decline «reason»`, `schedule 2027-01-28T19:00`. */
import type { Command } from '../../../src/core/command/types.ts';

export function summary(c: Command): string {
  return [
    c.override ? 'override ' : '',
    c.verb,
    c.ref ? ` ${c.ref}` : '',
    c.text !== null ? ` «${c.text}»` : '',
    c.date ? ` ${c.date.day}${c.date.time ? `T${c.date.time}` : ''}` : '',
    c.nextEvent ? ' next-event' : '',
    c.eventId !== null ? ` event-${c.eventId}` : '',
    c.problem ? ` !${c.problem}` : '',
  ].join('');
}
