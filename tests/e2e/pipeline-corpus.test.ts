/**
 * The whole shared corpus of real mail (every folder but mbox/) through `ingestMessage` and the live workers:
 * every message is stored once per distinct (Message-ID, bytes), ends done or failed with a reason — none
 * stuck, none lost —, no job fails, and nothing is sent to the authors of auto-replies, bounces or list
 * posts: the only mail out is acknowledgements of messages classified `proposal` and the organizers' notices.
 */
import { describe, expect, it } from 'vitest';
import { sniffMessageId } from '../../src/adapters/db/inbound.ts';
import { ingestMessage } from '../../src/app/ingest-message.ts';
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

describe.skipIf(!hasCorpus).each(ENGINE_NAMES)('the shared corpus through the live pipeline on %s', (engine) => {
  const messages: CorpusMessage[] = hasCorpus ? corpusMessages().filter((m) => m.entry.folder !== 'mbox') : [];

  const live = useLive(engine, { watch: false });

  it('every message ends done or failed, stored once per distinct (Message-ID, sha256); no job fails; robots get nothing', async () => {
    expect(messages.length).toBeGreaterThan(400);
    const t0 = Date.now();
    for (const m of messages) await ingestMessage(live.p.running.context.deps, m.raw, { source: 'cli' });
    await waitFor(() => quiet(live.p), 'every message done or failed and the outbox empty', 45_000, 200);
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
    // The same backlog again (a re-run of `crieur ingest`): every copy is recognised, nothing new is stored.
    const again = [];
    for (const m of messages) again.push(await ingestMessage(live.p.running.context.deps, m.raw, { source: 'cli' }));
    expect(again.filter((r) => r.inserted)).toEqual([]);
    expect((await live.p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM inbound_messages'))[0]?.n).toBe(distinct.size);

    const acks = out.filter((o) => o.purpose === 'ack').length;
    const byState = Object.fromEntries(rows.reduce((m, r) => m.set(r.state, (m.get(r.state) ?? 0) + r.n), new Map<string, number>()));
    console.log(`corpus on ${engine}: ${messages.length} messages, ${total} stored, ${JSON.stringify(byState)}, ${acks} acks, ${live.sink.messages.length} mails out, ${seconds.toFixed(1)} s`);
    expect(acks).toBeLessThanOrEqual(5);
  }, 60_000);

  it('every proposal fixture is filed, its attachments kept, and each speaker with an address acknowledged once', async () => {
    const dir = fileURLToPath(new URL('../fixtures/proposals/', import.meta.url));
    const fixtures = readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .map((f) => ({ name: f, raw: readFileSync(join(dir, f)), expected: JSON.parse(readFileSync(join(dir, f.replace(/\.eml$/, '.expected.json')), 'utf8')) as Expected }));
    expect(fixtures.length).toBeGreaterThan(40);
    const ids = [];
    for (const f of fixtures) ids.push((await ingestMessage(live.p.running.context.deps, f.raw, { source: 'cli' })).id);
    await waitFor(() => quiet(live.p), 'fixtures filed and acknowledged', 45_000, 200);
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
  }, 60_000);
});
