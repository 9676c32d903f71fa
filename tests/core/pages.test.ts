/** The pure parts of the public pages: the page language, CSRF tokens, the token buckets. */
import { describe, expect, it } from 'vitest';
import { pageLanguage } from '../../src/core/pages/language.ts';
import { csrfToken, csrfValid } from '../../src/core/pages/csrf.ts';
import { TokenBuckets } from '../../src/core/pages/rate-limit.ts';

describe('pageLanguage', () => {
  it.each([
    [undefined, null, 'fr', 'fr'],
    [undefined, null, 'en', 'en'],
    ['en-GB,en;q=0.9', null, 'fr', 'en'],
    ['fr-CA', null, 'en', 'fr'],
    ['fr;q=0.3, en;q=0.7', null, 'fr', 'en'],
    ['en;q=0, fr;q=0.1', null, 'en', 'fr'],
    ['de, it;q=0.8', null, 'en', 'en'],
    ['*', null, 'fr', 'fr'],
    ['en, fr', null, 'fr', 'en'],
    ['en', 'fr', 'en', 'fr'],
    ['en', 'FR', 'en', 'fr'],
    ['en', 'de', 'fr', 'en'],
    ['fr;q=abc, en', null, 'fr', 'en'],
  ] as const)('Accept-Language %j, ?lang=%j, group %s → %s', (accept, override, fallback, want) => {
    expect(pageLanguage(accept, override, fallback)).toBe(want);
  });
});

describe('csrf', () => {
  const nonce = 'AAAAAAAAAAAAAAAAAAAAAAAA';
  it('accepts the MAC of the cookie\'s nonce with this secret only', () => {
    const field = csrfToken('secret-one-0123456789', nonce);
    expect(csrfValid('secret-one-0123456789', nonce, field)).toBe(true);
    expect(csrfValid('secret-two-0123456789', nonce, field)).toBe(false);
    expect(csrfValid('secret-one-0123456789', 'BBBBBBBBBBBBBBBBBBBBBBBB', field)).toBe(false);
    expect(csrfValid('secret-one-0123456789', nonce, field.slice(0, -1))).toBe(false);
    expect(csrfValid('secret-one-0123456789', undefined, field)).toBe(false);
    expect(csrfValid('secret-one-0123456789', nonce, undefined)).toBe(false);
    // A malformed nonce is refused before any MAC (a cookie such as `x; y` never matches).
    expect(csrfValid('secret-one-0123456789', 'short', csrfToken('secret-one-0123456789', 'short'))).toBe(false);
  });
});

describe('TokenBuckets', () => {
  it('lets `burst` through at once, then one per refill interval, per key', () => {
    const b = new TokenBuckets({ perMinute: 6, burst: 2 });
    expect([b.take('a', 0), b.take('a', 0), b.take('a', 0)]).toEqual([0, 0, 10]);
    expect(b.take('b', 0)).toBe(0);
    expect(b.take('a', 4_000)).toBe(6);
    expect(b.take('a', 10_000)).toBe(0);
    expect(b.take('a', 10_000)).toBe(10);
  });

  it('forgets the keys whose bucket is full again', () => {
    const b = new TokenBuckets({ perMinute: 60, burst: 2 });
    b.take('a', 0);
    b.take('b', 0);
    b.take('b', 0);
    b.sweep(1_000);
    expect(b.size).toBe(1);
    b.sweep(2_000);
    expect(b.size).toBe(0);
  });
});
