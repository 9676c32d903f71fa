/**
 * PGlite runs no autovacuum. Without it, every row version an UPDATE leaves behind (an outbox row goes queued →
 * sending → sent; an inbound message received → classified → done) stays in the tables and their indexes for ever,
 * and the planner never gets statistics: an embedded install slows and grows month after month. The process that
 * owns and serves the directory (`crieur start`) does autovacuum's work on a timer: VACUUM (ANALYZE) of the whole
 * database. A repeat is cheap — the visibility map lets VACUUM skip every page untouched since the last one, and
 * ANALYZE samples at most 30,000 rows a table — and it takes its turn at the gate like any query.
 */
export interface MaintenanceRun {
  ms: number;
  error?: string;
}

export interface Maintenance {
  /** Runs once now (tests, and the timer). */
  runNow(): Promise<MaintenanceRun>;
  stop(): void;
}

/** Every ten minutes: autovacuum's naptime is one, but an embedded group's write rate is a few rows a minute. */
export const MAINTENANCE_EVERY_MS = 10 * 60_000;

export function startMaintenance(
  exec: (sql: string) => Promise<void>,
  opts: { everyMs?: number; onRun?: (run: MaintenanceRun) => void } = {},
): Maintenance {
  let running: Promise<MaintenanceRun> | null = null;
  const runNow = () =>
    (running ??= (async () => {
      const t0 = performance.now();
      try {
        await exec('VACUUM (ANALYZE)');
        return { ms: performance.now() - t0 };
      } catch (err) {
        // Said, and tried again at the next turn: a failed VACUUM loses nothing.
        return { ms: performance.now() - t0, error: (err as Error).message };
      } finally {
        running = null;
      }
    })().then((run) => (opts.onRun?.(run), run)));
  const timer = setInterval(() => void runNow(), opts.everyMs ?? MAINTENANCE_EVERY_MS);
  timer.unref();
  return { runNow, stop: () => clearInterval(timer) };
}
