/**
 * `crieur parse` on an answer whose reply token proves nothing: authenticated false, and a warning saying why — a token
 * written to another address (a forged From), an expired one, an organizer token from an address that no longer
 * organizes. Before, only `authenticated: false` was printed, and the operator could not tell a forgery from an old mail.
 */
import { describe, expect, it } from 'vitest';
import { understand } from '../../../src/core/understand.ts';
import { mintToken } from '../../../src/core/tokens.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail } from './build.ts';

const SECRET = 'test-secret-0123456789';
const ORGANIZER = 'dim@example.org';
const NOW = new Date('2026-12-03T08:00:00Z');
const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: [ORGANIZER], secret: SECRET, now: () => NOW, tokenMaxAgeDays: 120 };

async function answer(from: string, token: string) {
  const m = await mail({ from, to: `talks+${token}@pgug.example.org`, subject: 'Re: [P-0007] Nouvelle proposition : X', body: 'accepter\n' });
  return understand(m, ctx);
}

const organizerToken = (to: string, at = NOW) => mintToken(SECRET, { purpose: 'organizer', ref: 'P-0007' }, to, at);

describe('a reply token that proves nothing says why', () => {
  it('a forged From: the token was written to someone else', async () => {
    const r = await answer('Dim <dim@example.org>', organizerToken('eve@example.net'));
    expect(r.command).toMatchObject({ verbs: ['accept'], authenticated: false });
    expect(r.warnings.join('\n')).toMatch(/reply token not valid: it was not written to dim@example\.org .*forged From/);
  });

  it('an expired token', async () => {
    const r = await answer('Dim <dim@example.org>', organizerToken(ORGANIZER, new Date('2026-01-02T08:00:00Z')));
    expect(r.command?.authenticated).toBe(false);
    expect(r.warnings.join('\n')).toMatch(/reply token not valid: it is older than 120 days \(tokens\.maxAgeDays\)/);
  });

  it('an organizer token from an address that no longer organizes', async () => {
    const r = await answer('Ann <ann@example.org>', organizerToken('ann@example.org'));
    expect(r.command?.authenticated).toBe(false);
    expect(r.warnings.join('\n')).toMatch(/reply token not valid: ann@example\.org is not an organizer/);
  });

  it('a valid token: authenticated, no such warning', async () => {
    const r = await answer('Dim <dim+lists@Example.org>', organizerToken(ORGANIZER));
    expect(r.command?.authenticated).toBe(true);
    expect(r.warnings.join('\n')).not.toMatch(/reply token/);
  });

  it('no secret configured: said once, in its own words', async () => {
    const m = await mail({ from: 'Dim <dim@example.org>', to: `talks+${organizerToken(ORGANIZER)}@pgug.example.org`, subject: 'Re: X', body: 'accepter\n' });
    const r = understand(m, { ...ctx, secret: null });
    expect(r.warnings.filter((w) => /reply token/.test(w))).toEqual(['reply token not checked: no secret configured (set secret in the configuration)']);
  });
});
