import { describe, expect, it } from 'vitest';
import { findMemberToken, mintMemberToken, verifyMemberToken } from '../../src/core/membership/token.ts';
import { findTokens } from '../../src/core/tokens.ts';
import { bounceKind } from '../../src/app/membership.ts';

const SECRET = 'unit-secret-0123456789abcdef';

describe('member tokens', () => {
  it('name a row, bind its address and purpose, and survive case folding', () => {
    const t = mintMemberToken(SECRET, 'unsubscribe', 42, 'Jean@Example.fr');
    expect(t).toMatch(/^u-42-[a-z2-7]{16}$/);
    const found = findMemberToken(`talks+${t.toUpperCase()}@pgug.example.org`)!;
    expect(found).toMatchObject({ purpose: 'unsubscribe', id: 42 });
    expect(verifyMemberToken(SECRET, found, 'unsubscribe', 'jean@example.fr')).toBe(true);
    expect(verifyMemberToken(SECRET, found, 'unsubscribe', 'marie@example.fr')).toBe(false);
    expect(verifyMemberToken('other-secret-0123456789', found, 'unsubscribe', 'jean@example.fr')).toBe(false);
    // The same member's bounce token is another token; an unsubscribe token is no bounce token.
    const b = findMemberToken(mintMemberToken(SECRET, 'bounce', 42, 'jean@example.fr'))!;
    expect(verifyMemberToken(SECRET, b, 'unsubscribe', 'jean@example.fr')).toBe(false);
    expect(verifyMemberToken(SECRET, b, 'bounce', 'jean@example.fr')).toBe(true);
  });

  it('never read as reply tokens, and reply tokens never read as member tokens', () => {
    expect(findTokens(`talks+${mintMemberToken(SECRET, 'unsubscribe', 7, 'a@b.fr')}@x`)).toEqual([]);
    expect(findMemberToken('talks+o-p0007-abcdefghijklmnop@x')).toBeNull();
  });

  it('bounce kinds: 5.x.x hard, 4.x.x soft, abuse report a complaint, a failure without status hard', () => {
    expect(bounceKind({ recipient: null, status: '5.1.1', action: 'failed' })).toBe('hard');
    expect(bounceKind({ recipient: null, status: '4.2.2', action: 'delayed' })).toBe('soft');
    expect(bounceKind({ recipient: null, status: null, action: 'complained' })).toBe('complaint');
    expect(bounceKind({ recipient: null, status: null, action: 'failed' })).toBe('hard');
    expect(bounceKind(undefined)).toBe('soft');
    // A report that the mail arrived (audit: three of them disabled a member receiving mail) counts nothing
    expect(bounceKind({ recipient: 'a@x.example', status: '2.0.0', action: 'delivered' })).toBeNull();
    expect(bounceKind({ recipient: 'a@x.example', status: '2.0.0', action: 'relayed' })).toBeNull();
    expect(bounceKind({ recipient: 'a@x.example', status: null, action: 'expanded' })).toBeNull();
  });
});
