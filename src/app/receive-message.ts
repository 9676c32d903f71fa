/**
 * The inbox watcher's use case: a new message is stored (byte-exact, before anything else), and the watcher learns
 * what it is, to move it out of the inbox or leave it for humans ('other': a question, a thank-you).
 *
 * Mail whose headers say what it is (bounces, auto-replies, list traffic, answers to our tokens) is queued for the
 * classify worker without its body being decoded here. The rest — a proposal, or 'other' — can only be told apart by
 * its body, so the watcher decodes it anyway: it then classifies it in this process with that decode (and files a
 * proposal, queueing its mails) instead of queueing a classify job that would decode the same bytes again.
 *
 * Nothing is lost and nothing is done twice: the raw message is committed first; when acting here fails (a database
 * or Redis hiccup, a message the classification chokes on) the classify job takes over with its retry policy; and a
 * message stored earlier but still waiting to be classified — a crash cut its handling short, the watcher fetches it
 * again after the restart — is queued for the classify worker then, not left for the recovery sweep. Every step of
 * classification is replay-safe (classify-message.ts), so a sweep or a job racing this one changes nothing.
 */
import { actOnParsed } from './classify-message.ts';
import { kindFromHeaders, parseRawMessage } from './parse-message.ts';
import type { InboundLocator } from './inbound-store.ts';
import type { IngestOutcome } from './ingest-message.ts';
import type { AppDeps } from './deps.ts';
import type { Kind } from '../types.ts';

export interface Received extends IngestOutcome {
  /** What the message is; null when it cannot be read, is not mail, or could not be classified now (it stays in the inbox). */
  kind: Kind | null;
  /** Classified (and acted on) here rather than by a classify job: what that job would have answered. */
  classifiedHere?: Kind | null;
}

export async function receiveMessage(deps: AppDeps, raw: Buffer, loc: InboundLocator): Promise<Received> {
  const saved = await deps.store.inbound.saveRaw(raw, loc);
  const log = deps.log.child({ inbound: saved.id });
  const fromHeaders = await kindFromHeaders(raw, deps.ctx, deps.reader);
  if (!saved.inserted) return { ...saved, kind: await kindOfCopy({ ...deps, log }, saved.id, raw, fromHeaders) };
  log.info({ source: loc.source }, 'message stored');
  if (fromHeaders !== undefined) {
    await deps.dispatcher.dispatch('classify', saved.id);
    return { ...saved, kind: fromHeaders };
  }
  let kind: Kind | null = null;
  try {
    const outcome = await parseRawMessage(raw, deps.ctx, deps.reader);
    kind = outcome.ok ? outcome.result.kind : null;
    return { ...saved, kind, classifiedHere: await actOnParsed({ ...deps, log }, saved.id, outcome) };
  } catch (err) {
    // What committed stays; the job redoes the rest (or parks the message with the reason once retries end).
    log.warn({ err: (err as Error).message }, 'not finished on arrival: queued for the classify worker');
    await deps.dispatcher.dispatch('classify', saved.id);
    return { ...saved, kind };
  }
}

/** A copy stored before: a rescan, a re-delivery — or this very message, its handling cut short. */
async function kindOfCopy(deps: AppDeps, id: number, raw: Buffer, fromHeaders: Kind | null | undefined): Promise<Kind | null> {
  const stored = await deps.store.inbound.get(id);
  if (stored?.state === 'received') {
    // Job ids make this a no-op when a job for it is still queued.
    await deps.dispatcher.dispatch('classify', id);
    deps.log.info({}, 'message stored earlier, not classified yet: queued for the classify worker');
  } else {
    deps.log.debug({}, 'duplicate message ignored');
  }
  if (fromHeaders !== undefined) return fromHeaders;
  if (stored?.kind) return stored.kind;
  try {
    const outcome = await parseRawMessage(raw, deps.ctx, deps.reader);
    return outcome.ok ? outcome.result.kind : null;
  } catch {
    return null;
  }
}
