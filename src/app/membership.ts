/**
 * Leaving the list and being dropped from it (issue 9), as use cases over the roster — and, for mail written to
 * the group's address, joining and leaving by request (join.ts, leave.ts):
 *  - one-click (RFC 8058 POST) or the page's button: the member named by an unsubscribe token leaves;
 *  - the List-Unsubscribe mailto: a mail written to `talks+u-ID-MAC@…` (blank is enough) leaves likewise. It only
 *    ever reaches here classified `other` (the chain puts bounces, auto-replies and list traffic first), so a robot
 *    answering the announcement unsubscribes no one;
 *  - a bounce: the VERP Return-Path `bounces+b-ID-MAC@…` names the member even when the DSN does not; the DSN's
 *    failed recipient is the fallback. Scored per src/app/membership-store.ts. A relay refusing the member's address
 *    as crieur sends (5xx to RCPT TO) is scored the same (countSendRefusal), as Mailman 3 does.
 *  - a reply to a join confirmation (`talks+c-ID-MAC@…`, blank is enough) confirms it, from the address asked for;
 *    after the request expired, that address gets a fresh confirmation (renewExpiredRequest) instead of silence;
 *  - `subscribe`/`abonner`, `unsubscribe`/`désabonner`, `digest …`/`résumé …` written to the group's address are
 *    answered with a confirmation mail (double opt-in; a digest choice is a join request carrying it).
 * The token is the proof, not From (anyone can forge From; a forwarded address still unsubscribes its owner).
 * Every unsubscribe that changed something ends with a short "you are unsubscribed" mail, in processes that wire
 * the membership mails.
 */
import { requireSecret } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { addressTags } from '../core/classify/signals.ts';
import { refusalBounce, type SmtpRefusal } from '../core/membership/refusal.ts';
import { findMemberToken, verifyMemberToken, type MemberTokenPurpose } from '../core/membership/token.ts';
import type { Mail, ParseResult } from '../types.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import { confirmSubscription, renewExpiredRequest, requestSubscription, type JoinDeps } from './join.ts';
import { requestLeave, sendLeftNotice, type LeaveDeps } from './leave.ts';
import type { BounceKind, MemberRow, MembershipStore } from './membership-store.ts';
import type { MembershipMails } from './membership-mails.ts';

export interface MembershipDeps {
  store: { membership: MembershipStore } & Partial<JoinDeps['store']>;
  config: Config;
  clock: Clock;
  log: Logger;
  /** Counts bounces by kind for /metrics, when the process has them. */
  onBounce?: (kind: BounceKind) => void;
  /** With the outbox, the join store and a dispatcher: membership mails (confirmations, "you are unsubscribed"). */
  membershipMails?: MembershipMails;
  dispatcher?: JoinDeps['dispatcher'];
}

/** The deps of joining and leaving by mail, when this process has them all (the workers and `crieur start` do). */
export function joinDepsOf(deps: MembershipDeps): (JoinDeps & LeaveDeps) | null {
  const { join, digests, outbox } = deps.store;
  if (!join || !digests || !outbox || !deps.membershipMails || !deps.dispatcher) return null;
  return {
    store: { join, digests, outbox, membership: deps.store.membership },
    membershipMails: deps.membershipMails,
    dispatcher: deps.dispatcher,
    config: deps.config,
    clock: deps.clock,
    log: deps.log,
  };
}

/** The member a token names, when its MAC holds for that member's address; null for anything else. */
export async function memberOfToken(deps: Pick<MembershipDeps, 'store' | 'config'>, token: string, purpose: MemberTokenPurpose): Promise<MemberRow | null> {
  const t = findMemberToken(token);
  if (!t || t.purpose !== purpose) return null;
  const member = await deps.store.membership.byId(t.id);
  if (!member) return null;
  return verifyMemberToken(requireSecret(deps.config), t, purpose, member.email) ? member : null;
}

export type UnsubscribeOutcome = 'unsubscribed' | 'already' | 'invalid';

/**
 * `key` names what unsubscribed (`inbound:12`), so that the "you are unsubscribed" mail goes once per cause; the
 * one-click POST has none, and a second POST changes nothing, so it mails nothing either.
 */
export async function unsubscribeByToken(deps: MembershipDeps, token: string, cause: string, key?: string): Promise<UnsubscribeOutcome> {
  const member = await memberOfToken(deps, token, 'unsubscribe');
  if (!member) return 'invalid';
  const changed = await deps.store.membership.setStatus(member.id, 'unsubscribed', cause);
  deps.log.info({ member: member.id, cause, changed }, 'member unsubscribed');
  const join = joinDepsOf(deps);
  // After the change committed: a crash in between loses the notice, never the unsubscribe.
  if (changed && join) await sendLeftNotice(join, member, key ?? `m${member.id}:${deps.clock.now().getTime()}`);
  return changed ? 'unsubscribed' : 'already';
}

/**
 * 5.x.x (or a failure without status) is hard, 4.x.x or a delay is soft, an abuse report is a complaint; null for a
 * report that the mail arrived (RFC 3464 actions delivered, relayed, expanded; a 2.x.x status): no bounce at all.
 */
export function bounceKind(bounce: ParseResult['bounce']): BounceKind | null {
  if (bounce?.action === 'complained') return 'complaint';
  if (/^(delivered|relayed|expanded)$/.test(bounce?.action ?? '') || bounce?.status?.startsWith('2')) return null;
  if (bounce?.status?.startsWith('5')) return 'hard';
  if (bounce?.status?.startsWith('4') || bounce?.action === 'delayed') return 'soft';
  return bounce?.action === 'failed' ? 'hard' : 'soft';
}

/**
 * What a classified inbound message means for the roster, acted on before the message is marked handled (so a
 * crash retries it; both actions are idempotent). Returns what was done, for logs and tests.
 */
export async function actOnMembership(deps: MembershipDeps, inboundId: number, result: ParseResult, mail: Mail): Promise<string | null> {
  if (result.kind === 'bounce') return actOnBounce(deps, inboundId, result, mail);
  if (result.kind !== 'other') return null;
  const join = joinDepsOf(deps);
  for (const tag of addressTags(mail)) {
    const t = findMemberToken(tag);
    if (t?.purpose === 'unsubscribe') {
      const r = await unsubscribeByToken(deps, tag, `mailto (inbound ${inboundId})`, `inbound:${inboundId}`);
      if (r !== 'invalid') return `mailto ${r}`;
    }
    if (t?.purpose === 'confirm' && join) {
      // Only from the address asked for: a valid-looking token in a mail from someone else confirms nothing.
      const r = await confirmSubscription(join, tag, `reply (inbound ${inboundId})`, { from: mail.from?.email ?? null });
      // Keyed by the message, as a request is: the same reply delivered twice (another inbound row) mails once.
      if (r === 'expired') return `confirm expired, ${await renewExpiredRequest(join, tag, `late reply (inbound ${inboundId})`, `renew:${messageKey(inboundId, result.messageId, mail.from?.email ?? '')}`)}`;
      return `confirm ${r}`;
    }
  }
  if (result.membership && mail.from) {
    if (!join) {
      deps.log.warn({ inbound: inboundId }, 'membership request not answered: this process has no membership mails');
      return null;
    }
    return actOnRequest(join, inboundId, result.messageId, result.membership, mail.from);
  }
  return null;
}

/** What a request made by one message is keyed by: its sender and Message-ID (else its inbound row), whatever route. */
function messageKey(inboundId: number, messageId: string | null, from: string): string {
  return messageId ? `message:${from.toLowerCase()}:${messageId.slice(0, 400)}` : `inbound:${inboundId}`;
}

async function actOnRequest(
  deps: JoinDeps & LeaveDeps,
  inboundId: number,
  messageId: string | null,
  req: NonNullable<ParseResult['membership']>,
  from: NonNullable<Mail['from']>,
): Promise<string> {
  const cause = `mail (inbound ${inboundId})`;
  // One request per message, even delivered twice (another route adds its own trace headers: another inbound row).
  const key = messageKey(inboundId, messageId, from.email);
  if (req.verb === 'unsubscribe') return `leave ${await requestLeave(deps, from.email, cause, key, req.language)}`;
  // A digest choice is a join request carrying it: confirmed like any (From can be forged), and a stranger asking for
  // a digest joins with it. The list is the one named, else the first configured.
  const list = req.digest ? (req.digest.list ?? deps.config.lists[0]?.name ?? null) : null;
  const digest = req.digest && list ? { list, choice: req.digest.cadence ? { cadence: req.digest.cadence, format: 'html' as const } : null } : null;
  const r = await requestSubscription(deps, { email: from.email, name: from.name, language: req.language, digest, source: 'mail', cause, key });
  return `${req.verb} ${r}`;
}

async function actOnBounce(deps: MembershipDeps, inboundId: number, result: ParseResult, mail: Mail): Promise<string | null> {
  let member: MemberRow | null = null;
  for (const tag of addressTags(mail)) {
    member = await memberOfToken(deps, tag, 'bounce');
    if (member) break;
  }
  member ??= await memberOfReturned(deps, mail);
  // Fallback: the failed recipient the DSN (or a non-standard bounce) names.
  if (!member && result.bounce?.recipient) member = await deps.store.membership.byEmail(result.bounce.recipient);
  if (!member) return null;
  const kind = bounceKind(result.bounce);
  if (!kind) {
    deps.log.info({ member: member.id, inbound: inboundId, action: result.bounce?.action ?? null }, 'delivery report: the mail arrived, nothing counted');
    return null;
  }
  return scoreBounce(deps, member.id, kind, result.bounce?.status ?? null, { inboundId });
}

/**
 * Where the returned original names the member it was for, under crieur's own MAC: its envelope sender (the member's
 * VERP address, in the Return-Path the receiving server wrote) or its List-Unsubscribe mailto and link. A feedback loop's
 * complaint (ARF) comes to the address registered with the loop, never to the VERP address, and names the recipient
 * redacted (« redacted@aol.com ») when at all: without this, no complaint reached the member it was about.
 */
const RETURNED_TOKENS: ReadonlyArray<readonly [field: string, purpose: MemberTokenPurpose]> = [
  ['return-path', 'bounce'],
  ['list-unsubscribe', 'unsubscribe'],
];

async function memberOfReturned(deps: Pick<MembershipDeps, 'store' | 'config'>, mail: Mail): Promise<MemberRow | null> {
  const original = mail.embedded[0];
  if (!original) return null;
  for (const [field, purpose] of RETURNED_TOKENS) {
    for (const value of original.headers[field] ?? []) {
      const member = await memberOfToken(deps, value, purpose);
      if (member) return member;
    }
  }
  return null;
}

type ScoreDeps = Pick<MembershipDeps, 'store' | 'config' | 'clock' | 'log' | 'onBounce'>;

/** One bounce against a member, scored (hard disables, soft past the threshold): a DSN's, or a refusal at send time. */
async function scoreBounce(deps: ScoreDeps, memberId: number, kind: BounceKind, status: string | null, from: { inboundId: number } | { via: string }): Promise<string> {
  const at = deps.clock.now();
  const windowStart = new Date(at.getTime() - deps.config.bounces.windowDays * 86_400_000);
  const inboundId = 'inboundId' in from ? from.inboundId : null;
  const r = await deps.store.membership.recordBounce({
    id: memberId,
    kind,
    status,
    inboundId,
    ...('via' in from ? { via: from.via } : {}),
    at,
    windowStart,
    softThreshold: deps.config.bounces.softThreshold,
  });
  if (r.counted) deps.onBounce?.(kind);
  deps.log.info({ member: memberId, ...('inboundId' in from ? { inbound: from.inboundId } : { via: from.via }), kind, bounces: r.bounces, disabled: r.disabled }, 'member bounce counted');
  return `bounce ${kind}${r.disabled ? ' disabled' : ''}`;
}

/**
 * A member's mail refused by the relay as it was sent (« 550 5.1.1 user unknown » to RCPT TO): a bounce of that
 * member, as the DSN the relay would otherwise have mailed back — Mailman 3's outgoing runner registers permanent
 * SMTP failures alike. src/core/membership/refusal.ts says which refusals are the member's (not a relay denying
 * crieur, nor a message refused as spam). `outboxId` names the mail in the member's history. null: not counted.
 */
export async function countSendRefusal(deps: ScoreDeps, memberId: number, refusal: SmtpRefusal, outboxId: number): Promise<string | null> {
  const bounce = refusalBounce(refusal);
  if (!bounce) return null;
  return scoreBounce(deps, memberId, bounce.kind, bounce.status, { via: `refused at send, outbox ${outboxId}` });
}
