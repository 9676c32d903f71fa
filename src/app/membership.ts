/**
 * Leaving the list and being dropped from it (issue 9), as use cases over the roster:
 *  - one-click (RFC 8058 POST) or the page's button: the member named by an unsubscribe token leaves;
 *  - the List-Unsubscribe mailto: a mail written to `talks+u-ID-MAC@…` (blank is enough) leaves likewise. It only
 *    ever reaches here classified `other` (the chain puts bounces, auto-replies and list traffic first), so a robot
 *    answering the announcement unsubscribes no one;
 *  - a bounce: the VERP Return-Path `bounces+b-ID-MAC@…` names the member even when the DSN does not; the DSN's
 *    failed recipient is the fallback. Scored per src/app/membership-store.ts.
 * The token is the proof, not From (anyone can forge From; a forwarded address still unsubscribes its owner).
 */
import { requireSecret } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { addressTags } from '../core/classify/member-token.ts';
import { findMemberToken, verifyMemberToken, type MemberTokenPurpose } from '../core/membership/token.ts';
import type { Mail, ParseResult } from '../types.ts';
import type { Clock, Logger } from '../ports.ts';
import type { BounceKind, MemberRow, MembershipStore } from './membership-store.ts';

export interface MembershipDeps {
  store: { membership: MembershipStore };
  config: Config;
  clock: Clock;
  log: Logger;
  /** Counts bounces by kind for /metrics, when the process has them. */
  onBounce?: (kind: BounceKind) => void;
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

export async function unsubscribeByToken(deps: MembershipDeps, token: string, cause: string): Promise<UnsubscribeOutcome> {
  const member = await memberOfToken(deps, token, 'unsubscribe');
  if (!member) return 'invalid';
  const changed = await deps.store.membership.setStatus(member.id, 'unsubscribed', cause);
  deps.log.info({ member: member.id, cause, changed }, 'member unsubscribed');
  return changed ? 'unsubscribed' : 'already';
}

/** 5.x.x (or a failure without status) is hard, 4.x.x or a delay is soft, an abuse report is a complaint. */
export function bounceKind(bounce: ParseResult['bounce']): BounceKind {
  if (bounce?.action === 'complained') return 'complaint';
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
  for (const tag of addressTags(mail)) {
    const t = findMemberToken(tag);
    if (t?.purpose !== 'unsubscribe') continue;
    const r = await unsubscribeByToken(deps, tag, `mailto (inbound ${inboundId})`);
    if (r !== 'invalid') return `mailto ${r}`;
  }
  return null;
}

async function actOnBounce(deps: MembershipDeps, inboundId: number, result: ParseResult, mail: Mail): Promise<string | null> {
  let member: MemberRow | null = null;
  for (const tag of addressTags(mail)) {
    member = await memberOfToken(deps, tag, 'bounce');
    if (member) break;
  }
  // Fallback: the failed recipient the DSN (or a non-standard bounce) names.
  if (!member && result.bounce?.recipient) member = await deps.store.membership.byEmail(result.bounce.recipient);
  if (!member) return null;
  const kind = bounceKind(result.bounce);
  const at = deps.clock.now();
  const windowStart = new Date(at.getTime() - deps.config.bounces.windowDays * 86_400_000);
  const r = await deps.store.membership.recordBounce({
    id: member.id,
    kind,
    status: result.bounce?.status ?? null,
    inboundId,
    at,
    windowStart,
    softThreshold: deps.config.bounces.softThreshold,
  });
  if (r.counted) deps.onBounce?.(kind);
  deps.log.info({ member: member.id, inbound: inboundId, kind, bounces: r.bounces, disabled: r.disabled }, 'member bounce counted');
  return `bounce ${kind}${r.disabled ? ' disabled' : ''}`;
}
