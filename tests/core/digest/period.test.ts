/** Digest periods in the group's zone with a test clock: the DST weeks of Europe/Paris keep the local hour. */
import { describe, expect, it } from 'vitest';
import { coveringPeriod, lastPeriod, nextRun, sincePeriod, windowOfKey } from '../../../src/core/digest/period.ts';

const PARIS = { hour: 8, weeklyDay: 1, timezone: 'Europe/Paris' };

describe('digest periods', () => {
  it('daily: the 24 local hours before 08:00, keyed by the local day', () => {
    const p = lastPeriod(new Date('2026-11-30T09:30:00Z'), 'daily', PARIS);
    expect(p).toEqual({ cadence: 'daily', from: new Date('2026-11-29T07:00:00Z'), to: new Date('2026-11-30T07:00:00Z'), key: 'daily-2026-11-30' });
    // Just before the boundary, the previous day's period is still the last one.
    expect(lastPeriod(new Date('2026-11-30T06:59:59Z'), 'daily', PARIS).key).toBe('daily-2026-11-29');
  });

  it('spring forward (2027-03-28): the day is 23 hours, the digest still goes at 08:00 local', () => {
    const p = lastPeriod(new Date('2027-03-28T06:00:00Z'), 'daily', PARIS);
    expect(p.to).toEqual(new Date('2027-03-28T06:00:00Z')); // 08:00 CEST
    expect(p.from).toEqual(new Date('2027-03-27T07:00:00Z')); // 08:00 CET
    expect(nextRun(new Date('2027-03-27T07:30:00Z'), 'daily', PARIS)).toEqual(new Date('2027-03-28T06:00:00Z'));
  });

  it('fall back (2026-10-25): the day is 25 hours', () => {
    const p = lastPeriod(new Date('2026-10-25T07:00:00Z'), 'daily', PARIS);
    expect(p.from).toEqual(new Date('2026-10-24T06:00:00Z'));
    expect(p.to).toEqual(new Date('2026-10-25T07:00:00Z'));
  });

  it('weekly across the DST change: Monday 08:00 local to Monday 08:00 local (167 hours)', () => {
    const p = lastPeriod(new Date('2027-03-29T10:00:00Z'), 'weekly', PARIS);
    expect(p).toMatchObject({ cadence: 'weekly', key: 'weekly-2027-03-29', from: new Date('2027-03-22T07:00:00Z'), to: new Date('2027-03-29T06:00:00Z') });
    expect((p.to.getTime() - p.from.getTime()) / 3_600_000).toBe(167);
    expect(nextRun(new Date('2027-03-29T10:00:00Z'), 'weekly', PARIS)).toEqual(new Date('2027-04-05T06:00:00Z'));
  });

  it('--since: durations, and what is not one', () => {
    const now = new Date('2026-11-30T10:00:30Z');
    expect(sincePeriod(now, '36h')).toMatchObject({ from: new Date('2026-11-28T22:01:00Z'), to: new Date('2026-11-30T10:01:00Z') });
    expect(sincePeriod(now, '1w')?.from).toEqual(new Date('2026-11-23T10:01:00Z'));
    expect(sincePeriod(now, 'yesterday')).toBeNull();
    expect(sincePeriod(now, '0d')).toBeNull();
  });
});

describe('a --since digest keyed by its posts', () => {
  it('the same posts, whatever the window and their order, are the same key; other posts another', () => {
    const a = sincePeriod(new Date('2026-12-02T10:00:00Z'), '7d')!;
    const b = sincePeriod(new Date('2026-12-02T10:03:00Z'), '7d')!;
    expect(a.key).not.toBe(b.key);
    expect(coveringPeriod(a, [41, 7, 12]).key).toBe(coveringPeriod(b, [12, 41, 7]).key);
    expect(coveringPeriod(a, [41, 7, 12]).key).toMatch(/^since-p3-[0-9a-f]{16}$/);
    expect(coveringPeriod(a, [41, 7]).key).not.toBe(coveringPeriod(a, [41, 7, 12]).key);
    expect(coveringPeriod(a, [7])).toMatchObject({ cadence: 'since', from: a.from, to: a.to });
  });

  it('reads the window back from a key written before (a digest sent before posts were recorded)', () => {
    const p = sincePeriod(new Date('2026-12-02T10:00:20Z'), '36h')!;
    expect(windowOfKey(p.key)).toEqual({ from: p.from, to: p.to });
    expect(windowOfKey('since-p3-0123456789abcdef')).toBeNull();
  });
});
