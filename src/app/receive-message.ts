/**
 * The inbox watcher's use case: a new message is stored (byte-exact, before anything else), and the watcher learns
 * what it is, to move it out of the inbox or leave it for humans ('other': a question, a thank-you).
 *
 * Mail whose headers say what it is (bounces, auto-replies, list traffic, answers to our tokens) is queued for the
 * classify worker without its body being decoded here. The rest — a proposal, or 'other' — can only be told apart by
 * its body, so the watcher decodes it anyway: it then classifies it in this process with that decode (and files a
 * proposal, queueing its mails) instead of queueing a classify job that would decode the same bytes again. Crash
 * safety is unchanged: the raw message is committed first, and one left `received` is found by the recovery sweep;
 * when acting here fails (a database or Redis hiccup), the classify job takes over with its retry policy.
 */
import { actOnParsed } from './classify-message.ts';
import { ingestMessage, type IngestOutcome } from './ingest-message.ts';
import { kindFromHeaders, parseRawMessage } from './parse-message.ts';
import type { InboundLocator } from './inbound-store.ts';
import type { AppDeps } from './deps.ts';
import type { Kind } from '../types.ts';

export interface Received extends IngestOutcome {
  /** What the message is; null when it cannot be read or is not mail (it stays in the inbox). */
  kind: Kind | null;
  /** Classified (and acted on) here rather than by a classify job: what that job would have answered. */
  classifiedHere?: Kind | null;
}

export async function receiveMessage(deps: AppDeps, raw: Buffer, loc: InboundLocator): Promise<Received> {
  const fromHeaders = await kindFromHeaders(raw, deps.ctx, deps.reader);
  if (fromHeaders !== undefined) return { ...(await ingestMessage(deps, raw, loc)), kind: fromHeaders };
  const saved = await deps.store.inbound.saveRaw(raw, loc);
  const outcome = await parseRawMessage(raw, deps.ctx, deps.reader);
  const kind = outcome.ok ? outcome.result.kind : null;
  if (!saved.inserted) {
    // A copy already stored (a rescan, a re-delivery): it has had its own classification.
    deps.log.debug({ inbound: saved.id, source: loc.source }, 'duplicate message ignored');
    return { ...saved, kind };
  }
  deps.log.info({ inbound: saved.id, source: loc.source }, 'message stored');
  try {
    return { ...saved, kind, classifiedHere: await actOnParsed(deps, saved.id, outcome) };
  } catch (err) {
    // Every step of actOnParsed is replay-safe: the job redoes what did not commit, under the classify retry policy.
    deps.log.warn({ inbound: saved.id, err: (err as Error).message }, 'classifying on arrival failed: queued for the classify worker');
    await deps.dispatcher.dispatch('classify', saved.id);
    return { ...saved, kind };
  }
}
