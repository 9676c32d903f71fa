/**
 * PGlite has no autovacuum: the process that owns and serves the directory vacuums and analyzes it on a timer, so
 * that the row versions updates leave behind are reclaimed and the planner gets statistics. A process that only
 * opens the directory for a command (no serving) runs none.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/adapters/db/pglite-open.ts';
import { startMaintenance } from '../../src/adapters/db/pglite-maintenance.ts';
import type { MaintenanceRun } from '../../src/adapters/db/pglite-maintenance.ts';
import { removeDir, tempDir } from '../support/db.ts';
import { waitFor } from '../support/pipeline.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

describe('PGlite maintenance', () => {
  it('the serving owner runs VACUUM (ANALYZE): dead row versions reclaimed, statistics gathered', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const runs: MaintenanceRun[] = [];
    const { db, role } = await openPglite(dir, { serve: true, maintenanceEveryMs: 300, onMaintenance: (r) => runs.push(r) });
    try {
      expect(role).toBe('owner');
      await db.exec(`CREATE TABLE churn (id integer PRIMARY KEY, status text);
                     INSERT INTO churn SELECT g, 'queued' FROM generate_series(1, 2000) g;
                     UPDATE churn SET status = 'sending'; UPDATE churn SET status = 'sent';`);
      const before = runs.length;
      await waitFor(() => runs.length > before, 'a maintenance run after the updates', 10_000);
      // The statistics are the backend's, flushed at most once a second (PostgreSQL 15+): on a loaded machine the
      // updates' dead-row counts can land after a run that reclaimed them — the next run (every 300 ms) settles it.
      const stat = await waitFor(async () => {
        const [s] = await db.query<{ last_vacuum: Date | null; last_analyze: Date | null; n_dead_tup: number }>(
          `SELECT last_vacuum, last_analyze, n_dead_tup::int AS n_dead_tup FROM pg_stat_user_tables WHERE relname = 'churn'`,
        );
        return s && s.n_dead_tup === 0 && s.last_vacuum !== null ? s : null;
      }, 'the dead row versions reclaimed', 15_000, 200);
      expect(runs.every((r) => r.error === undefined)).toBe(true);
      expect(stat.last_analyze).not.toBeNull();
      // The planner has the table's statistics: its row count is known, not guessed.
      const [cls] = await db.query<{ reltuples: number }>(`SELECT reltuples::int AS reltuples FROM pg_class WHERE relname = 'churn'`);
      expect(cls!.reltuples).toBe(2000);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('a process that opens the directory without serving runs none', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const runs: MaintenanceRun[] = [];
    const { db, role } = await openPglite(dir, { maintenanceEveryMs: 100, onMaintenance: (r) => runs.push(r) });
    try {
      expect(role).toBe('direct');
      await new Promise((r) => setTimeout(r, 500));
      expect(runs).toEqual([]);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('a failed run is reported and the next one still comes', async () => {
    let calls = 0;
    const runs: MaintenanceRun[] = [];
    const m = startMaintenance(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('could not extend file: No space left on device');
      },
      { everyMs: 50, onRun: (r) => runs.push(r) },
    );
    try {
      await waitFor(() => runs.length >= 2, 'two runs', 5_000);
      expect(runs[0]!.error).toMatch(/No space left/);
      expect(runs[1]!.error).toBeUndefined();
    } finally {
      m.stop();
    }
  });
});
