/**
 * Token buckets per client address, for the public pages: each address holds up to `burst` tokens, refilled at
 * `perMinute`; a request takes one, or is refused with the seconds until one is back (Retry-After). In process:
 * a second crieur behind the same proxy keeps its own buckets, which at worst doubles the allowance. The clock is
 * passed in. Buckets that have refilled completely are forgotten, so memory follows the active addresses only.
 */
export interface RateLimit {
  perMinute: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Above this many remembered addresses, full buckets are swept before a new one is added. */
const SWEEP_ABOVE = 10_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(private readonly limit: RateLimit) {
    this.perMs = limit.perMinute / 60_000;
  }

  /** 0 when the request may go ahead; otherwise the whole seconds to wait. */
  take(key: string, nowMs: number): number {
    let b = this.buckets.get(key);
    if (b) {
      b.tokens = Math.min(this.limit.burst, b.tokens + (nowMs - b.at) * this.perMs);
      b.at = nowMs;
    } else {
      if (this.buckets.size >= SWEEP_ABOVE) this.sweep(nowMs);
      b = { tokens: this.limit.burst, at: nowMs };
      this.buckets.set(key, b);
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perMs / 1000));
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Forgets the buckets that are full again: a new bucket for that address would be the same. */
  sweep(nowMs: number): void {
    for (const [key, b] of this.buckets) if (b.tokens + (nowMs - b.at) * this.perMs >= this.limit.burst) this.buckets.delete(key);
  }
}
