/**
 * Joining the roster (issue 9): double opt-in, by mail (`subscribe`/`abonner` written to the group's address) or
 * by the public page. Side effects, in order:
 *  - requestSubscription: the address gets a member row (created `pending` when new; an existing one keeps its
 *    status until it confirms), a join request (migration 010) expiring after membership.confirmDays, and one
 *    confirmation mail through the outbox — keyed by the request, so a replayed job never mails twice, and capped
 *    per recipient (membership.requestsPerDay a day) so that crieur cannot be used to mail-bomb a third party.
 *    The mail reads the same for a stranger and for a member: nothing tells who is on the list.
 *  - confirmSubscription: the request's `c-` token (a reply to the mail, or its link) makes the member `active`
 *    — also an unsubscribed or disabled one, since they asked again and proved the address — with the consent
 *    time, the name/language asked for, the history cause naming what confirmed and what asked, and the digest
 *    choice (store.digests.set); then, when it made them active, a welcome mail (sendWelcome).
 * A token is worthless for another address (its MAC binds the request's address), and a reply confirms only from
 * the address that was asked for.
 */
import { requireSecret } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { addressOf } from '../core/address.ts';
import { expiresAt, joinAddress, requestVerdict } from '../core/membership/join.ts';
import { findMemberToken, mintMemberToken, verifyMemberToken } from '../core/membership/token.ts';
import type { Clock } from './clock.ts';
import type { Dispatcher } from './dispatcher.ts';
import type { Logger } from './logger.ts';
import type { OutboxStore } from './outbox-store.ts';
import type { Language } from '../types.ts';
import type { DigestChoice, DigestPreferenceStore } from './digest-recipients.ts';
import type { MembershipMails } from './membership-mails.ts';

export interface JoinRequest {
  email: string;
  name?: string | null;
  language?: Language | null;
  /** A configured list's digest (choice null: none any more), applied on confirmation; another list is ignored. */
  digest?: { list: string; choice: DigestChoice | null } | null;
  source: 'mail' | 'web';
  /** What asked, for people (history): `mail (inbound 12)`, `web (203.0.113.7)`. */
  cause: string;
  /**
   * Replay key: a second request with the same key is the first one (the classify job of one mail run twice
   * finds its request, and its mail's outbox key, again). Null or absent: every call is a new request.
   */
  key?: string | null;
}

export type JoinOutcome = 'confirmation-sent' | 'capped' | 'invalid-address';
export type ConfirmOutcome = 'confirmed' | 'already' | 'expired' | 'invalid';

export interface JoinRequestRow {
  id: number;
  memberId: number;
  email: string;
  name: string | null;
  language: Language | null;
  digest: { list: string; choice: DigestChoice | null } | null;
  source: 'mail' | 'web';
  cause: string;
  createdAt: Date;
  expiresAt: Date;
  confirmedAt: Date | null;
}

/** Implemented by src/adapters/db/join-requests.ts (migration 010). */
export interface JoinStore {
  /**
   * In one transaction: the member row (created pending, on the members list, when the address is new), then the
   * request — or, when `key` was seen, that earlier request (`created` false).
   */
  open(r: {
    email: string;
    name: string | null;
    language: Language | null;
    digest: JoinRequestRow['digest'];
    source: 'mail' | 'web';
    cause: string;
    key: string | null;
    at: Date;
    expiresAt: Date;
    /**
     * Without a key: an open request for the same member with the same choices (name, language, digest) created
     * since then is this one (`created` false) — a double click or a browser's retry mails once.
     */
    reuseSince?: Date | null;
  }): Promise<{ request: JoinRequestRow; created: boolean }>;
  get(id: number): Promise<JoinRequestRow | null>;
  /**
   * In one transaction: the request confirmed (unless it already was, or expired by `at`), the member's name and
   * language as asked, the member `active` with `cause` in its history. null when nothing changed; else the member as
   * they are now, and whether this made them active (false: already active, a digest choice confirmed).
   */
  confirm(id: number, cause: string, at: Date): Promise<{ activated: boolean; member: { id: number; email: string; name: string | null; language: Language | null } } | null>;
}

export interface JoinDeps {
  store: { join: JoinStore; digests: Pick<DigestPreferenceStore, 'set'>; outbox: Pick<OutboxStore, 'enqueueCapped'> };
  membershipMails: MembershipMails;
  dispatcher: Pick<Dispatcher, 'dispatchMany'>;
  config: Config;
  clock: Clock;
  log: Logger;
}

/** The outbox subject ref of a request's confirmation mail: one mail per request, whatever replays. */
export const joinRef = (requestId: number): string => `join:${requestId}`;

const DAY_MS = 86_400_000;
/** How long a keyless request (the page) stands for an identical one: a double click, a retry, a back-and-resend. */
const REUSE_MS = 10 * 60_000;

/** Our own addresses and the lists': nobody joins as one of them (crieur would write to itself). */
export function ownAddresses(config: Config): string[] {
  return [config.addresses.proposals, addressOf(config.addresses.from), config.addresses.bounces, ...config.lists.map((l) => l.address)].filter(
    (a): a is string => typeof a === 'string' && a !== '',
  );
}

/** The per-recipient cap of membership mails (join and leave confirmations, notices) from now. */
export function membershipCap(config: Config, now: Date): { limit: number; since: Date } {
  return { limit: config.membership.requestsPerDay, since: new Date(now.getTime() - DAY_MS) };
}

export async function requestSubscription(deps: JoinDeps, req: JoinRequest): Promise<JoinOutcome> {
  const email = joinAddress(req.email, ownAddresses(deps.config));
  if (email === null) return 'invalid-address';
  const now = deps.clock.now();
  const digest = req.digest && deps.config.lists.some((l) => l.name === req.digest!.list) ? req.digest : null;
  if (req.digest && !digest) deps.log.info({ list: req.digest.list }, 'join request: digest of a list that is not configured, ignored');
  const { request, created } = await deps.store.join.open({
    email,
    name: req.name?.trim() || null,
    language: req.language ?? null,
    digest,
    source: req.source,
    cause: req.cause,
    key: req.key ?? null,
    at: now,
    expiresAt: expiresAt(now, deps.config.membership.confirmDays),
    reuseSince: req.key ? null : new Date(now.getTime() - REUSE_MS),
  });
  const token = mintMemberToken(requireSecret(deps.config), 'confirm', request.id, request.email);
  const locale = request.language ?? deps.config.group.locale;
  const digestAsked = request.digest ? { list: request.digest.list, cadence: request.digest.choice?.cadence ?? null } : null;
  // Addressed without the name asked for (neither in To nor in the greeting): it is unproven text from anyone.
  const mail = await deps.membershipMails.confirmJoin({ name: null, email: request.email }, locale, token, request.expiresAt, digestAsked);
  const row = await deps.store.outbox.enqueueCapped(
    { purpose: 'membership', subjectRef: joinRef(request.id), recipient: mail.recipient, raw: mail.raw, envelopeFrom: mail.envelopeFrom },
    membershipCap(deps.config, now),
  );
  if (row === null) {
    deps.log.warn({ request: request.id, cause: req.cause }, 'join request: membership mails to this address capped for today, no confirmation sent');
    return 'capped';
  }
  if (row.inserted) await deps.dispatcher.dispatchMany('deliver', [row.id]);
  deps.log.info({ request: request.id, member: request.memberId, created, cause: req.cause }, 'join request: confirmation queued');
  return 'confirmation-sent';
}

/** The request a confirmation token names, when its MAC holds for the request's address; null for anything else. */
async function requestOfToken(deps: Pick<JoinDeps, 'store' | 'config'>, token: string): Promise<JoinRequestRow | null> {
  const t = findMemberToken(token);
  if (!t || t.purpose !== 'confirm') return null;
  const request = await deps.store.join.get(t.id);
  return request && verifyMemberToken(requireSecret(deps.config), t, 'confirm', request.email) ? request : null;
}

/** What a confirmation token's request is now, without acting on it: the GET of the /confirm page says at once. */
export async function inspectConfirmation(deps: Pick<JoinDeps, 'store' | 'config' | 'clock'>, token: string): Promise<'open' | 'already' | 'expired' | 'invalid'> {
  const request = await requestOfToken(deps, token);
  if (!request) return 'invalid';
  const v = requestVerdict(request, deps.clock.now());
  return v === 'confirmed' ? 'already' : v;
}

/**
 * `from`: the address a confirming reply came from (the mail path); it must be the one asked for, or the reply
 * confirms nothing (a valid-looking token forwarded to, or guessed by, someone else). Absent for the link.
 */
export async function confirmSubscription(deps: JoinDeps, token: string, cause: string, opts: { from?: string | null } = {}): Promise<ConfirmOutcome> {
  const request = await requestOfToken(deps, token);
  if (!request) return 'invalid';
  if ('from' in opts && (opts.from ?? '').trim().toLowerCase() !== request.email.toLowerCase()) {
    deps.log.warn({ request: request.id, cause }, 'join confirmation from another address than the one asked for: ignored');
    return 'invalid';
  }
  const now = deps.clock.now();
  const verdict = requestVerdict(request, now);
  if (verdict === 'confirmed') return 'already';
  if (verdict === 'expired') {
    deps.log.info({ request: request.id, cause }, 'join confirmation after the request expired: nothing done');
    return 'expired';
  }
  const changed = await deps.store.join.confirm(request.id, `${cause}, confirming request ${request.id} (${request.cause})`, now);
  if (!changed) return requestVerdict({ ...request, confirmedAt: null }, deps.clock.now()) === 'expired' ? 'expired' : 'already';
  // After the commit: a crash here loses the digest choice, never the membership (the member can write `digest`).
  if (request.digest) await deps.store.digests.set(request.memberId, request.digest.list, request.digest.choice);
  deps.log.info({ request: request.id, member: request.memberId, cause, activated: changed.activated }, 'join confirmed: member active');
  if (changed.activated) await sendWelcome(deps, request, changed.member);
  return 'confirmed';
}

/**
 * The welcome that ends a join (listmonk's and Mailman's "welcome" message): what the member now receives, their
 * digest choice, how to propose a talk and how to leave — with their own List-Unsubscribe. Only when this confirmation
 * made them active: a member confirming a digest choice is no newcomer, and members added by an organizer or an
 * import get none (Mailman's mass subscription sends none by default). One per request (outbox key), capped like
 * every membership mail; after the commit, so that a crash loses the welcome, never the membership.
 */
async function sendWelcome(deps: JoinDeps, request: JoinRequestRow, member: { id: number; email: string; name: string | null; language: Language | null }): Promise<void> {
  const locale = member.language ?? deps.config.group.locale;
  const digest = request.digest ? { list: request.digest.list, cadence: request.digest.choice?.cadence ?? null } : null;
  // Addressed and greeted without the name the request carried: the person confirmed the address, not that text.
  const mail = await deps.membershipMails.welcome({ name: null, email: member.email }, locale, member.id, digest);
  const row = await deps.store.outbox.enqueueCapped(
    { purpose: 'membership', subjectRef: welcomeRef(request.id), recipient: mail.recipient, raw: mail.raw, envelopeFrom: mail.envelopeFrom },
    membershipCap(deps.config, deps.clock.now()),
  );
  if (row === null) deps.log.warn({ request: request.id, member: member.id }, 'welcome not sent: membership mails to this address capped for today');
  else if (row.inserted) await deps.dispatcher.dispatchMany('deliver', [row.id]);
}

/** The outbox subject ref of a request's welcome mail. */
export const welcomeRef = (requestId: number): string => `welcome:${requestId}`;

/**
 * A reply to a confirmation mail after its request expired, from the address it asked for (confirmSubscription
 * checked both): the person did what the mail said, late, and silence would leave them believing they are on the
 * list. They get a fresh confirmation instead — a new request with the same choices, keyed and capped like any —
 * as an expired organizer token of the right sender is answered with a fresh one. null: the token names no request.
 */
export async function renewExpiredRequest(deps: JoinDeps, token: string, cause: string, key: string): Promise<JoinOutcome | null> {
  const request = await requestOfToken(deps, token);
  if (!request) return null;
  return requestSubscription(deps, { email: request.email, name: request.name, language: request.language, digest: request.digest, source: 'mail', cause, key });
}
