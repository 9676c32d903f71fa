/**
 * The mails of joining and leaving (issue 9), as the use cases ask for them: the join confirmation (double
 * opt-in), the welcome once confirmed, the leave confirmation (an `unsubscribe` written by mail), and the short "you
 * are unsubscribed" that ends every unsubscribe. Declared beside its consumers (join.ts, leave.ts); implemented by
 * src/adapters/compose/membership-mails.ts (templates join-confirm, leave-confirm, left, welcome).
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
  /**
   * "Welcome": what the member receives now (and the digest they chose), how to propose a talk, how to leave — roster
   * mail like an announcement: List-Id, the member's own List-Unsubscribe (mailto, and one-click https with
   * http.publicUrl), a VERP envelope sender naming them.
   */
  welcome(to: Address, locale: Language, memberId: number, digest?: JoinDigest | null): Promise<ComposedMail>;
}
