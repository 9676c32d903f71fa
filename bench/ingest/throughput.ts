/**
 * Part 1: a backlog through `crieur ingest FILE…` into a running `crieur worker classify file command deliver`
 * (a child process, PostgreSQL database of its own), acknowledgements and notices received by an in-process
 * SMTP sink. Timed from the ingest's start to the last expected mail received.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startSmtpSink } from '../../src/adapters/smtp/sink.ts';
import { configSchema } from '../../src/config/schema.ts';
import { parseContextFrom } from '../../src/app/parse-message.ts';
import type { ParseContext } from '../../src/types.ts';
import { generateBacklog, mixFor, type BenchMessage } from './messages.ts';
import { expectFor, type Expectation } from './expected.ts';
import { cpuOf, machineCpuSeconds, peakRssMb, redisCpuSeconds, spent } from './cpu.ts';
import { baseConfig, createDatabase, createPgliteDatabase, dropRedisPrefix, randomTag, sleep, spawnCrieur, writeConfig, REDIS_URL } from './services.ts';

export interface ThroughputResult {
  messages: BenchMessage[];
  expected: Expectation;
  ingestSeconds: number;
  endToEndSeconds: number;
  /**
   * Messages per second over the second half of the mails received (from the moment half had arrived to the last):
   * the rate once the worker's code is compiled and its connections and caches are warm — a fixed start-up cost is
   * spread over fewer messages in a small run, which the end-to-end rate mixes with the cost per message.
   */
  secondHalfRate: number;
  /**
   * Messages per second from the first mail received to the last: the end-to-end rate without what any backlog pays
   * once, whatever its size — `crieur ingest`'s start-up (≈ 0.7 s, the worker idle meanwhile) and the first message's
   * way through. That once-only part is a tenth of a 1,000-message run and a hundredth of a 20,000 one, so the
   * end-to-end rates of the sizes differ by it even when the cost per message is the same: this is the figure the
   * flatness goal compares.
   */
  steadyRate: number;
  received: number;
  inbound: Record<string, number>;
  outbox: Record<string, number>;
  /** The mails the sink received, for the bare nodemailer baseline. */
  sent: Buffer[];
  timedOut: boolean;
  /** CPU seconds spent during the run (ingest start → last mail), where they could be read. */
  cpu: { machineBusy: number | null; machineTotal: number | null; workers: number; postgres: number; redis: number | null; bench: number };
  /** What the database did during the run (pg_stat_database of the bench's database; null where unreadable). */
  db: DbCounters | null;
  /** WAL flushes of the whole server during the run (pg_stat_wal: other databases on it count too). */
  walSyncs: number | null;
  /** WAL bytes the whole server wrote during the run (pg_stat_wal, as walSyncs): what a write costs in disk and replication. */
  walBytes: number | null;
  /** Peak resident memory of each worker process (MB), read before they stop. */
  workerPeakRssMb: (number | null)[];
  /** Statements the database ran during the run, by text (BENCH_LOG_STATEMENTS=1 and a readable server log only). */
  statements: Map<string, number> | null;
}

export interface DbCounters {
  commits: number;
  rollbacks: number;
  /** Rows inserted + updated + deleted. */
  rowWrites: number;
  /** The same by table (pg_stat_all_tables, TOAST tables included): inserted, updated (of which HOT), deleted. */
  tables: Record<string, TableWrites>;
  /**
   * Bytes each index grew by (pg_relation_size, whole 8 kB pages; a TOAST table's index named by its table): every
   * insert and every update that is not HOT adds an entry to each index of its table (a partial one: when the row is
   * in it), which pg_stat_all_indexes does not count.
   */
  indexes: Record<string, number>;
}

export interface TableWrites {
  ins: number;
  upd: number;
  hot: number;
  del: number;
}

export interface ThroughputOptions {
  dir: string;
  total: number;
  fixtures: string;
  corpus: string;
  timeoutMs: number;
  /** Node flags for the worker child, e.g. ['--cpu-prof', '--cpu-prof-dir=…']. */
  workerNodeFlags: string[];
  /** How many `crieur worker` processes share the queues (scale-out on PostgreSQL). */
  workers: number;
  log: (line: string) => void;
  /** smtp.pool for the workers. */
  pool: number;
  /** Print where the backlog stands every ~2 s (which stage it waits in). */
  progress?: boolean;
  /** The embedded engine (pglite://, served by the worker) instead of a PostgreSQL database. */
  engine?: 'postgres' | 'pglite';
  /**
   * Messages of the same mix put through the worker before the clock starts (0: none, the worker starts cold): the
   * cost per message as the backlog grows, without the worker's one-time start (JIT compilation of its code, first
   * connections), which a small run cannot amortize.
   */
  warm?: number;
}

export async function runThroughput(o: ThroughputOptions): Promise<ThroughputResult> {
  const tag = randomTag();
  const messages = generateBacklog(join(o.dir, 'backlog'), mixFor(o.total), { fixtures: o.fixtures, corpus: o.corpus, tag });
  const cfg = { ...baseConfig(), redis: { url: REDIS_URL, prefix: `crieur-bench-${tag}` } };
  const ctx = parseContextFrom(configSchema.parse(cfg));
  const expected = await expectFor(messages, ctx);
  const wanted = expected.acks + expected.notices;
  o.log(`backlog: ${messages.length} messages ${JSON.stringify(expected.kinds)}; expecting ${expected.acks} acks + ${expected.notices} notices`);

  const pglite = o.engine === 'pglite';
  const db = pglite ? createPgliteDatabase(join(o.dir, 'pglite')) : await createDatabase(`crieur_bench_${tag}`);
  const arrivals: number[] = [];
  const sink = await startSmtpSink({ onMessage: () => arrivals.push(performance.now()) });
  const workers: ReturnType<typeof spawnCrieur>[] = [];
  try {
    const config = writeConfig(o.dir, 'throughput.yaml', { ...cfg, database: { url: db.url }, smtp: { url: sink.url, pool: o.pool } });
    for (let w = 0; w < o.workers; w++) {
      workers.push(spawnCrieur(['worker', 'classify', 'file', 'command', 'deliver', '--config', config], join(o.dir, `worker${w || ''}.log`), o.workerNodeFlags));
    }
    await Promise.all(workers.map((w) => w.waitForLog('crieur running', 120_000)));

    // PGlite runs inside the worker process: its CPU is the worker's.
    const backends = async () =>
      pglite ? [] : (await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).map((r) => r.pid);
    const counters = () => dbCounters(db.query.bind(db));
    const wal = () => walSyncs(db.query.bind(db));
    const workerPids = workers.map((w) => w.proc.pid!).filter((p) => p !== undefined);
    if (o.warm) {
      await warmUp(o, config, tag, ctx, arrivals);
      await forgetWarmUp(db.query.bind(db));
    }
    const sentBefore = sink.messages.length;
    const before = {
      machine: machineCpuSeconds(),
      workers: cpuOf(workerPids),
      postgres: cpuOf(await backends()),
      redis: await redisCpuSeconds(REDIS_URL),
      bench: process.cpuUsage(),
      db: await counters(),
      wal: await wal(),
    };
    const statementLog = statementLogFrom(pglite ? null : db.url);
    // Each backend's last reading: a pool's connection closed during the run took its CPU out of the end's list
    // (a 20,000-message run once showed PostgreSQL at 1.4 ms/msg and 5.6 ms/msg nobody's).
    const pgSeen = new Map(before.postgres);
    const samplePostgres = async () => {
      for (const [pid, s] of cpuOf(await backends())) pgSeen.set(pid, s);
    };
    const t0 = performance.now();
    // 5,000 files per `crieur ingest`, one after the other: 20,000 paths would come near the system's argument limit.
    for (let i = 0; i < messages.length; i += 5000) {
      const ingest = spawnCrieur(['ingest', '--config', config, ...messages.slice(i, i + 5000).map((m) => m.file)], join(o.dir, 'ingest.log'));
      const code = await ingest.exited;
      if (code !== 0) throw new Error(`crieur ingest exited ${code}: see ${ingest.logFile}`);
    }
    const ingestSeconds = (performance.now() - t0) / 1000;

    // Done when every expected mail arrived, or when nothing is left to do (then the counts tell what differs).
    const until = Date.now() + o.timeoutMs;
    let timedOut = false;
    let nextReport = 0;
    let nextBusyCheck = Date.now() + 2000;
    for (;;) {
      if (o.progress && Date.now() >= nextReport) {
        nextReport = Date.now() + 2000;
        const rows = await db.query<{ k: string; n: number }>(
          `SELECT 'in:' || state AS k, count(*)::int AS n FROM inbound_messages GROUP BY 1
           UNION ALL SELECT 'out:' || status, count(*)::int FROM outbox GROUP BY 1 ORDER BY 1`,
        );
        o.log(`  ${((performance.now() - t0) / 1000).toFixed(1)} s: ${rows.map((r) => `${r.k}=${r.n}`).join(' ')} sink=${arrivals.length}`);
      }
      if (arrivals.length >= wanted) break;
      // The database is asked only every 2 s: its count queries walk indexes full of dead row versions while the
      // backlog churns, and at 5 a second they cost PostgreSQL a visible share of the CPU being measured.
      if (Date.now() < nextBusyCheck) {
        await sleep(100);
        continue;
      }
      nextBusyCheck = Date.now() + 2000;
      await samplePostgres();
      const [busy] = await db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM inbound_messages WHERE state IN ('received','classified'))::int
              + (SELECT count(*) FROM outbox WHERE status IN ('queued','sending'))::int AS n`,
      );
      if (busy?.n === 0) {
        await sleep(500); // a last SMTP answer may still be on its way
        break;
      }
      if (Date.now() > until) {
        timedOut = true;
        break;
      }
    }
    const machine = machineCpuSeconds();
    const redisAfter = await redisCpuSeconds(REDIS_URL);
    const benchCpu = process.cpuUsage(before.bench);
    const cpu = {
      machineBusy: machine && before.machine ? machine.busy - before.machine.busy : null,
      machineTotal: machine && before.machine ? machine.total - before.machine.total : null,
      workers: spent(before.workers, cpuOf(workerPids)),
      postgres: (await samplePostgres(), spent(before.postgres, pgSeen)),
      redis: redisAfter !== null && before.redis !== null ? redisAfter - before.redis : null,
      bench: (benchCpu.user + benchCpu.system) / 1e6,
    };
    const workerPeakRssMb = workerPids.map(peakRssMb);
    const statements = statementLog?.read() ?? null;
    // Backends publish their counters when idle (at most every second): let the last ones land.
    await sleep(1500);
    const dbAfter = await counters();
    const walAfter = await wal();
    const last = arrivals[arrivals.length - 1] ?? performance.now();
    const counts = async (sql: string) => Object.fromEntries((await db.query<{ k: string; n: number }>(sql)).map((r) => [r.k, r.n]));
    return {
      messages,
      expected,
      ingestSeconds,
      endToEndSeconds: (last - t0) / 1000,
      secondHalfRate: secondHalf(arrivals, messages.length),
      steadyRate: ratePerMessage(arrivals, 0, messages.length),
      received: arrivals.length,
      inbound: await counts(`SELECT coalesce(kind, '-') || '/' || state AS k, count(*)::int AS n FROM inbound_messages GROUP BY 1 ORDER BY 1`),
      outbox: await counts(`SELECT purpose || '/' || status AS k, count(*)::int AS n FROM outbox GROUP BY 1 ORDER BY 1`),
      sent: sink.messages.slice(sentBefore).map((m) => m.raw),
      timedOut,
      cpu,
      db:
        dbAfter && before.db
          ? {
              commits: dbAfter.commits - before.db.commits,
              rollbacks: dbAfter.rollbacks - before.db.rollbacks,
              rowWrites: dbAfter.rowWrites - before.db.rowWrites,
              tables: tablesSpent(before.db.tables, dbAfter.tables),
              indexes: Object.fromEntries(
                Object.entries(dbAfter.indexes)
                  .map(([i, b]) => [i, b - (before.db!.indexes[i] ?? 0)] as const)
                  .filter(([, b]) => b > 0),
              ),
            }
          : null,
      walSyncs: walAfter !== null && before.wal !== null ? walAfter.syncs - before.wal.syncs : null,
      walBytes: walAfter !== null && before.wal !== null ? walAfter.bytes - before.wal.bytes : null,
      workerPeakRssMb,
      statements,
    };
  } finally {
    await db.release();
    await Promise.all(workers.map((w) => w.stop()));
    await sink.close();
    await db.drop();
    await dropRedisPrefix(cfg.redis.prefix);
  }
}

/** `o.warm` messages of the mix (other Message-IDs, other speakers) through the worker, every expected mail awaited. */
async function warmUp(o: ThroughputOptions, config: string, tag: string, ctx: ParseContext, arrivals: number[]): Promise<void> {
  const messages = generateBacklog(join(o.dir, 'backlog-warm'), mixFor(o.warm!), { fixtures: o.fixtures, corpus: o.corpus, tag: `${tag}w` });
  const e = await expectFor(messages, ctx);
  const ingest = spawnCrieur(['ingest', '--config', config, ...messages.map((m) => m.file)], join(o.dir, 'ingest-warm.log'));
  if ((await ingest.exited) !== 0) throw new Error(`crieur ingest (warm-up) failed: see ${ingest.logFile}`);
  const until = Date.now() + o.timeoutMs;
  while (arrivals.length < e.acks + e.notices) {
    if (Date.now() > until) throw new Error(`warm-up: ${arrivals.length} of ${e.acks + e.notices} mails received in time`);
    await sleep(100);
  }
  await sleep(500); // the last marks land
  arrivals.length = 0;
}

type Query = <T>(sql: string) => Promise<T[]>;

/**
 * The warm-up's rows out of the database before the clock starts: each size then starts from the state of a fresh
 * database — empty tables, no dead rows for autovacuum to clean meanwhile, no statistics yet (TRUNCATE forgets them, as
 * a new table has none) — and compares the cost per message as the backlog grows, with the worker's compiled code and
 * connections kept. Left in place, 3,000 warm-up messages made the 1,000-message run's PostgreSQL cost 10.3 ms a message
 * against 6.5 at 20,000. Not VACUUM ANALYZE after it: statistics saying the tables are empty made PostgreSQL's CPU per
 * message 2–3 × (9.9–13.5 ms) while the tables grew — plans for empty tables, re-planned at each execution.
 */
async function forgetWarmUp(query: Query): Promise<void> {
  const tables = await query<{ t: string }>(
    `SELECT quote_ident(tablename) AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`,
  );
  if (tables.length > 0) await query(`TRUNCATE ${tables.map((r) => r.t).join(', ')} CASCADE`);
}

async function dbCounters(query: Query): Promise<DbCounters | null> {
  try {
    const [r] = await query<{ commits: string; rollbacks: string; writes: string }>(
      `SELECT xact_commit AS commits, xact_rollback AS rollbacks, tup_inserted + tup_updated + tup_deleted AS writes
       FROM pg_stat_database WHERE datname = current_database()`,
    );
    if (!r) return null;
    const tables: Record<string, TableWrites> = {};
    const rows = await query<{ t: string; ins: string; upd: string; hot: string; del: string }>(
      // A TOAST table's rows (a large raw message, a long parsed result: chunks of ≈ 2 kB) are named by their table.
      `SELECT coalesce('toast of ' || o.relname, s.relname) AS t, s.n_tup_ins AS ins, s.n_tup_upd AS upd, s.n_tup_hot_upd AS hot, s.n_tup_del AS del
       FROM pg_stat_all_tables s LEFT JOIN pg_class o ON s.schemaname = 'pg_toast' AND o.reltoastrelid = s.relid
       WHERE s.schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    for (const t of rows) tables[t.t] = { ins: Number(t.ins), upd: Number(t.upd), hot: Number(t.hot), del: Number(t.del) };
    const indexes: Record<string, number> = {};
    const sizes = await query<{ i: string; b: string }>(
      `SELECT coalesce('toast of ' || o.relname || ' index', c.relname) AS i, pg_relation_size(c.oid) AS b
       FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_class o ON n.nspname = 'pg_toast' AND o.reltoastrelid = x.indrelid
       WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND (n.nspname <> 'pg_toast' OR o.oid IS NOT NULL)`,
    );
    for (const s of sizes) indexes[s.i] = Number(s.b);
    return { commits: Number(r.commits), rollbacks: Number(r.rollbacks), rowWrites: Number(r.writes), tables, indexes };
  } catch {
    return null;
  }
}

/** Each table's writes during the run, the tables written only. */
function tablesSpent(before: Record<string, TableWrites>, after: Record<string, TableWrites>): Record<string, TableWrites> {
  const out: Record<string, TableWrites> = {};
  for (const [t, a] of Object.entries(after)) {
    const b = before[t] ?? { ins: 0, upd: 0, hot: 0, del: 0 };
    const d = { ins: a.ins - b.ins, upd: a.upd - b.upd, hot: a.hot - b.hot, del: a.del - b.del };
    if (d.ins || d.upd || d.del) out[t] = d;
  }
  return out;
}

async function walSyncs(query: Query): Promise<{ syncs: number; bytes: number } | null> {
  try {
    const [r] = await query<{ n: string; b: string }>('SELECT wal_sync AS n, wal_bytes AS b FROM pg_stat_wal');
    return r ? { syncs: Number(r.n), bytes: Number(r.b) } : null;
  } catch {
    return null;
  }
}

/**
 * With BENCH_LOG_STATEMENTS=1 the bench's database logs every statement (log_min_duration_statement = 0,
 * services.ts); the server log (BENCH_PG_LOG, default Debian's) is read from where it stood at the start, and the
 * lines of this database (log_line_prefix names it: `user@database`) counted by statement. pg_stat_statements
 * would say the same without the log, where it is in shared_preload_libraries (not on the development server).
 */
function statementLogFrom(url: string | null): { read(): Map<string, number> } | null {
  if (!url || !process.env.BENCH_LOG_STATEMENTS) return null;
  const file = process.env.BENCH_PG_LOG ?? '/var/log/postgresql/postgresql-15-main.log';
  const dbName = new URL(url).pathname.slice(1);
  let from: number;
  try {
    from = statSync(file).size;
  } catch {
    return null;
  }
  return {
    read() {
      const counts = new Map<string, number>();
      const text = readFileSync(file).subarray(from).toString('utf8');
      // "… [pid] postgres@db LOG:  duration: 0.123 ms  execute crieur_…: UPDATE outbox …" (or "statement: …")
      const line = new RegExp(`@${dbName} LOG:  duration: [\\d.]+ ms  (?:execute [^:]*|statement|bind [^:]*|parse [^:]*): (.*)`);
      for (const l of text.split('\n')) {
        const m = line.exec(l);
        if (!m || /^(parse|bind)/.test(l.slice(l.indexOf('ms  ') + 4))) continue;
        const sql = m[1]!.replace(/\s+/g, ' ').slice(0, 70);
        counts.set(sql, (counts.get(sql) ?? 0) + 1);
      }
      return counts;
    },
  };
}

/** Mails received over the second half of the arrivals, as messages (the run's mails per message) per second. */
function secondHalf(arrivals: readonly number[], messages: number): number {
  return ratePerMessage(arrivals, Math.floor(arrivals.length / 2), messages);
}

/** Mails received from arrival `from` to the last, as messages (the run's mails per message) per second. */
function ratePerMessage(arrivals: readonly number[], from: number, messages: number): number {
  if (arrivals.length - from < 4) return 0;
  const span = (arrivals[arrivals.length - 1]! - arrivals[from]!) / 1000;
  const mails = arrivals.length - 1 - from;
  return span > 0 ? ((mails / span) * messages) / arrivals.length : 0;
}
