/**
 * A Redis lease: only one watcher per mailbox across processes and machines. SET NX PX with a random
 * token, renewed every ttl/3 while held; renew and release are compare-and-set Lua scripts, so a holder
 * whose lease expired (paused process, partition) can never extend or delete its successor's.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export class Lease {
  private readonly token = randomBytes(16).toString('hex');
  private timer: NodeJS.Timeout | null = null;
  private held = false;
  private renewedAt = 0;

  constructor(
    private readonly redis: Redis,
    readonly key: string,
    private readonly ttlMs: number,
    /** Called once when a renewal finds the lease gone: the holder must stop working at once. */
    private readonly onLost: (reason: string) => void,
  ) {}

  /** True when this process holds the lease (already, or newly); false when someone else does. */
  async acquire(): Promise<boolean> {
    if (this.held) return true;
    const ok = await this.redis.set(this.key, this.token, 'PX', this.ttlMs, 'NX');
    if (ok !== 'OK') return false;
    this.held = true;
    this.renewedAt = Date.now();
    this.timer = setInterval(() => void this.renew(), Math.max(50, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
    return true;
  }

  async release(): Promise<void> {
    if (!this.held) return;
    this.drop();
    await this.redis.eval(RELEASE, 1, this.key, this.token).catch(() => undefined);
  }

  /**
   * Past this long without a renewal, the lease is given up: before its key can expire in Redis (ttl after the last
   * renewal), so a successor elsewhere never watches beside us. Two renewals (every ttl/3) have been missed by then.
   */
  private get graceMs(): number {
    return this.ttlMs - Math.floor(this.ttlMs / 3) - 50;
  }

  private async renew(): Promise<void> {
    if (!this.held) return;
    // The workers' connection (maxRetriesPerRequest: null) queues a command while Redis is away: the previous renewal
    // may still be waiting, neither done nor failed. Judged by time, not by its answer — waiting for it kept a watcher
    // working after its key had expired, and another process could take the mailbox beside it.
    if (Date.now() - this.renewedAt >= this.graceMs) return this.lose('redis unreachable: no renewal answered in time');
    let renewed = false;
    let reason = 'gone from Redis (it expired, or another process took it)';
    try {
      renewed = (await this.redis.eval(RENEW, 1, this.key, this.token, String(this.ttlMs))) === 1;
      if (renewed) this.renewedAt = Date.now();
    } catch (err) {
      // Redis unreachable: keep working until the lease is about to expire (the check above), then give up.
      if (Date.now() - this.renewedAt < this.graceMs) return;
      reason = `redis unreachable: ${(err as Error).message}`;
    }
    if (!renewed && this.held) this.lose(reason);
  }

  private lose(reason: string): void {
    if (!this.held) return;
    this.drop();
    this.onLost(reason);
  }

  private drop(): void {
    this.held = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/** The lock key names the mailbox without credentials, so every process agrees on it. */
export function lockKey(prefix: string, mailboxUrl: string): string {
  return `${prefix}:lock:inbox:${mailboxUrl}`;
}
