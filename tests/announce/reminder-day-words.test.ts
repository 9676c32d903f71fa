/**
 * A reminder says when the meetup is as counted on the day it goes out (held-out audit of subscriber mail): the J-1
 * reminder is due for the 24 hours from the day before at the event's hour (send-reminders.ts), so a crieur that was
 * down that evening sends it the next morning — members read « Rappel : Meetup de janvier, demain » on the day of
 * the meetup, and « dans 6 jours » five days before. The words now count calendar days in the group's zone from when
 * the mail is built: « aujourd'hui » / "today" on the day itself.
 */
import { describe, expect, it } from 'vitest';
import { createEventMailBuilder } from '../../src/adapters/compose/announcement.ts';
import type { EventMailInput } from '../../src/app/announce-event.ts';
import { calendarDaysBetween } from '../../src/core/render/dates.ts';
import { groupConfig } from '../support/test-config.ts';

const config = groupConfig('reminder-day-words');
// Thursday 14 January 2027 at 19:00 in Paris
const EVENT = new Date('2027-01-14T18:00:00Z');

function input(daysBefore: number, sentAt: string, date = EVENT): EventMailInput {
  return {
    kind: 'reminder',
    event: { id: 5, sequence: 0, date, venue: 'Chez Dalibo', title: 'Meetup de janvier', venueAddress: null, mapUrl: null, registrationUrl: null, capacity: null },
    talks: [],
    next: null,
    daysBefore,
    date: new Date(sentAt),
    seed: 'reminder-day-words',
  };
}

async function reminder(i: EventMailInput) {
  const built = await createEventMailBuilder(config).build(i, [
    { key: 'member:fr', locale: 'fr', to: null },
    { key: 'member:en', locale: 'en', to: null },
  ]);
  return { fr: built[0]!, en: built[1]! };
}

describe('a reminder’s day, counted when it goes out', () => {
  it('J-1 on time (the evening before): demain / tomorrow', async () => {
    const r = await reminder(input(1, '2027-01-13T18:01:00Z'));
    expect(r.fr.subject).toBe('[Groupe de test] Rappel : Meetup de janvier, demain');
    expect(r.en.subject).toBe('[Groupe de test] Reminder: Meetup de janvier, tomorrow');
  });

  it('J-1 sent late, on the morning of the meetup: aujourd’hui / today, in the subject and the HTML', async () => {
    const r = await reminder(input(1, '2027-01-14T07:00:00Z'));
    expect(r.fr.subject).toBe('[Groupe de test] Rappel : Meetup de janvier, aujourd’hui');
    expect(r.en.subject).toBe('[Groupe de test] Reminder: Meetup de janvier, today');
    expect(r.fr.html).toContain('a lieu aujourd’hui,');
    expect(r.fr.html).not.toContain('demain');
    expect(r.en.html).toContain('the next meetup is today,');
  });

  it('J-6 sent the day after it was due: dans 5 jours', async () => {
    const r = await reminder(input(6, '2027-01-09T09:00:00Z'));
    expect(r.fr.subject).toBe('[Groupe de test] Rappel : Meetup de janvier, dans 5 jours');
    expect(r.en.subject).toBe('[Groupe de test] Reminder: Meetup de janvier, in 5 days');
  });

  it('an event at 00:30: the J-1 reminder sent at its hour the day before says demain', async () => {
    const r = await reminder(input(1, '2027-01-12T23:31:00Z', new Date('2027-01-13T23:30:00Z')));
    expect(r.fr.subject).toMatch(/, demain$/);
  });

  it('calendarDaysBetween counts days in the zone, across a change of clocks', () => {
    const paris = 'Europe/Paris';
    expect(calendarDaysBetween(new Date('2027-01-13T22:59:00Z'), new Date('2027-01-14T18:00:00Z'), paris)).toBe(1);
    expect(calendarDaysBetween(new Date('2027-01-13T23:01:00Z'), new Date('2027-01-14T18:00:00Z'), paris)).toBe(0);
    // Tuesday 30 March 2027 at 00:30 (summer time); six days of 24 h before it is Tuesday 23 March at 23:30 (winter)
    expect(calendarDaysBetween(new Date('2027-03-23T22:30:00Z'), new Date('2027-03-29T22:30:00Z'), paris)).toBe(7);
  });
});
