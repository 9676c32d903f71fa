/**
 * `events create --date` in the past, as an audit of the CLI found it accepted without a word while `announce` later
 * refuses the event: created all the same (organizers record past meetups, exit 0), with a warning on stderr at once
 * that says what `announce` will do and how to correct a mistyped date. On PostgreSQL (a schema of its own).
 */
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../support/cli-store.ts';

const cli = useCliStore('events-past', 'evp');

describe('events create in the past', { timeout: 400_000 }, () => {
  it('creates the event (exit 0) and warns on stderr that announce will refuse it', async () => {
    const r = await cli.crieur('events', 'create', '--date', '2020-01-01', '--venue', 'Archives', '--json');
    expect(r.code, r.stderr).toBe(0);
    const ev = JSON.parse(r.stdout) as { id: number };
    expect(await cli.store.events.get(ev.id)).not.toBeNull();
    expect(r.stderr).toMatch(new RegExp(`warning: event ${ev.id} is on 2020-01-01, in the past: .*crieur announce refuses it`));
    expect(r.stderr).toContain(`crieur events update ${ev.id} --date`);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
    const future = await cli.crieur('events', 'create', '--date', '2031-06-01', '--venue', 'Plus tard');
    expect(future.code, future.stderr).toBe(0);
    expect(future.stderr).not.toMatch(/in the past/);
    // Moved into the past by `events update --date`: the same warning.
    const { id } = JSON.parse((await cli.crieur('events', 'create', '--date', '2031-07-01', '--venue', 'Là', '--json')).stdout) as { id: number };
    const moved = await cli.crieur('events', 'update', String(id), '--date', '2019-05-05');
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stderr).toMatch(new RegExp(`warning: event ${id} is on 2019-05-05, in the past`));
  });
});

// A local time Paris skips (tests/cli/event-date.test.ts): was stored silently as the hour after.
describe('events create|update --date at a time the clocks skip', { timeout: 400_000 }, () => {
  it('refuses it (exit 64, one line: the gap and the fix) and creates nothing; the night they go back is taken', async () => {
    const before = (await cli.store.events.list()).length;
    const r = await cli.crieur('events', 'create', '--date', '2027-03-28T02:30', '--venue', 'Printemps');
    expect(r.code, r.stderr).toBe(64);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('02:30 does not exist on 2027-03-28 in Europe/Paris (the clocks go forward from 02:00 to 03:00 that night): give 03:30');
    expect((await cli.store.events.list()).length).toBe(before);
    const autumn = await cli.crieur('events', 'create', '--date', '2031-10-26T02:30', '--venue', 'Automne', '--json');
    expect(autumn.code, autumn.stderr).toBe(0);
    const { id, date } = JSON.parse(autumn.stdout) as { id: number; date: string };
    expect(date).toBe('2031-10-26T01:30:00.000Z');
    const moved = await cli.crieur('events', 'update', String(id), '--date', '2032-03-28T02:15');
    expect(moved.code, moved.stderr).toBe(64);
    expect(moved.stderr).toContain('give 03:15');
  });
});
