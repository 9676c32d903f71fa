/**
 * Organizers decide by replying, end to end through Dovecot, Redis, the workers and an SMTP listener, with replies
 * written by real clients (tests/fixtures/replies: Gmail web and Android, Outlook desktop/web/Mac/iOS HTML-only,
 * Apple Mail, Thunderbird inline, Samsung): accept, decline with a reason, waitlist, schedule, ask, a digest-style
 * mail with three refs, prose that must not act. Each command mail gets one transcript, in its thread.
 */
import { describe, expect, it } from 'vitest';
import { appendRaw, quiet, sentTo, useLiveImap, waitFor, waitSentTo } from '../support/pipeline.ts';
import { commandDeps } from '../../workers/command-deps.ts';
import { remindToConfirm } from '../../src/app/remind.ts';
import { causedTo, DIM, fileProposal, fixtureReply, JEAN, ORGA2, send } from '../support/commands.ts';

describe('organizers decide by email (pglite)', () => {
  const live = useLiveImap('pglite', { overrides: { limits: { acksPerSenderPerDay: 1000 }, commands: { perSenderPerHour: 1000 }, events: { defaults: { time: '19:00', venue: 'Chez Dalibo', title: 'Meetup PostgreSQL' } } } });
  const status = async (ref: string) => (await live.p.store.proposals.get(ref))!.status;
  const transcriptOf = async (inReplyTo: string, email = DIM) => waitFor(async () => (await sentTo(live.sink, email)).find((m) => m.mail.inReplyTo === inReplyTo), `transcript to ${email}`, 30_000);

  it('accept (Gmail, fr): accepted; the speaker is asked to confirm; a transcript in the thread; an FYI to the other organizer; a reminder set', async () => {
    const f = await fileProposal(live, 'Partitionnement déclaratif en production');
    const reply = fixtureReply('01-gmail-web-accept-fr.eml', { ref: f.ref });
    const inbound = await send(live, reply);
    expect(inbound).toMatchObject({ kind: 'command', state: 'done' });
    expect(await status(f.ref)).toBe('accepted');
    const speaker = (await waitSentTo(live.sink, JEAN, 2, 30_000)).find((m) => m.mail.subject.includes('Action requise'))!;
    expect(speaker.mail.subject).toMatch(new RegExp(`^\\[${f.ref}\\] Action requise : confirmez votre intervention`));
    expect(speaker.mail.text!.trim().split('\n')[0]).toMatch(/^ACTION REQUISE : confirmez/);
    const t = await transcriptOf(reply.messageId);
    expect(t.mail.text).toContain('[fait]');
    expect(t.mail.text).toContain(`${f.ref} est maintenant acceptée`);
    expect(t.mail.headers['auto-submitted']?.[0]).toBe('auto-replied');
    const fyi = await waitFor(async () => (await sentTo(live.sink, ORGA2)).find((m) => m.mail.subject.includes('a accepté')), 'FYI', 30_000);
    expect(fyi.mail.subject).toContain(`Dimitri Fontaine a accepté`);
    expect((await causedTo(live, inbound.id, DIM)).map((r) => r.purpose)).toEqual(['command-result']);
    const job = await live.p.running.context.dispatcher.queue('remind').getJob(`remind-${Number(f.ref.slice(2))}`);
    expect(await job?.getState()).toBe('delayed');
    const history = (await live.p.store.proposals.history(f.ref)).map((h) => h.action);
    expect(history).toEqual(expect.arrayContaining(['command-received', 'status:accepted', 'mail-queued']));

    // The reminder, fired now instead of in reminders.confirmAfterDays: one mail while unconfirmed, and a second
    // run of the same job (a restart, a replay) sends nothing more — the outbox key is per acceptance.
    await job!.promote();
    const reminders = async () => (await sentTo(live.sink, JEAN)).filter((m) => m.mail.subject.startsWith(`[${f.ref}] Rappel`));
    await waitFor(async () => ((await reminders()).length === 1 ? true : null), 'reminder to the speaker', 30_000);
    const deps = commandDeps(live.p.running.context.deps);
    expect(await remindToConfirm(deps, Number(f.ref.slice(2)))).toBe('reminded');
    const rows = (await live.p.store.outbox.list()).filter((r) => r.purpose === 'reminder' && r.subjectRef.startsWith(f.ref));
    expect(rows).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await reminders()).toHaveLength(1);
    // Once confirmed, a reminder job that still runs does nothing.
    await live.p.store.proposals.setStatus(f.ref, 'confirmed', JEAN, null);
    expect(await remindToConfirm(deps, Number(f.ref.slice(2)))).toBe('not-needed');
  });

  it('decline with a reason (Gmail, en): declined; the speaker gets it politely with the reason, in French (the proposal was French)', async () => {
    const f = await fileProposal(live, 'BRIN indexes at scale');
    const reply = fixtureReply('02-gmail-web-decline-reason-en.eml', { ref: f.ref });
    await send(live, reply);
    expect(await status(f.ref)).toBe('declined');
    const mail = await waitFor(async () => (await sentTo(live.sink, JEAN)).find((m) => m.mail.subject.includes(f.ref) && m.mail.subject.includes('Réponse')), 'decline mail', 30_000);
    expect(mail.mail.text).toContain('We already have a BRIN talk this season');
    // the other organizers read the reason given in their name (the audit's FYI had none)
    const fyi = await waitFor(async () => (await sentTo(live.sink, ORGA2)).find((m) => m.mail.subject.includes(f.ref) && /refus|declin/i.test(m.mail.subject)), 'FYI', 30_000);
    expect(fyi.mail.text).toContain('We already have a BRIN talk this season');
    const t = await transcriptOf(reply.messageId);
    expect(t.mail.subject).toContain('Results of your commands');
    expect(t.mail.text).toContain(`${f.ref} is now declined`);
  });

  it('waitlist (Outlook desktop, HTML-only, windows-1252): waitlisted; the speaker is told what happens next', async () => {
    const f = await fileProposal(live, 'Réplication logique');
    await send(live, fixtureReply('04-outlook-desktop-html-only-waitlist-fr.eml', { ref: f.ref }));
    expect(await status(f.ref)).toBe('waitlisted');
    const mail = await waitFor(async () => (await sentTo(live.sink, JEAN)).find((m) => m.mail.subject.includes(f.ref) && m.mail.subject.includes('attente')), 'waitlist mail', 30_000);
    expect(mail.mail.text).toContain('Si une place se libère');
  });

  it.each([
    ['03-gmail-android-schedule-fr.eml', '« programmer 28/01 »', '2027-01-28'],
    ['13-outlook-desktop-schedule-time-fr.eml', '« programmer le 28 janvier 2027 à 19h »', '2027-01-28'],
  ])('schedule %s %s: the event that day is found or created and the talk put on its programme', async (file, _how, day) => {
    const f = await fileProposal(live, `Programmation ${file}`);
    await send(live, fixtureReply('01-gmail-web-accept-fr.eml', { ref: f.ref }));
    await send(live, fixtureReply(file, { ref: f.ref }));
    const p = (await live.p.store.proposals.get(f.ref))!;
    expect(p.status).toBe('scheduled');
    const event = await live.p.store.events.get(Number(p.event));
    expect(event?.programme).toContain(f.ref);
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(event!.date)).toBe(day);
    expect(event!.venue).toBe('Chez Dalibo');
    const mail = await waitFor(async () => (await sentTo(live.sink, JEAN)).find((m) => m.mail.subject.includes(f.ref) && m.mail.subject.includes('programmée')), 'scheduled mail', 30_000);
    expect(mail.mail.text).toContain('jeudi 28 janvier 2027 à 19h00');
  });

  it('schedule next meetup (Outlook for Mac, HTML-only): the next event on the calendar', async () => {
    const events = await live.p.store.events.list({ from: new Date() });
    expect(events.length).toBeGreaterThan(0);
    const f = await fileProposal(live, 'Prochain meetup');
    await send(live, fixtureReply('01-gmail-web-accept-fr.eml', { ref: f.ref }));
    await send(live, fixtureReply('14-outlook-mac-html-only-next-meetup-en.eml', { ref: f.ref }));
    const p = (await live.p.store.proposals.get(f.ref))!;
    expect(p).toMatchObject({ status: 'scheduled', event: String(events[0]!.id) });
  });

  it('ask (Outlook web, HTML-only) is relayed to the speaker; the speaker’s answer (Gmail) comes back to the organizers', async () => {
    const f = await fileProposal(live, 'Questions et réponses');
    await send(live, fixtureReply('05-outlook-web-html-only-ask-en.eml', { ref: f.ref }));
    const q = await waitFor(async () => (await sentTo(live.sink, JEAN)).find((m) => m.mail.subject.includes(f.ref) && m.mail.subject.includes('question')), 'question mail', 30_000);
    expect(q.mail.text).toMatch(/20 minutes/);
    const answer = await send(live, fixtureReply('19-gmail-speaker-answer-fr.eml', { ref: f.ref }));
    expect(answer.state).toBe('done');
    for (const o of [DIM, ORGA2]) {
      const relayed = await waitFor(async () => (await sentTo(live.sink, o)).find((m) => m.mail.subject.includes(f.ref) && m.mail.subject.includes('Réponse de')), `answer to ${o}`, 30_000);
      expect(relayed.mail.text).toContain('Oui, je peux le faire en 20 minutes');
    }
    // The speaker's plain answer is relayed, not answered.
    expect(await causedTo(live, answer.id, JEAN)).toEqual([]);
  });

  it('a digest-style mail (Gmail) with commands for three refs acts on each', async () => {
    const a = await fileProposal(live, 'Digest A');
    const b = await fileProposal(live, 'Digest B');
    const c = await fileProposal(live, 'Digest C');
    const reply = fixtureReply('11-gmail-digest-three-refs-en.eml', { ref: a.ref, refs: { 'P-0003': a.ref, 'P-0004': b.ref, 'P-5:': `${c.ref}:` } });
    await send(live, reply);
    expect([await status(a.ref), await status(b.ref), await status(c.ref)]).toEqual(['accepted', 'declined', 'waitlisted']);
    const t = await transcriptOf(reply.messageId);
    expect(t.mail.text!.match(/\[done\]/g)).toHaveLength(3);
    const declined = await waitFor(async () => (await sentTo(live.sink, JEAN)).find((m) => m.mail.subject.includes(b.ref) && m.mail.subject.includes('Réponse')), 'decline mail', 30_000);
    expect(declined.mail.text).toContain('Too close to the March talk on partitioning');
  });

  it('prose (“OK, I’ll check the slides”) accepts nothing: the transcript says so and lists the commands', async () => {
    const f = await fileProposal(live, 'Prose seulement');
    const reply = fixtureReply('12-gmail-prose-ok-en.eml', { ref: f.ref });
    await send(live, reply);
    expect(await status(f.ref)).toBe('received');
    const t = await transcriptOf(reply.messageId);
    expect(t.mail.text).toContain('Commands (one per line');
  });

  /** Fixture 01 (Gmail, « accepter ») with another new text (ASCII: the part is quoted-printable). */
  const gmailReply = (ref: string, text: string) => {
    const r = fixtureReply('01-gmail-web-accept-fr.eml', { ref });
    return { raw: Buffer.from(r.raw.toString('latin1').replace('\naccepter\n', `\n${text}\n`), 'latin1'), messageId: r.messageId };
  };

  it('« Note : » with no text after it: refused, and the transcript names the verb the organizer wrote (it said « après le mot », no word)', async () => {
    const f = await fileProposal(live, 'Note sans texte');
    const reply = gmailReply(f.ref, 'Note :');
    await send(live, reply);
    const t = await transcriptOf(reply.messageId);
    expect(t.mail.text).toContain('il manque le texte après « Note » : écrivez-le à la suite du mot.');
    expect((await live.p.store.proposals.history(f.ref)).filter((h) => h.action === 'note')).toEqual([]);
  });

  it('a comment under a decline goes to the other organizers and the history, never to the speaker; the transcript says how to give a reason', async () => {
    const f = await fileProposal(live, 'Commentaire sous la commande');
    const reply = gmailReply(f.ref, "refuser\nOn en a deja un sur le sujet, on en parle jeudi avec Claire.");
    await send(live, reply);
    expect(await status(f.ref)).toBe('declined');
    const relayed = await waitFor(async () => (await sentTo(live.sink, ORGA2)).find((m) => m.mail.text?.includes('on en parle jeudi avec Claire')), 'comment to the other organizer', 30_000);
    expect(relayed.mail.subject).toContain(f.ref);
    const t = await transcriptOf(reply.messageId);
    expect(t.mail.text).toContain('transmis aux autres organisateurs');
    expect(t.mail.text).toContain('refuser raison');
    const note = (await live.p.store.proposals.history(f.ref)).find((h) => h.action === 'note');
    expect(note?.detail).toMatchObject({ text: expect.stringContaining('on en parle jeudi') as unknown });
    await waitFor(() => quiet(live.p), 'pipeline quiet', 30_000);
    const toSpeaker = (await sentTo(live.sink, JEAN)).filter((m) => m.mail.subject.includes(f.ref));
    expect(toSpeaker.length).toBeGreaterThan(0);
    for (const m of toSpeaker) expect(m.mail.text ?? '').not.toContain('on en parle jeudi');
    expect(await sentTo(live.sink, DIM).then((ms) => ms.filter((m) => m.mail.text?.includes('on en parle jeudi') && m.mail.inReplyTo !== reply.messageId))).toEqual([]);
  });

  it('« Accepter, très bon sujet pour les débutants. » (audit k): accepted; the remark reaches the other organizers and the history, never the speaker', async () => {
    const f = await fileProposal(live, 'Remarque sur la ligne');
    const reply = gmailReply(f.ref, 'Accepter, tres bon sujet pour les debutants.');
    await send(live, reply);
    expect(await status(f.ref)).toBe('accepted');
    await waitFor(async () => (await sentTo(live.sink, ORGA2)).find((m) => m.mail.text?.includes('tres bon sujet pour les debutants')), 'remark to the other organizer', 30_000);
    const t = await transcriptOf(reply.messageId);
    expect(t.mail.text).toContain(`${f.ref} est maintenant acceptée`);
    const note = (await live.p.store.proposals.history(f.ref)).find((h) => h.action === 'note');
    expect(note?.detail).toMatchObject({ text: expect.stringContaining('tres bon sujet') as unknown });
    await waitFor(() => quiet(live.p), 'pipeline quiet', 30_000);
    const toSpeaker = (await sentTo(live.sink, JEAN)).filter((m) => m.mail.subject.includes(f.ref));
    expect(toSpeaker.some((m) => m.mail.subject.includes('Action requise'))).toBe(true);
    for (const m of toSpeaker) expect(m.mail.text ?? '').not.toContain('tres bon sujet');
  });

  it('an organizer written "Fontaine, Dimitri" is named Dimitri Fontaine in the FYI', async () => {
    const f = await fileProposal(live, 'Nom nettoye');
    await send(live, fixtureReply('01-gmail-web-accept-fr.eml', { ref: f.ref, from: '"Fontaine, Dimitri" <dim@example.org>' }));
    const fyi = await waitFor(async () => (await sentTo(live.sink, ORGA2)).find((m) => m.mail.subject.includes(f.ref) && m.mail.subject.includes('a accepté')), 'FYI', 30_000);
    expect(fyi.mail.subject).toContain('Dimitri Fontaine a accepté');
  });

  it('an organizer wondering ("Decline? Not sure…") decides nothing and mails no speaker', async () => {
    const f = await fileProposal(live, 'Une hesitation');
    const reply = gmailReply(f.ref, "Decline? Not sure, it overlaps with Tomasz's talk. Let's discuss Thursday.");
    await send(live, reply);
    const t = await transcriptOf(reply.messageId);
    expect(t.mail.text).toContain('Commands (one per line');
    expect(await status(f.ref)).toBe('received');
    expect((await sentTo(live.sink, JEAN)).filter((m) => m.mail.subject.includes(f.ref) && !m.mail.subject.includes('reçue'))).toEqual([]);
  });

  it('an organizer writing no command (« Je dirais refuser, qu\'en pensez-vous ? ») decides nothing; the colleagues read it', async () => {
    const f = await fileProposal(live, 'Avis demande aux collegues');
    const reply = gmailReply(f.ref, "Je dirais refuser, qu'en pensez-vous ?");
    await send(live, reply);
    expect(await status(f.ref)).toBe('received');
    await waitFor(async () => (await sentTo(live.sink, ORGA2)).find((m) => m.mail.subject.includes(f.ref) && m.mail.text?.includes("qu'en pensez-vous")), 'relayed to the colleague', 30_000);
    const t = await transcriptOf(reply.messageId);
    expect(t.mail.text).toContain('transmis aux autres organisateurs');
  });

  it("the list's copy of a reply-all arriving first acts, its transcript to the organizer alone; the copy written to crieur is a replay: one transcript", async () => {
    const f = await fileProposal(live, 'Copie de liste en premier');
    const reply = gmailReply(f.ref, 'accepter');
    const text = reply.raw.toString('latin1');
    const listCopy = Buffer.from(text.replace(/^Message-ID:/im, 'List-Id: Generale <generale.lists.example>\r\nPrecedence: list\r\nMessage-ID:'), 'latin1');
    await send(live, { raw: listCopy, messageId: reply.messageId });
    expect(await status(f.ref)).toBe('accepted');
    const t = await transcriptOf(reply.messageId);
    expect(t.mail.text).toContain(`${f.ref} est maintenant acceptée`);
    expect(t.envelope.to).toEqual([DIM]);
    await appendRaw(live.imap, reply.raw);
    await waitFor(() => quiet(live.p), 'pipeline quiet', 30_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await sentTo(live.sink, DIM)).filter((m) => m.mail.inReplyTo === reply.messageId)).toHaveLength(1);
  });

  it('schedule event N puts the talk on that event (SPEC: schedule DATE|EVENT)', async () => {
    const f = await fileProposal(live, 'Par numero de rencontre');
    await live.p.store.proposals.setStatus(f.ref, 'accepted', DIM, null);
    const ev = await live.p.store.events.create({ date: new Date(Date.now() + 40 * 86_400_000), venue: 'Salle Numero', title: null });
    const reply = gmailReply(f.ref, `schedule event ${ev.id}`);
    await send(live, reply);
    expect(await status(f.ref)).toBe('scheduled');
    expect((await live.p.store.events.get(ev.id))!.programme).toContain(f.ref);
  });

  it('« talk » over the writer’s name (audit f): the format is set and said in the transcript — not read as a title heading over « Dimitri »', async () => {
    const f = await fileProposal(live, 'Format sous signature');
    const p = (await live.p.store.proposals.get(f.ref))!;
    await live.p.store.proposals.update(f.ref, { ...p, format: 'lightning', durationMinutes: 5 }, DIM, null);
    const reply = gmailReply(f.ref, 'talk\n\nDimitri');
    await send(live, reply);
    expect((await live.p.store.proposals.get(f.ref))!.format).toBe('talk');
    const t = await transcriptOf(reply.messageId);
    expect(t.mail.text).toContain('[fait]');
    expect(t.mail.text).toMatch(/\btalk\b/);
  });

  it('scheduling a second main talk onto one meetup is done and said in the transcript', async () => {
    const ev = await live.p.store.events.create({ date: new Date(Date.now() + 50 * 86_400_000), venue: 'Salle Pleine', title: null });
    for (const title of ['Premier talk principal', 'Second talk principal']) {
      const f = await fileProposal(live, title);
      await live.p.store.proposals.setStatus(f.ref, 'accepted', DIM, null);
      const reply = gmailReply(f.ref, `programmer event ${ev.id}`);
      await send(live, reply);
      expect(await status(f.ref)).toBe('scheduled');
      const t = await transcriptOf(reply.messageId);
      if (title.startsWith('Second')) expect(t.mail.text).toMatch(/2 (présentations principales|main talks)/);
      else expect(t.mail.text).not.toMatch(/présentations principales|main talks/);
    }
  });

  it('inline decline (Thunderbird), unknown commands quoted back (Samsung), lightning + note (Outlook iOS), status + help (Apple Mail)', async () => {
    const f = await fileProposal(live, 'Formats divers');
    const r1 = fixtureReply('16-outlook-ios-lightning-note-fr.eml', { ref: f.ref });
    await send(live, r1);
    const p = (await live.p.store.proposals.get(f.ref))!;
    expect(p).toMatchObject({ format: 'lightning', durationMinutes: 5 });
    expect((await live.p.store.proposals.history(f.ref)).find((h) => h.action === 'note')?.detail).toMatchObject({ text: expect.stringContaining('PGDay') });
    const r2 = fixtureReply('15-samsung-android-unknown-en.eml', { ref: f.ref });
    await send(live, r2);
    const t2 = await transcriptOf(r2.messageId);
    expect(t2.mail.text).toMatch(/\[(not understood|refused)\]/);
    expect(t2.mail.text).toContain('acept');
    const r3 = fixtureReply('17-apple-mail-status-help-en.eml', { ref: f.ref });
    await send(live, r3);
    const t3 = await transcriptOf(r3.messageId);
    // Two command words and an English quote: too little to tell a language, so the group's (fr) is used.
    expect(t3.mail.text).toContain(`${f.ref} est reçue`);
    expect(t3.mail.text).toContain('Commandes (une par ligne');
    const r4 = fixtureReply('10-thunderbird-inline-decline-fr.eml', { ref: f.ref });
    await send(live, r4);
    expect(await status(f.ref)).toBe('declined');
    await waitFor(() => quiet(live.p), 'pipeline quiet', 30_000);
  });

  it('« Refuser : » with the reason on the lines under it (Gmail text/plain, audit g): declined with that reason; the speaker, the FYI and the transcript carry it; no comment relayed', async () => {
    const f = await fileProposal(live, 'Raison sous les deux-points');
    const reply = gmailReply(f.ref, 'Refuser :\nTrop proche du talk de mars sur le partitionnement.\n\nDimitri');
    const inbound = await send(live, reply);
    expect(await status(f.ref)).toBe('declined');
    const mail = await waitFor(async () => (await sentTo(live.sink, JEAN)).find((m) => m.mail.subject.includes(f.ref) && m.mail.subject.includes('Réponse')), 'decline mail', 30_000);
    expect(mail.mail.text).toContain('Trop proche du talk de mars sur le partitionnement.');
    expect(mail.mail.text).not.toContain('Dimitri\n');
    const fyi = await waitFor(async () => (await sentTo(live.sink, ORGA2)).find((m) => m.mail.subject.includes(f.ref) && /refus/i.test(m.mail.subject)), 'FYI', 30_000);
    expect(fyi.mail.text).toContain('Trop proche du talk de mars');
    const t = await transcriptOf(reply.messageId);
    expect(t.mail.text).toContain(`${f.ref} est maintenant refusée`);
    expect(t.mail.text).toContain('Trop proche du talk de mars');
    expect(t.mail.text).not.toContain('transmis aux autres organisateurs');
    await waitFor(() => quiet(live.p), 'pipeline quiet', 30_000);
    // exactly: the speaker's decline, the writer's transcript, the other organizer's FYI — no comment relayed
    expect((await causedTo(live, inbound.id, JEAN)).map((r) => r.purpose)).toEqual(['command-result']);
    expect((await causedTo(live, inbound.id, DIM)).map((r) => r.purpose)).toEqual(['command-result']);
    expect((await causedTo(live, inbound.id, ORGA2)).map((r) => r.purpose)).toEqual(['notify-organizer']);
    const history = await live.p.store.proposals.history(f.ref);
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['command-received', 'status:declined']));
    expect(history.filter((h) => h.action === 'note')).toEqual([]);
  });

  it('« Refuser : » then the reason in a new paragraph (Outlook desktop, HTML-only, audit g): declined with that reason, the signature left out', async () => {
    const f = await fileProposal(live, 'Raison en paragraphe HTML');
    const r = fixtureReply('04-outlook-desktop-html-only-waitlist-fr.eml', { ref: f.ref });
    const html = r.raw.toString('latin1');
    const edited = html.replace(
      'Attente<o=\n:p></o:p></span></p>',
      'Refuser&nbsp;:<o:p></o:p></span></p>\n<p class=3D"MsoNormal"><span style=3D"mso-fareast-language:EN-US">Nous avons d=\n=E9j=E0 un talk sur ce sujet cette saison.<o:p></o:p></span></p>',
    );
    expect(edited).not.toBe(html);
    const reply = { raw: Buffer.from(edited, 'latin1'), messageId: r.messageId };
    const inbound = await send(live, reply);
    expect(await status(f.ref)).toBe('declined');
    const mail = await waitFor(async () => (await sentTo(live.sink, JEAN)).find((m) => m.mail.subject.includes(f.ref) && m.mail.subject.includes('Réponse')), 'decline mail', 30_000);
    expect(mail.mail.text).toContain('Nous avons déjà un talk sur ce sujet cette saison.');
    expect(mail.mail.text).not.toContain('Dimitri');
    await waitFor(() => quiet(live.p), 'pipeline quiet', 30_000);
    expect((await causedTo(live, inbound.id, JEAN)).map((x) => x.purpose)).toEqual(['command-result']);
    expect((await causedTo(live, inbound.id, ORGA2)).map((x) => x.purpose)).toEqual(['notify-organizer']);
    expect((await live.p.store.proposals.history(f.ref)).filter((h) => h.action === 'note')).toEqual([]);
  });

  it.each([
    ['« Merci beaucoup, bonne journée » over the name', 'Merci beaucoup, bonne journ=C3=A9e\n\nDimitri'],
    ['"Thank you 👍"', 'Thank you =F0=9F=91=8D'],
  ])('courtesy alone (%s, audit g): nothing acts and nothing is sent — no help transcript; the mail is threaded and logged', async (_name, text) => {
    const f = await fileProposal(live, `Courtoisie ${text.length}`);
    const reply = gmailReply(f.ref, text);
    const inbound = await send(live, reply);
    // no verb in it: classified a reply, handled as an answer to the token's mail
    expect(inbound).toMatchObject({ kind: 'reply', state: 'done' });
    expect(await status(f.ref)).toBe('received');
    await waitFor(() => quiet(live.p), 'pipeline quiet', 30_000);
    await new Promise((r) => setTimeout(r, 1_500));
    for (const who of [DIM, ORGA2, JEAN]) expect(await causedTo(live, inbound.id, who)).toEqual([]);
    expect((await sentTo(live.sink, DIM)).filter((m) => m.mail.inReplyTo === reply.messageId)).toEqual([]);
    const history = await live.p.store.proposals.history(f.ref);
    expect(history.filter((h) => h.messageId === inbound.id).map((h) => h.action)).toEqual(['reply-received']);
    expect(await live.p.store.commands.get(inbound.id)).toMatchObject({ outcome: 'executed' });
    const log = await live.p.db.query<{ detail: Record<string, unknown> }>('SELECT detail FROM command_log WHERE message_id = $1', [inbound.id]);
    expect(log[0]?.detail).toMatchObject({ commands: 0, acted: 0, courtesy: true });
  });
});
