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

/**
 * The second, stricter bucket of POST /subscribe: each one may send a confirmation mail to a stranger, so a client
 * gets a tenth of the pages' rate and a quarter of their burst for it (30/20 by default: 3 a minute, 5 at once).
 */
export function subscribeLimit(pages: RateLimit): RateLimit {
  return { perMinute: pages.perMinute / 10, burst: Math.max(1, Math.ceil(pages.burst / 4)) };
}

/**
 * The bucket a client address counts against. IPv6: its /64 — one subscriber line or one host's allocation holds
 * a whole /64, so keying each full address would give a client 2^64 fresh buckets. An IPv4-mapped address
 * (::ffff:203.0.113.7, what a dual-stack socket reports) stays that IPv4 address. Anything else (IPv4, a name,
 * 'unknown', an unreadable IPv6) is its own key, as given.
 */
export function rateKey(address: string): string {
  const a = address.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (!a.includes(':')) return a;
  const groups = ipv6Groups(a);
  if (!groups) return a;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 allowed), or null when it is not one. */
function ipv6Groups(a: string): number[] | null {
  const halves = a.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const items = part.split(':');
    for (const [i, item] of items.entries()) {
      const v4 = i === items.length - 1 ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(item) : null;
      if (v4) {
        const b = v4.slice(1).map(Number);
        if (b.some((x) => x > 255)) return null;
        out.push((b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!);
      } else if (/^[0-9a-f]{1,4}$/.test(item)) out.push(parseInt(item, 16));
      else return null;
    }
    return out;
  };
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const fill = 8 - head.length - tail.length;
  return fill >= 1 ? [...head, ...Array<number>(fill).fill(0), ...tail] : null;
}
