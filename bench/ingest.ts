/**
 * bench/ingest — crieur's mail path end to end, next to the bare libraries it is built on, in one run.
 *
 *   npm run bench:ingest [-- --messages 5000] [--scale] [--warm N] [--workers 1] [--pool N] [--pglite] [--latency 240] [--warm-up 60] [--rate 20] [--skip-latency] [--cpu-prof] [--progress]
 *
 * --scale: 1,000, 5,000 and 20,000 messages (--sizes A,B,… for others) (flatness: msg/s and the worker's peak RSS of each), the bare blocks and
 * the latency part in one command (≈ 7 min on an idle 2-core machine). Each size runs on a warm worker: 500 messages of
 * the mix go through it before the clock starts (--warm N for another count; 0 for cold workers), then their rows are
 * removed (TRUNCATE: each size starts from empty tables without statistics, as a fresh database does), so that the sizes
 * compare the cost per message as the backlog grows, not the worker's one-time start-up (JIT, first connections) spread
 * over fewer messages. Without --scale the worker starts cold (--warm N to warm it): the canonical figure is a
 * backlog meeting a freshly started service, as after an outage.
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
 * Goals (issue 12; figures only, never asserted): end to end ≥ 0.33 × the bare-library bound of the same run;
 * APPEND → ack p99 < 0.5 s at 20 proposals/s; msg/s within 15 % from 1,000 to 20,000 messages, RSS bounded. Every database, Redis key,
 * temp dir and process the bench creates is removed at the end, also when it fails.
 * CRIEUR_BENCH_NODE_FLAGS='--trace-opt --trace-deopt' gives the worker other node flags than --cpu-prof's (its output lands in
 * the worker's log: keep it with CRIEUR_BENCH_KEEP=1). CRIEUR_BENCH_LOG=debug|trace makes the workers' logs louder (default info, as deployed); warn or quieter cannot be used:
 * the bench reads the workers' readiness ("crieur running", an info line) from their logs. CRIEUR_BENCH_KEEP=1 keeps
 * the logs and configs after a run that went well (a failed run always keeps them).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bareBullmq, bareParse, bareSend } from './ingest/baselines.ts';
import { configSchema } from '../src/config/schema.ts';
import { runThroughput, type ThroughputResult } from './ingest/throughput.ts';
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
/** (fastest − slowest) / fastest, in whole percent: the flatness figure of issue 12. */
const spreadPercent = (rates: number[]) => (((Math.max(...rates) - Math.min(...rates)) / Math.max(...rates)) * 100).toFixed(0);

// smtp.pool for the workers and the bare nodemailer block alike: the configuration's default unless --pool.
const pool = opt('pool', configSchema.parse({}).smtp.pool);
const dir = mkdtempSync(join(tmpdir(), 'crieur-bench-'));
const profDir = join(tmpdir(), 'crieur-bench-profiles'); // kept after the run: open in Chrome DevTools
try {
  const engineName = flag('pglite') ? 'PGlite served by the worker' : 'PostgreSQL';
  // --scale: the flatness check of issue 12 — the same mix at 1,000, 5,000 and 20,000 messages (a database each),
  // then the bare blocks once (on the 5,000 run's messages) and the latency part; one command, for the record.
  // --sizes 300,600 runs other sizes the same way (a quick check of the command).
  const sizesArg = args.indexOf('--sizes');
  const sizes =
    sizesArg >= 0 ? args[sizesArg + 1]!.split(',').map(Number) : flag('scale') ? [1000, 5000, 20000] : [opt('messages', 5000)];
  if (sizes.some((n) => !Number.isSafeInteger(n) || n < 10)) throw new Error('--sizes: whole numbers of messages, at least 10 each, comma-separated');
  const canonical = sizes.includes(5000) ? 5000 : sizes[0]!;
  const warm = opt('warm', flag('scale') || sizesArg >= 0 ? 500 : 0);
  const runs: { total: number; t: ThroughputResult; e2e: number }[] = [];
  for (const total of sizes) {
    mkdirSync(join(dir, String(total)));
    const t = await runThroughput({
      dir: join(dir, String(total)),
      total,
      fixtures,
      corpus,
      // 20,000 messages under load take minutes: the timeout grows with the backlog.
      timeoutMs: Math.max(opt('timeout', 300), total / 20) * 1000,
      workerNodeFlags: process.env.CRIEUR_BENCH_NODE_FLAGS ? process.env.CRIEUR_BENCH_NODE_FLAGS.split(' ') : flag('cpu-prof') ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
      workers: opt('workers', 1),
      log,
      progress: flag('progress'),
      pool,
      engine: flag('pglite') ? 'pglite' : 'postgres',
      warm,
    });
    const e2e = t.messages.length / t.endToEndSeconds;
    printThroughput(t, e2e, engineName, warm);
    // Only the canonical run's messages and mails feed the bare blocks: the others' bytes are let go.
    runs.push({ total, t: total === canonical ? t : { ...t, messages: [], sent: [] }, e2e });
  }
  if (flag('cpu-prof')) log(`worker CPU profile written to ${profDir}`);

  const main = runs.find((r) => r.total === canonical)!;
  const t = main.t;
  const e2e = main.e2e;
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
  if (runs.length > 1) {
    log(`\n== flatness (${engineName}): the same mix at ${runs.map((r) => r.total).join(' / ')} messages, ${warm ? `each on a worker warmed by ${warm} messages` : 'each on a cold worker'} ==`);
    for (const r of runs) {
      const rss = r.t.workerPeakRssMb.map((m) => (m === null ? '?' : `${m.toFixed(0)} MB`)).join(', ');
      const ok = r.t.received === r.t.expected.acks + r.t.expected.notices && !r.t.timedOut ? 'all mails received once' : 'MAILS MISSING';
      log(
        `${String(r.total).padStart(6)} messages: ${r.e2e.toFixed(0)} msg/s end to end, ${r.t.steadyRate.toFixed(0)} from the first mail received to the last, ` +
          `${r.t.secondHalfRate.toFixed(0)} over its second half; worker CPU ${((r.t.cpu.workers * 1000) / r.total).toFixed(1)} ms/msg; peak RSS ${rss}; ${ok}`,
      );
    }
    log(`spread of first-to-last-mail msg/s (the cost per message, without crieur ingest's start-up): ${spreadPercent(runs.map((r) => r.t.steadyRate))} % of the fastest (goal within 15 %)`);
    log(`spread of end-to-end msg/s (crieur ingest's start-up, paid once, included): ${spreadPercent(runs.map((r) => r.e2e))} %`);
    log(`spread of second-half msg/s (warm worker; does the cost per message grow with the backlog?): ${spreadPercent(runs.map((r) => r.t.secondHalfRate))} %`);
  }
  log(`load average at the end of the throughput part: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (${cpus().length} cores)`);

  if (!flag('skip-latency')) {
    const count = opt('latency', 240);
    const perSecond = opt('rate', 20);
    const warmUp = opt('warm-up', 60);
    const l = await runLatency({ dir, count, warmUp, perSecond, fixtures, corpus, timeoutMs: 60_000, log });
    const quantile = (values: number[], p: number) => {
      const xs = [...values].sort((a, b) => a - b);
      return xs.length ? xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]! : NaN;
    };
    const xs = [...l.latenciesMs].sort((a, b) => a - b);
    const q = (p: number) => quantile(xs, p);
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    log(`\n== latency: IMAP APPEND → acknowledgement received (Dovecot, crieur start, PostgreSQL) ==`);
    log(`appended ${l.appended} proposals at ${l.appendRate.toFixed(1)}/s, the first ${warmUp} the service's warm-up (below, apart); acks matched ${xs.length} of ${l.expected} expected after it`);
    log(`p50 ${ms(q(50))}  p95 ${ms(q(95))}  p99 ${ms(q(99))} (goal p99 < 500 ms, issue 12)  max ${ms(xs[xs.length - 1] ?? NaN)}`);
    // Where the wait went (wall clock; the database's timestamps are now() of the writing transaction: its start).
    const stage = (name: keyof typeof l.stages, what: string) =>
      `  ${what.padEnd(44)} p50 ${ms(quantile(l.stages[name], 50))}  p95 ${ms(quantile(l.stages[name], 95))}  p99 ${ms(quantile(l.stages[name], 99))}`;
    log(stage('stored', 'APPEND → stored (watcher: IDLE, FETCH, INSERT)'));
    log(stage('queued', 'stored → ack queued (classify, file, compose)'));
    log(stage('sent', 'queued → SMTP accepted (deliver)'));
    log(stage('received', 'SMTP accepted → received by the sink'));
    const w = l.warmUpMs;
    log(`warm-up, the first ${warmUp} proposals after start (JIT, first connections): p50 ${ms(quantile(w, 50))}  p99 ${ms(quantile(w, 99))}  max ${ms(quantile(w, 100))}`);
  }
  if (process.env.CRIEUR_BENCH_KEEP) log(`logs and configs kept in ${dir} (CRIEUR_BENCH_KEEP)`);
  else rmSync(dir, { recursive: true, force: true });
} catch (err) {
  // The children's logs the error points to stay for a post-mortem.
  console.error(`bench failed; logs and configs kept in ${dir}`);
  throw err;
}

function printThroughput(t: ThroughputResult, e2e: number, engineName: string, warm: number): void {
  const wanted = t.expected.acks + t.expected.notices;
  log(`\n== throughput (${engineName}, Redis, ${opt('workers', 1)} worker process(es) with every queue; child processes; ${warm ? `worker warmed by ${warm} messages first` : 'worker started cold'}) ==`);
  log(`messages ingested:             ${t.messages.length}`);
  log(`mails received by the sink:    ${t.received} of ${wanted} expected${t.timedOut ? ' (TIMED OUT)' : ''}`);
  const withWarm = warm ? ` (the ${warm} warm-up messages' rows removed before the clock started)` : '';
  log(`inbound kind/state${withWarm}: ${JSON.stringify(t.inbound)}`);
  log(`outbox purpose/status${withWarm}: ${JSON.stringify(t.outbox)}`);
  log(`crieur ingest (process start → exit, workers running meanwhile): ${t.ingestSeconds.toFixed(2)} s, ${rate(t.messages.length, t.ingestSeconds)}`);
  log(`end to end (ingest start → last ack/notice received):           ${t.endToEndSeconds.toFixed(2)} s, ${e2e.toFixed(0)} msg/s (goal: ≥ 0.33 × the bare-library bound below), ${(t.received / t.endToEndSeconds).toFixed(0)} mails/s sent`);
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
        `${t.walSyncs !== null ? `; WAL flushes ${t.walSyncs} (${each(t.walSyncs)}/msg, whole server: other databases count too)` : ''}` +
        `${t.walBytes !== null ? `; WAL ${(t.walBytes / 1e6).toFixed(1)} MB (${(t.walBytes / t.messages.length / 1024).toFixed(1)} kB/msg)` : ''}`,
    );
    log('row writes by table, per message (pg_stat_all_tables; a TOAST table\'s rows are chunks of ≈ 2 kB): inserted, updated (of which HOT), deleted');
    for (const [name, w] of Object.entries(t.db.tables).sort((a, b) => b[1].ins + b[1].upd + b[1].del - (a[1].ins + a[1].upd + a[1].del))) {
      log(`  ${name.padEnd(32)} ins ${each(w.ins)}  upd ${each(w.upd)} (hot ${each(w.hot)})  del ${each(w.del)}`);
    }
    const kb = (b: number) => (b / t.messages.length / 1024).toFixed(2);
    const grown = Object.entries(t.db.indexes).sort((a, b) => b[1] - a[1]);
    log(
      `index growth, per message (pg_relation_size, 8 kB pages: an entry per insert and per update that is not HOT): ` +
        `${kb(grown.reduce((a, [, b]) => a + b, 0))} kB/msg in all`,
    );
    for (const [name, b] of grown) log(`  ${name.padEnd(40)} ${kb(b)} kB`);
  }
  if (t.statements) {
    const all = [...t.statements.values()].reduce((a, b) => a + b, 0);
    log(`statements run by the database: ${all} (${each(all)}/msg); the most frequent, per message:`);
    for (const [sql, n] of [...t.statements].sort((a, b) => b[1] - a[1]).slice(0, 12)) log(`  ${each(n)}  ${sql}`);
  }
  log(`worker peak RSS: ${t.workerPeakRssMb.map((m) => (m === null ? '?' : `${m.toFixed(0)} MB`)).join(', ')}`);
  log(`load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (${cpus().length} cores; other processes on the machine count)`);
}
