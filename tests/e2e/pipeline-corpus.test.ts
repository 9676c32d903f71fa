/**
 * The whole shared corpus of real mail (every folder but mbox/) received as the inbox watcher does and through the live workers:
 * every message is stored once per distinct (Message-ID, bytes), ends done or failed with a reason — none
 * stuck, none lost —, no job fails, and nothing is sent to the authors of auto-replies, bounces or list
 * posts: the only mail out is acknowledgements of messages classified `proposal` and the organizers' notices.
 */
import { describe, expect, it } from 'vitest';
import { sniffMessageId } from '../../src/adapters/db/inbound.ts';
import { arriveMessage } from '../../src/app/receive-message.ts';
import type { InboundLocator } from '../../src/app/inbound-store.ts';
import type { Kind } from '../../src/types.ts';
import type { AppDeps } from '../../src/app/deps.ts';
import { corpusMessages, hasCorpus, type CorpusMessage } from '../support/corpus.ts';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ENGINE_NAMES,
  ORGANIZERS,
  quiet,
  useLive,
  waitFor,
} from '../support/pipeline.ts';

const ROBOT_FOLDERS = ['autoreplies', 'bounces', 'lists'];

interface Expected {
  proposal: { title: string | null; speakers: { email: string | null }[]; attachments: { filename: string; size: number; sha256: string }[] };
}

/**
 * A message's whole arrival as the watcher goes through it (workers/watcher.ts), in order here: stored and decided,
 * then what is left to do. `classifiedHere`: what a classify job would have answered, when the arrival did its work.
 */
async function receiveMessage(deps: AppDeps, raw: Buffer, loc: InboundLocator): Promise<{ id: number; inserted: boolean; kind: Kind | null; classifiedHere?: Kind | null }> {
  const { finish, ...arrived } = await arriveMessage(deps, raw, loc);
  const classifiedHere = await finish?.();
  return classifiedHere === undefined ? arrived : { ...arrived, classifiedHere };
}

/** A short French talk proposal from `name <email>`, with a Message-ID of its own. */
function proposalMail(name: string, email: string, messageId: string, title: string, minutes = 20): Buffer {
  return Buffer.from(
    `From: ${name} <${email}>\r\nTo: talks@pgug.example.org\r\nSubject: Proposition : ${title}\r\nDate: Mon, 30 Nov 2026 10:00:00 +0100\r\n` +
      `Message-ID: <${messageId}>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n` +
      `Bonjour,\r\n\r\nJe propose un talk de ${minutes} minutes.\r\n\r\nTitre : ${title}\r\n\r\n${name}\r\n`,
  );
}

describe.skipIf(!hasCorpus).each(ENGINE_NAMES)('the shared corpus through the live pipeline on %s', (engine) => {
  const messages: CorpusMessage[] = hasCorpus ? corpusMessages().filter((m) => m.entry.folder !== 'mbox') : [];

  const live = useLive(engine, { watch: false });

  /** Once the message is done and nothing is left to do: the acknowledgements it caused. */
  async function acksWhenDone(id: number, what: string): Promise<{ recipient: string }[]> {
    await waitFor(async () => (await live.p.store.inbound.get(id))?.state === 'done' && quiet(live.p), what, 30_000, 100);
    return live.p.db.query<{ recipient: string }>("SELECT recipient FROM outbox WHERE purpose = 'ack' AND cause_message_id = $1", [id]);
  }

  it('every message ends done or failed, stored once per distinct (Message-ID, sha256); no job fails; robots get nothing', async () => {
    expect(messages.length).toBeGreaterThan(400);
    const t0 = Date.now();
    const deps = live.p.running.context.deps;
    const received = [];
    for (const [i, m] of messages.entries()) received.push(await receiveMessage(deps, m.raw, { source: 'imap', mailbox: 'INBOX', uidValidity: 1, uid: i + 1 }));
    await waitFor(() => quiet(live.p), 'every message done or failed and the outbox empty', 150_000, 200);
    // The watcher's move (out of the inbox, or left for humans) follows what the message was classified as, here or by
    // the classify job; where headers decide it may name another robot kind (bounce for an auto-reply): the same move.
    const stored = new Map((await live.p.db.query<{ id: number; kind: string | null }>('SELECT id, kind FROM inbound_messages')).map((r) => [r.id, r.kind]));
    const moves = (kind: string | null | undefined) => kind != null && kind !== 'other';
    expect(received.filter((r) => moves(r.kind) !== moves(stored.get(r.id))).map((r) => ({ id: r.id, moved: r.kind, stored: stored.get(r.id) }))).toEqual([]);
    const seconds = (Date.now() - t0) / 1000;

    const distinct = new Set(messages.map((m) => `${sniffMessageId(m.raw) ?? ''}\u0000${createHash('sha256').update(m.raw).digest('hex')}`));
    const rows = await live.p.db.query<{ state: string; kind: string | null; error: string | null; n: number }>(
      'SELECT state, kind, error, count(*)::int AS n FROM inbound_messages GROUP BY state, kind, error',
    );
    const total = rows.reduce((n, r) => n + r.n, 0);
    expect(total).toBe(distinct.size);
    expect(rows.filter((r) => r.state !== 'done' && r.state !== 'failed')).toEqual([]);
    // A failed message failed for a reason the parser gave, not because a worker threw and gave up.
    for (const r of rows.filter((x) => x.state === 'failed')) expect(r.error).toMatch(/^(not a mail message|empty input|unreadable message)/);

    const counts = await live.p.running.context.dispatcher.counts();
    for (const [queue, c] of Object.entries(counts)) expect({ queue, failed: c.failed, delayed: c.delayed }).toEqual({ queue, failed: 0, delayed: 0 });
    const failedJobs = (await live.p.running.metrics.jobs.get()).values.filter((v) => v.labels.outcome === 'failed');
    expect(failedJobs.reduce((n, v) => n + v.value, 0)).toBe(0);

    // Mail out: only acks caused by messages classified proposal, and organizers' notices.
    const out = await live.p.db.query<{ purpose: string; recipient: string; status: string; kind: string | null }>(
      'SELECT o.purpose, o.recipient, o.status, i.kind FROM outbox o LEFT JOIN inbound_messages i ON i.id = o.cause_message_id',
    );
    for (const o of out) {
      expect(o.kind, `${o.purpose} to ${o.recipient}`).toBe('proposal');
      if (o.purpose === 'notify-organizer') expect(ORGANIZERS).toContain(o.recipient);
      else expect(o.purpose).toBe('ack');
      expect(o.status).toBe('sent');
    }
    const robotSenders = new Set(
      messages
        .filter((m) => ROBOT_FOLDERS.includes(m.entry.folder))
        .flatMap((m) => [...m.raw.toString('latin1').matchAll(/^(?:from|sender|reply-to|return-path):.*$/gim)].flatMap((h) => h[0].match(/[\w.+-]+@[\w.-]+/g) ?? []))
        .map((a) => a.toLowerCase()),
    );
    const toRobots = live.sink.messages.flatMap((s) => s.envelope.to).filter((to) => robotSenders.has(to.toLowerCase()));
    expect(toRobots).toEqual([]);
    // The same mail again (a rescan of the mailbox): every copy is recognised, nothing new is stored nor queued.
    const again = [];
    for (const [i, m] of messages.entries()) again.push(await receiveMessage(deps, m.raw, { source: 'imap', mailbox: 'INBOX', uidValidity: 2, uid: i + 1 }));
    expect(again.map((r) => r.kind)).toEqual(received.map((r) => r.kind));
    expect(await quiet(live.p)).toBe(true);
    expect(again.filter((r) => r.inserted)).toEqual([]);
    expect((await live.p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM inbound_messages'))[0]?.n).toBe(distinct.size);

    const acks = out.filter((o) => o.purpose === 'ack').length;
    const byState = Object.fromEntries(rows.reduce((m, r) => m.set(r.state, (m.get(r.state) ?? 0) + r.n), new Map<string, number>()));
    console.log(`corpus on ${engine}: ${messages.length} messages, ${total} stored, ${JSON.stringify(byState)}, ${acks} acks, ${live.sink.messages.length} mails out, ${seconds.toFixed(1)} s`);
    expect(acks).toBeLessThanOrEqual(5);
  }, 180_000);

  // The two tests that push the whole corpus and every fixture through one process: 4–9 s on a quiet machine, but the
  // PGlite worker (the engine inside it, single-threaded) took over 60 s in a CI run beside other suites (load 10).
  it('every proposal fixture received as the inbox watcher does is filed, its attachments kept, each speaker with an address acknowledged once, each message decoded once', async () => {
    const dir = fileURLToPath(new URL('../fixtures/proposals/', import.meta.url));
    const fixtures = readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .map((f) => ({ name: f, raw: readFileSync(join(dir, f)), expected: JSON.parse(readFileSync(join(dir, f.replace(/\.eml$/, '.expected.json')), 'utf8')) as Expected }));
    expect(fixtures.length).toBeGreaterThan(40);
    // Every full decode in the process counted, the workers' too: the watcher's decode (its move needs the body of a
    // proposal) is the only one — no classify job decodes the same bytes again.
    const deps: AppDeps = live.p.running.context.deps;
    const reader = deps.reader;
    let reads = 0;
    deps.reader = { read: (raw) => (reads++, reader.read(raw)), readHeaders: reader.readHeaders, textWithLinks: reader.textWithLinks };
    const ids = [];
    try {
      for (const f of fixtures) {
        const r = await receiveMessage(deps, f.raw, { source: 'imap', mailbox: 'INBOX', uidValidity: 1, uid: ids.length + 1 });
        expect(r, f.name).toMatchObject({ kind: 'proposal', classifiedHere: 'proposal' });
        ids.push(r.id);
      }
      await waitFor(() => quiet(live.p), 'fixtures filed and acknowledged', 150_000, 200);
    } finally {
      deps.reader = reader;
    }
    expect(reads).toBe(fixtures.length);
    for (const [i, f] of fixtures.entries()) {
      const inbound = await live.p.store.inbound.get(ids[i]!);
      expect(inbound, f.name).toMatchObject({ kind: 'proposal', state: 'done' });
      const proposal = await live.p.store.proposals.findByMessage(ids[i]!);
      expect(proposal?.title, f.name).toBe(f.expected.proposal.title);
      for (const a of f.expected.proposal.attachments) expect((await live.p.store.attachments.get(a.sha256))?.length, `${f.name} ${a.filename}`).toBe(a.size);
      const acks = await live.p.db.query<{ recipient: string; status: string }>("SELECT recipient, status FROM outbox WHERE purpose = 'ack' AND cause_message_id = $1 ORDER BY id", [ids[i]]);
      const speakers = f.expected.proposal.speakers.flatMap((s) => (s.email ? [s.email.toLowerCase()] : []));
      expect(acks, f.name).toEqual(speakers.map((recipient) => ({ recipient, status: 'sent' })));
    }
  }, 180_000);

  it('a proposal whose classification on arrival fails is classified by the worker instead: filed once, acknowledged once', async () => {
    const raw = proposalMail('Ana Souza', 'ana@souza.example.net', 'arrival-fails@souza.example.net', 'Partitionner sans douleur');
    const deps: AppDeps = live.p.running.context.deps;
    // A fault the real parts cannot be made to produce on cue: the first compose (in the watcher's turn) throws.
    const composer = deps.composer;
    let failures = 0;
    deps.composer = { ...composer, ack: (...a) => (failures++ === 0 ? Promise.reject(new Error('compose failed once')) : composer.ack(...a)) };
    try {
      const r = await receiveMessage(deps, raw, { source: 'imap', mailbox: 'INBOX', uidValidity: 1, uid: 9999 });
      expect(r).toMatchObject({ inserted: true, kind: 'proposal' });
      expect(r.classifiedHere).toBeUndefined();
      expect(await acksWhenDone(r.id, 'the classify job to finish the proposal')).toEqual([{ recipient: 'ana@souza.example.net' }]);
      expect(live.sink.messages.filter((m) => m.envelope.to.includes('ana@souza.example.net'))).toHaveLength(1);
      expect((await live.p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM proposals WHERE message_id = $1', [r.id]))[0]?.n).toBe(1);
      expect(failures).toBe(2);
    } finally {
      deps.composer = composer;
    }
  }, 60_000);

  it('a question (other) is classified on arrival and left for humans; nothing is sent', async () => {
    const raw = Buffer.from(
      'From: Paul Martin <paul@martin.example.net>\r\nTo: talks@pgug.example.org\r\nSubject: Question sur le prochain meetup\r\n' +
        'Date: Mon, 30 Nov 2026 11:00:00 +0100\r\nMessage-ID: <question-1@martin.example.net>\r\n\r\nBonjour, le meetup de janvier est-il complet ? Merci.\r\n',
    );
    const before = live.sink.messages.length;
    const r = await receiveMessage(live.p.running.context.deps, raw, { source: 'imap', mailbox: 'INBOX', uidValidity: 1, uid: 9998 });
    expect(r).toMatchObject({ inserted: true, kind: 'other', classifiedHere: 'other' });
    expect(await live.p.store.inbound.get(r.id)).toMatchObject({ kind: 'other', state: 'done' });
    await waitFor(() => quiet(live.p), 'nothing left to do', 15_000, 100);
    expect(live.sink.messages.length).toBe(before);
  });

  it('a message the classification chokes on stays in the inbox and goes to the classify worker, which files it', async () => {
    const raw = proposalMail('Lea Roux', 'lea@roux.example.net', 'chokes@roux.example.net', 'VACUUM sans mystère');
    const deps: AppDeps = live.p.running.context.deps;
    // A fault no real message is known to cause: a decoded Mail whose body throws when the rules read it.
    const choking = { ...deps.reader, read: async (b: Buffer) => Object.defineProperty(await deps.reader.read(b), 'text', { get: () => { throw new Error('boom'); } }) };
    const r = await receiveMessage({ ...deps, reader: choking }, raw, { source: 'imap', mailbox: 'INBOX', uidValidity: 1, uid: 9997 });
    expect(r).toMatchObject({ inserted: true, kind: null });
    expect(r.classifiedHere).toBeUndefined();
    // The job reads with the process's own reader: filed and acknowledged once.
    expect(await acksWhenDone(r.id, 'the classify job to file it')).toEqual([{ recipient: 'lea@roux.example.net' }]);
    expect(await live.p.store.inbound.get(r.id)).toMatchObject({ kind: 'proposal' });
  }, 60_000);

  it('a message stored but not classified (a crash cut its handling short) is queued for the classify worker when fetched again', async () => {
    const raw = proposalMail('Marc Blanc', 'marc@blanc.example.net', 'cut-short@blanc.example.net', 'Les index BRIN en pratique');
    const deps: AppDeps = live.p.running.context.deps;
    const loc = { source: 'imap' as const, mailbox: 'INBOX', uidValidity: 1, uid: 9996 };
    // What a crash right after the raw bytes' commit leaves: the row, state received, no job.
    const first = await deps.store.inbound.saveRaw(raw, loc);
    expect(await deps.store.inbound.get(first.id)).toMatchObject({ state: 'received' });
    const again = await receiveMessage(deps, raw, loc);
    expect(again).toMatchObject({ id: first.id, inserted: false, kind: 'proposal' });
    expect(await acksWhenDone(first.id, 'the classify job to file it')).toEqual([{ recipient: 'marc@blanc.example.net' }]);
  }, 60_000);

  it('a proposal filed after the correction that followed it does not undo the correction (filings run side by side)', async () => {
    const deps: AppDeps = live.p.running.context.deps;
    const title = 'Les verrous consultatifs';
    const first = proposalMail('Rose Ordre', 'rose@ordre.example.net', 'v1@ordre.example.net', title, 20);
    const correction = proposalMail('Rose Ordre', 'rose@ordre.example.net', 'v2@ordre.example.net', title, 45);
    // The first mail arrived first (the lower id) but its filing is late: stored, not classified yet.
    const loc = (uid: number) => ({ source: 'imap' as const, mailbox: 'INBOX', uidValidity: 1, uid });
    const early = await deps.store.inbound.saveRaw(first, loc(9990));
    const late = await receiveMessage(deps, correction, loc(9991));
    expect(late).toMatchObject({ inserted: true, classifiedHere: 'proposal' });
    expect(await live.p.store.proposals.findByMessage(late.id)).toMatchObject({ durationMinutes: 45 });
    // Now the first one is filed (fetched again: its classify job), as a re-send of the same proposal.
    await receiveMessage(deps, first, loc(9990));
    expect(await acksWhenDone(early.id, 'the first mail filed')).toEqual([{ recipient: 'rose@ordre.example.net' }]);
    const p = (await live.p.store.proposals.findByMessage(late.id))!;
    expect(p).toMatchObject({ durationMinutes: 45, title });
    expect(await live.p.store.proposals.findByMessage(early.id)).toMatchObject({ ref: p.ref });
    const history = await live.p.db.query<{ action: string; detail: { supersededBy?: number } | null }>(
      'SELECT h.action, h.detail FROM proposal_history h JOIN proposals q ON q.id = h.proposal_id WHERE q.ref = $1 AND h.message_id = $2',
      [p.ref, early.id],
    );
    expect(history).toEqual([{ action: 'updated', detail: { supersededBy: late.id } }]);
  }, 60_000);
});
