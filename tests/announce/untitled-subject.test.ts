/**
 * An event created without --title: its announcement's Subject read « [Groupe d'Utilisateurs PostgreSQL à Paris]
 * Meetup Groupe d'Utilisateurs PostgreSQL à Paris, dimanche 28 mars 2027 à 19h00 » — the group named twice, and the
 * date past what a phone's inbox shows. The tag names the group; the title after it is « Meetup » alone. The body's
 * heading and the .ics SUMMARY, read without the tag (a calendar), keep the group's name.
 */
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.ts';
import { createEventMailBuilder } from '../../src/adapters/compose/announcement.ts';

const config = configSchema.parse({
  group: { name: 'Groupe d’Utilisateurs PostgreSQL à Paris', locale: 'fr', timezone: 'Europe/Paris' },
  addresses: { proposals: 'talks@pgug.example.org', from: 'PostgreSQL Paris <talks@pgug.example.org>' },
});
const specs = [
  { key: 'member:fr', locale: 'fr' as const, to: null },
  { key: 'member:en', locale: 'en' as const, to: null },
];
const input = (kind: 'announce' | 'reminder', title: string | null) => ({
  kind,
  daysBefore: kind === 'reminder' ? 6 : undefined,
  event: { id: 3, sequence: 0, date: new Date('2027-03-28T17:00:00Z'), venue: 'Dalibo', title, venueAddress: null, mapUrl: null, registrationUrl: null, capacity: null },
  talks: [],
  next: null,
  // a reminder's « dans 6 jours » is counted from when it is built: six days before the event
  date: kind === 'reminder' ? new Date('2027-03-22T10:00:00Z') : new Date('2026-11-30T10:00:00Z'),
  seed: 'untitled',
});

describe('the Subject of an event without a title', () => {
  it('names the group once, in its tag', async () => {
    const [fr, en] = await createEventMailBuilder(config).build(input('announce', null), specs);
    expect(fr!.subject).toBe('[Groupe d’Utilisateurs PostgreSQL à Paris] Meetup, dimanche 28 mars 2027 à 19h00');
    expect(en!.subject).toBe('[Groupe d’Utilisateurs PostgreSQL à Paris] Meetup, Sunday, March 28, 2027 at 7:00 PM');
    // the heading and the calendar entry, read without the tag, still say whose meetup it is
    expect(fr!.text).toContain('\nMeetup Groupe d’Utilisateurs PostgreSQL à Paris\n');
    expect(fr!.ics).toContain('SUMMARY:Meetup Groupe d’Utilisateurs PostgreSQL à Paris');
    const [rfr, ren] = await createEventMailBuilder(config).build(input('reminder', null), specs);
    expect(rfr!.subject).toBe('[Groupe d’Utilisateurs PostgreSQL à Paris] Rappel : Meetup, dans 6 jours');
    expect(ren!.subject).toBe('[Groupe d’Utilisateurs PostgreSQL à Paris] Reminder: Meetup, in 6 days');
  });

  it('an event with a title keeps it', async () => {
    const [fr] = await createEventMailBuilder(config).build(input('announce', 'Soirée réplication'), specs);
    expect(fr!.subject).toBe('[Groupe d’Utilisateurs PostgreSQL à Paris] Soirée réplication, dimanche 28 mars 2027 à 19h00');
  });
});
