/**
 * Digest periods in the group's time zone. A daily digest covers the 24 local hours before the configured hour,
 * a weekly one the 7 local days before the configured weekday at that hour — local wall-clock arithmetic
 * (luxon), so the week of a DST change is 167 or 169 hours long and the mail still goes out at 08:00 local.
 * The period's key names it in the outbox's idempotency key: one digest per list, period and format.
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';

export type Cadence = 'daily' | 'weekly';

export interface Period {
  cadence: Cadence | 'since';
  from: Date;
  to: Date;
  /** `daily-2026-11-30`, `weekly-2026-11-30` (the local day it ends on), `since-…` for an ad hoc one. */
  key: string;
}

export interface Schedule {
  hour: number;
  /** ISO weekday 1 (Monday) … 7 (Sunday). */
  weeklyDay: number;
  timezone: string;
}

/** The last period of this cadence that ended at or before `now`. */
export function lastPeriod(now: Date, cadence: Cadence, s: Schedule): Period {
  const local = DateTime.fromJSDate(now, { zone: s.timezone });
  let end = local.set({ hour: s.hour, minute: 0, second: 0, millisecond: 0 });
  if (cadence === 'daily') {
    if (end > local) end = end.minus({ days: 1 });
  } else {
    end = end.minus({ days: (end.weekday - s.weeklyDay + 7) % 7 });
    if (end > local) end = end.minus({ weeks: 1 });
  }
  const start = cadence === 'daily' ? end.minus({ days: 1 }) : end.minus({ weeks: 1 });
  return { cadence, from: start.toJSDate(), to: end.toJSDate(), key: `${cadence}-${end.toISODate()}` };
}

/** The next instant a digest of this cadence is due after `now` (what the scheduler should fire at). */
export function nextRun(now: Date, cadence: Cadence, s: Schedule): Date {
  const last = DateTime.fromJSDate(lastPeriod(now, cadence, s).to, { zone: s.timezone });
  return (cadence === 'daily' ? last.plus({ days: 1 }) : last.plus({ weeks: 1 })).toJSDate();
}

/**
 * The longest `--since` window: a century (5,200 weeks) holds any group's archive. Longer ones are typing slips, and
 * past ≈ 285,000 years the window's start is no date at all (`99999999999w` ended in « Invalid time value »).
 */
export const SINCE_MAX_MS = 5_200 * 604_800_000;

/** A `--since` duration in milliseconds (`36h`, `2d`, `1w`, `90m`), or null when it is none. */
export function sinceDuration(duration: string): number | null {
  const m = /^\s*(\d+)\s*(m|min|h|d|w)\s*$/i.exec(duration);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  const ms = n * (unit === 'w' ? 604_800_000 : unit === 'd' ? 86_400_000 : unit === 'h' ? 3_600_000 : 60_000);
  return ms > 0 && Number.isFinite(ms) ? ms : null;
}

/** `--since 36h`, `2d`, `1w`, `90m`: the period ending now; null for no duration or one over SINCE_MAX_MS. */
export function sincePeriod(now: Date, duration: string): Period | null {
  const ms = sinceDuration(duration);
  if (ms === null || ms > SINCE_MAX_MS) return null;
  // Minutes in the key: the same command run twice within a minute is the same digest (never sent twice). Rounded
  // up, so that a post received this very minute is in it.
  const to = new Date(Math.ceil(now.getTime() / 60_000) * 60_000);
  const from = new Date(to.getTime() - ms);
  return { cadence: 'since', from, to, key: `since-${from.toISOString().slice(0, 16)}-${to.toISOString().slice(0, 16)}`.replace(/:/g, '') };
}

/**
 * A `--since` digest keyed by what it covers — its posts (inbound ids) —, not by the window asked for: run again a minute
 * later (the window moved) with nothing new, it is the same digest, found again, sent to nobody twice; with new posts,
 * the digest of those. The window stays for the words (« du … au … »).
 */
export function coveringPeriod(period: Period, postIds: readonly number[]): Period {
  const ids = [...new Set(postIds)].sort((a, b) => a - b);
  const digest = createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 16);
  return { ...period, key: `since-p${ids.length}-${digest}` };
}

/** The window of a `--since` key written before coveringPeriod (`since-2026-11-28T1336-2026-12-02T1336`), UTC. */
export function windowOfKey(key: string): { from: Date; to: Date } | null {
  const m = /^since-(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})-(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})$/.exec(key);
  if (!m) return null;
  return { from: new Date(`${m[1]}T${m[2]}:${m[3]}:00Z`), to: new Date(`${m[4]}T${m[5]}:${m[6]}:00Z`) };
}

/** Cron weekday (0 Sunday … 6 Saturday) of an ISO weekday. */
export function cronWeekday(isoDay: number): number {
  return isoDay % 7;
}
