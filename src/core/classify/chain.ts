/**
 * The shape of a classification chain: an ordered table of named rules, read top to bottom, the first rule
 * that answers names the message's kind. Kept apart from the table itself so that the table reads as data.
 */
import type { BounceInfo, CommandInfo, Kind, Mail, MembershipInfo, ParseContext } from '../../types.ts';

export interface Classification {
  kind: Kind;
  bounce?: BounceInfo;
  command?: CommandInfo;
  /** A request to join or leave written to the group's address (kind `other`, issue 9). */
  membership?: MembershipInfo;
  /** Which rule decided (and why), for logs and `crieur parse` warnings. */
  reasons: string[];
}

/** What a rule says when it matches: at least the kind; the chain adds the rule's name to `reasons`. */
export type Verdict = Partial<Classification> & { kind: Kind };

export interface Rule {
  name: string;
  test(mail: Mail, ctx: ParseContext): Verdict | null;
}

/** Freezes a chain; two rules with one name would make logs ambiguous, so that fails at module load. */
export function defineChain(rules: readonly Rule[]): readonly Rule[] {
  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.name)) throw new Error(`classification chain: duplicate rule name "${r.name}"`);
    seen.add(r.name);
  }
  return Object.freeze([...rules]);
}

export function runChain(rules: readonly Rule[], mail: Mail, ctx: ParseContext, fallback: Kind): Classification {
  for (const rule of rules) {
    const v = rule.test(mail, ctx);
    if (v === null) continue;
    const out: Classification = { kind: v.kind, reasons: [rule.name, ...(v.reasons ?? [])] };
    if (v.bounce) out.bounce = v.bounce;
    if (v.command) out.command = v.command;
    if (v.membership) out.membership = v.membership;
    return out;
  }
  return { kind: fallback, reasons: ['default'] };
}
