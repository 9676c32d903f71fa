/**
 * `crieur events schedule EVENT REF` from a shell, on PostgreSQL (a schema of its own) and Redis (a prefix of its own):
 * it is the organizers' `schedule` decision, as `crieur proposals decide REF schedule DATE` — refused from a state the
 * transition table does not allow (received, waitlisted: exit 65, nothing changed), audited as the local operator,
 * the speaker's mail queued in the outbox — and still puts the proposal on the programme, last. An EVENT that is no
 * day on the calendar (2027-02-30) is a usage error (64) in one line, never a database error. `proposals list/show
 * --json` give the proposal's `event` as the event's id, a number, as `events list --json` gives it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCrieur } from '../support/crieur-process.ts';
import { useCliStore } from '../support/cli-store.ts';
import { operatorName } from '../../src/cli/commands/decide.ts';

const cli = useCliStore('events-schedule', 'evs');
const { crieur, file } = cli;

describe('crieur events schedule', { timeout: 400_000 }, () => {
  it('refuses a proposal the transition table does not let be scheduled (received, waitlisted) as decide does: exit 65, nothing changed', async () => {
    const ev = await cli.store.events.create({ date: new Date('2027-01-28T18:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de janvier' });
    const received = await file('Reçue seulement', 'recue@example.fr');
    const waitlisted = await file('En attente', 'attente@example.fr');
    expect((await crieur('proposals', 'decide', waitlisted, 'waitlist')).code).toBe(0);

    for (const ref of [received, waitlisted]) {
      const before = await cli.store.proposals.get(ref);
      const r = await crieur('events', 'schedule', String(ev.id), ref);
      expect(r.code, r.stderr).toBe(65);
      const decided = await crieur('proposals', 'decide', ref, 'schedule', '2027-01-28');
      expect(decided.code).toBe(65);
      // The same refusal in one line, but for the way to overrule: each names the shell command that does it from where
      // the user is — not « override programmer », a mail's line `events schedule` does not take (audit).
      const hint = (e: string) => /\(« (crieur proposals decide [^»]+) » pour revenir sur la décision\)\.\n$/.exec(e)?.[1];
      expect(hint(r.stderr)).toBe(`crieur proposals decide ${ref} override programmer événement ${ev.id}`);
      expect(hint(decided.stderr)).toBe(`crieur proposals decide ${ref} override programmer 2027-01-28`);
      expect(r.stderr.replace(/\(« [^»]+ »/, '')).toBe(decided.stderr.replace(/\(« [^»]+ »/, ''));
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/« programmer »/);
      const after = (await cli.store.proposals.get(ref))!;
      expect(after.status).toBe(before!.status);
      expect(after.event).toBeNull();
    }
    expect((await cli.store.events.get(ev.id))!.programme).toEqual([]);
    // The command the hint names is one the shell takes: it schedules the proposal on that very event.
    const r = await crieur('events', 'schedule', String(ev.id), received);
    const said = /« crieur (proposals decide [^»]+) »/.exec(r.stderr)![1]!.split(' ');
    const over = await crieur(...said);
    expect(over.code, over.stderr).toBe(0);
    expect((await cli.store.proposals.get(received))).toMatchObject({ status: 'scheduled', event: String(ev.id) });
  });

  it('schedules an accepted proposal as decide does: audited as the operator, the speaker mail queued, last on the programme', async () => {
    const ev = await cli.store.events.create({ date: new Date('2027-02-25T18:00:00Z'), venue: 'Chez Data Bene' });
    const first = await file('Premier', 'premier@example.fr');
    const talk = await file('Partitionnement', 'jeanne@example.fr');
    for (const ref of [first, talk]) expect((await crieur('proposals', 'decide', ref, 'accept')).code).toBe(0);
    expect((await crieur('events', 'schedule', '2027-02-25', first)).code).toBe(0);

    const r = await crieur('events', 'schedule', String(ev.id), talk);
    expect(r.code, r.stderr).toBe(0);
    // In the group's locale (fr here), as decide answers and as this command's refusals already were (audit).
    expect(r.stdout).toMatch(new RegExp(`^${talk} programmée à la rencontre ${ev.id} \\(jeudi 25 février 2027 à 19h00 — Chez Data Bene \\(2 au programme\\)\\), position 2 \\(\\d+ courriels? en file d’envoi\\)\\n$`));
    expect((await cli.store.events.get(ev.id))!.programme).toEqual([first, talk]);
    const p = (await cli.store.proposals.get(talk))!;
    expect(p).toMatchObject({ status: 'scheduled', event: String(ev.id) });

    const history = await cli.store.proposals.history(talk);
    const accepted = history.find((h) => h.action === 'status:accepted')!;
    const scheduled = history.find((h) => h.action === 'status:scheduled')!;
    expect(scheduled.actor).toBe(operatorName());
    expect(scheduled.actor).toBe(accepted.actor);
    expect(scheduled.actor).not.toBe('cli');
    expect(scheduled.detail).toMatchObject({ via: 'schedule', event: ev.id });
    // The speaker's "scheduled" mail, queued in the outbox (or held, with decisions.hold), audited on the proposal.
    const mails = history.filter((h) => h.action === 'mail-queued' || h.action === 'mail-held').map((h) => h.detail as { purpose: string; to: string; key: string });
    expect(mails).toContainEqual(expect.objectContaining({ purpose: 'command-result', to: 'jeanne@example.fr', key: expect.stringMatching(new RegExp(`^${talk}/scheduled/cli-`)) }));
  });

  it('answers in the group\'s locale as decide does (audit: English in a French group), in English in an English one', async () => {
    const ev = await cli.store.events.create({ date: new Date('2027-03-25T18:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de mars' });
    // No such proposal: decide's own line, word for word, with where the refs are (it named no fix).
    const none = await crieur('events', 'schedule', String(ev.id), 'P-0999');
    expect(none.code).toBe(65);
    expect(none.stderr).toBe((await crieur('proposals', 'decide', 'P-0999', 'accept')).stderr);
    expect(none.stderr).toBe('crieur: aucune proposition P-0999 (voir crieur proposals list)\n');
    const fr = await file('En français', 'fr@example.fr');
    expect((await crieur('proposals', 'decide', fr, 'accept')).code).toBe(0);
    const r = await crieur('events', 'schedule', String(ev.id), fr);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${fr} programmée à la rencontre ${ev.id} \\(jeudi 25 mars 2027 à 19h00 — Chez Dalibo — Meetup de mars \\(1 au programme\\)\\), position 1 \\(\\d+ courriels? en file d’envoi\\)\\n$`));
    expect(r.stdout).not.toMatch(/scheduled|queued/);

    const en = cli.box.writeConfig({ ...(parse(readFileSync(cli.configFile, 'utf8')) as { group: object }), group: { name: 'PG Users', locale: 'en', timezone: 'Europe/Paris' } }, 'en.yaml');
    const talk = await file('In English', 'en@example.org');
    const run = (...args: string[]) => runCrieur([...args, '--config', en], { dir: cli.box.dir, timeoutMs: 120_000 });
    expect((await run('proposals', 'decide', talk, 'accept')).code).toBe(0);
    const e = await run('events', 'schedule', String(ev.id), talk);
    expect(e.code, e.stderr).toBe(0);
    expect(e.stdout).toMatch(new RegExp(`^${talk} scheduled on event ${ev.id} \\(Thursday, March 25, 2027 at 7:00 PM — Chez Dalibo — Meetup de mars \\(2 on the programme\\)\\), position 2 \\(\\d+ mails? queued\\)\\n$`));
    expect((await run('events', 'schedule', String(ev.id), 'P-0999')).stderr).toBe('crieur: no proposal P-0999 (see crieur proposals list)\n');
  });

  it.each([
    [['events', 'schedule', '2027-02-30', 'P-0001']],
    [['events', 'schedule', '2027-13-45', 'P-0001']],
    [['events', 'show', '2027-02-30']],
    [['events', 'unschedule', '2027-02-31', 'P-0001']],
    // announce took EVENT to the database as it was: « date/time field value out of range: "2027-02-30" », exit 1.
    [['announce', '2027-02-30', '--dry-run']],
    [['announce', '2027-02-30']],
  ])('%j: an impossible calendar date is a usage error (64) in one human line', async (args) => {
    const r = await crieur(...args);
    expect(r.code, r.stderr).toBe(64);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^crieur: event \d{4}-\d{2}-\d{2}: no such day on the calendar/);
    expect(r.stderr).not.toMatch(/out of range|date\/time|verbose/);
  });

  // Neither an id nor a day (a typo, an event's title, E-1): it was looked up as a date and said « no event nonsense »,
  // 65 — the code for data that does not resolve, not for a command typed wrong.
  it.each([
    [['events', 'show', 'nonsense']],
    [['events', 'schedule', 'mars', 'P-0001']],
    [['events', 'unschedule', '12/03/2027', 'P-0001']],
    [['events', 'update', '2027-3-9', '--venue', 'X']],
    [['announce', 'E-1', '--dry-run']],
  ])('%j: an EVENT that is neither an id nor YYYY-MM-DD is a usage error (64) in one human line', async (args) => {
    const r = await crieur(...args);
    expect(r.code, r.stderr).toBe(64);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^crieur: event ".+": neither an event id nor a date \(EVENT is an id or a date YYYY-MM-DD/)]);
  });
});

describe('proposals list/show --json: event', { timeout: 400_000 }, () => {
  it('is the event\'s id as a number, as events list --json gives it; null on no programme; nothing else changes', async () => {
    const ev = await cli.store.events.create({ date: new Date('2027-03-25T18:00:00Z'), venue: 'Ailleurs' });
    const on = await file('Au programme', 'on@example.fr');
    const off = await file('Hors programme', 'off@example.fr');
    expect((await crieur('proposals', 'decide', on, 'accept')).code).toBe(0);
    expect((await crieur('events', 'schedule', String(ev.id), on)).code).toBe(0);

    const events = JSON.parse((await crieur('events', 'list', '--json')).stdout) as { id: number }[];
    const listed = JSON.parse((await crieur('proposals', 'list', '--json')).stdout) as Record<string, unknown>[];
    const mine = listed.find((p) => p.ref === on)!;
    expect(mine.event).toBe(ev.id);
    expect(events.some((e) => e.id === mine.event)).toBe(true);
    expect(listed.find((p) => p.ref === off)!.event).toBeNull();
    // SPEC: {ref, status, format, title, durationMinutes, language, speakers, receivedAt, event}
    for (const p of listed) expect(Object.keys(p)).toEqual(['ref', 'status', 'format', 'title', 'durationMinutes', 'language', 'speakers', 'receivedAt', 'event']);
    for (const p of listed) expect(p.event === null || typeof p.event === 'number').toBe(true);

    const shown = JSON.parse((await crieur('proposals', 'show', on, '--json')).stdout) as Record<string, unknown>;
    expect(shown.event).toBe(ev.id);
    expect(Object.keys(shown)).toEqual(['ref', 'status', 'format', 'title', 'durationMinutes', 'language', 'speakers', 'receivedAt', 'event', 'abstract', 'attachments', 'history']);
    expect(shown).toMatchObject({ ref: on, status: 'scheduled', title: 'Au programme' });
    expect(JSON.parse((await crieur('proposals', 'show', off, '--json')).stdout)).toMatchObject({ ref: off, event: null });
  });
});
