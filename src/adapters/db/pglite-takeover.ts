/**
 * A long-running client of a served PGlite directory that becomes its owner when the owner goes: a connection
 * closed by the owner, or the first call that finds the serving process gone, starts a takeover — take the directory's lock once the owner released it
 * (or left it stale), open the directory here and serve it to the others; or, if another survivor was quicker,
 * connect to its endpoint. Issue 11, defect 5: the survivor of two `crieur start` looped forever on "cannot
 * reach pglite … run the command again" while mail waited.
 *
 * The call that met the outage still fails: it may or may not have run on the old owner, and only its caller
 * knows whether trying again is safe (a job retries, the inbox watcher reconnects). Calls made during the
 * takeover wait for it, then go to the new owner.
 */
import { settlesWithin } from '../within.ts';
import { DbError, type Db, type Queryable } from './db.ts';

/** What the takeover opens: this process as owner, or a client of whoever took over first. */
export type Reopen = () => Promise<{ db: Db; role: 'owner' | 'direct' | 'client' }>;

export class TakeoverDb implements Db {
  private switching: Promise<void> | null = null;
  private closed = false;

  constructor(
    private current: Db,
    private readonly reopen: Reopen,
    /** Told once per change of hands, with the new describe(): the process logs it. */
    private readonly onTakeover: (describe: string, role: string) => void = () => undefined,
  ) {}

  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.run((db) => db.query<T>(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.run((db) => db.exec(sql));
  }

  transaction<R>(fn: (tx: Queryable) => Promise<R>): Promise<R> {
    return this.run((db) => db.transaction(fn));
  }

  describe(): string {
    return this.current.describe();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.switching;
    await this.current.close();
  }

  /** A connection of `db` lost its server: if `db` is still the current one, take over now. */
  lost(db: Db): void {
    this.takeOver(db);
  }

  private async run<R>(fn: (db: Db) => Promise<R>): Promise<R> {
    if (this.switching) await this.switching;
    const db = this.current;
    try {
      return await fn(db);
    } catch (err) {
      if (err instanceof DbError && err.code === 'EDB_UNAVAILABLE') this.takeOver(db);
      throw err;
    }
  }

  private takeOver(from: Db): void {
    if (this.closed || this.switching || this.current !== from) return;
    this.switching = (async () => {
      try {
        const next = await this.reopen();
        if (this.closed) {
          await next.db.close();
          return;
        }
        this.current = next.db;
        this.onTakeover(next.db.describe(), next.role);
        // Its connections are dead already; ending the pool must not hold the switch.
        await settlesWithin(from.close(), 2_000);
      } catch {
        // The owner is still closing past reopen's wait (or another process holds the directory without
        // serving it): the next call that fails tries again.
      } finally {
        this.switching = null;
      }
    })();
  }
}
