/**
 * Mail written to a member token's address (`talks+u-ID-MAC@…`, the List-Unsubscribe mailto): a request about
 * membership, never a proposal nor a command, whatever its body says. Classified `other`; the membership use case
 * (src/app/membership.ts) checks the token and acts. Placed after the bounce and auto-reply rules: a robot's
 * answer to that address acts on nothing.
 */
import { findMemberToken } from '../membership/token.ts';
import { addressTags } from './signals.ts';
import type { Rule } from './chain.ts';

export const memberTokenRule: Rule = {
  name: 'member-token-address',
  test(mail) {
    for (const tag of addressTags(mail)) {
      const t = findMemberToken(tag);
      if (t && t.purpose !== 'bounce') return { kind: 'other', reasons: [`member token ${t.purpose}`] };
    }
    return null;
  },
};
