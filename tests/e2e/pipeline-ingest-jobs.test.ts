/**
 * A backlog given to `crieur ingest` goes on the classify queue several messages a job (IDS_PER_JOB): their reads,
 * classifications, filings and mails share statements. Each message still succeeds or fails on its own — one that
 * fails goes on alone under the classify runner's retry policy, its neighbours are filed and acknowledged once.
 */
import { describe, expect, it } from 'vitest';
import { ALONE_ABOVE_BYTES, ingestMany } from '../../src/app/ingest-message.ts';
import { classifyMessages } from '../../src/app/classify-message.ts';
import type { Logger } from '../../src/app/logger.ts';
import { createDecodeBudget, DECODE_BUDGET_BYTES, type DecodeBudget } from '../../src/app/decode-budget.ts';
import { IDS_PER_JOB } from '../../src/app/dispatcher.ts';
import { BullDispatcher } from '../../src/adapters/queue/bullmq.ts';
import type { Dispatcher } from '../../src/app/dispatcher.ts';
import { startRecovery } from '../../workers/recovery.ts';
import { buildMail, ENGINE_NAMES, proposalMail, settled, useLive, waitFor, waitSentTo } from '../support/pipeline.ts';

describe.each(ENGINE_NAMES)('a backlog ingested on %s', (engine) => {
  const live = useLive(engine, { watch: false });

  it('is classified several messages a job: each filed and acknowledged once, robots stored and not answered', { timeout: 60_000 }, async () => {
    const deps = live.p.running.context.deps;
    const speakers = Array.from({ length: 5 }, (_, i) => ({ name: `Oratrice ${i}`, email: `oratrice${i}.${engine}@exemple.fr` }));
    const proposals = speakers.map((s, i) => proposalMail({ lang: 'fr', ...s, title: `Vacuum en pratique, volet ${i} ${engine}` }));
    const autoReply = buildMail({ from: `Absent <absent.${engine}@exemple.fr>`, subject: 'Réponse automatique : absent', headers: ['Auto-Submitted: auto-replied'], body: 'Je suis absent.' });
    // A large message (a long mail, slides attached) among them: a job of its own.
    const large = buildMail({ from: `Long <long.${engine}@exemple.fr>`, subject: 'Compte rendu complet', body: 'Bonjour à toutes et à tous.\n'.repeat(ALONE_ABOVE_BYTES / 20) });
    const all = [...proposals.slice(0, 2), large, ...proposals.slice(2), autoReply];
    const saved = await ingestMany(deps, all.map((m) => ({ raw: m.raw, loc: { source: 'cli' as const } })));
    expect(saved.every((s) => s.inserted)).toBe(true);

    // The jobs carry IDS_PER_JOB messages each (the last what is left), named by the ids they carry; the large one alone.
    const jobs = await (deps.dispatcher as BullDispatcher).queue('classify').getJobs(['waiting', 'active', 'completed', 'prioritized']);
    const carried = jobs.map((j) => j.data.ids ?? [j.data.id]).sort((a, b) => a[0]! - b[0]!);
    const largeId = saved[2]!.id;
    const expected = [...chunks(saved.map((s) => s.id).filter((id) => id !== largeId), IDS_PER_JOB.classify), [largeId]].sort((a, b) => a[0]! - b[0]!);
    expect(carried).toEqual(expected);
    // 1.4 MB stored, read back and decoded beside the backlog's jobs: on PGlite (one WASM thread in this process) on a
    // loaded two-core machine that took past settled()'s default 15 s (a run of the store, worker and e2e pipeline and
    // process files at load ≈ 18 failed so; under 8 s for the whole test otherwise). The test’s own 60 s bounds the rest.
    expect(await settled(live.p, large.messageId, 40_000)).toMatchObject({ kind: 'other', state: 'done' });

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

  it("a job's messages wait for the process's decode budget: one larger than it decodes alone, and every one is filed", { timeout: 60_000 }, async () => {
    const deps = live.p.running.context.deps;
    const m = [0, 1, 2].map((i) => proposalMail({ lang: 'en', name: `Speaker ${i}`, email: `speaker${i}.budget.${engine}@example.com`, title: `Budgets and buffers, part ${i} ${engine}` }));
    const saved = await deps.store.inbound.saveRawMany(m.map((x) => ({ raw: x.raw, loc: { source: 'cli' as const } })));
    // A budget smaller than any message: each goes alone; the most decoding at once is recorded.
    const inner = createDecodeBudget(100);
    let now = 0;
    let most = 0;
    const budget: DecodeBudget = {
      async take(bytes) {
        const release = await inner.take(bytes);
        most = Math.max(most, ++now);
        return () => {
          now -= 1;
          release();
        };
      },
    };
    const r = await classifyMessages({ ...deps, decodeBudget: budget }, saved.map((s) => s.id));
    expect(r).toEqual({ kinds: ['proposal', 'proposal', 'proposal'], failed: [] });
    expect(most).toBe(1);
    expect(now).toBe(0);
  });

  it('the recovery sweep leaves messages waiting in a backlog to its jobs while classify jobs wait; takes them once none do', async () => {
    const deps = live.p.running.context.deps;
    const m = buildMail({ from: `Lent <lent.${engine}@exemple.fr>`, subject: 'Une question', body: 'Bonjour, où a lieu le prochain meetup ?' });
    const [saved] = await deps.store.inbound.saveRawMany([{ raw: m.raw, loc: { source: 'cli' as const } }]);
    const dispatched: number[] = [];
    const recording: Dispatcher = { dispatch: async (_q, id) => void dispatched.push(id), dispatchMany: async () => undefined };
    // An hour later: the message is stale, still `received` (its job of several has not started).
    const clock = { now: () => new Date(Date.now() + 3_600_000) };
    let waiting = 3;
    const sweep = startRecovery({ ...deps, dispatcher: recording, clock }, ['classify'], 3_600_000, async () => waiting);
    await sweep.stop(); // its first round, run at start
    expect(dispatched).not.toContain(saved!.id);
    waiting = 0;
    await sweep.sweep();
    expect(dispatched).toContain(saved!.id);
  });

  it('a running job slowed past staleSeconds keeps its messages: the sweep gives them no second job', { timeout: 60_000 }, async () => {
    const deps = live.p.running.context.deps;
    const classify = (deps.dispatcher as BullDispatcher).queue('classify');
    const counted = async () => (await live.p.running.metrics.jobs.get()).values.find((v) => v.labels.queue === 'classify' && v.labels.outcome === 'proposal')?.value ?? 0;
    const before = await counted();
    // The process's whole decode budget held (as a large message's decoding holds it): the next job runs, and waits.
    const release = await deps.decodeBudget!.take(DECODE_BUDGET_BYTES);
    const m = [0, 1].map((i) => proposalMail({ lang: 'fr', name: `Patiente ${i}`, email: `patiente${i}.${engine}@exemple.fr`, title: `Attendre son tour, partie ${i} ${engine}` }));
    try {
      await ingestMany(deps, m.map((x) => ({ raw: x.raw, loc: { source: 'cli' as const } })));
      await waitFor(async () => (await classify.getActiveCount()) > 0, 'the job to start');
      // Past staleSeconds (2 s here), with sweeps every second meanwhile.
      await new Promise((r) => setTimeout(r, (live.p.config.queue.staleSeconds + 2) * 1000));
    } finally {
      release();
    }
    for (const x of m) expect(await settled(live.p, x.messageId)).toMatchObject({ kind: 'proposal', state: 'done' });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await counted()).toBe(before + 2);
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
