/**
 * CSRF tokens of the public forms (subscribe, confirm, the unsubscribe button): a per-visit nonce kept in a cookie
 * and, in a hidden field, the HMAC of that nonce with the configured secret. A POST counts only when the field is
 * the MAC of the cookie's nonce: another site can make a browser send the cookie, but cannot read it nor the page
 * to learn the field. Stateless (no session table), so any crieur process behind a proxy checks any form.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CSRF_COOKIE = 'crieur_csrf';
export const CSRF_FIELD = 'csrf';
const NONCE_RE = /^[A-Za-z0-9_-]{22,64}$/;

export function isNonce(s: string | undefined | null): s is string {
  return typeof s === 'string' && NONCE_RE.test(s);
}

export function csrfToken(secret: string, nonce: string): string {
  return createHmac('sha256', secret).update(`csrf\0${nonce}`).digest('base64url');
}

/** Whether a POST's hidden field matches its cookie's nonce (false when either is missing or malformed). */
export function csrfValid(secret: string, nonce: string | undefined, field: string | undefined): boolean {
  if (!isNonce(nonce) || typeof field !== 'string') return false;
  const want = Buffer.from(csrfToken(secret, nonce));
  const got = Buffer.from(field);
  return got.length === want.length && timingSafeEqual(got, want);
}
