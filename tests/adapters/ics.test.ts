/**
 * The VTIMEZONE crieur derives from luxon (no zone database package): the offset changes of each year asked for,
 * DTSTART in the local time before the change (RFC 5545 §3.6.5) — the feed spans a new year, so several years.
 */
import { describe, expect, it } from 'vitest';
import { vtimezone } from '../../src/adapters/calendar/ics.ts';

const components = (v: string) => [...v.matchAll(/BEGIN:(DAYLIGHT|STANDARD)\r\nDTSTART:(\d{8}T\d{6})\r\nTZOFFSETFROM:([+-]\d{4})\r\nTZOFFSETTO:([+-]\d{4})/g)].map((m) => m.slice(1).join(' '));

describe('vtimezone', () => {
  it.each([
    ['Europe/Paris', 2027, 2027, ['DAYLIGHT 20270328T020000 +0100 +0200', 'STANDARD 20271031T030000 +0200 +0100']],
    ['Europe/Paris', 2026, 2027, ['DAYLIGHT 20260329T020000 +0100 +0200', 'STANDARD 20261025T030000 +0200 +0100', 'DAYLIGHT 20270328T020000 +0100 +0200', 'STANDARD 20271031T030000 +0200 +0100']],
    // Half an hour of daylight saving time.
    ['Australia/Lord_Howe', 2027, 2027, ['STANDARD 20270404T020000 +1100 +1030', 'DAYLIGHT 20271003T020000 +1030 +1100']],
    ['America/New_York', 2027, 2027, ['DAYLIGHT 20270314T020000 -0500 -0400', 'STANDARD 20271107T020000 -0400 -0500']],
    ['Asia/Kolkata', 2027, 2027, ['STANDARD 19700101T000000 +0530 +0530']],
  ] as const)('%s %i–%i', (zone, from, to, want) => {
    const v = vtimezone(zone, from, to);
    expect(v).toMatch(new RegExp(`^BEGIN:VTIMEZONE\r\nTZID:${zone}\r\n`));
    expect(components(v)).toEqual(want);
    // Computed once: the same string again.
    expect(vtimezone(zone, from, to)).toBe(v);
  });
});
