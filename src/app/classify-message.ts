/**
 * The classify runner: parse the stored raw message, record what it is, and route it. A message that cannot
 * be understood is parked (state failed, with the reason) — kept, listed by `crieur failed list`, replayable.
 *
 * A proposal is filed here, in the same job, with the message already parsed, its classification and filing in one
 * commit (migration 008): a second job and a second parse per proposal were most of the cost of a backlog
 * (bench/ingest). The `file` queue still exists for replays and the recovery sweep (a proposal classified whose
 * filing was cut short).
 */
import { parseRawMessage, type ParseOutcome } from './parse-message.ts';
import { classifyAndFile, dispatchQueuedMails } from './file-proposal.ts';
import { collectListPost } from './collect-list-post.ts';
import type { QueueName } from './dispatcher.ts';
import type { Kind } from '../types.ts';
import type { AppDeps } from './deps.ts';
import { actOnMembership } from './membership.ts';

/**
 * Where each kind goes next; kinds not listed are stored and not answered (auto-replies, bounces, lists…). The
 * recovery sweep sends a message classified but not finished to the same queue.
 */
export const ROUTES: Partial<Record<Kind, QueueName>> = {
  proposal: 'file',
  command: 'command',
  reply: 'command',
};

export async function classifyMessage(deps: AppDeps, inboundId: number): Promise<Kind | null> {
  const found = await deps.store.inbound.rawToClassify(inboundId);
  if (found === null) throw new Error(`inbound message ${inboundId} not found`);
  if ('done' in found) {
    // A second job for a message handled already: the recovery sweep lists messages waiting since staleSeconds and
    // dispatches them one by one, so during a backlog a job may finish between the list and the dispatch (bench/ingest
    // under load: 15 % of the messages decoded twice). Nothing to redo but the dispatch of mails still queued.
    if (found.done === 'proposal') await dispatchQueuedMails(deps, inboundId);
    deps.log.info({ inbound: inboundId, kind: found.done }, 'message already handled: not acted on again');
    return found.done;
  }
  // Held until the message is acted on: its decoded parts (attachments kept by a filing) live until then.
  const release = deps.decodeBudget ? await deps.decodeBudget.take(found.raw.length) : () => undefined;
  try {
    return await actOnParsed(deps, inboundId, await parseRawMessage(found.raw, deps.ctx, deps.reader));
  } finally {
    release();
  }
}

/**
 * A classify job carrying several messages of a backlog (`crieur ingest`, IDS_PER_JOB): each is classified as a job of
 * its own would classify it, side by side, so that their reads, classifications, filings and mails share statements
 * (coalesce.ts) — one job's Redis round trips and bookkeeping for several messages, too. Each message succeeds or fails
 * on its own: the kinds of those that succeeded (null: parked as unreadable), and the ones that failed, to go on alone
 * under the runner's retry policy.
 */
export async function classifyMessages(deps: AppDeps, inboundIds: readonly number[]): Promise<{ kinds: (Kind | null)[]; failed: { id: number; error: Error }[] }> {
  // The log as is: each line of classifyMessage names its message already (a child naming it too would say it twice).
  const settled = await Promise.allSettled(inboundIds.map((id) => classifyMessage(deps, id)));
  const kinds: (Kind | null)[] = [];
  const failed: { id: number; error: Error }[] = [];
  settled.forEach((r, i) => {
    if (r.status === 'fulfilled') kinds.push(r.value);
    else failed.push({ id: inboundIds[i]!, error: r.reason instanceof Error ? r.reason : new Error(String(r.reason)) });
  });
  return { kinds, failed };
}

/**
 * The rest of the classify job, for a message already decoded: by the job above, or by the inbox watcher, which
 * decodes a message whose headers do not tell what it is anyway (receive-message.ts) — one decode, not two.
 */
export async function actOnParsed(deps: AppDeps, inboundId: number, outcome: ParseOutcome): Promise<Kind | null> {
  if (!outcome.ok) {
    await deps.store.inbound.setState(inboundId, 'failed', outcome.error);
    deps.log.warn({ inbound: inboundId, reason: outcome.error }, 'message parked: cannot be parsed');
    return null;
  }
  const { kind } = outcome.result;
  // Unsubscribe mailtos and bounces that name a member (issue 9): acted on before the message is marked handled.
  await actOnMembership(deps, inboundId, outcome.result, outcome.mail);
  // Before the message is marked done: a crash in between replays the job, and attaching is idempotent.
  if (kind === 'list-post') await collectListPost(deps, inboundId, outcome.mail);
  const route = ROUTES[kind];
  if (route === 'file') {
    // A proposal: classification and filing in one commit (migration 008), then its mails.
    await classifyAndFile(deps, inboundId, outcome.result, outcome.mail);
    return kind;
  }
  // One statement: the classification, "done" when nothing follows, and whether an earlier copy exists.
  const saved = await deps.store.inbound.setClassified(inboundId, kind, outcome.result, { done: !route, findCopy: !!route });
  if (!saved.updated) {
    // Already done: a second job for the same message (a replay racing the recovery sweep), or the retry of a
    // job that stopped after its filing committed. Nothing to redo but the dispatch of mails still queued.
    deps.log.info({ inbound: inboundId, kind }, 'message already handled: not acted on again');
    return kind;
  }
  deps.log.info({ inbound: inboundId, kind, messageId: outcome.result.messageId }, 'message classified');
  if (!route) return kind;
  // A re-delivery (same Message-ID, other trace headers) is kept but not acted on twice: one filing, one ack.
  if (saved.copyOf) {
    await deps.store.inbound.setState(inboundId, 'done');
    deps.log.info({ inbound: inboundId, copyOf: saved.copyOf.id }, 'message already received: not acted on again');
    return kind;
  }
  await deps.dispatcher.dispatch(route, inboundId);
  return kind;
}
