/**
 * The mails of joining and leaving (issue 9), as the use cases ask for them: the join confirmation (double
 * opt-in), the leave confirmation (an `unsubscribe` written by mail), and the short "you are unsubscribed" that
 * ends every unsubscribe. Declared beside its consumers (join.ts, leave.ts); implemented by
 * src/adapters/compose/membership-mails.ts (templates join-confirm, leave-confirm, left).
 */
import type { ComposedMail } from './composer.ts';
import type { Address, Language } from '../types.ts';

/** The digest choice a join request carries, said in its confirmation mail ("with the weekly digest of generale"). */
export interface JoinDigest {
  list: string;
  /** null: no digest any more. */
  cadence: 'daily' | 'weekly' | null;
}

export interface MembershipMails {
  /**
   * "Confirm that you want to join": Reply-To carries the `c-` token (a reply, even blank, confirms) and, when
   * http.publicUrl is set, a link to /confirm/TOKEN. Neutral: it reads the same whether or not the address is
   * already a member.
   */
  confirmJoin(to: Address, locale: Language, token: string, expiresAt: Date, digest?: JoinDigest | null): Promise<ComposedMail>;
  /** "Confirm that you want to leave": Reply-To carries the member's `u-` token (the List-Unsubscribe mailto). */
  confirmLeave(to: Address, locale: Language, unsubscribeToken: string): Promise<ComposedMail>;
  /** "You are unsubscribed", with the way back (write `subscribe`, or the public page). */
  left(to: Address, locale: Language): Promise<ComposedMail>;
}
