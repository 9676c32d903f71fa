/**
 * A backlog given to `crieur ingest` goes on the classify queue several messages a job (IDS_PER_JOB): their reads,
 * classifications, filings and mails share statements. Each message still succeeds or fails on its own — one that
 * fails goes on alone under the classify runner's retry policy, its neighbours are filed and acknowledged once.
 */
import { describe, expect, it } from 'vitest';
import { ingestMany } from '../../src/app/ingest-message.ts';
import { classifyMessages } from '../../src/app/classify-message.ts';
import type { Logger } from '../../src/app/logger.ts';
import { IDS_PER_JOB } from '../../src/app/dispatcher.ts';
import { BullDispatcher } from '../../src/adapters/queue/bullmq.ts';
import { buildMail, ENGINE_NAMES, proposalMail, settled, useLive, waitSentTo } from '../support/pipeline.ts';

describe.each(ENGINE_NAMES)('a backlog ingested on %s', (engine) => {
  const live = useLive(engine, { watch: false });

  it('is classified several messages a job: each filed and acknowledged once, robots stored and not answered', { timeout: 60_000 }, async () => {
    const deps = live.p.running.context.deps;
    const speakers = Array.from({ length: 5 }, (_, i) => ({ name: `Oratrice ${i}`, email: `oratrice${i}.${engine}@exemple.fr` }));
    const proposals = speakers.map((s, i) => proposalMail({ lang: 'fr', ...s, title: `Vacuum en pratique, volet ${i} ${engine}` }));
    const autoReply = buildMail({ from: `Absent <absent.${engine}@exemple.fr>`, subject: 'Réponse automatique : absent', headers: ['Auto-Submitted: auto-replied'], body: 'Je suis absent.' });
    const all = [...proposals, autoReply];
    const saved = await ingestMany(deps, all.map((m) => ({ raw: m.raw, loc: { source: 'cli' as const } })));
    expect(saved.every((s) => s.inserted)).toBe(true);

    // The jobs carry IDS_PER_JOB messages each (the last what is left), named by the ids they carry.
    const jobs = await (deps.dispatcher as BullDispatcher).queue('classify').getJobs(['waiting', 'active', 'completed', 'prioritized']);
    const carried = jobs.map((j) => j.data.ids ?? [j.data.id]).sort((a, b) => a[0]! - b[0]!);
    expect(carried).toEqual(chunks(saved.map((s) => s.id), IDS_PER_JOB.classify));

    for (const s of speakers) expect(await waitSentTo(live.sink, s.email, 1)).toHaveLength(1);
    for (const m of proposals) expect(await settled(live.p, m.messageId)).toMatchObject({ kind: 'proposal', state: 'done' });
    expect(await settled(live.p, autoReply.messageId)).toMatchObject({ kind: 'auto-reply', state: 'done' });
    expect(live.sink.messages.filter((m) => m.envelope.to.includes(`absent.${engine}@exemple.fr`))).toEqual([]);
    // Counted per message, by kind, as jobs of one message each are.
    const counted = await live.p.running.metrics.jobs.get();
    const n = (outcome: string) => counted.values.find((v) => v.labels.queue === 'classify' && v.labels.outcome === outcome)?.value ?? 0;
    expect([n('proposal'), n('auto-reply')]).toEqual([5, 1]);
  });

  it("a job's lines name each message once (a JSON line with a key twice is refused by strict readers)", { timeout: 60_000 }, async () => {
    const deps = live.p.running.context.deps;
    const m = [0, 1].map((i) => proposalMail({ lang: 'fr', name: `Orateur ${i}`, email: `orateur${i}.lines.${engine}@exemple.fr`, title: `Les verrous, partie ${i} ${engine}` }));
    const saved = await deps.store.inbound.saveRawMany(m.map((x) => ({ raw: x.raw, loc: { source: 'cli' as const } })));
    const lines: { keys: string[]; msg: string }[] = [];
    const r = await classifyMessages({ ...deps, log: recordingLog(lines) }, saved.map((s) => s.id));
    expect(r).toEqual({ kinds: ['proposal', 'proposal'], failed: [] });
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l.keys, l.msg).toEqual([...new Set(l.keys)]);
  });

  it('one message of a job failing goes on alone on its retry schedule; its neighbours are filed', { timeout: 60_000 }, async () => {
    const deps = live.p.running.context.deps;
    const a = proposalMail({ lang: 'en', name: 'Ada Byron', email: `ada.${engine}@example.com`, title: `Partitioning at scale ${engine}` });
    const b = proposalMail({ lang: 'en', name: 'Bob Codd', email: `bob.${engine}@example.com`, title: `Relational theory today ${engine}` });
    const [sa, sb] = await deps.store.inbound.saveRawMany([a, b].map((m) => ({ raw: m.raw, loc: { source: 'cli' as const } })));
    // An id no message has, between the two: reading it fails (as a database hiccup would fail one message's step).
    const missing = 2_000_000_000;
    await deps.dispatcher.dispatchMany('classify', [sa!.id, missing, sb!.id], { together: true });
    await waitSentTo(live.sink, `ada.${engine}@example.com`, 1);
    await waitSentTo(live.sink, `bob.${engine}@example.com`, 1);
    expect(await settled(live.p, a.messageId)).toMatchObject({ kind: 'proposal', state: 'done' });
    expect(await settled(live.p, b.messageId)).toMatchObject({ kind: 'proposal', state: 'done' });
    // The failed id's job of its own: delayed, continuing the schedule (one attempt made).
    const alone = await (deps.dispatcher as BullDispatcher).queue('classify').getJob(`classify-${missing}`);
    expect(alone?.data).toMatchObject({ id: missing, made: 1 });
    expect(await alone?.getState()).toBe('delayed');
  });
});

/** A logger that keeps each line as pino writes it: its children's bindings, then the line's own fields. */
function recordingLog(lines: { keys: string[]; msg: string }[], bound: string[] = []): Logger {
  const line = (obj: object, msg = '') => void lines.push({ keys: [...bound, ...Object.keys(obj)], msg });
  return { debug: line, info: line, warn: line, error: line, child: (b) => recordingLog(lines, [...bound, ...Object.keys(b)]) };
}

function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
