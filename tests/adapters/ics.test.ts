/**
 * The VTIMEZONE crieur derives from luxon (no zone database package): the offset changes of each year asked for,
 * DTSTART in the local time before the change (RFC 5545 §3.6.5) — the feed spans a new year, so several years.
 */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { eventIcs, vtimezone } from '../../src/adapters/calendar/ics.ts';

const components = (v: string) => [...v.matchAll(/BEGIN:(DAYLIGHT|STANDARD)\r\nDTSTART:(\d{8}T\d{6})\r\nTZOFFSETFROM:([+-]\d{4})\r\nTZOFFSETTO:([+-]\d{4})/g)].map((m) => m.slice(1).join(' '));

describe('vtimezone', () => {
  it.each([
    // The year before's changes too: the one in force on 1 January (a February meetup's) is the previous October's.
    ['Europe/Paris', 2027, 2027, ['DAYLIGHT 20260329T020000 +0100 +0200', 'STANDARD 20261025T030000 +0200 +0100', 'DAYLIGHT 20270328T020000 +0100 +0200', 'STANDARD 20271031T030000 +0200 +0100']],
    ['Europe/Paris', 2026, 2027, ['DAYLIGHT 20250330T020000 +0100 +0200', 'STANDARD 20251026T030000 +0200 +0100', 'DAYLIGHT 20260329T020000 +0100 +0200', 'STANDARD 20261025T030000 +0200 +0100', 'DAYLIGHT 20270328T020000 +0100 +0200', 'STANDARD 20271031T030000 +0200 +0100']],
    // Half an hour of daylight saving time.
    ['Australia/Lord_Howe', 2027, 2027, ['STANDARD 20260405T020000 +1100 +1030', 'DAYLIGHT 20261004T020000 +1030 +1100', 'STANDARD 20270404T020000 +1100 +1030', 'DAYLIGHT 20271003T020000 +1030 +1100']],
    ['America/New_York', 2027, 2027, ['DAYLIGHT 20260308T020000 -0500 -0400', 'STANDARD 20261101T020000 -0400 -0500', 'DAYLIGHT 20270314T020000 -0500 -0400', 'STANDARD 20271107T020000 -0400 -0500']],
    ['Asia/Kolkata', 2027, 2027, ['STANDARD 19700101T000000 +0530 +0530']],
  ] as const)('%s %i–%i', (zone, from, to, want) => {
    const v = vtimezone(zone, from, to);
    expect(v).toMatch(new RegExp(`^BEGIN:VTIMEZONE\r\nTZID:${zone}\r\n`));
    expect(components(v)).toEqual(want);
    // Computed once: the same string again.
    expect(vtimezone(zone, from, to)).toBe(v);
  });
});

/**
 * RFC 5545 §3.6.5: the VTIMEZONE must hold the rule in force at the event's DTSTART — the last component that began
 * before it, with the offset the event is at. An audit found a 25 February event with only that year's March
 * DAYLIGHT and October STANDARD: nothing said what Paris was on in February.
 */
describe('the .ics of one event carries the rule in force at its start', () => {
  const ics = (zone: string, local: string) =>
    eventIcs(
      { id: 7, sequence: 0, start: DateTime.fromISO(local, { zone }).toJSDate(), durationMinutes: 120, summary: 'Meetup', description: '', location: 'Paris', url: null },
      { timeZone: zone, domain: 'pgug.example.org', groupName: 'PUG', stamp: new Date('2026-12-01T00:00:00Z') },
    );
  /** The component in force at DTSTART (local times compare as text), as `KIND OFFSETTO`. */
  const inForce = (v: string) => {
    const start = /^DTSTART;TZID=[^:]+:(\d{8}T\d{6})$/m.exec(v)![1]!;
    const before = components(v).map((c) => c.split(' ')).filter(([, at]) => at! <= start);
    const last = before[before.length - 1];
    return last ? `${last[0]} ${last[3]}` : null;
  };

  it.each([
    ['Europe/Paris', '2027-02-25T19:00', 'STANDARD +0100'],
    ['Europe/Paris', '2027-01-14T19:00', 'STANDARD +0100'],
    ['Europe/Paris', '2027-03-11T19:00', 'STANDARD +0100'],
    ['Europe/Paris', '2027-06-24T19:00', 'DAYLIGHT +0200'],
    ['America/New_York', '2027-02-25T18:30', 'STANDARD -0500'],
    // No daylight saving time: one STANDARD from 1970, in force at any date.
    ['Asia/Tokyo', '2027-02-25T19:00', 'STANDARD +0900'],
    ['Asia/Tokyo', '2027-07-01T19:00', 'STANDARD +0900'],
  ] as const)('%s %s', (zone, local, want) => {
    const v = ics(zone, local);
    expect(v).toContain(`DTSTART;TZID=${zone}:${local.replace(/[-:]/g, '')}00`);
    expect(inForce(v)).toBe(want);
  });
});

describe('ORGANIZER (RFC 5546 §3.2.1: a PUBLISH event has one)', () => {
  it('is the group, at its sending address, its name quoted where it must be', () => {
    const ics = eventIcs(
      { id: 7, sequence: 0, start: new Date('2027-01-28T18:00:00Z'), durationMinutes: 120, summary: 'Meetup', description: '', location: 'Paris', url: null },
      { timeZone: 'Europe/Paris', domain: 'pgug.example.org', groupName: "Groupe d'Utilisateurs PostgreSQL à Paris, PUG", stamp: new Date('2026-12-01T00:00:00Z'), organizer: 'talks@pgug.example.org' },
    );
    const unfolded = ics.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toMatch(/\r\nORGANIZER;CN="Groupe d'Utilisateurs PostgreSQL à Paris, PUG":mailto:talks@pgug\.example\.org\r\n/);
    expect(unfolded.indexOf('ORGANIZER')).toBeGreaterThan(unfolded.indexOf('BEGIN:VEVENT'));
  });
});

/**
 * Held-out audit: a group named « Groupe "PG" Paris; Lyon, Lille » — the calendar's NAME and X-WR-CALNAME went out
 * unescaped (TEXT: « ; » and « , » separate values), and the ORGANIZER's CN as `"Groupe \"PG\"…"`: a DQUOTE may not
 * appear in a parameter value, and Python's icalendar read no ORGANIZER at all. Now TEXT escaping, and RFC 6868's ^'.
 */
describe('the group name in the calendar', () => {
  it("NAME is TEXT, escaped; the CN carries a double quote as RFC 6868's ^'", () => {
    const ics = eventIcs(
      { id: 7, sequence: 0, start: new Date('2027-01-28T18:00:00Z'), durationMinutes: 120, summary: 'Meetup', description: '', location: 'Paris', url: null },
      { timeZone: 'Europe/Paris', domain: 'pgug.example.org', groupName: 'Groupe "PG" Paris; Lyon, Lille ^_^', stamp: new Date('2026-12-01T00:00:00Z'), organizer: 'talks@pgug.example.org' },
    );
    const unfolded = ics.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toContain('\r\nNAME:Groupe "PG" Paris\\; Lyon\\, Lille ^_^\r\n');
    expect(unfolded).toContain('\r\nX-WR-CALNAME:Groupe "PG" Paris\\; Lyon\\, Lille ^_^\r\n');
    expect(unfolded).toContain(`\r\nORGANIZER;CN="Groupe ^'PG^' Paris; Lyon, Lille ^^_^^":mailto:talks@pgug.example.org\r\n`);
    // no DQUOTE inside the quoted parameter value
    expect(/ORGANIZER;CN="([^"\r\n]*)":mailto:/.exec(unfolded)?.[1]).toBe("Groupe ^'PG^' Paris; Lyon, Lille ^^_^^");
  });
});
