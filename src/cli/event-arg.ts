/**
 * EVENT as the commands take it (`announce`, `events show|schedule|update|unschedule`): an id, or a day `YYYY-MM-DD`
 * that must exist on the calendar. Anything else is how the command was typed, a usage error (64) said before the
 * database is opened — `2027-02-30` would otherwise reach it as a date it refuses (« date/time field value out of
 * range », exit 1), `nonsense` would be looked up as a date and said « no event » (65: the data's).
 */
import { DateTime } from 'luxon';
import { CliError, EXIT } from './exit-codes.ts';

const FORMS = 'EVENT is an id or a date YYYY-MM-DD, e.g. 2027-01-28';

export function checkEventArg(ref: string): void {
  if (/^\d+$/.test(ref)) return;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ref);
  if (!day) throw new CliError(`event ${JSON.stringify(ref)}: neither an event id nor a date (${FORMS}; see crieur events list)`, EXIT.usage);
  if (!DateTime.fromObject({ year: Number(day[1]), month: Number(day[2]), day: Number(day[3]) }).isValid) {
    throw new CliError(`event ${ref}: no such day on the calendar (${FORMS})`, EXIT.usage);
  }
}
