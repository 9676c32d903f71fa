/**
 * A request to join or leave written to the group's address (`subscribe`, `s'abonner`, `désabonner`, `digest
 * weekly`…, src/core/membership/grammar.ts): kind `other` with the request, which the membership use case answers
 * with a confirmation mail. Placed last in the chain, after the proposal rule: bounces, auto-replies, list traffic,
 * our own mail and robots never reach it, and a proposal that mentions subscribing is filed as a proposal.
 */
import { readMembershipRequest } from '../membership/request.ts';
import type { Rule } from './chain.ts';

export const membershipRequestRule: Rule = {
  name: 'membership-request',
  test(mail) {
    const r = readMembershipRequest(mail);
    return r ? { kind: 'other', membership: r, reasons: [`${r.verb} (${r.language}, ${r.where})`] } : null;
  },
};
