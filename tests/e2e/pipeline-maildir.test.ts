/**
 * The live pipeline with a Maildir inbox (maildir:///…), as a local MTA delivers: a file written to tmp/ and
 * renamed into new/ is stored and moved to cur/ with the Seen flag once crieur knows what it is, then filed and
 * acknowledged; mail crieur does not act on stays in new/ for a human.
 */
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../support/db.ts';
import {
  buildMail,
  ENGINE_NAMES,
  findInbound,
  proposalMail,
  quiet,
  sentTo,
  settled,
  useLive,
  waitFor,
  waitSentTo,
} from '../support/pipeline.ts';

describe.each(ENGINE_NAMES)('pipeline on %s with a Maildir inbox', (engine) => {
  let maildir: string;
  let seq = 0;

  /** Delivery the Maildir way: write in tmp/, rename into new/ (the rename is atomic, readers never see half a file). */
  const deliver = (raw: Buffer): string => {
    const name = `${Date.now()}.e2e${++seq}.test`;
    writeFileSync(join(maildir, 'tmp', name), raw);
    renameSync(join(maildir, 'tmp', name), join(maildir, 'new', name));
    return name;
  };
  const list = (sub: 'new' | 'cur') => readdirSync(join(maildir, sub));

  // Registered before useLive's hooks, so that it runs after the pipeline stopped (after-hooks run in reverse).
  afterAll(() => {
    if (maildir) removeDir(maildir);
  });
  const live = useLive(engine, () => {
    maildir = tempDir('crieur-e2e-maildir-');
    for (const sub of ['new', 'cur', 'tmp']) mkdirSync(join(maildir, sub));
    // pollSeconds is long: delivery must come from fs.watch, the rescan is only a safety net.
    return { inboxUrl: `maildir://${maildir}`, overrides: { inbox: { pollSeconds: 60 } } };
  });

  it('a proposal file in new/ → filed, acknowledged, moved to cur/ as seen; a question stays in new/', async () => {
    const email = 'maildir.speaker@exemple.fr';
    const proposal = proposalMail({ lang: 'fr', name: 'Margot Dir', email, title: 'Maildir et PostgreSQL' });
    const question = buildMail({ from: 'Curious <curious@example.com>', subject: 'Where do you meet?', body: 'Hello, where is the meetup held? Thanks.' });
    const name = deliver(proposal.raw);
    const qname = deliver(question.raw);

    const [ack] = await waitSentTo(live.sink, email, 1);
    expect(ack!.mail.inReplyTo).toBe(proposal.messageId);
    expect(ack!.mail.subject).toMatch(/^\[P-\d{4}\] Proposition reçue : Maildir et PostgreSQL$/);
    const inbound = await settled(live.p, proposal.messageId);
    expect(inbound).toMatchObject({ source: 'maildir', kind: 'proposal', state: 'done' });
    expect((await live.p.store.inbound.getRaw(inbound.id))?.equals(proposal.raw)).toBe(true);
    expect(await live.p.store.proposals.findByMessage(inbound.id)).toMatchObject({ title: 'Maildir et PostgreSQL', language: 'fr' });

    await waitFor(() => list('cur').includes(`${name}:2,S`), 'proposal moved to cur/ with the Seen flag');
    expect(await settled(live.p, question.messageId)).toMatchObject({ kind: 'other', state: 'done' });
    await waitFor(() => quiet(live.p), 'pipeline quiet');
    expect(list('new')).toEqual([qname]);
    expect(await sentTo(live.sink, 'curious@example.com')).toEqual([]);
  });

  it('a speaker’s reply that lost its token (« Re: [P-…] », « Question : … ») stays in new/ for a human: refused, nothing sent', async () => {
    const email = 'tokenless.speaker@exemple.fr';
    const proposal = proposalMail({ lang: 'fr', name: 'Inès Sansjeton', email, title: 'Les index BRIN' });
    deliver(proposal.raw);
    const [ack] = await waitSentTo(live.sink, email, 1);
    const ref = /\[(P-\d+)\]/.exec(ack!.mail.subject)![1]!;
    await waitFor(() => quiet(live.p), 'the proposal filed');
    // Her webmail answered the acknowledgement from a copy: no plus-tag in To, no Message-ID of crieur's.
    const reply = buildMail({
      from: `Inès Sansjeton <${email}>`,
      subject: `Re: ${ack!.mail.subject}`,
      inReplyTo: '<copy-of-the-ack@webmail.example>',
      body: `Question : y aura-t-il un vidéoprojecteur HDMI ?\n\nInès\n\nLe lun. 30 nov. 2026, PostgreSQL Paris a écrit :\n> Votre proposition ${ref} a bien été reçue.`,
    });
    const rname = deliver(reply.raw);
    const inbound = await settled(live.p, reply.messageId);
    expect(inbound).toMatchObject({ kind: 'command', state: 'done' });
    expect(inbound.parsed?.command).toEqual({ verbs: ['ask'], proposal: ref, authenticated: false });
    const log = await live.p.db.query<{ outcome: string; reason: string }>('SELECT outcome, reason FROM command_log WHERE message_id = $1', [inbound.id]);
    expect(log).toEqual([{ outcome: 'refused', reason: 'no-token' }]);
    await waitFor(() => quiet(live.p), 'pipeline quiet');
    // Nothing acts on it, so it is the organizers' to read, as when it was 'other'.
    expect(list('new')).toContain(rname);
    expect(list('cur').some((n) => n.startsWith(rname))).toBe(false);
    expect(await sentTo(live.sink, email)).toHaveLength(1);
  });

  // Last: it stops the pipeline.
  it('moves a proposal once it knows what it is, files it beside the next messages, and a stop waits for that filing', async () => {
    const deps = live.p.running.context.deps;
    const { composer } = deps;
    const outbox = deps.store.outbox;
    const enqueueAll = outbox.enqueueAll;
    // A gate on the acknowledgement's composition holds the filing half-way, the way a slow database would.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    deps.composer = { ...composer, ack: async (...a) => (await gate, composer.ack(...a)) };
    // The filing's last commit (its mails queued, the message done), seen from here: the database closes with the stop.
    const queued: string[] = [];
    outbox.enqueueAll = async (rows, opts) => {
      const r = await enqueueAll.call(outbox, rows, opts);
      queued.push(...rows.filter((row) => row.purpose === 'ack').map((row) => row.recipient));
      return r;
    };
    const email = 'gated.speaker@exemple.fr';
    const proposal = proposalMail({ lang: 'fr', name: 'Gil Porte', email, title: 'La porte et le dépôt' });
    const next = proposalMail({ lang: 'fr', name: 'Noé Suivant', email: 'next.speaker@exemple.fr', title: 'Le suivant passe' });
    try {
      const name = deliver(proposal.raw);
      await waitFor(() => list('cur').some((f) => f.startsWith(name)), 'the proposal moved to cur/', 15_000);
      await waitFor(async () => (await findInbound(live.p, proposal.messageId))?.state === 'classified', 'the first proposal classified, its filing held', 15_000);
      // The next message is stored, decided and moved while the first one's filing is still held.
      const nextName = deliver(next.raw);
      await waitFor(() => list('cur').some((f) => f.startsWith(nextName)), 'the next proposal moved to cur/', 15_000);
      // The move needs only the kind the watcher decoded; the classification's commit runs beside it (under load it
      // lands after the rename), then its filing waits at the same gate.
      await waitFor(async () => (await findInbound(live.p, next.messageId))?.state === 'classified', 'the next proposal classified, its filing held', 15_000);
      expect(await findInbound(live.p, next.messageId)).toMatchObject({ kind: 'proposal' });
      expect(queued).toEqual([]);
      let stopped = false;
      const stop = live.p.stop().then(() => (stopped = true));
      await new Promise((r) => setTimeout(r, 500));
      expect(stopped).toBe(false);
      expect(queued).toEqual([]);
      open();
      await stop;
      // Each filing queued its acknowledgement once, before the stop ended (a sweep's second filing would add a copy).
      expect(queued.sort()).toEqual([email, 'next.speaker@exemple.fr'].sort());
    } finally {
      open();
      deps.composer = composer;
      outbox.enqueueAll = enqueueAll;
    }
  });
});
