/**
 * One PGlite backend serves everyone (the owner process and its socket clients), so whoever uses it must
 * have it to themselves for a whole unit of work: an owner query or transaction, or a socket client's
 * messages up to a Sync that leaves no transaction open. The gate is that turn-taking: FIFO, re-entrant
 * for the key that holds it.
 *
 * Why not PGLiteSocketServer's own queue: it only keeps a *socket* transaction exclusive; an in-process
 * query lands inside a socket client's open transaction (and is rolled back with it), and a Parse whose
 * Bind arrives in a later TCP chunk can be interleaved with another client's statements.
 */

type Waiter = { key: unknown; resolve: () => void; reject: (e: Error) => void };

export class Gate {
  private holder: unknown = null;
  private waiters: Waiter[] = [];

  get heldBy(): unknown {
    return this.holder;
  }

  acquire(key: unknown): Promise<void> {
    if (this.holder === key) return Promise.resolve();
    if (this.holder === null) {
      this.holder = key;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => this.waiters.push({ key, resolve, reject }));
  }

  release(key: unknown): void {
    if (this.holder !== key) return;
    const next = this.waiters.shift();
    this.holder = next ? next.key : null;
    next?.resolve();
  }

  /** Drops a key's pending turns (its connection went away). */
  cancel(key: unknown, reason: Error): void {
    const mine = this.waiters.filter((w) => w.key === key);
    this.waiters = this.waiters.filter((w) => w.key !== key);
    for (const w of mine) w.reject(reason);
  }

  async run<R>(fn: () => Promise<R>): Promise<R> {
    const key = Symbol('turn');
    await this.acquire(key);
    try {
      return await fn();
    } finally {
      this.release(key);
    }
  }
}
