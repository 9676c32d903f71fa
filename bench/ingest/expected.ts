/**
 * How many mails the pipeline should send for the backlog, worked out beforehand with crieur's own parse and
 * loop guard: per proposal, one acknowledgement per distinct speaker address (the sender when none has one)
 * unless the guard says never to answer, plus one notice per organizer. The run is judged against it.
 */
import { parseRawMessage } from '../../src/app/parse-message.ts';
import { mailparserReader } from '../../src/adapters/mailparser.ts';
import { whyNotAnswer } from '../../src/core/pipeline/loop-guard.ts';
import type { ParseContext } from '../../src/types.ts';
import type { BenchMessage } from './messages.ts';

export interface Expectation {
  kinds: Record<string, number>;
  acks: number;
  notices: number;
  /** Message-IDs of the proposals that will be acknowledged (the latency part matches acks by In-Reply-To). */
  acked: Set<string>;
}

export async function expectFor(messages: BenchMessage[], ctx: ParseContext): Promise<Expectation> {
  const out: Expectation = { kinds: {}, acks: 0, notices: 0, acked: new Set() };
  for (const m of messages) {
    const r = await parseRawMessage(m.raw, ctx, mailparserReader);
    const kind = r.ok ? r.result.kind : 'unparseable';
    out.kinds[kind] = (out.kinds[kind] ?? 0) + 1;
    if (!r.ok || r.result.kind !== 'proposal' || !r.result.proposal) continue;
    out.notices += ctx.organizers.length;
    if (whyNotAnswer({ kind: 'proposal', mail: r.mail, ownAddresses: ctx.ownAddresses })) continue;
    const emails = new Set(r.result.proposal.speakers.flatMap((s) => (s.email ? [s.email.toLowerCase()] : [])));
    const n = emails.size > 0 ? emails.size : r.mail.from ? 1 : 0;
    out.acks += n;
    if (n > 0) out.acked.add(m.messageId);
  }
  return out;
}
