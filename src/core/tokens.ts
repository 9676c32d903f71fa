/**
 * Reply tokens: every mail crieur sends carries one, in its Reply-To (`talks+TOKEN@domain`) and its
 * Message-ID (`<TOKEN.nonce@domain>`), so that an answer finds its way back to the right proposal even when a
 * client drops one of them. A token names a purpose, a proposal ref and the recipient it was minted for; its
 * MAC binds the three with the configured secret, so a forged From header alone authenticates nothing.
 *
 * Shape: `<purpose>-<ref>-<mac>` with purpose a single letter, ref like P0007 (no dash, plus-tag friendly),
 * mac 16 base32 characters (80 bits of HMAC-SHA256). Lower-case on the wire: some MTAs fold local parts.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'organizer' | 'speaker' | 'announce';
const PURPOSE_CODE: Record<TokenPurpose, string> = { organizer: 'o', speaker: 's', announce: 'a' };
const CODE_PURPOSE: Record<string, TokenPurpose> = { o: 'organizer', s: 'speaker', a: 'announce' };

export interface TokenClaims {
  purpose: TokenPurpose;
  /** Proposal ref as crieur shows it (P-0007), or an event/announcement id. */
  ref: string;
}

export interface FoundToken extends TokenClaims {
  token: string;
  mac: string;
}

const TOKEN_RE = /(?:^|[^a-z0-9])([osa])-([a-z][a-z0-9]{1,30})-([a-z2-7]{16})(?![a-z0-9])/gi;

export function mintToken(secret: string, claims: TokenClaims, recipient: string): string {
  const ref = wireRef(claims.ref);
  return `${PURPOSE_CODE[claims.purpose]}-${ref}-${mac(secret, claims.purpose, ref, recipient)}`;
}

/** Every token-shaped string in a text (addresses, Message-IDs): shape only, no MAC check. */
export function findTokens(text: string): FoundToken[] {
  const out: FoundToken[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const purpose = CODE_PURPOSE[m[1]!.toLowerCase()]!;
    out.push({ purpose, ref: displayRef(m[2]!), token: m[0].replace(/^[^a-z0-9]/i, '').toLowerCase(), mac: m[3]!.toLowerCase() });
  }
  return out;
}

/** true when the token was minted by us for exactly this recipient address. */
export function verifyToken(secret: string, found: FoundToken, recipient: string): boolean {
  const expected = Buffer.from(mac(secret, found.purpose, wireRef(found.ref), recipient));
  const given = Buffer.from(found.mac.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** P-0007 → p0007 on the wire; p0007 → P-0007 for humans. Non-proposal refs (e.g. e12) pass through. */
export function wireRef(ref: string): string {
  return ref.replace(/^P-(\d+)$/i, 'p$1').toLowerCase();
}
export function displayRef(wire: string): string {
  const m = /^p(\d+)$/i.exec(wire);
  return m ? `P-${m[1]}` : wire.toLowerCase();
}

function mac(secret: string, purpose: TokenPurpose, wire: string, recipient: string): string {
  const h = createHmac('sha256', secret).update(`crieur/1|${purpose}|${wire}|${recipient.trim().toLowerCase()}`).digest();
  return base32(h).slice(0, 16);
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
function base32(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}
