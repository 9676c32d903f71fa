/**
 * Reply tokens: every mail crieur sends carries one, in its Reply-To (`talks+TOKEN@domain`) and its
 * Message-ID (`<TOKEN.nonce@domain>`), so that an answer finds its way back to the right proposal even when a
 * client drops one of them. A token names a purpose, a proposal ref, the day it was minted and the recipient it
 * was minted for; its MAC binds the four with the configured secret, so a forged From header alone
 * authenticates nothing, and an old token cannot be made young again.
 *
 * Shape: `<purpose>-<ref>-<day>-<mac>` with purpose a single letter, ref like p0007 (no dash, plus-tag
 * friendly), day the days since 1970-01-01 (UTC) in base32 (3 characters until 2059), mac 16 base32
 * characters (80 bits of HMAC-SHA256). Lower-case on the wire: some MTAs fold local parts.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { splitPlus } from './address.ts';

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
  /** Mint day: whole days since the epoch (UTC), as written in the token (unverified until the MAC is). */
  day: number;
  mac: string;
}

/** Why a token does not prove its bearer; `valid` when it does. */
export type TokenCheck = 'valid' | 'expired' | 'bad-mac';

const DAY_MS = 86_400_000;
const TOKEN_RE = /(?:^|[^a-z0-9])([osa])-([a-z][a-z0-9]{1,30})-([a-z2-7]{1,6})-([a-z2-7]{16})(?![a-z0-9])/gi;

export function mintToken(secret: string, claims: TokenClaims, recipient: string, at: Date): string {
  const ref = wireRef(claims.ref);
  const day = toBase32Int(dayOf(at));
  return `${PURPOSE_CODE[claims.purpose]}-${ref}-${day}-${mac(secret, claims.purpose, ref, day, recipient)}`;
}

/** Every token-shaped string in a text (addresses, Message-IDs): shape only, no MAC check. */
export function findTokens(text: string): FoundToken[] {
  const out: FoundToken[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const purpose = CODE_PURPOSE[m[1]!.toLowerCase()]!;
    out.push({
      purpose,
      ref: displayRef(m[2]!),
      day: fromBase32Int(m[3]!.toLowerCase()),
      token: m[0].replace(/^[^a-z0-9]/i, '').toLowerCase(),
      mac: m[4]!.toLowerCase(),
    });
  }
  return out;
}

/** true when the token was minted by us for exactly this recipient address (age not checked). */
export function verifyToken(secret: string, found: FoundToken, recipient: string): boolean {
  const expected = Buffer.from(mac(secret, found.purpose, wireRef(found.ref), toBase32Int(found.day), recipient));
  const given = Buffer.from(found.mac.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * The whole check: minted by us for this recipient, and younger than `maxAgeDays` at `now`. A mint day in the
 * future (beyond a day of clock skew) cannot come from us: treated as forged.
 */
export function checkToken(secret: string, found: FoundToken, recipient: string, now: Date, maxAgeDays: number): TokenCheck {
  if (!verifyToken(secret, found, recipient)) return 'bad-mac';
  const today = dayOf(now);
  if (found.day > today + 1) return 'bad-mac';
  return today - found.day > maxAgeDays ? 'expired' : 'valid';
}

/** The instant a token was minted (its day, at midnight UTC): for "your link dates from …". */
export function mintedOn(found: FoundToken): Date {
  return new Date(found.day * DAY_MS);
}

/**
 * The address a token is bound to: lower-case, without display name or plus-tag, so that `Dim
 * <Dim+crieur@Example.org>` answers for a token minted to dim@example.org.
 */
export function tokenRecipient(address: string): string {
  const bare = address.replace(/^.*</, '').replace(/>.*$/, '').trim();
  return splitPlus(bare).base;
}

/** P-0007 → p0007 on the wire; p0007 → P-0007 for humans. Non-proposal refs (e.g. e12) pass through. */
export function wireRef(ref: string): string {
  return ref.replace(/^P-(\d+)$/i, 'p$1').toLowerCase();
}
export function displayRef(wire: string): string {
  const m = /^p(\d+)$/i.exec(wire);
  return m ? `P-${m[1]}` : wire.toLowerCase();
}

function dayOf(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS);
}

function mac(secret: string, purpose: TokenPurpose, wire: string, day: string, recipient: string): string {
  const h = createHmac('sha256', secret).update(`crieur/2|${purpose}|${wire}|${day}|${tokenRecipient(recipient)}`).digest();
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

function toBase32Int(n: number): string {
  let out = '';
  let v = Math.max(0, Math.floor(n));
  do {
    out = ALPHABET[v % 32]! + out;
    v = Math.floor(v / 32);
  } while (v > 0);
  return out;
}

function fromBase32Int(s: string): number {
  let v = 0;
  for (const c of s) v = v * 32 + ALPHABET.indexOf(c);
  return v;
}
