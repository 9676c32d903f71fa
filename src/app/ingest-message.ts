/**
 * Mail in from `crieur ingest`: the raw bytes are stored before anything else (byte-exact, deduplicated), then only
 * the ids go on the queue. Whatever happens next, the messages are already safe. (The inbox watcher's way in is
 * receive-message.ts.)
 */
import type { InboundLocator } from './inbound-store.ts';
import type { AppDeps } from './deps.ts';

export interface IngestOutcome {
  id: number;
  /** false when this exact message was already stored (a re-delivery after a restart, a UIDVALIDITY rescan…). */
  inserted: boolean;
}

/** A backlog: stored in one commit, queued in one round trip. Results in the order given. */
export async function ingestMany(
  deps: Pick<AppDeps, 'store' | 'dispatcher' | 'log'>,
  items: readonly { raw: Buffer; loc: InboundLocator }[],
): Promise<IngestOutcome[]> {
  const saved = await deps.store.inbound.saveRawMany(items);
  const fresh = saved.filter((s) => s.inserted).map((s) => s.id);
  // Several a job (IDS_PER_JOB): the backlog's messages side by side share their statements.
  await deps.dispatcher.dispatchMany('classify', fresh, { together: true });
  deps.log.info({ stored: fresh.length, duplicates: saved.length - fresh.length }, 'messages stored');
  return saved;
}
