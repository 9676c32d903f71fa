/**
 * The classification chain: one ordered table, read top to bottom; the first rule that answers names the
 * message's kind. The order is the policy:
 * - a bounce is a bounce even of a list post or of an auto-reply, so bounces come first — but a
 *   challenge-response robot dressed as a DSN (Boxbe) is an auto-reply, so it is asked before them;
 * - a calendar's answer to an invitation (iTIP METHOD:REPLY) is an auto-reply, whatever its subject says ("Accepted: …");
 * - an auto-reply (an out-of-office, a ticketing system's acknowledgement of receipt) is one even when it answers crieur's mail (it carries the token) or comes via a list; one
 *   recognised by its text alone (no header, no subject says so) is read last of them, and never on list traffic;
 * - a list manager's notice that our mail was held or rejected (from its -owner@, sympa@) is an auto-reply, even with
 *   list headers;
 * - our own mail coming back is never a proposal nor a command;
 * - a token in the address written to beats list headers (an organizer answering with the list in Cc);
 *   a token only in References on list traffic is list discussion of crieur's announcement;
 * - robots (MAILER-DAEMON, postmaster, noreply) never propose talks, nor join or leave; nor does mail with a null
 *   reverse-path or written to a VERP bounce address (a notice no bounce rule could read);
 * - a reply naming a proposal with verbs above its quote is a command even without crieur's token (unproven: the
 *   command worker acts on none of it), before the proposal rule reads a quoted proposal under it as a new one;
 * - a request to join or leave (`subscribe`, `désabonner`) is read last: a proposal that mentions it is a proposal.
 * ARF feedback (abuse) reports are classified `bounce`, action "complained".
 */
import type { Mail, ParseContext } from '../../types.ts';
import { filledInForm, looksLikeProposal } from '../extract/index.ts';
import { isOwnAddress } from '../pipeline/loop-guard.ts';
import { defineChain, runChain, type Classification, type Rule } from './chain.ts';
import { dsnRule, feedbackRule, textBounceRule } from './bounce.ts';
import { acknowledgementRule, acknowledgementTextRule, autoReplyBodyRule, autoReplyHeadersRule, autoReplySubjectRule, challengeResponseRule, daemonNoticeRule, mdnRule, returnedToSenderRule } from './auto-reply.ts';
import { calendarReplyRule } from './calendar-reply.ts';
import { listNoticeRule } from './list-notice.ts';
import { listPostRule, postedAsTheList } from './list-post.ts';
import { memberTokenRule } from './member-token.ts';
import { membershipRequestRule } from './membership-request.ts';
import { tokenAddressRule, tokenThreadRule, unprovenReplyRule } from './reply-token.ts';
import { isNoReplySender } from './signals.ts';

export type { Classification } from './chain.ts';

const ownMailRule: Rule = {
  name: 'own-mail',
  test(mail, ctx) {
    // a configured list's address is ours too (crieur never writes to itself through it), but a post the list sent
    // under that address for its member (DMARC rewriting) is the member's: a list post, read by the rules below
    return mail.from && isOwnAddress(mail.from.email, ctx.ownAddresses) && !postedAsTheList(mail, ctx.ownAddresses) ? { kind: 'other' } : null;
  },
};

const noReplyRule: Rule = {
  name: 'noreply-sender',
  test(mail) {
    // a web form's notification carries the person's filled-in proposal (Google Forms, Framaforms, a site's form)
    return isNoReplySender(mail) && !filledInForm(mail) ? { kind: 'other' } : null;
  },
};

const proposalRule: Rule = {
  name: 'proposal',
  test(mail) {
    return looksLikeProposal(mail) ? { kind: 'proposal' } : null;
  },
};

export const CHAIN: readonly Rule[] = defineChain([
  challengeResponseRule,
  dsnRule,
  feedbackRule,
  textBounceRule,
  mdnRule,
  calendarReplyRule,
  autoReplyHeadersRule,
  autoReplySubjectRule,
  acknowledgementRule,
  autoReplyBodyRule,
  acknowledgementTextRule,
  listNoticeRule,
  daemonNoticeRule,
  returnedToSenderRule,
  ownMailRule,
  memberTokenRule,
  tokenAddressRule,
  listPostRule,
  tokenThreadRule,
  noReplyRule,
  unprovenReplyRule,
  proposalRule,
  membershipRequestRule,
]);

export function classify(mail: Mail, ctx: ParseContext): Classification {
  return runChain(CHAIN, mail, ctx, 'other');
}
