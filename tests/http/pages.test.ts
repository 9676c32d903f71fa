/**
 * The public pages over real HTTP (a started listener on a free port) and a real store (a PostgreSQL schema):
 * hostile titles, abstracts and speaker names come out escaped; the language follows ?lang and Accept-Language;
 * /events.ics parses back with the announcement's own UID, its TZID and local start; a form POST without its CSRF
 * field and cookie (or with the wrong one) changes nothing, while the RFC 8058 one-click POST still needs none; the
 * rate limit answers 429 with Retry-After; with http.public off the public pages are 404 and the mail links work.
 */
import type { Server } from 'node:http';
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.ts';
import { openStore } from '../../src/adapters/db/open.ts';
import { Metrics, startHttp } from '../../src/adapters/http/server.ts';
import { createLogger } from '../../src/adapters/log/pino.ts';
import { createEventMailBuilder } from '../../src/adapters/compose/announcement.ts';
import { eventMailInput } from '../../src/app/announce-event.ts';
import type { Subscriptions } from '../../src/adapters/http/public-routes.ts';
import { mintMemberToken } from '../../src/core/membership/token.ts';
import type { Clock } from '../../src/app/clock.ts';
import type { Store } from '../../src/app/store.ts';
import { joinSubscriptions, pageRoutes } from '../../workers/http-routes.ts';
import { createMembershipMails } from '../../src/adapters/compose/membership-mails.ts';
import { BullDispatcher } from '../../src/adapters/queue/bullmq.ts';
import { connectRedis } from '../../src/adapters/queue/redis.ts';
import { within } from '../../src/adapters/within.ts';
import { clearRedisPrefix, redisPrefix } from '../support/pipeline.ts';
import { REDIS_URL } from '../support/services.ts';
import { dropSchema, PG_URL, randomSchema } from '../support/db.ts';

const SECRET = 'pages-test-secret-0123456789';
const NOW = new Date('2027-01-10T12:00:00Z');
const fixed: Clock = { now: () => NOW };
const HOSTILE = {
  event: '<script>alert("event")</script> & Cie',
  venue: '<b>Dalibo</b>',
  talk: '<img src=x onerror=alert(1)>Partitionnement',
  abstract: 'Avant</p><script>alert(2)</script>\n\nAprès « 40 To » & plus',
  speaker: 'Zoé <svg/onload=alert(3)>',
};

const schema = randomSchema('pages');
let store: Store;
const servers: Server[] = [];

function config(over: { http?: Record<string, unknown> } = {}) {
  return configSchema.parse({
    group: { name: 'PostgreSQL Paris', locale: 'fr', timezone: 'Europe/Paris' },
    addresses: { proposals: 'talks@pgug.example.org', from: 'PostgreSQL Paris <talks@pgug.example.org>' },
    secret: SECRET,
    lists: [{ name: 'generale', address: 'pgsql-fr-generale@lists.postgresql.example', language: 'fr' }],
    http: { port: 0, public: true, rateLimit: { perMinute: 6000, burst: 1000 }, ...over.http },
    log: { level: 'silent' },
  });
}

/** What the pages asked of the subscription use case, and the answer to give. */
function recordingSubscriptions(answer: Awaited<ReturnType<Subscriptions['request']>> = 'confirmation-sent') {
  const calls: { request: Parameters<Subscriptions['request']>[0][]; confirm: string[]; answer: typeof answer } = { request: [], confirm: [], answer };
  const subs: Subscriptions = {
    request: async (r) => (calls.request.push(r), calls.answer),
    confirm: async (token) => (calls.confirm.push(token), 'confirmed'),
    inspect: async () => 'open',
  };
  return { subs, calls };
}

async function serve(cfg = config(), subs?: Subscriptions, clock: Clock = fixed): Promise<string> {
  const server = await startHttp('127.0.0.1', 0, new Metrics(), [], pageRoutes({ config: cfg, store, clock, log: createLogger('silent') }, subs));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const get = async (url: string, headers: Record<string, string> = {}) => {
  const r = await fetch(url, { headers });
  return { status: r.status, headers: r.headers, text: await r.text() };
};
const post = async (url: string, body: string, headers: Record<string, string> = {}) => {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body, redirect: 'manual' });
  return { status: r.status, headers: r.headers, text: await r.text() };
};
/** The CSRF cookie a GET set, as the browser would send it back, and the form's hidden field. */
const formOf = (page: { headers: Headers; text: string }) => ({
  cookie: /^(crieur_csrf=[^;]+)/.exec(page.headers.get('set-cookie') ?? '')?.[1] ?? '',
  csrf: /name="csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '',
});

let filedCount = 0;
async function proposal(title: string, abstract: string | null, speaker: string | null, format: 'talk' | 'lightning' = 'talk'): Promise<string> {
  const raw = Buffer.from(`Message-ID: <${randomBytes(6).toString('hex')}@x>\r\nSubject: s\r\n\r\nBonjour.\r\n`);
  const { id } = await store.inbound.saveRaw(raw, { source: 'cli' });
  const draft = { format, title, abstract, durationMinutes: format === 'talk' ? 45 : 5, language: 'fr' as const, speakers: [{ name: speaker, email: `s${++filedCount}@example.fr` }], attachments: [] };
  return (await store.proposals.fileFromMessage(id, draft, 'test')).proposal.ref;
}

beforeAll(async () => {
  store = await openStore(PG_URL, { schema });
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await store?.close();
  await dropSchema(schema);
});

describe('public pages', () => {
  let base: string;
  let eventId: number;
  beforeAll(async () => {
    base = await serve();
  });

  it('says plainly that no meetup is planned, and where proposals go', async () => {
    const fr = await get(`${base}/`);
    expect(fr.status).toBe(200);
    expect(fr.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(fr.text).toContain('Aucun meetup n’est prévu pour l’instant.');
    expect(fr.text).toContain('<a href="mailto:talks@pgug.example.org">talks@pgug.example.org</a>');
    expect((await get(`${base}/?lang=en`)).text).toContain('No meetup scheduled yet.');
  });

  it('shows the next meetup with hostile text escaped, talks in running order, venue with a map link', async () => {
    // A past meetup (over before NOW) is not "next".
    await store.events.create({ date: new Date('2026-12-10T18:00:00Z'), venue: 'Ancien lieu', title: 'Décembre' });
    const ev = await store.events.create({ date: new Date('2027-01-28T18:00:00Z'), venue: HOSTILE.venue, title: HOSTILE.event, venueAddress: '43 rue du Faubourg Montmartre, 75009 Paris', mapUrl: 'javascript:alert(4)', registrationUrl: 'https://www.meetup.com/fr-FR/postgresql-paris/events/1/' });
    eventId = ev.id;
    const lightning = await proposal('pg_stat_statements en cinq minutes', 'Trois requêtes.', 'Priya Raman', 'lightning');
    const main = await proposal(HOSTILE.talk, HOSTILE.abstract, HOSTILE.speaker);
    await store.events.assign(ev.id, lightning);
    await store.events.assign(ev.id, main);
    await store.events.create({ date: new Date('2027-02-25T18:00:00Z'), venue: 'Plus tard' });

    const page = (await get(`${base}/`, { 'accept-language': 'fr-FR,fr;q=0.9' })).text;
    // Nothing user-written became markup: no script, img, svg, b element, nor a javascript: link.
    expect(page).not.toMatch(/<(script|img|svg|b)[\s>/]/i);
    expect(page).not.toContain('javascript:');
    expect(page).toContain('<h1>&lt;script&gt;alert(&quot;event&quot;)&lt;/script&gt; &amp; Cie</h1>');
    expect(page).toContain('<h3>&lt;img src=x onerror=alert(1)&gt;Partitionnement</h3>');
    expect(page).toContain('par <bdi>Zoé &lt;svg/onload=alert(3)&gt;</bdi>');
    expect(page).toContain('<p dir="auto">Avant&lt;/p&gt;&lt;script&gt;alert(2)&lt;/script&gt;</p>\n<p dir="auto">Après « 40 To » &amp; plus</p>');
    expect(page).toContain('&lt;b&gt;Dalibo&lt;/b&gt;');
    expect(page).toContain('jeudi 28 janvier 2027 à 19h00');
    expect(page).not.toContain('Ancien lieu');
    // The unsafe map URL is dropped for a search on the address.
    expect(page).toContain('href="https://www.openstreetmap.org/search?query=%3Cb%3EDalibo%3C%2Fb%3E%2C%2043%20rue%20du%20Faubourg%20Montmartre%2C%2075009%20Paris"');
    expect(page).toContain('href="https://www.meetup.com/fr-FR/postgresql-paris/events/1/"');
    // Running order (core/programme.ts), as the announcement and `events show --json` give it: the main talk, then
    // the lightning talk — though the lightning talk was put on the programme first.
    expect(page.indexOf('Partitionnement')).toBeLessThan(page.indexOf('pg_stat_statements'));
  });

  it.each([
    ['en-GB,en;q=0.9,fr;q=0.8', null, 'en', 'Thursday, January 28, 2027 at 7:00 PM'],
    ['fr;q=0.4, en;q=0.9', null, 'en', 'Thursday, January 28, 2027 at 7:00 PM'],
    ['de-DE, en;q=0.5', null, 'en', 'Thursday, January 28, 2027 at 7:00 PM'],
    ['de-DE', null, 'fr', 'jeudi 28 janvier 2027 à 19h00'],
    ['en-US', 'fr', 'fr', 'jeudi 28 janvier 2027 à 19h00'],
    ['fr', 'en', 'en', 'Thursday, January 28, 2027 at 7:00 PM'],
  ])('Accept-Language %s, ?lang=%s → %s', async (accept, lang, want, date) => {
    const page = await get(`${base}/${lang ? `?lang=${lang}` : ''}`, { 'accept-language': accept });
    expect(page.text).toContain(`<html lang="${want}">`);
    expect(page.text).toContain(date);
  });

  it('/events.ics is the upcoming meetups, each under the UID of its announcement, in the group\'s zone', async () => {
    const r = await get(`${base}/events.ics`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const cal = parseIcs(r.text);
    expect(cal.timezones).toEqual(['Europe/Paris']);
    expect(cal.events.map((e) => e.DTSTART)).toEqual(['TZID=Europe/Paris:20270128T190000', 'TZID=Europe/Paris:20270225T190000']);
    const [first] = cal.events;
    expect(first!.UID).toBe(`event-${eventId}@pgug.example.org`);
    expect(first!.SUMMARY).toBe(HOSTILE.event);
    // The announcement's .ics of the same meetup carries the same UID: a calendar keeps one entry.
    const ev = (await store.events.get(eventId))!;
    const deps = { config: config(), store };
    const [built] = await createEventMailBuilder(config()).build(await eventMailInput(deps, ev, 'announce', NOW), [{ key: 'list:generale', locale: 'fr', to: 'x@example.org' }]);
    const announced = parseIcs(built!.ics!).events[0]!;
    expect(announced.UID).toBe(first!.UID);
    expect(announced.DTSTART).toBe(first!.DTSTART);
    expect(announced.SEQUENCE).toBe(first!.SEQUENCE);
  });

  it('HEAD says what GET would, length included, without the body', async () => {
    for (const path of ['/', '/events.ics', '/subscribe', '/nope']) {
      const got = await fetch(`${base}${path}`);
      const body = Buffer.from(await got.arrayBuffer());
      const head = await fetch(`${base}${path}`, { method: 'HEAD' });
      expect([head.status, head.headers.get('content-type')], path).toEqual([got.status, got.headers.get('content-type')]);
      expect(got.headers.get('content-length'), path).toBe(String(body.length));
      // /events.ics carries its DTSTAMP (now): same clock here, so the same length.
      expect(head.headers.get('content-length'), path).toBe(String(body.length));
      expect((await head.arrayBuffer()).byteLength, path).toBe(0);
    }
  });

  it('nothing but GET on the read-only pages', async () => {
    expect((await post(`${base}/`, '')).status).toBe(405);
    expect((await post(`${base}/events.ics`, '')).status).toBe(405);
  });

  it('a method a page does not take is 405 with the ones it does (HEAD included) and a typed one-line body', async () => {
    for (const [method, path, allow] of [
      ['DELETE', '/', 'GET, HEAD'],
      ['PUT', '/events.ics', 'GET, HEAD'],
      ['PUT', '/unsubscribe/u-1-aaaaaaaaaaaaaaaa', 'GET, HEAD, POST'],
    ] as const) {
      const r = await fetch(`${base}${path}`, { method });
      expect([r.status, r.headers.get('allow'), r.headers.get('content-type')], `${method} ${path}`).toEqual([405, allow, 'text/plain; charset=utf-8']);
      expect(await r.text()).toBe(`${method} is not allowed here: ${allow}\n`);
    }
  });

  it('a speaker without a name is not shown by address on the page nor in the feed', async () => {
    const ref = await proposal('Sans nom', null, null);
    const email = `s${filedCount}@example.fr`;
    await store.events.assign(eventId, ref);
    const fr = (await get(`${base}/`)).text;
    expect(fr).toContain('Sans nom');
    expect(fr).not.toContain(email);
    expect(fr).toContain('par <bdi>un·e orateur·rice</bdi>');
    expect((await get(`${base}/?lang=en`)).text).toContain('a speaker');
    const ics = (await get(`${base}/events.ics`)).text.replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('Sans nom (un·e orateur·rice)');
    expect(ics).not.toContain(email);
  });
});

describe('forms and CSRF', () => {
  const rec = recordingSubscriptions();
  let base: string;
  beforeAll(async () => {
    base = await serve(config(), rec.subs);
  });

  it('the form sets a cookie and carries the HMAC of its nonce; a POST needs both', async () => {
    const page = await get(`${base}/subscribe`);
    expect(page.status).toBe(200);
    const { cookie, csrf } = formOf(page);
    expect(page.headers.get('set-cookie')).toMatch(/^crieur_csrf=[\w-]{22,}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(csrf).toMatch(/^[\w-]{43}$/);
    // Behind the https proxy, the cookie is Secure; a visitor whose cookie came back keeps it (no new Set-Cookie).
    expect((await get(`${base}/subscribe`, { 'x-forwarded-proto': 'https' })).headers.get('set-cookie')).toMatch(/; Secure$/);
    expect((await get(`${base}/subscribe`, { cookie })).headers.get('set-cookie')).toBeNull();
    const other = formOf(await get(`${base}/subscribe`));
    const body = (field: string) => `csrf=${field}&email=jean%40example.fr&name=Jean&language=en&digest.generale=weekly&format=text`;
    // No cookie, no field, a wrong field, another visit's field: 403, the use case never called.
    expect((await post(`${base}/subscribe`, body(csrf))).status).toBe(403);
    expect((await post(`${base}/subscribe`, 'email=jean%40example.fr', { cookie })).status).toBe(403);
    expect((await post(`${base}/subscribe`, body(csrf.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))), { cookie })).status).toBe(403);
    expect((await post(`${base}/subscribe`, body(other.csrf), { cookie })).status).toBe(403);
    expect(rec.calls.request).toEqual([]);
    const ok = await post(`${base}/subscribe`, body(csrf), { cookie });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('un message de confirmation vient de lui être envoyé');
    expect(rec.calls.request).toEqual([
      { email: 'jean@example.fr', name: 'Jean', language: 'en', digest: { list: 'generale', choice: { cadence: 'weekly', format: 'text' } }, source: 'web', cause: 'web /subscribe (127.0.0.1)' },
    ]);
  });

  it('answers a capped request exactly as a sent one; an invalid address comes back escaped in the form', async () => {
    const { cookie, csrf } = formOf(await get(`${base}/subscribe`));
    const send = (email: string) => post(`${base}/subscribe`, `csrf=${csrf}&email=${encodeURIComponent(email)}`, { cookie });
    rec.calls.answer = 'confirmation-sent';
    const sent = await send('a@example.fr');
    rec.calls.answer = 'capped';
    const capped = await send('a@example.fr');
    expect([capped.status, capped.text]).toEqual([sent.status, sent.text]);
    rec.calls.answer = 'invalid-address';
    const bad = await send('"><script>alert(5)</script>');
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('value="&quot;&gt;&lt;script&gt;alert(5)&lt;/script&gt;"');
    expect(bad.text).not.toContain('<script>');
    rec.calls.answer = 'confirmation-sent';
  });

  it('refuses a form body past 16 KB (413) without calling the use case', async () => {
    const { cookie, csrf } = formOf(await get(`${base}/subscribe`));
    const before = rec.calls.request.length;
    const r = await post(`${base}/subscribe`, `csrf=${csrf}&email=a%40example.fr&name=${'x'.repeat(20_000)}`, { cookie });
    expect(r.status).toBe(413);
    expect(rec.calls.request.length).toBe(before);
  });

  it('/confirm/TOKEN: GET shows a button and confirms no one; POST with the form confirms; without it, 403', async () => {
    const url = `${base}/confirm/c-12-abcdefghijklmnop`;
    const page = await get(url);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="post" action="/confirm/c-12-abcdefghijklmnop?lang=fr">');
    expect(rec.calls.confirm).toEqual([]);
    const { cookie, csrf } = formOf(page);
    expect((await post(url, '')).status).toBe(403);
    expect(rec.calls.confirm).toEqual([]);
    const done = await post(url, `csrf=${csrf}`, { cookie });
    expect(done.text).toContain('C’est fait');
    expect(rec.calls.confirm).toEqual(['c-12-abcdefghijklmnop']);
    expect((await get(`${base}/confirm/not-a-token`)).status).toBe(404);
  });

  it('the unsubscribe button needs the form; the one-click POST of a mail client needs no cookie', async () => {
    await store.subscribers.upsert([
      { email: 'button@example.fr', status: 'active', source: 'cli', language: 'fr', name: null },
      { email: 'oneclick@example.fr', status: 'active', source: 'cli', language: 'fr', name: null },
    ]);
    const token = async (email: string) => mintMemberToken(SECRET, 'unsubscribe', (await store.membership.byEmail(email))!.id, email);
    const status = async (email: string) => (await store.membership.byEmail(email))!.status;
    const button = `${base}/unsubscribe/${await token('button@example.fr')}`;
    const page = await get(button);
    const { cookie, csrf } = formOf(page);
    expect(csrf).not.toBe('');
    expect((await post(button, '')).status).toBe(403);
    expect((await post(button, `csrf=${csrf}`)).status).toBe(403);
    expect(await status('button@example.fr')).toBe('active');
    expect((await post(button, `csrf=${csrf}`, { cookie })).status).toBe(200);
    expect(await status('button@example.fr')).toBe('unsubscribed');
    const oneClick = await post(`${base}/unsubscribe/${await token('oneclick@example.fr')}`, 'List-Unsubscribe=One-Click');
    expect(oneClick.status).toBe(200);
    expect(await status('oneclick@example.fr')).toBe('unsubscribed');
    const causes = async (email: string) => (await store.membership.history((await store.membership.byEmail(email))!.id)).map((h) => h.cause);
    expect(await causes('button@example.fr')).toEqual(['unsubscribe page']);
    expect(await causes('oneclick@example.fr')).toEqual(['one-click https']);
  });

  it('the one-click POST sent as multipart/form-data (RFC 8058\'s SHOULD) unsubscribes too, without cookie; another value does not', async () => {
    const emails = ['multi@example.fr', 'urlenc@example.fr', 'other@example.fr'];
    await store.subscribers.upsert(emails.map((email) => ({ email, status: 'active' as const, source: 'cli', language: 'fr' as const, name: null })));
    const url = async (email: string) => `${base}/unsubscribe/${mintMemberToken(SECRET, 'unsubscribe', (await store.membership.byEmail(email))!.id, email)}`;
    const status = async (email: string) => (await store.membership.byEmail(email))!.status;
    // What a mailbox provider sends: fetch writes the multipart body and its boundary, as a mail client's HTTP stack would.
    const multipart = async (email: string, value: string) => {
      const body = new FormData();
      body.set('List-Unsubscribe', value);
      const r = await fetch(await url(email), { method: 'POST', body, redirect: 'manual' });
      expect(r.headers.get('content-type') ?? '').toContain('text/html');
      return r.status;
    };
    expect(await multipart('other@example.fr', 'Yes')).toBe(403);
    expect(await status('other@example.fr')).toBe('active');
    expect(await multipart('multi@example.fr', 'One-Click')).toBe(200);
    expect(await status('multi@example.fr')).toBe('unsubscribed');
    expect((await post(await url('urlenc@example.fr'), 'List-Unsubscribe=One-Click')).status).toBe(200);
    expect(await status('urlenc@example.fr')).toBe('unsubscribed');
    // A body that says multipart and is not: no field, so the CSRF check refuses it.
    const bad = await post(await url('other@example.fr'), 'List-Unsubscribe=One-Click', { 'content-type': 'multipart/form-data; boundary=x' });
    expect(bad.status).toBe(403);
    expect(await status('other@example.fr')).toBe('active');
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After past the burst, per client address; one-click and /healthz are not counted', async () => {
    const cfg = config({ http: { rateLimit: { perMinute: 6, burst: 3, forwardedFor: true } } });
    const base = await serve(cfg, recordingSubscriptions().subs);
    const from = (ip: string) => ({ 'x-forwarded-for': `198.51.100.7, ${ip}` });
    for (let i = 0; i < 3; i++) expect((await get(`${base}/`, from('203.0.113.1'))).status).toBe(200);
    const refused = await get(`${base}/subscribe`, from('203.0.113.1'));
    expect(refused.status).toBe(429);
    // 6 a minute: one back every 10 s (the clock is fixed, so none came back).
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(refused.text).toContain('Réessayez dans 10 secondes');
    // Another client is not held back by the first; the proxy's own hop is what counts, not what the client wrote.
    expect((await get(`${base}/`, from('203.0.113.2'))).status).toBe(200);
    expect((await get(`${base}/`, { 'x-forwarded-for': '203.0.113.1, 203.0.113.3' })).status).toBe(200);
    const oneClick = await post(`${base}/unsubscribe/u-999999-aaaaaaaaaaaaaaaa`, 'List-Unsubscribe=One-Click', from('203.0.113.1'));
    expect(oneClick.status).toBe(404);
    expect((await get(`${base}/unsubscribe/u-999999-aaaaaaaaaaaaaaaa`, from('203.0.113.1'))).status).toBe(429);
    // IPv6: a new address of the same /64 is the same client; the next /64 is another.
    for (let i = 1; i <= 3; i++) expect((await get(`${base}/`, from(`2001:db8:7:8::${i}`))).status).toBe(200);
    expect((await get(`${base}/`, from('2001:db8:7:8:dead:beef:0:4'))).status).toBe(429);
    expect((await get(`${base}/`, from('2001:db8:7:9::1'))).status).toBe(200);
  });

  it('POST /subscribe has a stricter bucket of its own (a tenth of the rate, a quarter of the burst); the pages keep theirs', async () => {
    const base = await serve(config({ http: { rateLimit: { perMinute: 60, burst: 8 } } }), recordingSubscriptions().subs);
    // Burst 8 → 2 subscriptions at once; refused or not by CSRF, each counts.
    expect((await post(`${base}/subscribe`, 'email=a%40example.fr')).status).toBe(403);
    expect((await post(`${base}/subscribe`, 'email=b%40example.fr')).status).toBe(403);
    const refused = await post(`${base}/subscribe`, 'email=c%40example.fr');
    expect(refused.status).toBe(429);
    // 6 a minute: one back every 10 s.
    expect(refused.headers.get('retry-after')).toBe('10');
    expect((await get(`${base}/subscribe`)).status).toBe(200);
    expect((await get(`${base}/`)).status).toBe(200);
  });

  it('refills with time', async () => {
    let now = NOW.getTime();
    const base = await serve(config({ http: { rateLimit: { perMinute: 60, burst: 1 } } }), undefined, { now: () => new Date(now) });
    expect((await get(`${base}/`)).status).toBe(200);
    expect((await get(`${base}/`)).status).toBe(429);
    now += 1_000;
    expect((await get(`${base}/`)).status).toBe(200);
  });
});

describe('http.public off', () => {
  it('the public pages are 404; the links in mail (unsubscribe, confirm) still work, without links to the pages', async () => {
    const base = await serve(config({ http: { public: false } }), recordingSubscriptions().subs);
    for (const path of ['/', '/events.ics', '/subscribe', '/?lang=en']) expect((await get(`${base}${path}`)).status, path).toBe(404);
    await store.subscribers.upsert([{ email: 'off@example.fr', status: 'active', source: 'cli', language: 'fr', name: null }]);
    const id = (await store.membership.byEmail('off@example.fr'))!.id;
    const page = await get(`${base}/unsubscribe/${mintMemberToken(SECRET, 'unsubscribe', id, 'off@example.fr')}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Me désabonner');
    expect(page.text).not.toContain('href="/subscribe');
    expect((await get(`${base}/confirm/c-1-abcdefghijklmnop`)).status).toBe(200);
  });
});

describe('paths that are no page, and other methods on the listener\'s own', () => {
  it('an unknown path is a short 404 page in the visitor\'s language; a trailing slash is redirected to the page', async () => {
    const base = await serve(config(), recordingSubscriptions().subs);
    for (const path of ['/nope', '/subscribe/x', '/unsubscribe/', '/unsubscribe/%zz', '/index.html']) {
      const r = await get(`${base}${path}`, { 'accept-language': 'en' });
      expect(r.status, path).toBe(404);
      expect(r.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
      expect(r.text, path).toMatch(/<h1>(Page not found|Unsubscribe)<\/h1>/);
    }
    expect((await get(`${base}/nope`)).text).toContain('<h1>Page introuvable</h1>');
    // The unknown path is not echoed into a link (the language switch goes home).
    expect((await get(`${base}/%22onmouseover=x`)).text).not.toContain('onmouseover');
    for (const [path, location] of [['/subscribe/', '/subscribe'], ['/events.ics/?lang=en', '/events.ics?lang=en'], ['/healthz/', '/healthz']]) {
      const r = await fetch(`${base}${path}`, { redirect: 'manual' });
      expect(r.status, path).toBe(308);
      expect(r.headers.get('location'), path).toBe(location);
    }
    for (const path of ['//', '//evil.example/', '//evil.example/subscribe']) expect((await get(`${base}${path}`)).status, path).toBe(404);
  });

  it('/healthz and /metrics answer GET and HEAD only; without pages an unknown path is a plain 404', async () => {
    const server = await startHttp('127.0.0.1', 0, new Metrics(), []);
    servers.push(server);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const path of ['/healthz', '/metrics']) {
      for (const method of ['POST', 'DELETE', 'PUT']) {
        const r = await fetch(`${base}${path}`, { method });
        expect(r.status, `${method} ${path}`).toBe(405);
        expect(r.headers.get('allow')).toBe('GET, HEAD');
      }
      expect((await fetch(`${base}${path}`, { method: 'HEAD' })).status).toBe(200);
    }
    const none = await get(`${base}/nope`);
    expect([none.status, none.headers.get('content-type')]).toEqual([404, 'text/plain; charset=utf-8']);
  });
});

/** A TCP relay to a service (PostgreSQL, Redis) that the test cuts (refusing), or turns into a peer that accepts and never answers. */
async function relay(to: string): Promise<{ url: string; cut(mode: 'refuse' | 'silent'): Promise<void> }> {
  const target = new URL(to);
  const sockets = new Set<Socket>();
  let server = createNetServer((c) => {
    const up = connect(Number(target.port || (target.protocol === 'redis:' ? 6379 : 5432)), target.hostname);
    for (const s of [c, up]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    c.pipe(up).pipe(c);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const url = new URL(to);
  url.host = `127.0.0.1:${port}`;
  return {
    url: url.toString(),
    async cut(mode) {
      await new Promise<void>((r) => {
        server.close(() => r());
        for (const s of sockets) s.destroy();
      });
      if (mode === 'silent') {
        server = createNetServer((c) => void c.on('error', () => undefined));
        await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
        afterAll(() => new Promise<void>((r) => server.close(() => r())));
      }
    },
  };
}

describe('the database out of reach', () => {
  async function pagesOn(url: string) {
    const down = await openStore(url, { schema });
    afterAll(() => down.close().catch(() => undefined));
    await down.subscribers.upsert([{ email: 'down@example.fr', status: 'active', source: 'cli', language: 'fr', name: null }]);
    const id = (await down.membership.byEmail('down@example.fr'))!.id;
    const server = await startHttp('127.0.0.1', 0, new Metrics(), [], pageRoutes({ config: config(), store: down, clock: fixed, log: createLogger('silent') }, recordingSubscriptions().subs));
    servers.push(server);
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: mintMemberToken(SECRET, 'unsubscribe', id, 'down@example.fr') };
  }

  async function expectUnavailable(base: string, token: string) {
    // At once: with a silent server each waits for the pool's connect timeout.
    const [home, feed, page, oneClick] = await Promise.all([
      get(`${base}/`, { 'accept-language': 'en' }),
      get(`${base}/events.ics`),
      get(`${base}/unsubscribe/${token}`),
      post(`${base}/unsubscribe/${token}`, 'List-Unsubscribe=One-Click'),
    ]);
    const answers = { '/': home!, '/events.ics': feed!, 'GET /unsubscribe': page!, 'one-click': oneClick! };
    for (const [what, r] of Object.entries(answers)) {
      expect(r.status, what).toBe(503);
      expect(r.headers.get('retry-after'), what).toMatch(/^\d+$/);
      expect(r.headers.get('content-type'), what).toBe('text/html; charset=utf-8');
      expect(r.headers.get('cache-control'), what).toBe('no-store');
      expect(r.text, what).not.toMatch(/postgres:\/\/|ECONN|timeout|\n\s+at /i);
    }
    expect(answers['/'].text).toContain('<h1>Temporarily unavailable</h1>');
    expect(answers['one-click'].text).toContain('<h1>Service momentanément indisponible</h1>');
  }

  it('the pages answer 503 with Retry-After and one short sentence when PostgreSQL refuses connections', async () => {
    const pg = await relay(PG_URL);
    const { base, token } = await pagesOn(pg.url);
    expect((await get(`${base}/`)).status).toBe(200);
    await pg.cut('refuse');
    await expectUnavailable(base, token);
  });

  it('and when it accepts connections and never answers (after the connect timeout)', async () => {
    const pg = await relay(PG_URL);
    const { base, token } = await pagesOn(pg.url);
    await pg.cut('silent');
    await expectUnavailable(base, token);
  }, 60_000);
});

describe('Redis out of reach', () => {
  it('the form and the one-click answer at once; their mails wait in the outbox for the recovery sweep', { timeout: 60_000 }, async () => {
    const redisRelay = await relay(REDIS_URL);
    const redis = await connectRedis(redisRelay.url, { forWorkers: true });
    const prefix = redisPrefix();
    const dispatcher = new BullDispatcher(redis, prefix);
    afterAll(async () => {
      redis.disconnect();
      await within(dispatcher.close(), 2_000).catch(() => undefined);
      await clearRedisPrefix(prefix);
    });
    const cfg = config();
    const deps = { config: cfg, store, clock: fixed, log: createLogger('silent'), dispatcher, membershipMails: createMembershipMails(cfg, { clock: fixed }) };
    const server = await startHttp('127.0.0.1', 0, new Metrics(), [], pageRoutes(deps, joinSubscriptions(deps)));
    servers.push(server);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await store.subscribers.upsert([{ email: 'leaving@example.fr', status: 'active', source: 'cli', language: 'fr', name: null }]);
    const leaving = (await store.membership.byEmail('leaving@example.fr'))!.id;
    const form = formOf(await get(`${base}/subscribe`));

    await redisRelay.cut('silent');
    const t0 = Date.now();
    const joined = await post(`${base}/subscribe`, new URLSearchParams({ csrf: form.csrf, email: 'redis-down@example.fr' }).toString(), { cookie: form.cookie });
    const left = await post(`${base}/unsubscribe/${mintMemberToken(SECRET, 'unsubscribe', leaving, 'leaving@example.fr')}`, 'List-Unsubscribe=One-Click');
    expect(Date.now() - t0, 'both within the bound, not until Redis is back').toBeLessThan(10_000);
    expect([joined.status, left.status]).toEqual([200, 200]);
    expect(joined.text).toContain('Vérifiez votre messagerie');
    expect((await store.membership.byEmail('leaving@example.fr'))!.status).toBe('unsubscribed');
    // Both mails are queued rows, which the recovery sweep dispatches once Redis answers.
    const queued = await store.outbox.pending(500, new Date(Date.now() + 60_000));
    const recipients = await Promise.all(queued.map(async (id) => (await store.outbox.get(id))?.recipient));
    expect(recipients).toEqual(expect.arrayContaining(['redis-down@example.fr', 'leaving@example.fr']));
  });
});

/** A small iCalendar reader: unfolded lines, the VTIMEZONE ids, and each VEVENT's properties (parameters kept before the value). */
function parseIcs(text: string): { timezones: string[]; events: Record<string, string>[] } {
  const lines = text.replace(/\r\n[ \t]/g, '').split(/\r\n/);
  const timezones: string[] = [];
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  let inTz = false;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      events.push(current!);
      current = null;
    }
    else if (line === 'BEGIN:VTIMEZONE') inTz = true;
    else if (line === 'END:VTIMEZONE') inTz = false;
    else if (inTz && line.startsWith('TZID:')) timezones.push(line.slice(5));
    else if (current) {
      const m = /^([A-Z-]+)([;:])(.*)$/.exec(line);
      if (m) current[m[1]!] = m[2] === ';' ? m[3]! : m[3]!.replace(/\\([,;\\])/g, '$1').replace(/\\n/gi, '\n');
    }
  }
  return { timezones, events };
}
