/**
 * A speaker answers the reminder of their coming talk (reminders.beforeEventDays, « Si quelque chose a changé,
 * répondez à ce message »), end to end: Dovecot, Redis, PostgreSQL, the workers — the recovery sweep starts the
 * reminder at J-6, the campaign worker sends it to an SMTP listener, the speaker's reply is APPENDed to the watched
 * inbox. The speaker's copy carries their reply token for their talk (Reply-To, Message-ID), as the acknowledgement
 * does: prose is threaded on the proposal and relayed to the organizers, « retirer » withdraws the talk, and a reply
 * that no token of that speaker's proves does nothing. A member's copy carries no token at all.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMail, sentTo, waitFor, type SentMail } from '../support/pipeline.ts';
import { causedTo, DIM, fileProposal, JEAN, ORGA2, send, type Filed } from '../support/commands.ts';
import { useLiveImap } from '../support/pipeline.ts';
import { findTokens } from '../../src/core/tokens.ts';

const ANNE = 'anne.orateur@example.fr';
const PAUL = 'paul.martin@example.fr';
const MEMBER = 'membre@example.org';
const DAY = 86_400_000;

describe('a speaker replies to the reminder of their talk (postgres)', () => {
  const live = useLiveImap('postgres', { campaigns: true, overrides: { limits: { acksPerSenderPerDay: 1000 } } });
  const talks: Record<string, Filed> = {};
  let eventId = 0;
  const reminders: Record<string, SentMail> = {};

  beforeAll(async () => {
    const { store } = live.p;
    for (const [who, email, title] of [
      ['jean', JEAN, 'Index BRIN en pratique'],
      ['anne', ANNE, 'Partitionnement sans douleur'],
      ['paul', PAUL, 'Sauvegardes incrementales'],
    ] as const) {
      talks[who] = await fileProposal(live, title, email);
      await store.proposals.setStatus(talks[who].ref, 'scheduled', DIM, null);
    }
    await store.subscribers.upsert([{ email: MEMBER, name: 'Membre', language: 'fr', status: 'active', source: 'test' }]);
    // The programme first, far off; then the date moved into J-6's day (the sweep, every second, starts the reminder
    // then — never on an event still without its talks).
    const ev = await store.events.create({ date: new Date(Date.now() + 30 * DAY), venue: 'Chez Dalibo', title: 'Meetup de février' });
    eventId = ev.id;
    for (const t of Object.values(talks)) await store.events.assign(ev.id, t.ref);
    await store.events.update(ev.id, { date: new Date(Date.now() + 6 * DAY - 3_600_000) });
    for (const email of [JEAN, ANNE, PAUL, MEMBER]) {
      reminders[email] = await waitFor(async () => (await sentTo(live.sink, email)).find((m) => m.mail.subject.includes('Rappel')), `reminder to ${email}`, 60_000);
    }
  }, 120_000);

  /** The speaker's answer to their reminder, as a mail client writes it: to its Reply-To, in its thread, quoting it. */
  const replyTo = (reminder: SentMail, from: string, body: string, to = reminder.mail.replyTo[0]?.email ?? reminder.mail.from!.email) =>
    buildMail({
      from,
      to,
      subject: `Re: ${reminder.mail.subject}`,
      body: `${body}\n\nLe ${new Date().toUTCString()}, PostgreSQL Paris a écrit :\n> Petit rappel : vous présentez au prochain meetup`,
      inReplyTo: reminder.mail.messageId!,
      references: reminder.mail.messageId!,
    });

  it('prose (« je suis malade ») is threaded on the proposal, in its history, and relayed to every organizer', { timeout: 60_000 }, async () => {
    const { ref } = talks.jean!;
    const reply = replyTo(reminders[JEAN]!, `Jean Dupont <${JEAN}>`, 'Désolé, je suis malade, je ne pourrai pas venir.');
    const inbound = await send(live, reply);
    expect(inbound.state).toBe('done');
    for (const o of [DIM, ORGA2]) {
      const relayed = await waitFor(async () => (await sentTo(live.sink, o)).find((m) => m.mail.subject.includes(ref) && (m.mail.text ?? '').includes('je suis malade')), `relay to ${o}`, 30_000);
      expect(relayed.mail.text).toContain('Désolé, je suis malade, je ne pourrai pas venir.');
    }
    const history = await live.p.store.proposals.history(ref);
    expect(history.some((h) => h.messageId === inbound.id && /received$/.test(h.action) && h.actor === JEAN)).toBe(true);
  });

  it('« retirer » withdraws the talk, as a reply to the acknowledgement does: off the programme, the organizers told, a transcript', { timeout: 60_000 }, async () => {
    const { ref } = talks.anne!;
    const reply = replyTo(reminders[ANNE]!, `Anne Orateur <${ANNE}>`, 'retirer');
    const inbound = await send(live, reply);
    const p = (await live.p.store.proposals.get(ref))!;
    expect(p.status).toBe('withdrawn');
    expect((await live.p.store.events.get(eventId))!.programme).not.toContain(ref);
    for (const o of [DIM, ORGA2]) await waitFor(async () => (await sentTo(live.sink, o)).find((m) => m.mail.subject.includes(ref) && /retir/i.test(m.mail.subject)), `withdrawal to ${o}`, 30_000);
    const t = await waitFor(async () => (await sentTo(live.sink, ANNE)).find((m) => m.mail.inReplyTo === reply.messageId), 'transcript', 30_000);
    expect(t.mail.text).toContain('[fait]');
    expect((await live.p.store.proposals.history(ref)).some((h) => h.messageId === inbound.id && h.action === 'command-received')).toBe(true);
  });

  it('a reply no token of the speaker proves does nothing; a member’s copy carries none; the speaker’s own reply acts', { timeout: 60_000 }, async () => {
    const { ref } = talks.paul!;
    const paul = reminders[PAUL]!;
    const member = reminders[MEMBER]!;
    // The member's copy: no reply address of crieur's, no token anywhere a reply could carry one back.
    expect(member.mail.replyTo).toEqual([]);
    expect(findTokens(member.mail.messageId ?? '')).toEqual([]);
    // The speaker's: their token for their talk, in Reply-To and in front of the Message-ID.
    const token = findTokens(paul.mail.replyTo[0]?.email ?? '');
    expect(token.map((t) => [t.purpose, t.ref])).toEqual([['speaker', ref]]);
    expect(paul.mail.messageId).toContain(token[0]!.token);

    // From the speaker's address but without the token (to the plain inbox, in a thread of no crieur mail)
    const noToken = buildMail({ from: `Paul Martin <${PAUL}>`, subject: `Re: ${paul.mail.subject}`, body: 'retirer', inReplyTo: '<forged-1@example.fr>' });
    // The speaker's token, from someone else's address (a forwarded reminder)
    const otherSender = replyTo(paul, 'Mallory <mallory@example.net>', 'retirer');
    // A member answering the members' reminder with the words that would act
    const fromMember = replyTo(member, `Membre <${MEMBER}>`, `retirer\n${ref} retirer`);
    for (const m of [noToken, otherSender, fromMember]) {
      const inbound = await send(live, m);
      expect((await live.p.store.proposals.get(ref))!.status).toBe('scheduled');
      for (const o of [DIM, ORGA2]) expect(await causedTo(live, inbound.id, o)).toEqual([]);
    }
    // …while the speaker's own reply to the same reminder acts.
    await send(live, replyTo(paul, `Paul Martin <${PAUL}>`, 'retirer'));
    expect((await live.p.store.proposals.get(ref))!.status).toBe('withdrawn');
  });
});
