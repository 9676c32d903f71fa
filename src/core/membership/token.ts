/**
 * Per-member tokens: what a one-click link, a List-Unsubscribe mailto, a VERP Return-Path and a confirmation carry
 * to name a member without showing the address. Kept apart from the reply tokens (src/core/tokens.ts), whose
 * shape names a proposal: these name a roster row.
 *
 * Shape `<p>-<id>-<mac>`: p one letter (u unsubscribe, b bounce, c confirm), id the member's row, mac 16 base32
 * characters of HMAC-SHA256 over (purpose, id, address) with the configured secret. Binding the address means a
 * token minted for one member is worthless for another, and a row re-used by another address kills old tokens.
 * Lower case on the wire (some MTAs fold local parts); [osa] are the reply tokens' letters, so the two never meet.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type MemberTokenPurpose = 'unsubscribe' | 'bounce' | 'confirm';
const CODE: Record<MemberTokenPurpose, string> = { unsubscribe: 'u', bounce: 'b', confirm: 'c' };
const PURPOSE = Object.fromEntries(Object.entries(CODE).map(([p, c]) => [c, p])) as Record<string, MemberTokenPurpose>;

export interface MemberToken {
  purpose: MemberTokenPurpose;
  id: number;
  mac: string;
}

const TOKEN_RE = /(?:^|[^a-z0-9])([ubc])-(\d{1,10})-([a-z2-7]{16})(?![a-z0-9])/i;

export function mintMemberToken(secret: string, purpose: MemberTokenPurpose, id: number, email: string): string {
  return `${CODE[purpose]}-${id}-${mac(secret, purpose, id, email)}`;
}

/** The first member token in a string (a path segment, an address's plus-tag): shape only, no MAC check. */
export function findMemberToken(text: string): MemberToken | null {
  const m = TOKEN_RE.exec(text);
  if (!m) return null;
  return { purpose: PURPOSE[m[1]!.toLowerCase()]!, id: Number(m[2]), mac: m[3]!.toLowerCase() };
}

/** true when the token was minted by us for this purpose, this row and this address (constant-time compare). */
export function verifyMemberToken(secret: string, t: MemberToken, purpose: MemberTokenPurpose, email: string): boolean {
  if (t.purpose !== purpose) return false;
  const expected = Buffer.from(mac(secret, purpose, t.id, email));
  const given = Buffer.from(t.mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function mac(secret: string, purpose: MemberTokenPurpose, id: number, email: string): string {
  const h = createHmac('sha256', secret).update(`crieur/member/1|${purpose}|${id}|${email.trim().toLowerCase()}`).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of h) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < 16) {
      out += 'abcdefghijklmnopqrstuvwxyz234567'[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}
