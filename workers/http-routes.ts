/**
 * The pages crieur's HTTP listener serves besides /healthz, /metrics and the queue dashboard, behind one per-address
 * rate limit. Which are on:
 *  - always (when `secret` is set, which signs members' tokens): `/unsubscribe/TOKEN` and `/confirm/TOKEN` — links
 *    in mail crieur already sent (List-Unsubscribe, the footer, the confirmation mail) must keep working whatever
 *    `http.public` says;
 *  - with `http.public: true`: `/` (the next meetup), `/events.ics`, `/subscribe`;
 *  - any other path: a short 404 page (counted by the rate limit like the pages).
 * The RFC 8058 one-click POST is not counted: mailbox providers send it for many members from a few addresses,
 * and a refused one-click is an unsubscribe that did not happen.
 */
import type { AppDeps } from '../src/app/deps.ts';
import type { Dispatcher } from '../src/app/dispatcher.ts';
import type { Logger } from '../src/app/logger.ts';
import { within } from '../src/adapters/within.ts';
import { membershipRoutes } from '../src/adapters/http/membership-routes.ts';
import { notFoundRoute, publicRoutes, type Subscriptions } from '../src/adapters/http/public-routes.ts';
import { rateLimited, requestUrl } from '../src/adapters/http/page-kit.ts';
import type { Route } from '../src/adapters/http/server.ts';
import { confirmSubscription, inspectConfirmation, requestSubscription } from '../src/app/join.ts';
import { joinDepsOf, type MembershipDeps } from '../src/app/membership.ts';

/** How long a page waits for Redis to take the job of a mail it queued. */
const PAGE_DISPATCH_MS = 2_000;

/**
 * The dispatcher of the pages' use cases. A mail a page causes (a confirmation, « vous êtes désabonné·e ») is an
 * outbox row committed before its job is added, and the recovery sweep gives a job to any row left queued
 * (queue.staleSeconds); so with Redis away the page answers after PAGE_DISPATCH_MS — the form's « Vérifiez votre
 * messagerie », the one-click's page — instead of hanging until Redis is back (BullMQ waits for its connection), and
 * the mail goes out once it is.
 */
export function pageDispatcher(d: Pick<Dispatcher, 'dispatchMany'>, log: Logger, ms = PAGE_DISPATCH_MS): Pick<Dispatcher, 'dispatchMany'> {
  return {
    dispatchMany: (queue, ids, opts) =>
      within(d.dispatchMany(queue, ids, opts), ms).catch((err: Error) => log.warn({ queue, ids, err: err.message }, 'page: job not added, the recovery sweep will dispatch it')),
  };
}

/** Deps as the pages use them: the same, but a dispatcher that never holds a page on Redis. */
function forPages<D extends MembershipDeps>(deps: D): D {
  return deps.dispatcher ? { ...deps, dispatcher: pageDispatcher(deps.dispatcher, deps.log) } : deps;
}

/** The join use case for the pages, in processes that can write its mails (all of crieur's, via workers/context.ts). */
export function joinSubscriptions(deps: MembershipDeps): Subscriptions | undefined {
  const join = joinDepsOf(forPages(deps));
  if (!join) return undefined;
  return {
    request: (r) => requestSubscription(join, r),
    confirm: (token, cause) => confirmSubscription(join, token, cause),
    inspect: (token) => inspectConfirmation(join, token),
  };
}

export function pageRoutes(deps: Pick<AppDeps, 'config' | 'store' | 'clock' | 'log'> & Pick<MembershipDeps, 'dispatcher' | 'membershipMails'>, subscriptions?: Subscriptions): Route[] {
  if (!deps.config.secret) return [];
  const routes = [membershipRoutes(forPages(deps)), ...publicRoutes({ ...deps, ...(subscriptions ? { subscriptions } : {}) }), notFoundRoute(deps.config)];
  return rateLimited(deps.config, routes, deps.clock, (req) => req.method === 'POST' && requestUrl(req).pathname.startsWith('/unsubscribe/'));
}
