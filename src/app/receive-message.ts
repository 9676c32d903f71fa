/**
 * The inbox watcher's use case: a new message is stored (byte-exact, before anything else), and the watcher learns
 * what it is, to move it out of the inbox or leave it for humans ('other': a question, a thank-you).
 *
 * Mail whose headers say what it is (bounces, auto-replies, list traffic, answers to our tokens) is queued for the
 * classify worker without its body being decoded here. The rest — a proposal, or 'other' — can only be told apart by
 * its body, so the watcher decodes it anyway: it then classifies it in this process with that decode (and files a
 * proposal, queueing its mails) instead of queueing a classify job that would decode the same bytes again.
 *
 * That acting is returned apart (`finish`): the watcher needs only the kind to move the message, and runs the rest
 * beside its next messages (workers/watcher.ts), so that a catch-up does not wait for each filing's commits.
 *
 * Nothing is lost and nothing is done twice: the raw message is committed first; when acting here fails (a database
 * or Redis hiccup, a message the classification chokes on) the classify job takes over with its retry policy; a
 * message stored earlier but still waiting to be classified — a crash cut its handling short, the watcher fetches it
 * again after the restart — is queued for the classify worker then; one moved out of the inbox before a crash let it
 * be classified is found by the recovery sweep (state `received`). Every step of classification is replay-safe
 * (classify-message.ts), so a sweep or a job racing this one changes nothing.
 */
import { actOnParsed } from './classify-message.ts';
import { kindFromHeaders, parseRawMessage, type ParseOutcome } from './parse-message.ts';
import type { InboundLocator } from './inbound-store.ts';
import type { IngestOutcome } from './ingest-message.ts';
import type { AppDeps } from './deps.ts';
import type { CommandInfo, Kind } from '../types.ts';

export interface Arrived extends IngestOutcome {
  /** What the message is; null when it cannot be read, is not mail, or could not be classified now (it stays in the inbox). */
  kind: Kind | null;
  /**
   * The watcher leaves it where humans read it: mail crieur does not act on ('other'), mail it cannot read or classify
   * now (null), and a command carrying none of crieur's tokens (reply-without-token). The command worker refuses that
   * one (no-token) and acts on none of it, so it is the organizers' to read, as when it was 'other': a speaker's
   * « Question : … » or « Je dois annuler » under a « Re: [P-0007] » whose token a client dropped.
   */
  forHumans: boolean;
  /**
   * What is left to do here: classify (and file) with the decode already made, or hand the message to the classify
   * worker when that fails. Resolves to the kind the classify job would have answered, or undefined when the job
   * has it. Absent when the message went to the classify queue or was stored before.
   */
  finish?: () => Promise<Kind | null | undefined>;
}

export async function arriveMessage(deps: AppDeps, raw: Buffer, loc: InboundLocator): Promise<Arrived> {
  const saved = await deps.store.inbound.saveRaw(raw, loc);
  const log = deps.log.child({ inbound: saved.id });
  const fromHeaders = await kindFromHeaders(raw, deps.ctx, deps.reader);
  if (!saved.inserted) {
    const copy = await kindOfCopy({ ...deps, log }, saved.id, raw, fromHeaders);
    return { ...saved, kind: copy.kind, forHumans: forHumans(copy.kind, fromHeaders, copy.command) };
  }
  log.info({ source: loc.source }, 'message stored');
  if (fromHeaders !== undefined) {
    await deps.dispatcher.dispatch('classify', saved.id);
    return { ...saved, kind: fromHeaders, forHumans: forHumans(fromHeaders, fromHeaders) };
  }
  let outcome: ParseOutcome;
  try {
    outcome = await parseRawMessage(raw, deps.ctx, deps.reader);
  } catch (err) {
    return { ...saved, kind: null, forHumans: true, finish: () => handOver({ ...deps, log }, saved.id, err as Error) };
  }
  const kind = outcome.ok ? outcome.result.kind : null;
  return {
    ...saved,
    kind,
    forHumans: forHumans(kind, fromHeaders, outcome.ok ? outcome.result.command : undefined),
    finish: () => actOnParsed({ ...deps, log }, saved.id, outcome).catch((err: Error) => handOver({ ...deps, log }, saved.id, err)),
  };
}

/**
 * Arrived.forHumans. The token rules read headers only, so a command the headers did not name (`fromHeaders`
 * undefined: the body told) carries no token of crieur's: unproven, refused, never acted on.
 */
function forHumans(kind: Kind | null, fromHeaders: Kind | null | undefined, command?: CommandInfo): boolean {
  if (kind === null || kind === 'other') return true;
  return kind === 'command' && fromHeaders === undefined && command?.authenticated !== true;
}

/** What committed stays; the classify job redoes the rest (or parks the message with the reason once retries end). */
async function handOver(deps: AppDeps, id: number, err: Error): Promise<undefined> {
  deps.log.warn({ err: err.message }, 'not finished on arrival: queued for the classify worker');
  await deps.dispatcher.dispatch('classify', id);
  return undefined;
}

/**
 * A copy stored before: a rescan, a re-delivery — or this very message fetched again, not yet classified (a crash
 * cut its handling short, or a session failed before its move while its filing was still running: the job then
 * races that filing, which is safe).
 */
async function kindOfCopy(deps: AppDeps, id: number, raw: Buffer, fromHeaders: Kind | null | undefined): Promise<{ kind: Kind | null; command?: CommandInfo }> {
  const stored = await deps.store.inbound.get(id);
  if (stored?.state === 'received') {
    // Job ids make this a no-op when a job for it is still queued.
    await deps.dispatcher.dispatch('classify', id);
    deps.log.info({}, 'message stored earlier, not classified yet: queued for the classify worker');
  } else {
    deps.log.debug({}, 'duplicate message ignored');
  }
  if (fromHeaders !== undefined) return { kind: fromHeaders };
  if (stored?.kind) return { kind: stored.kind, ...(stored.parsed?.command ? { command: stored.parsed.command } : {}) };
  try {
    const outcome = await parseRawMessage(raw, deps.ctx, deps.reader);
    return outcome.ok ? { kind: outcome.result.kind, ...(outcome.result.command ? { command: outcome.result.command } : {}) } : { kind: null };
  } catch {
    return { kind: null };
  }
}
