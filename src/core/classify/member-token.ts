/**
 * Mail written to a member token's address (`talks+u-ID-MAC@…`, the List-Unsubscribe mailto): a request about
 * membership, never a proposal nor a command, whatever its body says. Classified `other`; the membership use case
 * (src/app/membership.ts) checks the token and acts. Placed after the bounce and auto-reply rules: a robot's
 * answer to that address acts on nothing.
 */
import { splitPlus } from '../address.ts';
import { findMemberToken } from '../membership/token.ts';
import type { Mail } from '../../types.ts';
import type { Rule } from './chain.ts';

/** The plus-tags of the addresses a mail was written to (To, Cc, and what the MTA recorded). */
export function addressTags(mail: Mail): string[] {
  const addrs = [...mail.to, ...mail.cc].map((a) => a.email);
  for (const h of ['delivered-to', 'x-original-to', 'envelope-to']) addrs.push(...(mail.headers[h] ?? []));
  return addrs.map((a) => splitPlus(a.replace(/^.*</, '').replace(/>.*$/, '').trim()).tag).filter((t): t is string => !!t);
}

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
