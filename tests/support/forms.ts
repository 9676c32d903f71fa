/**
 * What a browser that has visited crieur's pages sends with a form: its CSRF cookie and the matching hidden field
 * (src/core/pages/csrf.ts). For tests that POST to a page without going through its GET (an expired link's page
 * has no form to take them from).
 */
import { randomBytes } from 'node:crypto';
import { CSRF_COOKIE, csrfToken } from '../../src/core/pages/csrf.ts';

export function formPost(secret: string, fields: Record<string, string> = {}): RequestInit {
  const nonce = randomBytes(18).toString('base64url');
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${CSRF_COOKIE}=${nonce}` },
    body: new URLSearchParams({ csrf: csrfToken(secret, nonce), ...fields }).toString(),
  };
}
