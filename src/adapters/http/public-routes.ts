/**
 * The public pages (issue 9) on the HTTP listener of /healthz:
 *  - `/` the next meetup and its programme, `/events.ics` the upcoming meetups as a calendar feed, `/subscribe` the
 *    form — served only with `http.public: true`;
 *  - `/confirm/TOKEN`, the link of the confirmation mail: GET shows a button (a link scanner confirms no one), POST
 *    confirms — served whenever the subscription use case is wired, like /unsubscribe, because it is a link in mail.
 * Pages are data→HTML functions (src/core/pages); this file reads requests and writes answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../../config/schema.ts';
import { requireSecret } from '../../config/load.ts';
import { domainOf } from '../../core/compose/message.ts';
import { addressOf } from '../../core/address.ts';
import { eventMailData } from '../../core/render/announce-data.ts';
import { programmePage } from '../../core/pages/programme.ts';
import { checkMailPage, confirmedPage, confirmPage, csrfPage, DIGEST_CADENCES, digestField, notFoundPage, subscribePage, type SubscribeFormValues } from '../../core/pages/forms.ts';
import { withoutControls } from '../../core/text/controls.ts';
import { nextMeetup, upcomingMeetups, type PublicPagesDeps } from '../../app/public-pages.ts';
import type { Logger } from '../../app/logger.ts';
import type { ConfirmOutcome, JoinOutcome, JoinRequest } from '../../app/join.ts';
import type { Language } from '../../types.ts';
import { eventsIcs } from '../calendar/ics.ts';
import { icsEventOf } from '../compose/announcement.ts';
import { answerFailure, clientAddress, csrfChecks, csrfFor, methodNotAllowed, pageContext, readForm, requestUrl, sendPage } from './page-kit.ts';
import type { Route } from './server.ts';

/** The subscription use case (src/app/join.ts: requestSubscription, confirmSubscription) as the pages call it. */
export interface Subscriptions {
  request(req: JoinRequest & { source: 'web' }): Promise<JoinOutcome>;
  confirm(token: string, cause: string): Promise<ConfirmOutcome>;
  /** What the token's request is now, without acting on it (the GET of the confirmation link). */
  inspect(token: string): Promise<'open' | 'already' | 'expired' | 'invalid'>;
}

export interface PublicRoutesDeps extends PublicPagesDeps {
  config: Config;
  log: Logger;
  /** Absent: no /subscribe nor /confirm (the use case is not wired in this process). */
  subscriptions?: Subscriptions;
}

const CONFIRM_RE = /^\/confirm\/(c-\d{1,10}-[a-z2-7]{16})\/?$/i;

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function route(deps: PublicRoutesDeps, prefix: string, exact: boolean, handler: Handler): Route {
  return {
    prefix,
    exact,
    handle(req, res) {
      handler(req, res).catch((err: unknown) => answerFailure(deps.config, deps.log, req, res, err));
    },
  };
}

function methods(req: IncomingMessage, res: ServerResponse, allowed: readonly string[]): boolean {
  if (allowed.includes(req.method ?? '')) return true;
  methodNotAllowed(req, res, allowed);
  return false;
}

/** `/`, `/events.ics`, `/subscribe` (when http.public) and `/confirm` (when subscriptions are wired). */
export function publicRoutes(deps: PublicRoutesDeps): Route[] {
  const { config } = deps;
  const routes: Route[] = [];
  if (config.http.public) {
    routes.push(route(deps, '/', true, (req, res) => home(deps, req, res)));
    routes.push(route(deps, '/events.ics', true, (req, res) => feed(deps, req, res)));
    if (deps.subscriptions) routes.push(route(deps, '/subscribe', true, (req, res) => subscribe(deps, deps.subscriptions!, req, res)));
  }
  if (deps.subscriptions) routes.push(route(deps, '/confirm', false, (req, res) => confirm(deps, deps.subscriptions!, req, res)));
  return routes;
}

/**
 * Every path the listener does not serve, once pages are served: a short 404 page in the visitor's language (with
 * the way home when the public pages are on) rather than an empty answer a browser shows as a blank tab.
 */
export function notFoundRoute(config: Config): Route {
  return { prefix: '', fallback: true, handle: (req, res) => sendPage(res, 404, notFoundPage(pageContext(config, req))) };
}

async function home(deps: PublicRoutesDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!methods(req, res, ['GET', 'HEAD'])) return;
  const c = pageContext(deps.config, req);
  const next = await nextMeetup(deps);
  const html = programmePage({
    lang: c.lang,
    group: { name: deps.config.group.name, timezone: deps.config.group.timezone },
    proposalsAddress: addressOf(deps.config.addresses.proposals),
    next,
    nav: c.nav,
  });
  // Public and the same for everyone in a language: a proxy may keep it a minute.
  sendPage(res, 200, html, { 'cache-control': 'public, max-age=60', vary: 'Accept-Language' });
}

async function feed(deps: PublicRoutesDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!methods(req, res, ['GET', 'HEAD'])) return;
  const { config } = deps;
  const group = { name: config.group.name, timezone: config.group.timezone };
  const proposalsAddress = addressOf(config.addresses.proposals);
  const meetups = await upcomingMeetups(deps);
  const events = meetups.map(({ event, talks }) =>
    icsEventOf(event, eventMailData(event, talks, { group, locale: config.group.locale, proposalsAddress, personal: false, next: null, publicPage: true })),
  );
  // The same domain as the announcements' .ics (adapters/compose/announcement.ts): the same UIDs.
  const ics = eventsIcs(events, { timeZone: config.group.timezone, domain: domainOf(config.addresses.proposals), groupName: config.group.name, stamp: deps.clock.now(), organizer: addressOf(config.addresses.from) });
  res.writeHead(200, {
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': 'inline; filename="events.ics"',
    'cache-control': 'public, max-age=300',
    'x-content-type-options': 'nosniff',
    'content-length': String(Buffer.byteLength(ics)),
  });
  res.end(req.method === 'HEAD' ? undefined : ics);
}

function formValues(config: Config, form: URLSearchParams, fallback: Language): SubscribeFormValues {
  const clean = (s: string | null, max: number) => withoutControls(s ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
  const language = form.get('language');
  const digests: SubscribeFormValues['digests'] = {};
  for (const l of config.lists) {
    const v = form.get(digestField(l.name));
    if (v && (DIGEST_CADENCES as readonly string[]).includes(v)) digests[l.name] = v as SubscribeFormValues['digests'][string];
  }
  return {
    email: clean(form.get('email'), 254),
    name: clean(form.get('name'), 200),
    language: language === 'fr' || language === 'en' ? language : fallback,
    digests,
    format: form.get('format') === 'text' ? 'text' : 'html',
  };
}

async function subscribe(deps: PublicRoutesDeps, subs: Subscriptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!methods(req, res, ['GET', 'HEAD', 'POST'])) return;
  const { config } = deps;
  const secret = requireSecret(config);
  const c = pageContext(config, req);
  const lists = config.lists.map((l) => ({ name: l.name, address: l.address }));
  const csrf = csrfFor(req, secret);
  if (req.method !== 'POST') return sendPage(res, 200, subscribePage(c, { csrf: csrf.field, lists }), csrf.headers);
  const form = await readForm(req);
  if (!csrfChecks(req, form, secret)) return sendPage(res, 403, csrfPage(c, `/subscribe?lang=${c.lang}`), csrf.headers);
  const values = formValues(config, form, c.lang);
  // One digest per request (the use case's shape): the first list given one. With one list, that is the form.
  const chosen = Object.entries(values.digests).find(([, v]) => v !== 'none');
  const outcome = await subs.request({
    email: values.email,
    name: values.name || null,
    language: values.language,
    digest: chosen ? { list: chosen[0], choice: { cadence: chosen[1] as 'daily' | 'weekly', format: values.format } } : null,
    source: 'web',
    cause: `web /subscribe (${clientAddress(config, req)})`,
  });
  deps.log.info({ outcome }, 'subscription requested on the page');
  if (outcome === 'invalid-address') return sendPage(res, 422, subscribePage(c, { csrf: csrf.field, lists, values, error: 'address' }), csrf.headers);
  // Sent or capped: the same page, so that it tells nothing about the address.
  sendPage(res, 200, checkMailPage(c), csrf.headers);
}

async function confirm(deps: PublicRoutesDeps, subs: Subscriptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!methods(req, res, ['GET', 'HEAD', 'POST'])) return;
  const { config } = deps;
  const secret = requireSecret(config);
  const c = pageContext(config, req);
  const path = requestUrl(req).pathname;
  const m = CONFIRM_RE.exec(path);
  if (!m) return sendPage(res, 404, confirmedPage(c, '', 'invalid'));
  const token = m[1]!.toLowerCase();
  const csrf = csrfFor(req, secret);
  // An invalid link is 404, an expired one 410 (gone: asking again is the way), anything else 200.
  const answer = (r: ConfirmOutcome) => sendPage(res, r === 'invalid' ? 404 : r === 'expired' ? 410 : 200, confirmedPage(c, token, r), csrf.headers);
  if (req.method !== 'POST') {
    const state = await subs.inspect(token);
    return state === 'open' ? sendPage(res, 200, confirmPage(c, token, csrf.field), csrf.headers) : answer(state);
  }
  const form = await readForm(req);
  if (!csrfChecks(req, form, secret)) return sendPage(res, 403, csrfPage(c, `/confirm/${token}?lang=${c.lang}`), csrf.headers);
  answer(await subs.confirm(token, `web /confirm (${clientAddress(config, req)})`));
}

