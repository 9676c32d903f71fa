/** The pure decisions of joining (src/core/membership/join.ts): which addresses get a confirmation, and when a request is over. */
import { describe, expect, it } from 'vitest';
import { expiresAt, joinAddress, requestVerdict } from '../../../src/core/membership/join.ts';

const OWN = ['talks@pgug.example.org', 'bounces@pgug.example.org', 'pgsql-fr-generale@lists.postgresql.example'];

describe('joinAddress', () => {
  it.each([
    [' Jean.Dupont@Example.FR ', 'Jean.Dupont@example.fr'],
    ['jean+meetups@example.fr', 'jean+meetups@example.fr'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    // An internationalized domain, as typed (a browser's type=email sends the A-label; curl, a script or a mail does not).
    ['joe@exämple.org', 'joe@xn--exmple-cua.org'],
    ['Joe@EXÄMPLE.org', 'Joe@xn--exmple-cua.org'],
    ['taro@例え.jp', 'taro@xn--r8jz45g.jp'],
  ])('%j → %j', (input, expected) => expect(joinAddress(input, OWN)).toBe(expected));

  it.each([
    '', 'jean', 'jean@', '@example.fr', 'jean@localhost', 'jean@@example.fr', 'jean dupont@example.fr', '.jean@example.fr', 'je..an@example.fr',
    '<jean@example.fr>', 'jean@example.fr\r\nBcc: x@example.org', '"jean"@example.fr', `${'a'.repeat(250)}@example.fr`,
    // a non-ASCII local part needs SMTPUTF8 all the way; a domain with no ASCII form is none
    'jöe@example.org', 'joe@exä mple.org', 'joe@xn--ä.org',
    // ours: crieur would write to itself
    'talks@pgug.example.org', 'TALKS+c-1-aaaaaaaaaaaaaaaa@pgug.example.org', 'pgsql-fr-generale@lists.postgresql.example',
  ])('refuses %j', (input) => expect(joinAddress(input, OWN)).toBeNull());
});

describe('requestVerdict', () => {
  const t0 = new Date('2026-11-30T10:00:00Z');
  const exp = expiresAt(t0, 7);
  it('is open until the last instant, expired from it; confirmed wins over expired', () => {
    expect(exp.toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(requestVerdict({ expiresAt: exp, confirmedAt: null }, new Date(exp.getTime() - 1))).toBe('open');
    expect(requestVerdict({ expiresAt: exp, confirmedAt: null }, exp)).toBe('expired');
    expect(requestVerdict({ expiresAt: exp, confirmedAt: t0 }, new Date(exp.getTime() + 86_400_000))).toBe('confirmed');
  });
});
