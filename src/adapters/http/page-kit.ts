/**
 * What every public page handler shares (src/adapters/http/public-routes.ts, membership-routes.ts): the answer's
 * headers (no script, no outside resource, no caching of personal pages), the visitor's language, the CSRF cookie,
 * a bounded form body, and the per-address rate limit in front of the routes.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../../config/schema.ts';
import { CSRF_COOKIE, CSRF_FIELD, csrfToken, csrfValid, isNonce } from '../../core/pages/csrf.ts';
import { failurePage, tooManyPage, type PageContext } from '../../core/pages/forms.ts';
import { pageLanguage } from '../../core/pages/language.ts';
import { rateKey, subscribeLimit, TokenBuckets } from '../../core/pages/rate-limit.ts';
import type { Logger } from '../../app/logger.ts';
import { DbError } from '../db/db.ts';
import type { Route } from './server.ts';

/** A form is a few hundred bytes; anything much longer is not one of ours. */
const MAX_FORM = 16 * 1024;

export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
} as const;

/**
 * One whole page. Its length is said (Content-Length, not chunks): a HEAD learns it as a GET would (Node sends no
 * body to a HEAD), and a proxy in front can tell a complete answer from a cut one before it caches it.
 */
export function sendPage(res: ServerResponse, status: number, html: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { ...PAGE_HEADERS, 'content-length': String(Buffer.byteLength(html)), ...headers });
  res.end(html);
}

/** 405 with the methods the path takes, said in one line too (no browser sends these: a script or a probe does). */
export function methodNotAllowed(req: IncomingMessage, res: ServerResponse, allowed: readonly string[]): void {
  const line = `${req.method ?? ''} is not allowed here: ${allowed.join(', ')}\n`;
  res.writeHead(405, { allow: allowed.join(', '), 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(line)) }).end(line);
}

/** The path and query of a request (the host never matters: the proxy in front names it). */
export function requestUrl(req: IncomingMessage): URL {
  // Appended, not resolved: a request-target `//x/y` is that path, not the host x (new URL('//x', base) would throw on
  // `//` and take `//evil.example/` for another host).
  const target = req.url ?? '/';
  return new URL(`http://crieur.invalid${target.startsWith('/') ? target : `/${target}`}`);
}

export function pageContext(config: Config, req: IncomingMessage): PageContext {
  const lang = pageLanguage(req.headers['accept-language'], requestUrl(req).searchParams.get('lang'), config.group.locale);
  return { lang, group: config.group.name, nav: config.http.public };
}

export function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

/**
 * The visit's CSRF nonce (its cookie's, or a new one with the Set-Cookie that keeps it) and the form field for it.
 * SameSite=Strict: a page elsewhere cannot make the browser send it; a visitor arriving from a mail link (no
 * cookie sent cross-site) gets a fresh one, which the form on this page then carries.
 */
export function csrfFor(req: IncomingMessage, secret: string): { field: string; headers: Record<string, string> } {
  const had = cookies(req)[CSRF_COOKIE];
  const nonce = isNonce(had) ? had : randomBytes(18).toString('base64url');
  // Secure when the visitor came over https: TLS here, or the proxy in front says so (X-Forwarded-Proto).
  const https = (req.socket as { encrypted?: boolean }).encrypted === true || String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() === 'https';
  const secure = https ? '; Secure' : '';
  return {
    field: csrfToken(secret, nonce),
    headers: had === nonce ? {} : { 'set-cookie': `${CSRF_COOKIE}=${nonce}; Path=/; HttpOnly; SameSite=Strict${secure}` },
  };
}

export function csrfChecks(req: IncomingMessage, form: URLSearchParams, secret: string): boolean {
  return csrfValid(secret, cookies(req)[CSRF_COOKIE], form.get(CSRF_FIELD) ?? undefined);
}

export class FormTooLarge extends Error {
  readonly code = 'EFORM';
}

/** Seconds a visitor (or a mail provider's one-click) is asked to wait while the database cannot be reached. */
const UNAVAILABLE_RETRY_SECONDS = 60;

/**
 * The answer to a page handler that threw, always a short page in the visitor's language and never the error: the
 * database out of reach is 503 with Retry-After (an outage passes; a provider retries a one-click on 503), a form
 * body far past ours 413, anything else 500. The error goes to the log.
 */
export function answerFailure(config: Config, log: Logger, req: IncomingMessage, res: ServerResponse, err: unknown): void {
  if (res.headersSent) return void res.end();
  const c = pageContext(config, req);
  const path = requestUrl(req).pathname;
  if (err instanceof FormTooLarge) return sendPage(res, 413, failurePage(c, 'tooLarge', path), { connection: 'close' });
  const unavailable = err instanceof DbError && err.code === 'EDB_UNAVAILABLE';
  log[unavailable ? 'warn' : 'error']({ path, err: (err as Error).message }, 'public page failed');
  if (unavailable) return sendPage(res, 503, failurePage(c, 'unavailable', path), { 'retry-after': String(UNAVAILABLE_RETRY_SECONDS) });
  sendPage(res, 500, failurePage(c, 'error', path));
}

/**
 * The fields of a POST body, refused past MAX_FORM: urlencoded (our forms), or multipart/form-data — what RFC 8058
 * says a one-click unsubscribe SHOULD be sent as. Multipart goes through the platform's own parser (undici's
 * Response.formData); its files are dropped, and a body it cannot parse has no fields (so no CSRF field: 403).
 */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of req) {
    n += (chunk as Buffer).length;
    if (n > MAX_FORM) throw new FormTooLarge('form body too large');
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (!/^\s*multipart\/form-data\s*;/i.test(type)) return new URLSearchParams(body.toString('utf8'));
  const fields = new URLSearchParams();
  try {
    for (const [name, value] of await new Response(body, { headers: { 'content-type': type } }).formData()) {
      if (typeof value === 'string') fields.append(name, value);
    }
  } catch {
    // Not multipart after all: no fields.
  }
  return fields;
}

/**
 * Who is asking: the socket's peer, or behind a proxy (http.rateLimit.forwardedFor) the last address of
 * X-Forwarded-For — the one the proxy itself appended; earlier ones are whatever the client wrote.
 */
export function clientAddress(config: Config, req: IncomingMessage): string {
  if (config.http.rateLimit.forwardedFor) {
    const xff = req.headers['x-forwarded-for'];
    const last = (Array.isArray(xff) ? xff.join(',') : (xff ?? '')).split(',').map((s) => s.trim()).filter(Boolean).at(-1);
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * The routes behind one set of token buckets (one per client address — per /64 for IPv6 —, shared by all of them): past the limit,
 * 429 with Retry-After and a short page. `exempt` lets a request through uncounted. A POST to /subscribe also takes
 * from a stricter bucket of its own (subscribeLimit): it is the one request that mails someone else.
 */
export function rateLimited(config: Config, routes: readonly Route[], clock: { now(): Date }, exempt: (req: IncomingMessage) => boolean = () => false): Route[] {
  const buckets = new TokenBuckets(config.http.rateLimit);
  const subscribes = new TokenBuckets(subscribeLimit(config.http.rateLimit));
  return routes.map((route) => ({
    prefix: route.prefix,
    ...(route.exact ? { exact: route.exact } : {}),
    ...(route.fallback ? { fallback: route.fallback } : {}),
    handle(req, res) {
      if (!exempt(req)) {
        // An IPv6 client counts by its /64 (rateKey): a host holds the whole prefix.
        const key = rateKey(clientAddress(config, req));
        const at = clock.now().getTime();
        let wait = buckets.take(key, at);
        if (wait === 0 && req.method === 'POST' && route.prefix === '/subscribe') wait = subscribes.take(key, at);
        if (wait > 0) {
          // The body is not read: say so, so the client does not keep sending it on this connection.
          return sendPage(res, 429, tooManyPage(pageContext(config, req), wait, requestUrl(req).pathname), { 'retry-after': String(wait), connection: 'close' });
        }
      }
      route.handle(req, res);
    },
  }));
}
