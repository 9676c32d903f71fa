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

/** A message over this size is classified in a job of its own (a backlog's ordinary mail goes several a job). */
export const ALONE_ABOVE_BYTES = 1024 * 1024;

/** A backlog: stored in one commit, queued in one round trip. Results in the order given. */
export async function ingestMany(
  deps: Pick<AppDeps, 'store' | 'dispatcher' | 'log'>,
  items: readonly { raw: Buffer; loc: InboundLocator }[],
): Promise<IngestOutcome[]> {
  const saved = await deps.store.inbound.saveRawMany(items);
  const fresh = saved.filter((s) => s.inserted).map((s) => s.id);
  // Several a job (IDS_PER_JOB): the backlog's messages side by side share their statements. A large one (slides
  // attached) has a job of its own: its neighbours' would wait for its decoding, and read it with theirs.
  const large = new Set(saved.filter((s, i) => s.inserted && items[i]!.raw.length > ALONE_ABOVE_BYTES).map((s) => s.id));
  await deps.dispatcher.dispatchMany('classify', fresh.filter((id) => !large.has(id)), { together: true });
  await deps.dispatcher.dispatchMany('classify', [...large]);
  deps.log.info({ stored: fresh.length, duplicates: saved.length - fresh.length }, 'messages stored');
  return saved;
}
