/**
 * Scheduling a talk on the programme it is already on (`crieur events schedule` run again, `proposals decide REF
 * schedule DATE` for its own day, an organizer's reply sent twice) changes nothing and mails nobody: an audit found the
 * speaker mailed « programmée » and the organizers an FYI once more each time. Moving it to another event still does
 * both, and `override schedule` still tells the speaker again. On PostgreSQL (a schema of its own).
 */
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../support/cli-store.ts';

const cli = useCliStore('events-schedule-again', 'esa');
const { crieur, file } = cli;

async function mailsQueued(ref: string): Promise<number> {
  return (await cli.store.proposals.history(ref)).filter((h) => h.action === 'mail-queued' || h.action === 'mail-held').length;
}

describe('crieur events schedule, again on the same event', { timeout: 400_000 }, () => {
  it('says it is already there and queues nothing; another event or override still mails', async () => {
    const ev = await cli.store.events.create({ date: new Date('2027-05-27T17:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de mai' });
    const other = await cli.store.events.create({ date: new Date('2027-06-24T17:00:00Z'), venue: 'Chez Data Bene', title: 'Meetup de juin' });
    const ref = await file('Partitionnement', 'jeanne@example.fr');
    expect((await crieur('proposals', 'decide', ref, 'accept')).code).toBe(0);
    const first = await crieur('events', 'schedule', String(ev.id), ref);
    expect(first.code, first.stderr).toBe(0);
    const queued = await mailsQueued(ref);
    const steps = (await cli.store.proposals.history(ref)).length;
    const sequence = (await cli.store.events.get(ev.id))!.sequence;

    const again = await crieur('events', 'schedule', String(ev.id), ref);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`^${ref} est déjà au programme de la rencontre ${ev.id} \\(.*\\), position 1 : rien n’a changé, aucun courriel\\n$`));
    const byDate = await crieur('proposals', 'decide', ref, 'schedule', '2027-05-27');
    expect(byDate.code, byDate.stderr).toBe(0);
    expect(byDate.stdout).toMatch(new RegExp(`${ref} était déjà programmée`));
    expect(await mailsQueued(ref)).toBe(queued);
    expect((await cli.store.proposals.history(ref)).length).toBe(steps);
    expect((await cli.store.events.get(ev.id))!.sequence).toBe(sequence);
    expect((await cli.store.events.get(ev.id))!.programme).toEqual([ref]);

    // Moved: the speaker is told the new date.
    expect((await crieur('events', 'schedule', String(other.id), ref)).code).toBe(0);
    expect(await mailsQueued(ref)).toBeGreaterThan(queued);
    expect((await cli.store.events.get(other.id))!.programme).toEqual([ref]);
    // override: told again on purpose.
    const told = await mailsQueued(ref);
    const forced = await crieur('proposals', 'decide', ref, 'override', 'schedule', '2027-06-24');
    expect(forced.code, forced.stderr).toBe(0);
    expect(await mailsQueued(ref)).toBeGreaterThan(told);
  });

  it('after the event moved (events update --date or --venue), scheduling again tells the speaker the new day', async () => {
    const ev = await cli.store.events.create({ date: new Date('2027-09-23T17:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de septembre' });
    const ref = await file('Réplication logique', 'paul@example.fr');
    expect((await crieur('proposals', 'decide', ref, 'accept')).code).toBe(0);
    expect((await crieur('events', 'schedule', String(ev.id), ref)).code).toBe(0);
    const queued = await mailsQueued(ref);

    const moved = await crieur('events', 'update', String(ev.id), '--date', '2027-09-30T19:00');
    expect(moved.code, moved.stderr).toBe(0);
    const again = await crieur('events', 'schedule', String(ev.id), ref);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toMatch(/déjà/);
    expect(await mailsQueued(ref)).toBeGreaterThan(queued);
    // Told the new day: a second schedule for it is the no-op again.
    const told = await mailsQueued(ref);
    expect((await crieur('events', 'schedule', String(ev.id), ref)).stdout).toMatch(/déjà au programme/);
    expect(await mailsQueued(ref)).toBe(told);

    expect((await crieur('events', 'update', String(ev.id), '--venue', 'Chez Data Bene')).code).toBe(0);
    expect((await crieur('events', 'schedule', String(ev.id), ref)).stdout).not.toMatch(/déjà/);
    expect(await mailsQueued(ref)).toBeGreaterThan(told);
  });
});
