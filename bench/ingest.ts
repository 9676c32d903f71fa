/**
 * bench/ingest — crieur's mail path end to end, next to the bare libraries it is built on, in one run.
 *
 *   npm run bench:ingest [-- --messages 5000] [--workers 1] [--pool N] [--pglite] [--latency 240] [--rate 20] [--skip-latency] [--cpu-prof] [--progress]
 *
 * Part 1 (throughput): a mixed backlog (proposals fr/en, auto-replies, bounces, list posts, replies) goes
 * through `crieur ingest FILE…` into a child `crieur worker classify file command deliver` on a fresh
 * PostgreSQL database; the clock runs from the ingest's start to the last acknowledgement/notice received by
 * an in-process SMTP sink. Then the bare blocks on the same machine: mailparser simpleParser on the same
 * messages, BullMQ add + process of trivial jobs, nodemailer pool → smtp-server with the mails just received.
 * Part 2 (latency): a private Dovecot watched by a child `crieur start`; proposals APPENDed at a steady pace;
 * APPEND → acknowledgement received, matched by In-Reply-To.
 *
 * --pglite: the same run on the embedded engine (pglite://, opened and served by the worker) instead of PostgreSQL.
 *
 * Goals (figures only, never asserted): ≥ 1,000 messages/s end to end; p99 < 2 s. Every database, Redis key,
 * temp dir and process the bench creates is removed at the end, also when it fails.
 * CRIEUR_BENCH_LOG=warn quiets the workers' logs (default info, as deployed).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bareBullmq, bareParse, bareSend } from './ingest/baselines.ts';
import { configSchema } from '../src/config/schema.ts';
import { runThroughput } from './ingest/throughput.ts';
import { runLatency } from './ingest/latency.ts';
import { dropRedisPrefix, randomTag } from './ingest/services.ts';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const flag = (name: string) => args.includes(`--${name}`);
const ROOT = new URL('..', import.meta.url).pathname;
const fixtures = join(ROOT, 'tests/fixtures/proposals');
const corpus = process.env.CRIEUR_CORPUS ?? join(ROOT, '../shared/corpus');
const log = (line: string) => console.log(line);
const rate = (n: number, s: number) => `${(n / s).toFixed(0)} msg/s`;

// smtp.pool for the workers and the bare nodemailer block alike: the configuration's default unless --pool.
const pool = opt('pool', configSchema.parse({}).smtp.pool);
const dir = mkdtempSync(join(tmpdir(), 'crieur-bench-'));
const profDir = join(tmpdir(), 'crieur-bench-profiles'); // kept after the run: open in Chrome DevTools
try {
  const total = opt('messages', 5000);
  const t = await runThroughput({
    dir,
    total,
    fixtures,
    corpus,
    timeoutMs: opt('timeout', 300) * 1000,
    workerNodeFlags: flag('cpu-prof') ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
    workers: opt('workers', 1),
    log,
    progress: flag('progress'),
    pool,
    engine: flag('pglite') ? 'pglite' : 'postgres',
  });
  if (flag('cpu-prof')) log(`worker CPU profile written to ${profDir}`);
  const wanted = t.expected.acks + t.expected.notices;
  const e2e = t.messages.length / t.endToEndSeconds;
  const engineName = flag('pglite') ? 'PGlite served by the worker' : 'PostgreSQL';
  log(`\n== throughput (${engineName}, Redis, ${opt('workers', 1)} worker process(es) with every queue; child processes) ==`);
  log(`messages ingested:             ${t.messages.length}`);
  log(`mails received by the sink:    ${t.received} of ${wanted} expected${t.timedOut ? ' (TIMED OUT)' : ''}`);
  log(`inbound kind/state:            ${JSON.stringify(t.inbound)}`);
  log(`outbox purpose/status:         ${JSON.stringify(t.outbox)}`);
  log(`crieur ingest (process start → exit, workers running meanwhile): ${t.ingestSeconds.toFixed(2)} s, ${rate(t.messages.length, t.ingestSeconds)}`);
  log(`end to end (ingest start → last ack/notice received):           ${t.endToEndSeconds.toFixed(2)} s, ${e2e.toFixed(0)} msg/s (goal >= 1000), ${(t.received / t.endToEndSeconds).toFixed(0)} mails/s sent`);

  const c = t.cpu;
  const perMsg = (sec: number) => `${sec.toFixed(1)} s (${((sec * 1000) / t.messages.length).toFixed(1)} ms/msg)`;
  const known = c.workers + c.postgres + (c.redis ?? 0) + c.bench;
  log(
    `CPU spent during the run${c.machineTotal !== null ? ` (${c.machineTotal.toFixed(1)} s available)` : ''}:` +
      `${c.machineBusy !== null ? ` machine ${perMsg(c.machineBusy)};` : ''} crieur worker${flag('pglite') ? ' (PGlite inside)' : ''} ${perMsg(c.workers)}; PostgreSQL backends ${perMsg(c.postgres)};` +
      `${c.redis !== null ? ` Redis ${perMsg(c.redis)};` : ''} bench process (SMTP listener) ${perMsg(c.bench)}` +
      `${c.machineBusy !== null ? `; the rest (crieur ingest, kernel, others) ${perMsg(Math.max(0, c.machineBusy - known))}` : ''}`,
  );
  const each = (n: number) => (n / t.messages.length).toFixed(2);
  if (t.db) {
    log(
      `database work: ${t.db.commits} commits (${each(t.db.commits)}/msg; each autocommit statement is one), ${t.db.rowWrites} row writes (${each(t.db.rowWrites)}/msg)` +
        `${t.walSyncs !== null ? `; WAL flushes ${t.walSyncs} (${each(t.walSyncs)}/msg, whole server: other databases count too)` : ''}`,
    );
  }
  log(`worker peak RSS: ${t.workerPeakRssMb.map((m) => (m === null ? '?' : `${m.toFixed(0)} MB`)).join(', ')}`);
  log(`\n== bare building blocks, same machine, same run ==`);
  const raws = t.messages.map((m) => m.raw);
  const parse = await bareParse(raws);
  log(`mailparser simpleParser, the same ${raws.length} messages: ${parse.toFixed(0)} msg/s`);
  log(`ratio crieur end to end / bare simpleParser: ${(e2e / parse).toFixed(2)}`);
  const prefix = `crieur-bench-bare-${randomTag()}`;
  try {
    const bull = await bareBullmq(prefix, 20_000);
    log(`BullMQ addBulk / process (concurrency 10), 20000 trivial jobs: ${bull.add.toFixed(0)} / ${bull.process.toFixed(0)} jobs/s`);
  } finally {
    await dropRedisPrefix(prefix);
  }
  const sent = t.sent.slice(0, 3000);
  if (sent.length > 0) {
    const send = await bareSend(sent, pool);
    log(`nodemailer pool (${pool}) → smtp-server, ${sent.length} of the mails crieur sent, prebuilt: ${send.toFixed(0)} msg/s`);
    // What the bare libraries alone allow for this backlog: each message parsed once and its mails sent and received
    // once (both blocks ran on one core each above), nothing stored, queued, classified or composed, both cores busy.
    const mailsPerMessage = t.received / t.messages.length;
    const bound = 2 / (1 / parse + mailsPerMessage / send);
    log(`bare-library bound for this mix (1 parse + ${mailsPerMessage.toFixed(2)} SMTP sends per message, no storage, no queue, 2 cores): ${bound.toFixed(0)} msg/s`);
    log(`crieur end to end / that bound: ${(e2e / bound).toFixed(2)}`);
  }

  if (!flag('skip-latency')) {
    const count = opt('latency', 240);
    const perSecond = opt('rate', 20);
    const l = await runLatency({ dir, count, perSecond, fixtures, corpus, timeoutMs: 60_000, log });
    const xs = [...l.latenciesMs].sort((a, b) => a - b);
    const q = (p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]! : NaN);
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    log(`\n== latency: IMAP APPEND → acknowledgement received (Dovecot, crieur start, PostgreSQL) ==`);
    log(`appended ${l.appended} proposals at ${l.appendRate.toFixed(1)}/s; acks matched ${xs.length} of ${l.expected} expected`);
    log(`p50 ${ms(q(50))}  p95 ${ms(q(95))}  p99 ${ms(q(99))} (goal < 2000 ms)  max ${ms(xs[xs.length - 1] ?? NaN)}`);
  }
  rmSync(dir, { recursive: true, force: true });
} catch (err) {
  // The children's logs the error points to stay for a post-mortem.
  console.error(`bench failed; logs and configs kept in ${dir}`);
  throw err;
}
