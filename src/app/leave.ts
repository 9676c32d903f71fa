/**
 * Leaving by mail (issue 9), and the short mail that ends every unsubscribe.
 *  - requestLeave: `unsubscribe`/`désabonner` written to the group's address. From can be forged, so — as
 *    Mailman 3 does for an unsubscribe request by mail — nothing changes yet: an active (or pending) member gets a
 *    mail asking to confirm, whose Reply-To is their own List-Unsubscribe mailto (`talks+u-ID-MAC@…`, a blank reply
 *    leaves) and whose link is their one-click page. Anyone else gets nothing (crieur writes to no stranger, and tells no
 *    one who is a member). Capped per address like the join confirmations; one mail per request (outbox key).
 *  - sendLeftNotice: "you are unsubscribed", with the way back, after a one-click, page or mailto unsubscribe
 *    that changed something. Keyed by what caused it: a replayed job does not mail twice.
 */
import { requireSecret } from '../config/load.ts';
import { mintMemberToken } from '../core/membership/token.ts';
import { membershipCap, type JoinDeps } from './join.ts';
import type { Language } from '../types.ts';
import type { MemberRow, MembershipStore } from './membership-store.ts';

export type LeaveDeps = Omit<JoinDeps, 'store'> & { store: Pick<JoinDeps['store'], 'outbox'> & { membership: Pick<MembershipStore, 'byEmail'> } };

export type LeaveOutcome = 'confirmation-sent' | 'capped' | 'not-member';

export async function requestLeave(deps: LeaveDeps, from: string, cause: string, key: string, language: Language | null = null): Promise<LeaveOutcome> {
  const member = await deps.store.membership.byEmail(from);
  // A pending one too (imported without consent, or a join not confirmed): a no they confirm is recorded, so that a
  // later `import --consented` or `add` does not make them active against the no they gave.
  if (!member || (member.status !== 'active' && member.status !== 'pending')) {
    deps.log.info({ cause }, 'leave request from an address that is not an active or pending member: nothing sent');
    return 'not-member';
  }
  const token = mintMemberToken(requireSecret(deps.config), 'unsubscribe', member.id, member.email);
  const mail = await deps.membershipMails.confirmLeave({ name: member.name, email: member.email }, member.language ?? language ?? deps.config.group.locale, token);
  return (await enqueue(deps, `leave:${key}`, mail)) ? 'confirmation-sent' : 'capped';
}

export async function sendLeftNotice(deps: LeaveDeps, member: MemberRow, key: string): Promise<boolean> {
  const mail = await deps.membershipMails.left({ name: member.name, email: member.email }, member.language ?? deps.config.group.locale);
  return enqueue(deps, `left:${key}`, mail);
}

async function enqueue(deps: LeaveDeps, ref: string, mail: { raw: Buffer; envelopeFrom: string; recipient: string }): Promise<boolean> {
  const row = await deps.store.outbox.enqueueCapped(
    { purpose: 'membership', subjectRef: ref, recipient: mail.recipient, raw: mail.raw, envelopeFrom: mail.envelopeFrom },
    membershipCap(deps.config, deps.clock.now()),
  );
  if (row === null) {
    deps.log.warn({ ref }, 'membership mails to this address capped for today: not sent');
    return false;
  }
  if (row.inserted) await deps.dispatcher.dispatchMany('deliver', [row.id]);
  return true;
}
