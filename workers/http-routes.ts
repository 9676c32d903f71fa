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
import { membershipRoutes } from '../src/adapters/http/membership-routes.ts';
import { notFoundRoute, publicRoutes, type Subscriptions } from '../src/adapters/http/public-routes.ts';
import { rateLimited, requestUrl } from '../src/adapters/http/page-kit.ts';
import type { Route } from '../src/adapters/http/server.ts';
import { confirmSubscription, inspectConfirmation, requestSubscription } from '../src/app/join.ts';
import { joinDepsOf, type MembershipDeps } from '../src/app/membership.ts';

/** The join use case for the pages, in processes that can write its mails (all of crieur's, via workers/context.ts). */
export function joinSubscriptions(deps: MembershipDeps): Subscriptions | undefined {
  const join = joinDepsOf(deps);
  if (!join) return undefined;
  return {
    request: (r) => requestSubscription(join, r),
    confirm: (token, cause) => confirmSubscription(join, token, cause),
    inspect: (token) => inspectConfirmation(join, token),
  };
}

export function pageRoutes(deps: Pick<AppDeps, 'config' | 'store' | 'clock' | 'log'>, subscriptions?: Subscriptions): Route[] {
  if (!deps.config.secret) return [];
  const routes = [membershipRoutes(deps), ...publicRoutes({ ...deps, ...(subscriptions ? { subscriptions } : {}) }), notFoundRoute(deps.config)];
  return rateLimited(deps.config, routes, deps.clock, (req) => req.method === 'POST' && requestUrl(req).pathname.startsWith('/unsubscribe/'));
}
