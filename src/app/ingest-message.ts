/**
 * Mail in: the raw bytes are stored before anything else (byte-exact, deduplicated), then only the id goes on
 * the queue. Whatever happens next, the message is already safe.
 */
import type { InboundLocator } from './inbound-store.ts';
import type { AppDeps } from './deps.ts';

export interface IngestOutcome {
  id: number;
  /** false when this exact message was already stored (a re-delivery after a restart, a UIDVALIDITY rescan…). */
  inserted: boolean;
}

export async function ingestMessage(deps: Pick<AppDeps, 'store' | 'dispatcher' | 'log'>, raw: Buffer, loc: InboundLocator): Promise<IngestOutcome> {
  const saved = await deps.store.inbound.saveRaw(raw, loc);
  if (saved.inserted) {
    await deps.dispatcher.dispatch('classify', saved.id);
    deps.log.info({ inbound: saved.id, source: loc.source }, 'message stored');
  } else {
    deps.log.debug({ inbound: saved.id, source: loc.source }, 'duplicate message ignored');
  }
  return saved;
}

/** A backlog: stored in one commit, queued in one round trip. Results in the order given. */
export async function ingestMany(
  deps: Pick<AppDeps, 'store' | 'dispatcher' | 'log'>,
  items: readonly { raw: Buffer; loc: InboundLocator }[],
): Promise<IngestOutcome[]> {
  const saved = await deps.store.inbound.saveRawMany(items);
  const fresh = saved.filter((s) => s.inserted).map((s) => s.id);
  await deps.dispatcher.dispatchMany('classify', fresh);
  deps.log.info({ stored: fresh.length, duplicates: saved.length - fresh.length }, 'messages stored');
  return saved;
}
