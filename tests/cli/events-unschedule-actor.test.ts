/**
 * `crieur events unschedule` put the talk back to accepted in the history as done by « cli » (contract audit of the
 * CLI): who took it off the programme was lost, where `events schedule` and `proposals decide` record the operator,
 * $USER@host. On PostgreSQL (a schema of its own).
 */
import { describe, expect, it } from 'vitest';
import { operatorName } from '../../src/cli/commands/decide.ts';
import { useCliStore } from '../support/cli-store.ts';

const cli = useCliStore('events-unschedule-actor', 'eua');
const { crieur, file } = cli;

describe('crieur events unschedule', { timeout: 300_000 }, () => {
  it('records the operator who took the talk off, not « cli »', async () => {
    const ev = await cli.store.events.create({ date: new Date('2027-05-27T17:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de mai' });
    const ref = await file('Partitionnement', 'jeanne@example.fr');
    expect((await crieur('proposals', 'decide', ref, 'accept')).code).toBe(0);
    expect((await crieur('events', 'schedule', String(ev.id), ref)).code).toBe(0);
    const off = await crieur('events', 'unschedule', String(ev.id), ref);
    expect(off.code, off.stderr).toBe(0);
    expect((await cli.store.proposals.get(ref))!.status).toBe('accepted');
    const back = (await cli.store.proposals.history(ref)).filter((h) => h.action === 'status:accepted').at(-1);
    expect(back?.actor).toBe(operatorName());
  });
});
