/** The pure parts of the public pages: the page language, CSRF tokens, the token buckets. */
import { describe, expect, it } from 'vitest';
import { pageLanguage } from '../../src/core/pages/language.ts';
import { csrfToken, csrfValid } from '../../src/core/pages/csrf.ts';
import { rateKey, subscribeLimit, TokenBuckets } from '../../src/core/pages/rate-limit.ts';

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

describe('subscribeLimit', () => {
  it('a tenth of the rate, a quarter of the burst, never below one', () => {
    expect(subscribeLimit({ perMinute: 30, burst: 20 })).toEqual({ perMinute: 3, burst: 5 });
    expect(subscribeLimit({ perMinute: 1, burst: 1 })).toEqual({ perMinute: 0.1, burst: 1 });
  });
});

describe('rateKey', () => {
  it('keys an IPv6 client by its /64, whatever the spelling; an IPv4-mapped one by its IPv4 address; anything else as given', () => {
    const same = ['2001:db8:1:2::1', '2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:0DB8:0001:0002:0:0:0:7', '[2001:db8:1:2::9]', '2001:db8:1:2::1%eth0'];
    for (const a of same) expect(rateKey(a), a).toBe('2001:db8:1:2::/64');
    expect(rateKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(rateKey('::1')).toBe('0:0:0:0::/64');
    expect(rateKey('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(rateKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(rateKey('::FFFF:cb00:7107')).toBe('203.0.113.7');
    expect(rateKey('::ffff:203.0.113.8')).not.toBe(rateKey('::ffff:203.0.113.7'));
    expect(rateKey('2001:db8:1:2::10.0.0.1')).toBe('2001:db8:1:2::/64');
    for (const a of ['203.0.113.7', 'unknown', '1:2:3', '1::2::3', '2001:db8:1:2:3:4:5:6:7', 'gggg::1', '::ffff:300.0.0.1']) expect(rateKey(a), a).toBe(a);
  });

  it('one bucket for all the addresses of a /64', () => {
    const b = new TokenBuckets({ perMinute: 1, burst: 2 });
    expect(b.take(rateKey('2001:db8:5:6::1'), 0)).toBe(0);
    expect(b.take(rateKey('2001:db8:5:6::2'), 0)).toBe(0);
    expect(b.take(rateKey('2001:db8:5:6:a:b:c:d'), 0)).toBeGreaterThan(0);
    expect(b.take(rateKey('2001:db8:5:7::1'), 0)).toBe(0);
  });
});

describe('pages as data → HTML (no server)', () => {
  const group = { name: 'PUG <Paris>', timezone: 'Europe/Paris' };
  it('the programme page escapes everything written by people, and needs no script', async () => {
    const { programmePage } = await import('../../src/core/pages/programme.ts');
    const html = programmePage({
      lang: 'en',
      group,
      proposalsAddress: 'talks@pgug.example.org',
      nav: true,
      next: {
        event: { id: 1, date: new Date('2027-07-01T17:30:00Z'), venue: 'Café "<i>"', title: null, venueAddress: null, mapUrl: 'https://osm.example/?a=1&b=2', registrationUrl: 'data:text/html,<x>', capacity: null },
        talks: [{ ref: 'P-0001', format: 'talk', title: "O'Brien </h3><h1>", abstract: null, durationMinutes: 30, speakers: [{ name: null, email: 'x@<y>.fr' }] }],
      },
    });
    expect(html).not.toMatch(/<script|<i>|<\/h3><h1>|data:text/);
    expect(html).toContain('<title>PUG &lt;Paris&gt; meetup — PUG &lt;Paris&gt;</title>');
    expect(html).toContain('Café &quot;&lt;i&gt;&quot;');
    expect(html).toContain('href="https://osm.example/?a=1&amp;b=2"');
    expect(html).toContain('<h3>O&#39;Brien &lt;/h3&gt;&lt;h1&gt;</h3>');
    // A nameless speaker is not shown by address on a public page.
    // (the names isolated in <bdi> since 5d7b4df, the placeholder with them)
    expect(html).toContain('by <bdi>a speaker</bdi>');
    expect(html).not.toContain('x@');
    // Summer: 17:30 UTC is 19:30 in Paris.
    expect(html).toContain('Thursday, July 1, 2027 at 7:30 PM');
  });

  it('the subscribe form echoes what was typed, escaped, and names its CSRF field', async () => {
    const { subscribePage } = await import('../../src/core/pages/forms.ts');
    const html = subscribePage(
      { lang: 'fr', group: 'PUG', nav: false },
      { csrf: 'tok"en', lists: [{ name: 'gé"né', address: 'l@x.org' }], values: { name: '<b>Jo</b>', email: 'a"@x', language: 'en', digests: { 'gé"né': 'daily' }, format: 'text' }, error: 'address' },
    );
    expect(html).toContain('<input type="hidden" name="csrf" value="tok&quot;en">');
    expect(html).toContain('value="&lt;b&gt;Jo&lt;/b&gt;"');
    expect(html).toContain('value="a&quot;@x"');
    expect(html).toContain('<select name="digest.gé&quot;né"><option value="none">non merci</option><option value="daily" selected>quotidien</option>');
    expect(html).toContain('<option value="en" selected>anglais</option>');
    expect(html).toContain('class="error"');
    // nav false (public pages off): no links to the programme nor the feed; the language switch stays.
    expect(html).not.toContain('href="/?lang');
    expect(html).not.toContain('href="/events.ics"');
    expect(html).toContain('<a href="/subscribe?lang=en" hreflang="en" lang="en">English</a>');
  });
});
