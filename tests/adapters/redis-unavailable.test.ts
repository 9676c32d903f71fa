/**
 * Redis down at a name with two addresses (`localhost` as Debian's /etc/hosts has it: ::1 and 127.0.0.1): Node 20's
 * connect tries both (autoSelectFamily) and fails with an AggregateError whose message is empty. bcca711 put the
 * socket error's message in the line, so crieur start/ingest said « Redis is not reachable at redis://localhost:6379
 * (). Start it… » and doctor « not reachable () ». Each address's refusal is said now.
 */
import dns from 'node:dns';
import { afterEach, describe, expect, it } from 'vitest';
import { connectRedis, RedisUnavailableError } from '../../src/adapters/queue/redis.ts';

const original = dns.lookup;
afterEach(() => {
  dns.lookup = original;
});

describe('Redis unreachable at a name with an IPv6 and an IPv4 address', () => {
  it('names the cause, each address refused, not « () »', async () => {
    // a name resolving as Debian's localhost does, to a port nothing listens on
    dns.lookup = ((host: string, opts: unknown, cb?: unknown) => {
      const done = (typeof opts === 'function' ? opts : cb) as (...args: unknown[]) => void;
      const all = typeof opts === 'object' && opts !== null && (opts as { all?: boolean }).all;
      if (host !== 'dual-stack.test') return (original as (...a: unknown[]) => void)(host, opts, cb);
      if (all) return process.nextTick(done, null, [{ address: '::1', family: 6 }, { address: '127.0.0.1', family: 4 }]);
      return process.nextTick(done, null, '::1', 6);
    }) as typeof dns.lookup;
    const err = await connectRedis('redis://dual-stack.test:1', { timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RedisUnavailableError);
    const { reason, message } = err as RedisUnavailableError;
    expect(reason).toMatch(/ECONNREFUSED/);
    expect(message).not.toContain('()');
    expect(message).toContain(`(${reason})`);
  });
});
