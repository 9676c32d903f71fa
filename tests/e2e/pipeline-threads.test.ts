/**
 * The pipeline's memory, end to end through Dovecot: the same proposal delivered twice is filed and
 * acknowledged once; the same speaker sending the same title again updates the proposal (same ref, a new
 * acknowledgement for the new event); the per-sender acknowledgement cap holds even when the proposals
 * arrive together; an answer to crieur's acknowledgement is threaded onto the proposal; a speaker's prose is
 * passed on to the organizers, never answered; a command gets its one transcript (more in commands-*.test.ts).
 */
import { classifyMessage } from '../../src/app/classify-message.ts';
import { fileProposal } from '../../src/app/file-proposal.ts';
import { describe, expect, it } from 'vitest';
import {
  appendRaw,
  buildMail,
  ENGINE_NAMES,
  findInMailbox,
  ORGANIZERS,
  proposalMail,
  PROPOSALS,
  quiet,
  sentTo,
  settled,
  useLiveImap,
  waitFor,
  waitSentTo,
} from '../support/pipeline.ts';

const PROCESSED = 'Crieur.Processed';
const CAP = 2;

describe.each(ENGINE_NAMES)('pipeline on %s: duplicates, updates, cap, replies', (engine) => {
  const live = useLiveImap(engine, { overrides: { limits: { acksPerSenderPerDay: CAP } } });

  const proposalsOf = async (email: string) => (await live.p.store.proposals.list()).filter((x) => x.speakers.some((s) => s.email === email));

  it('the same proposal APPENDed twice (same Message-ID, same bytes or a re-delivery) is filed once and acknowledged once', async () => {
    const email = 'paul.twice@exemple.fr';
    const { raw, messageId } = proposalMail({ lang: 'fr', name: 'Paul Deux', email, title: 'Statistiques étendues' });
    // A re-delivery through another route: the same message with one more trace header.
    const redelivered = Buffer.concat([Buffer.from('Received: from relay2.example.net by mx.pgug.example.org; Mon, 3 Nov 2025 10:00:05 +0100\r\n'), raw]);
    await appendRaw(live.imap, raw);
    await appendRaw(live.imap, raw);
    await appendRaw(live.imap, redelivered);
    await waitFor(async () => (await findInMailbox(live.imap, PROCESSED, messageId)).length === 3, 'all three copies handled and moved');
    await waitSentTo(live.sink, email, 1);
    await waitFor(() => quiet(live.p), 'pipeline quiet');
    const rows = await live.p.db.query<{ id: number; state: string }>('SELECT id, state FROM inbound_messages WHERE message_id = $1 ORDER BY id', [messageId]);
    expect(rows.length, 'identical bytes are stored once; the re-delivery is kept too').toBe(2);
    expect(rows.every((r) => r.state === 'done')).toBe(true);
    expect(await proposalsOf(email)).toHaveLength(1);
    expect(await sentTo(live.sink, email)).toHaveLength(1);
    const [proposal] = await proposalsOf(email);
    expect((await live.p.store.proposals.history(proposal!.ref)).map((h) => h.action)).toEqual(['filed']);
  });

  it('a stale second job for a proposal already filed changes nothing and sends nothing; a retry dispatches the mails its filing left queued', async () => {
    const email = 'rita.replay@exemple.fr';
    const { raw, messageId } = proposalMail({ lang: 'fr', name: 'Rita Rejoue', email, title: 'Index BRIN en pratique' });
    await appendRaw(live.imap, raw);
    await waitSentTo(live.sink, email, 1);
    await waitFor(() => quiet(live.p), 'pipeline quiet');
    const inbound = await settled(live.p, messageId);
    const outboxBefore = await live.p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
    const deps = live.p.running.context.deps;
    // Measured in bench/ingest before the fix: such a job wound the message back to "classified" and left it there.
    // …and it does not decode the message again (the recovery sweep's job racing the first one, during a backlog).
    let decoded = 0;
    const counting = { ...deps, reader: { ...deps.reader, read: (bytes: Buffer) => (decoded++, deps.reader.read(bytes)) } };
    expect(await classifyMessage(counting, inbound.id)).toBe('proposal');
    expect(decoded).toBe(0);
    expect(await fileProposal(deps, inbound.id)).toBeNull();
    expect(await live.p.store.inbound.get(inbound.id)).toMatchObject({ state: 'done' });
    expect(await live.p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).toEqual(outboxBefore);
    expect(await proposalsOf(email)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(await sentTo(live.sink, email)).toHaveLength(1);

    // A filing whose mails were committed but never dispatched (the job stopped in between): its retry sends them.
    const late = `late.${email}`;
    const queued = await live.p.store.outbox.enqueue({
      purpose: 'ack',
      subjectRef: `late/m${inbound.id}`,
      recipient: late,
      raw: Buffer.from(`From: ${PROPOSALS}\r\nTo: ${late}\r\nSubject: late\r\nMessage-ID: <late-${inbound.id}@x>\r\n\r\nlate\r\n`),
      envelopeFrom: PROPOSALS,
      causeMessageId: inbound.id,
    });
    await classifyMessage(deps, inbound.id);
    // Dispatched by the retry itself, not left for the recovery sweep (which runs every second here).
    expect(await live.p.running.context.dispatcher.queue('deliver').getJob(`deliver-${queued.id}`)).toBeTruthy();
    await waitSentTo(live.sink, late, 1);
  });

  it('same speaker, same title, new Message-ID → the proposal is updated (same ref, history), and acknowledged anew', async () => {
    const email = 'lea.update@exemple.fr';
    const first = proposalMail({ lang: 'fr', name: 'Léa Mise', email, title: 'Sauvegardes incrémentales', minutes: 30 });
    await appendRaw(live.imap, first.raw);
    await waitSentTo(live.sink, email, 1);
    const firstIn = await settled(live.p, first.messageId);
    const filed = await live.p.store.proposals.findByMessage(firstIn.id);
    expect(filed?.durationMinutes).toBe(30);

    const second = proposalMail({ lang: 'fr', name: 'Léa Mise', email, title: 'Sauvegardes  incrémentales', minutes: 45 });
    await appendRaw(live.imap, second.raw);
    const acks = await waitSentTo(live.sink, email, 2);
    const secondIn = await settled(live.p, second.messageId);
    expect(secondIn).toMatchObject({ kind: 'proposal', state: 'done' });

    const mine = await proposalsOf(email);
    expect(mine.map((x) => x.ref)).toEqual([filed!.ref]);
    expect(mine[0]!.durationMinutes).toBe(45);
    const history = await live.p.store.proposals.history(filed!.ref);
    expect(history.map((h) => [h.action, h.messageId])).toEqual([
      ['filed', firstIn.id],
      ['updated', secondIn.id],
    ]);
    expect(history[1]!.detail).toMatchObject({ durationMinutes: { from: 30, to: 45 } });
    // The second acknowledgement answers the second message, under the same ref.
    expect(acks[1]!.mail.inReplyTo).toBe(second.messageId);
    expect(acks[1]!.mail.subject).toContain(filed!.ref);
    await waitFor(() => quiet(live.p), 'pipeline quiet');
    expect(await sentTo(live.sink, email)).toHaveLength(2);
  });

  it('the same proposal re-sent at once (new Message-ID) is filed once and updated, never filed twice', async () => {
    const speakers = ['rapid.one@example.com', 'rapid.two@example.com', 'rapid.three@example.com'];
    const mails = speakers.flatMap((email) =>
      [30, 40].map((minutes) => proposalMail({ lang: 'en', name: 'Rapid Resend', email, title: `Vacuum internals, ${email.split('.')[1]!.split('@')[0]!}`, minutes })),
    );
    // Back to back: their filing jobs run concurrently, and neither may miss the other.
    for (const m of mails) await appendRaw(live.imap, m.raw);
    for (const m of mails) await settled(live.p, m.messageId);
    await waitFor(() => quiet(live.p), 'pipeline quiet');
    for (const email of speakers) {
      const mine = await proposalsOf(email);
      expect(mine, email).toHaveLength(1);
      expect((await live.p.store.proposals.history(mine[0]!.ref)).map((h) => h.action), email).toEqual(['filed', 'updated']);
      expect(await sentTo(live.sink, email), email).toHaveLength(2);
    }
  });

  it(`acknowledges at most ${CAP} proposals per sender per day; the next ones are filed, not acknowledged`, async () => {
    const email = 'prolific@example.com';
    const mails = ['Partitioning', 'Parallel query', 'JIT compilation', 'Connection pooling'].map((title) =>
      proposalMail({ lang: 'en', name: 'Pro Lific', email, title }),
    );
    // Appended back to back: their filing jobs may run concurrently, and the cap must still hold.
    for (const m of mails) await appendRaw(live.imap, m.raw);
    for (const m of mails) await settled(live.p, m.messageId);
    await waitFor(() => quiet(live.p), 'pipeline quiet');
    expect(await proposalsOf(email)).toHaveLength(mails.length);
    expect(await sentTo(live.sink, email)).toHaveLength(CAP);
    const acks = (await live.p.store.outbox.list()).filter((o) => o.purpose === 'ack' && o.recipient === email);
    expect(acks).toHaveLength(CAP);
  });

  it.each([
    // A bare thank-you has nothing to pass on (what follows a closing word is not read).
    { kind: 'reply' as const, body: 'Merci beaucoup, à bientôt !', action: 'reply-received', speakerMails: 1, organizerMails: 0 },
    { kind: 'reply' as const, body: 'Je pourrai venir avec un collègue pour la démo.', action: 'reply-received', speakerMails: 1, organizerMails: 1 },
    { kind: 'command' as const, body: 'retirer', action: 'command-received', speakerMails: 2, organizerMails: 1 },
  ])('an answer to the acknowledgement ($kind) is threaded onto the proposal; prose is relayed to the organizers, a command answered once', async (c) => {
    const email = `chloe.${c.kind}${c.organizerMails}@exemple.fr`;
    const proposal = proposalMail({ lang: 'fr', name: 'Chloé Répond', email, title: `Réponses et threads ${c.kind} ${c.organizerMails}` });
    await appendRaw(live.imap, proposal.raw);
    const [ack] = await waitSentTo(live.sink, email, 1);
    const replyTo = ack!.mail.replyTo[0]!.email;
    expect(replyTo).toMatch(new RegExp(`^${PROPOSALS.split('@')[0]}\\+s-p\\d+-[a-z2-7]{1,6}-[a-z2-7]{16}@`));

    const answer = buildMail({
      from: `Chloé Répond <${email}>`,
      to: replyTo,
      subject: `Re: ${ack!.mail.subject}`,
      inReplyTo: ack!.mail.messageId!,
      references: `${proposal.messageId} ${ack!.mail.messageId!}`,
      body: `${c.body}\n\nLe lundi, crieur a écrit :\n> Merci pour votre proposition !\n> retirer\n`,
    });
    await appendRaw(live.imap, answer.raw);
    const inbound = await settled(live.p, answer.messageId);
    await waitFor(() => quiet(live.p), 'pipeline quiet');
    expect(inbound).toMatchObject({ kind: c.kind, state: 'done' });
    expect(inbound.parsed?.command).toMatchObject({ authenticated: true });
    const ref = inbound.parsed!.command!.proposal!;
    const filedIn = await settled(live.p, proposal.messageId);
    expect((await live.p.store.proposals.findByMessage(filedIn.id))?.ref).toBe(ref);
    const history = await live.p.store.proposals.history(ref);
    expect(history[0]!.action).toBe('filed');
    expect(history.find((h) => h.action === c.action)).toMatchObject({ actor: email, messageId: inbound.id });
    // Prose is passed on to the organizers and not answered; the command gets its one transcript.
    const caused = await live.p.db.query<{ purpose: string; recipient: string }>('SELECT purpose, recipient FROM outbox WHERE cause_message_id = $1 ORDER BY id', [inbound.id]);
    expect(caused.filter((r) => r.recipient === email)).toHaveLength(c.speakerMails - 1);
    expect(caused.filter((r) => ORGANIZERS.includes(r.recipient)).length).toBe(c.organizerMails * ORGANIZERS.length);
    expect(await sentTo(live.sink, email)).toHaveLength(c.speakerMails);
    expect((await live.p.store.proposals.get(ref))!.status).toBe(c.kind === 'command' ? 'withdrawn' : 'received');
    await waitFor(async () => (await findInMailbox(live.imap, PROCESSED, answer.messageId)).length === 1, 'answer moved');
  });

  it.each([
    { how: 'with Auto-Submitted', subject: (s: string) => `Re: ${s}`, headers: ['Auto-Submitted: auto-replied'] },
    { how: 'by its subject only', subject: (s: string) => `Réponse automatique : ${s}`, headers: [] },
    { how: 'Exchange style', subject: (s: string) => `Automatic reply: ${s}`, headers: ['X-Auto-Response-Suppress: All', 'Auto-Submitted: auto-generated'] },
  ])('an out-of-office answering the acknowledgement ($how) is an auto-reply: nothing threaded, nothing sent', async (c) => {
    const email = `away.${c.how.split(' ')[0]!.toLowerCase().replace(/\W/g, '')}@exemple.fr`;
    const proposal = proposalMail({ lang: 'fr', name: 'Absente Souvent', email, title: `Vacances ${c.how}` });
    await appendRaw(live.imap, proposal.raw);
    const [ack] = await waitSentTo(live.sink, email, 1);
    const away = buildMail({
      from: `Absente Souvent <${email}>`,
      to: ack!.mail.replyTo[0]!.email,
      subject: c.subject(ack!.mail.subject),
      inReplyTo: ack!.mail.messageId!,
      references: ack!.mail.messageId!,
      headers: c.headers,
      body: 'Je suis absente du bureau jusqu’au 2 décembre, avec un accès limité à mes mails.',
    });
    await appendRaw(live.imap, away.raw);
    const inbound = await settled(live.p, away.messageId);
    await waitFor(() => quiet(live.p), 'pipeline quiet');
    expect(inbound).toMatchObject({ kind: 'auto-reply', state: 'done' });
    const ref = (await live.p.store.proposals.findByMessage((await settled(live.p, proposal.messageId)).id))!.ref;
    expect((await live.p.store.proposals.history(ref)).map((h) => h.action)).toEqual(['filed']);
    expect(await sentTo(live.sink, email)).toHaveLength(1);
  });

  it('an organizer answering the notice is authenticated and acts; the same answer from anyone else is threaded but not trusted', async () => {
    const email = 'orga.answer@exemple.fr';
    const proposal = proposalMail({ lang: 'fr', name: 'Odile Orga', email, title: 'Notices aux organisateurs' });
    await appendRaw(live.imap, proposal.raw);
    await waitSentTo(live.sink, email, 1);
    const filed = await settled(live.p, proposal.messageId);
    const ref = (await live.p.store.proposals.findByMessage(filed.id))!.ref;
    const organizer = ORGANIZERS[0]!;
    const notice = (await waitSentTo(live.sink, organizer, 1)).find((m) => m.mail.subject.includes(ref))!;
    const answer = (from: string) =>
      buildMail({
        from,
        to: notice.mail.replyTo[0]!.email,
        subject: `Re: ${notice.mail.subject}`,
        inReplyTo: notice.mail.messageId!,
        body: 'accepter\n\n> Nouvelle proposition\n',
      });
    const genuine = answer(`Dim <${organizer}>`);
    const forged = answer(`Mallory <mallory@example.net>`);
    await appendRaw(live.imap, genuine.raw);
    await appendRaw(live.imap, forged.raw);
    const [g, f] = [await settled(live.p, genuine.messageId), await settled(live.p, forged.messageId)];
    await waitFor(() => quiet(live.p), 'pipeline quiet');
    expect(g).toMatchObject({ kind: 'command', state: 'done', parsed: { command: { verbs: ['accept'], proposal: ref, authenticated: true } } });
    expect(f).toMatchObject({ kind: 'command', state: 'done', parsed: { command: { verbs: ['accept'], proposal: ref, authenticated: false } } });
    // The two answers are handled concurrently: their history lines may come in either order.
    const history = await live.p.store.proposals.history(ref);
    expect(history[0]).toMatchObject({ action: 'filed', actor: email, messageId: filed.id });
    expect(history.filter((h) => h.action === 'command-received').map((h) => [h.actor, h.messageId]).sort()).toEqual(
      [
        [organizer, g.id],
        ['mallory@example.net', f.id],
      ].sort(),
    );
    expect(history.filter((h) => h.action.startsWith('status:')).map((h) => [h.action, h.actor, h.messageId])).toEqual([['status:accepted', organizer, g.id]]);
    expect(await sentTo(live.sink, 'mallory@example.net')).toEqual([]);
    const caused = await live.p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE cause_message_id = $1', [f.id]);
    expect(caused[0]?.n).toBe(0);
  });
});
