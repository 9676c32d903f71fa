/**
 * The decision state machine end to end (audit P): Dovecot, Redis, the workers, PostgreSQL and an SMTP listener, with
 * command mails answering crieur's (a token in the address, as a mail client's reply carries it). What a transition
 * leaves behind besides the status: the event's programme, the speaker mails held by decisions.hold.
 */
import { describe, expect, it } from 'vitest';
import { mintToken } from '../../src/core/tokens.ts';
import { buildMail, TEST_SECRET, useLiveImap, waitFor, type LiveImap } from '../support/pipeline.ts';
import { readMail } from '../../src/adapters/mailparser.ts';
import { causedTo, DIM, fileProposal, JEAN, ORGA2, send } from '../support/commands.ts';

/** A reply to crieur's mail about `ref`, by an organizer (`who`) or the speaker, with the token of that role. */
function replier(live: LiveImap) {
  const answer = (from: string, token: string, body: string) =>
    send(live, buildMail({ from, to: `talks+${token}@pgug.example.org`, subject: 'Re: [P] Votre proposition', body: `${body}\n\nLe lun. 30 nov. 2026 à 10:02, PostgreSQL Paris a écrit :\n> …\n` }));
  return {
    organizer: (ref: string, body: string, who = DIM) => answer(who, mintToken(TEST_SECRET, { purpose: 'organizer', ref }, who, new Date()), body),
    speaker: (ref: string, body: string) => answer(`Jean Dupont <${JEAN}>`, mintToken(TEST_SECRET, { purpose: 'speaker', ref }, JEAN, new Date()), body),
  };
}

describe('the decision state machine (postgres)', () => {
  const live = useLiveImap('postgres', { overrides: { limits: { acksPerSenderPerDay: 1000 }, events: { defaults: { time: '19:00', venue: 'Chez Dalibo', title: 'Meetup' } } } });
  const reply = replier(live);
  let n = 0;
  const file = async () => (await fileProposal(live, `Machine à états ${++n}`)).ref;

  it.each([
    ['override refuser plus de place', 'declined'],
    ['override attente', 'waitlisted'],
    ['override accepter', 'accepted'],
  ])('a scheduled talk overruled with « %s » (%s) leaves the event’s programme: it is not announced there any more', async (body, to) => {
    const ref = await file();
    await reply.organizer(ref, 'accepter');
    await reply.organizer(ref, 'programmer 2027-03-25');
    const scheduled = (await live.p.store.proposals.get(ref))!;
    expect(scheduled.status).toBe('scheduled');
    const event = Number(scheduled.event);
    expect((await live.p.store.events.get(event))!.programme).toContain(ref);
    const sequence = (await live.p.store.events.get(event))!.sequence;

    const inbound = await reply.organizer(ref, body);
    const p = (await live.p.store.proposals.get(ref))!;
    expect(p.status).toBe(to);
    expect(p.event).toBeNull();
    const ev = (await live.p.store.events.get(event))!;
    expect(ev.programme).not.toContain(ref);
    // the programme changed: the event's sequence moves (an announced event's update, its .ics)
    expect(ev.sequence).toBeGreaterThan(sequence);
    expect((await live.p.store.proposals.history(ref)).find((h) => h.messageId === inbound.id && h.action === `status:${to}`)?.detail).toMatchObject({ from: 'scheduled', override: true });
    expect((await causedTo(live, inbound.id, JEAN)).length).toBe(1);
  });

  it('a scheduled talk its speaker withdraws leaves the event’s programme, in the status change’s own transaction', async () => {
    const ref = await file();
    await reply.organizer(ref, 'accepter');
    await reply.organizer(ref, 'programmer 2027-03-25');
    const event = Number((await live.p.store.proposals.get(ref))!.event);
    const sequence = (await live.p.store.events.get(event))!.sequence;
    await reply.speaker(ref, 'retirer');
    const p = (await live.p.store.proposals.get(ref))!;
    expect(p.status).toBe('withdrawn');
    expect(p.event).toBeNull();
    const ev = (await live.p.store.events.get(event))!;
    expect(ev.programme).not.toContain(ref);
    expect(ev.sequence).toBeGreaterThan(sequence);
  });

  /** The transcript answering inbound `id`, as queued (its text). */
  const transcriptOf = async (id: number, to: string) => {
    const rows = await live.p.db.query<{ raw: Buffer }>(`SELECT raw FROM outbox WHERE cause_message_id = $1 AND recipient = $2 AND subject_ref LIKE '%/transcript'`, [id, to]);
    expect(rows).toHaveLength(1);
    return (await readMail(Buffer.from(rows[0]!.raw))).text ?? '';
  };

  it('a speaker’s correction of a withdrawn proposal is refused in the transcript, which said nothing at all', async () => {
    const ref = await file();
    await reply.speaker(ref, 'retirer');
    const inbound = await reply.speaker(ref, 'Titre : Un titre tout neuf\nDurée : 20 min');
    expect((await live.p.store.proposals.get(ref))!).toMatchObject({ status: 'withdrawn', durationMinutes: 30 });
    const t = await transcriptOf(inbound.id, JEAN);
    expect(t).toMatch(/\[refusé\] +Titre : … \/ Durée : …/);
    expect(t).toContain(`${ref} est retirée : elle ne peut plus être corrigée.`);
    for (const o of [DIM, ORGA2]) expect(await causedTo(live, inbound.id, o)).toEqual([]);
  });

  it('a speaker confirming again once scheduled (confirmed before): said to be confirmed already; the organizers are not told twice', async () => {
    const ref = await file();
    await reply.organizer(ref, 'accepter');
    const first = await reply.speaker(ref, 'confirmer');
    expect((await causedTo(live, first.id, DIM)).map((r) => r.purpose)).toEqual(['notify-organizer']);
    await reply.organizer(ref, 'programmer 2027-06-24');
    // a new mail (another Date), not a copy of the first
    await new Promise((r) => setTimeout(r, 1_100));
    const again = await reply.speaker(ref, 'confirmer');
    expect((await live.p.store.proposals.get(ref))!.status).toBe('scheduled');
    for (const o of [DIM, ORGA2]) expect(await causedTo(live, again.id, o)).toEqual([]);
    expect(await transcriptOf(again.id, JEAN)).toContain(`${ref} était déjà confirmée.`);
  });

  // Audit Y: the second was answered « [refusé] P-… est confirmée (par …) : « confirmer » n’est pas possible dans cet état ».
  it('a speaker confirming twice (confirmed, not yet scheduled): said to be confirmed already; the organizers are not told twice', async () => {
    const ref = await file();
    await reply.organizer(ref, 'accepter');
    await reply.speaker(ref, 'confirmer');
    await new Promise((r) => setTimeout(r, 1_100)); // a new mail (another Date), not a copy of the first
    const again = await reply.speaker(ref, 'Je confirme');
    expect((await live.p.store.proposals.get(ref))!.status).toBe('confirmed');
    for (const o of [DIM, ORGA2]) expect(await causedTo(live, again.id, o)).toEqual([]);
    const t = await transcriptOf(again.id, JEAN);
    expect(t).toContain(`${ref} était déjà confirmée.`);
    expect(t).not.toContain('[refusé]');
  });

  it('an organizer confirming a scheduled talk for its speaker gets his transcript, not also an update of his own act; the other organizer is told', async () => {
    const ref = await file();
    await reply.organizer(ref, 'accepter');
    await reply.organizer(ref, 'programmer 2027-06-24');
    const inbound = await reply.organizer(ref, 'confirmer');
    expect((await causedTo(live, inbound.id, DIM)).map((r) => r.subjectRef)).toEqual([`m${inbound.id}/transcript`]);
    expect((await causedTo(live, inbound.id, ORGA2)).map((r) => r.purpose)).toEqual(['notify-organizer']);
    expect(await transcriptOf(inbound.id, DIM)).toContain('confirmation enregistrée');
  });

  it('« programmer événement N » for a meetup already past is refused as a past date is: no programme, no speaker mail', async () => {
    const ref = await file();
    await reply.organizer(ref, 'accepter');
    const past = await live.p.store.events.create({ date: new Date(Date.now() - 10 * 86_400_000), venue: 'Archives', title: null });
    const inbound = await reply.organizer(ref, `programmer événement ${past.id}`);
    expect((await live.p.store.proposals.get(ref))!).toMatchObject({ status: 'accepted', event: null });
    expect((await live.p.store.events.get(past.id))!.programme).toEqual([]);
    expect(await causedTo(live, inbound.id, JEAN)).toEqual([]);
    expect(await transcriptOf(inbound.id, DIM)).toMatch(/\[refusé\][\s\S]*cette date est passée \(compris : /);
  });

  // Audit Y: the first acceptance's reminder job, finished, kept its id, and the second acceptance's was a no-op.
  it('accepted again after its first reminder went (« override attente », « override accepter »): a reminder for the second acceptance too', async () => {
    const ref = await file();
    await reply.organizer(ref, 'accepter');
    const remind = () => live.p.running.context.dispatcher.queue('remind').getJob(`remind-${Number(ref.slice(2))}`);
    const reminders = async () => (await live.p.db.query<{ subject_ref: string }>(`SELECT subject_ref FROM outbox WHERE recipient = $1 AND subject_ref LIKE $2`, [JEAN, `${ref}/reminder/%`])).length;
    const first = await waitFor(remind, 'the first reminder', 30_000);
    await first.promote();
    await waitFor(async () => ((await reminders()) === 1 ? true : null), 'the first reminder sent', 30_000);
    await reply.organizer(ref, 'override attente');
    await reply.organizer(ref, 'override accepter');
    const second = await waitFor(async () => ((await (await remind())?.getState()) === 'delayed' ? remind() : null), 'a reminder for the second acceptance', 30_000);
    await second.promote();
    await waitFor(async () => ((await reminders()) === 2 ? true : null), 'the second reminder sent', 30_000);
  });

  // Audit Y: nothing ever set `presented` — a talk of last month's meetup stayed scheduled, and its speaker's « retirer »
  // took it off that past programme.
  it('a scheduled talk whose meetup has been held becomes presented (history by crieur), stays on its programme, and can no longer be withdrawn', async () => {
    const ref = await file();
    await reply.organizer(ref, 'accepter');
    await reply.organizer(ref, 'programmer 2027-10-14');
    const event = Number((await live.p.store.proposals.get(ref))!.event);
    // still to come: the sweep leaves it
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await live.p.store.proposals.get(ref))!.status).toBe('scheduled');
    // the meetup was held two days ago (as if the calendar had run)
    await live.p.store.events.update(event, { date: new Date(Date.now() - 2 * 86_400_000) });
    await waitFor(async () => ((await live.p.store.proposals.get(ref))!.status === 'presented' ? true : null), 'the talk marked presented', 30_000);
    const entry = (await live.p.store.proposals.history(ref)).find((h) => h.action === 'status:presented');
    expect(entry).toMatchObject({ actor: 'crieur', detail: expect.objectContaining({ from: 'scheduled', event }) });
    expect((await live.p.store.events.get(event))!.programme).toContain(ref);
    const late = await reply.speaker(ref, 'retirer');
    expect((await live.p.store.proposals.get(ref))!.status).toBe('presented');
    expect(await transcriptOf(late.id, JEAN)).toContain('[refusé]');
  });

  it('rescheduling keeps the talk on a programme: the new event’s', async () => {
    const ref = await file();
    await reply.organizer(ref, 'accepter');
    await reply.organizer(ref, 'programmer 2027-04-22');
    const first = Number((await live.p.store.proposals.get(ref))!.event);
    await reply.organizer(ref, 'programmer 2027-05-27');
    const p = (await live.p.store.proposals.get(ref))!;
    expect(p.status).toBe('scheduled');
    expect(Number(p.event)).not.toBe(first);
    expect((await live.p.store.events.get(first))!.programme).not.toContain(ref);
    expect((await live.p.store.events.get(Number(p.event)))!.programme).toContain(ref);
  });
});

describe('decisions.hold: what the speaker is told on release (postgres)', () => {
  const live = useLiveImap('postgres', { overrides: { limits: { acksPerSenderPerDay: 1000 }, decisions: { hold: true } } });
  const reply = replier(live);
  let n = 0;
  const file = async () => (await fileProposal(live, `Retenue ${++n}`)).ref;
  /** The decision mails the speaker has been sent (or has queued) about `ref`, by kind: accepted, declined… */
  const told = async (ref: string) =>
    (await live.p.db.query<{ subject_ref: string }>(`SELECT subject_ref FROM outbox WHERE recipient = $1 AND subject_ref LIKE $2 ORDER BY id`, [JEAN, `${ref}/%`])).map((r) => r.subject_ref.split('/'))
      .filter((k) => k.length > 2) // not the acknowledgement (`P-0001/m12`)
      .map((k) => k[1]);

  it('a decision overruled inside the hold window (« accepter », then « override refuser ») is not sent: the speaker gets the final word only', async () => {
    const a = await file();
    await reply.organizer(a, 'attente');
    await reply.organizer(a, 'accepter');
    const overruled = await reply.organizer(a, 'override refuser trop proche du talk de mars');
    const b = await file();
    await reply.organizer(b, 'accepter');
    await reply.speaker(b, 'retirer');
    const c = await file();
    await reply.organizer(c, 'attente');
    await reply.organizer(c, 'accepter');
    await reply.organizer(a, 'release');
    expect(await told(a)).toEqual(['declined']);
    // withdrawn before the organizers released their acceptance: nothing about it reaches the speaker
    expect(await told(b)).toEqual([]);
    // no decision overruled: each step is sent, in order
    expect(await told(c)).toEqual(['waitlisted', 'accepted']);
    // both in one mail: the acceptance this very mail held is dropped too (it was held with the decline)
    const d = await file();
    await reply.organizer(d, 'accepter\noverride refuser finalement non');
    await reply.organizer(d, 'release');
    expect(await told(d)).toEqual(['declined']);
    const dropped = (await live.p.store.proposals.history(a)).find((h) => h.messageId === overruled.id && h.action === 'status:declined');
    expect(dropped?.detail).toMatchObject({ override: true, dropped: [expect.stringMatching(new RegExp(`^${a}/waitlisted/`)), expect.stringMatching(new RegExp(`^${a}/accepted/`))] });
  });

  // Audit Y: the reminder set at the acceptance fired while the acceptance itself was still held, and the speaker's
  // first word of it was « Rappel — action requise : confirmez votre intervention ».
  it('a reminder due while the acceptance is still held is not sent; the release sends the acceptance and sets the reminder again, from then', async () => {
    const ref = await file();
    await reply.organizer(ref, 'accepter');
    const remind = () => live.p.running.context.dispatcher.queue('remind').getJob(`remind-${Number(ref.slice(2))}`);
    const first = await waitFor(remind, 'the reminder set at the acceptance', 30_000);
    await first.promote();
    await waitFor(async () => ((await first.getState()) === 'completed' ? true : null), 'the reminder job to run', 30_000);
    expect(await told(ref)).toEqual([]);
    await reply.organizer(ref, 'release');
    await waitFor(async () => ((await told(ref)).length > 0 ? true : null), 'the released acceptance', 30_000);
    expect(await told(ref)).toEqual(['accepted']);
    const again = await waitFor(async () => ((await (await remind())?.getState()) === 'delayed' ? remind() : null), 'the reminder set again at the release', 30_000);
    expect(again.opts.delay).toBe(5 * 86_400_000);
    await again.promote();
    await waitFor(async () => ((await told(ref)).includes('reminder') ? true : null), 'the reminder after the release', 30_000);
    expect(await told(ref)).toEqual(['accepted', 'reminder']);
  });
});
