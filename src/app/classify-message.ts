/**
 * The classify runner: parse the stored raw message, record what it is, and route it. A message that cannot
 * be understood is parked (state failed, with the reason) — kept, listed by `crieur failed list`, replayable.
 */
import { parseRawMessage } from './parse-message.ts';
import type { QueueName } from '../ports.ts';
import type { Kind } from '../types.ts';
import type { AppDeps } from './deps.ts';

/** Where each kind goes next; kinds not listed are stored and not answered (auto-replies, bounces, lists…). */
const ROUTES: Partial<Record<Kind, QueueName>> = {
  proposal: 'file',
  command: 'command',
  reply: 'command',
};

export async function classifyMessage(deps: Pick<AppDeps, 'store' | 'dispatcher' | 'ctx' | 'log'>, inboundId: number): Promise<Kind | null> {
  const raw = await deps.store.inbound.getRaw(inboundId);
  if (raw === null) throw new Error(`inbound message ${inboundId} not found`);
  const outcome = await parseRawMessage(raw, deps.ctx);
  if (!outcome.ok) {
    await deps.store.inbound.setState(inboundId, 'failed', outcome.error);
    deps.log.warn({ inbound: inboundId, reason: outcome.error }, 'message parked: cannot be parsed');
    return null;
  }
  const { kind } = outcome.result;
  await deps.store.inbound.setClassified(inboundId, kind, outcome.result);
  // A re-delivery (same Message-ID, other trace headers) is kept but not acted on twice: one filing, one ack.
  const copyOf = ROUTES[kind] ? await deps.store.inbound.earlierCopy(inboundId) : null;
  const next = copyOf ? undefined : ROUTES[kind];
  if (copyOf) deps.log.info({ inbound: inboundId, copyOf: copyOf.id }, 'message already received: not acted on again');
  if (next) await deps.dispatcher.dispatch(next, inboundId);
  else await deps.store.inbound.setState(inboundId, 'done');
  deps.log.info({ inbound: inboundId, kind, messageId: outcome.result.messageId }, 'message classified');
  return kind;
}
