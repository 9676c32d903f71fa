/** Db over an in-process PGlite. Every call takes the gate, so socket clients never see half of our work. */
import type { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './db.ts';
import type { Gate } from './gate.ts';

export class PgliteDb implements Db {
  constructor(
    private readonly pg: PGlite,
    private readonly gate: Gate,
    private readonly label: string,
    private readonly onClose: () => Promise<void>,
  ) {}

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.gate.run(async () => (await this.pg.query<T>(sql, params as unknown[])).rows);
  }

  async exec(sql: string): Promise<void> {
    await this.gate.run(() => this.pg.exec(sql));
  }

  async transaction<R>(fn: (tx: Queryable) => Promise<R>): Promise<R> {
    return this.gate.run(() =>
      this.pg.transaction(async (t) => {
        const tx: Queryable = {
          query: async <T>(sql: string, params: readonly unknown[] = []) => (await t.query<T>(sql, params as unknown[])).rows,
          exec: async (sql: string) => void (await t.exec(sql)),
        };
        return fn(tx);
      }),
    );
  }

  describe(): string {
    return this.label;
  }

  private closing: Promise<void> | null = null;
  close(): Promise<void> {
    // Wait for the turn: closing under a running transaction would lose it.
    this.closing ??= this.gate.run(() => Promise.resolve()).then(() => this.onClose());
    return this.closing;
  }
}
