/**
 * The filing runner: a classified proposal becomes a proposal record (or updates the one the same speaker sent
 * with the same title within 30 days), its attachments are kept, and the outbox gets one acknowledgement per
 * speaker and one notice per organizer.
 *
 * Side effects, in order, each idempotent so that a crash anywhere and a replay give the same end state:
 *   1. attachments stored (content-addressed)      2. proposal filed or updated (unique per inbound message)
 *   3. outbox rows queued (unique per purpose, proposal+message, recipient) and the inbound message marked done,
 *      in one commit — claimed there when this process sends them itself (deps.sendNow)
 *   4. sent from this job, or deliver jobs dispatched (the recovery sweep redoes a lost one)
 */
import { whyNotAnswer, whyNotSendTo } from '../core/pipeline/loop-guard.ts';
import { normalizeTitle } from '../core/pipeline/normalize-title.ts';
import type { ComposedMail, ThreadInfo } from './composer.ts';
import type { NewOutboxItem, OutboxCap, OutboxItem } from './outbox-store.ts';
import type { Logger } from './logger.ts';
import type { ProposalRecord } from './proposal-store.ts';
import type { Mail, ParseResult, ProposalDraft } from '../types.ts';
import type { AppDeps } from './deps.ts';

const UPDATE_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

export interface FilingOutcome {
  proposal: ProposalRecord;
  action: 'filed' | 'updated' | 'already-filed';
  queued: number[];
  skippedAcks: string[];
}

/** The file runner (replays, recovery): a proposal classified earlier, read back from the store. */
export async function fileProposal(deps: AppDeps, inboundId: number): Promise<FilingOutcome | null> {
  const { store } = deps;
  // Independent reads: in flight together, one round trip of waiting instead of two.
  const [inbound, raw] = await Promise.all([store.inbound.get(inboundId), store.inbound.getRaw(inboundId)]);
  if (inbound?.state === 'done') {
    // Filed already: a stale job, or a retry of one whose mails were queued but not dispatched.
    await dispatchQueuedMails(deps, inboundId);
    return null;
  }
  if (!inbound || raw === null || !inbound.parsed?.proposal) {
    await store.inbound.setState(inboundId, 'failed', 'no proposal to file: classify it first (crieur failed retry)');
    return null;
  }
  return fileParsed(deps, inboundId, inbound.parsed, await deps.reader.read(raw));
}

/** Files the proposal of a message already parsed and classified (fileProposal) and queues its mails. */
export async function fileParsed(deps: AppDeps, inboundId: number, parsed: ParseResult, mail: Mail): Promise<FilingOutcome | null> {
  const draft = parsed.proposal;
  if (!draft) throw new Error(`inbound message ${inboundId} has no proposal to file`);
  await keepAttachments(deps, draft, mail);
  const actor = actorOf(mail);
  const { proposal, action } = await fileOrUpdate(deps, inboundId, draft, actor);
  return queueMails(deps, inboundId, parsed, mail, proposal, action);
}

/**
 * The classify job's filing: the classification, the check for an earlier copy and the filing are one statement
 * and one commit (ProposalStore.classifyAndFile), then the mails are queued. null when nothing was filed: the
 * message was handled already (its still-queued mails are dispatched again) or an earlier copy is acted on.
 */
export async function classifyAndFile(deps: AppDeps, inboundId: number, parsed: ParseResult, mail: Mail): Promise<FilingOutcome | null> {
  const { log } = deps;
  const draft = parsed.proposal;
  if (!draft) throw new Error(`inbound message ${inboundId} has no proposal to file`);
  await keepAttachments(deps, draft, mail);
  const actor = actorOf(mail);
  const filed = await deps.store.proposals.classifyAndFile(inboundId, parsed, actor, dedupeOf(deps, draft, actor));
  if (filed.outcome === 'handled') {
    // A second job for the same message (a replay racing the recovery sweep), or the retry of a job that stopped
    // after its filing committed. Nothing to redo but the dispatch of mails still queued.
    await dispatchQueuedMails(deps, inboundId);
    log.info({ inbound: inboundId, kind: parsed.kind }, 'message already handled: not acted on again');
    return null;
  }
  log.info({ inbound: inboundId, kind: parsed.kind, messageId: parsed.messageId }, 'message classified');
  if (filed.outcome === 'copy') {
    // A re-delivery (same Message-ID, other trace headers) is kept but not acted on twice: one filing, one ack.
    log.info({ inbound: inboundId, copyOf: filed.copyOf }, 'message already received: not acted on again');
    return null;
  }
  if (filed.outcome === 'duplicate') {
    const proposal = await deps.store.proposals.update(filed.proposal.ref, draft, actor, inboundId, { unlessSuperseded: true });
    return queueMails(deps, inboundId, parsed, mail, proposal, 'updated');
  }
  return queueMails(deps, inboundId, parsed, mail, filed.proposal, filed.outcome);
}

/** A forwarded proposal's slides are parts of the attached original (message/rfc822), not of the forward. */
async function keepAttachments(deps: AppDeps, draft: ProposalDraft, mail: Mail): Promise<void> {
  for (const a of [...mail.parts, ...mail.embedded.flatMap((e) => e.parts)]) {
    if (draft.attachments.some((d) => d.sha256 === a.sha256)) await deps.store.attachments.put(a.content, a.contentType);
  }
}

const actorOf = (mail: Mail) => mail.from?.email.toLowerCase() ?? 'unknown';

/** Same speaker, same title key, within the update window: "the same proposal again", checked while filing. */
function dedupeOf(deps: AppDeps, draft: ProposalDraft, actor: string): { speakerEmail: string; titleKey: string; since: Date } {
  const speakerEmail = draft.speakers.find((s) => s.email)?.email ?? actor;
  return {
    speakerEmail: speakerEmail.toLowerCase(),
    titleKey: normalizeTitle(draft.title),
    since: new Date(deps.clock.now().getTime() - UPDATE_WINDOW_DAYS * DAY_MS),
  };
}

/** One acknowledgement per speaker (unless the loop guard says no), one notice per organizer; the message done. */
async function queueMails(
  deps: AppDeps,
  inboundId: number,
  parsed: ParseResult,
  mail: Mail,
  proposal: ProposalRecord,
  action: FilingOutcome['action'],
): Promise<FilingOutcome> {
  const { store, log } = deps;
  const thread: ThreadInfo = { messageId: mail.messageId, references: mail.references, subject: mail.subject, language: parsed.language ?? null };
  const skippedAcks: string[] = [];
  const subjectRef = `${proposal.ref}/m${inboundId}`;
  const cap: OutboxCap = { limit: deps.config.limits.acksPerSenderPerDay, since: new Date(deps.clock.now().getTime() - DAY_MS) };
  const rows: (NewOutboxItem & { cap?: OutboxCap })[] = [];
  const guard = whyNotAnswer({ kind: 'proposal', mail, ownAddresses: deps.ctx.ownAddresses });
  for (const speaker of ackRecipients(proposal, mail)) {
    const why = guard ?? whyNotSendTo(speaker.email, deps.ctx.ownAddresses);
    if (why) skippedAcks.push(`${speaker.email}: ${why}`);
    // The cap is checked and the row inserted atomically: proposals filed concurrently cannot all pass it.
    else rows.push({ ...outboxRow('ack', subjectRef, await deps.composer.ack(proposal, speaker, thread), inboundId), cap });
  }
  for (const organizer of deps.config.organizers) {
    rows.push(outboxRow('notify-organizer', subjectRef, await deps.composer.organizerNotice(proposal, organizer), inboundId));
  }
  // Sent from this job when this process sends and its pool frees a connection for each mail in a short wait: the
  // rows are then queued already claimed, and go out with the bytes composed here (no deliver job's round trips
  // through Redis, no claim, no read back). Else — and for whatever could not start — a deliver job. A crash before
  // the dispatch leaves them queued for the sweep.
  const slot = (await deps.sendNow?.reserve(rows.length)) ?? null;
  let results: Awaited<ReturnType<typeof store.outbox.enqueueAll>>;
  try {
    results = await store.outbox.enqueueAll(rows, { completes: inboundId, ...(slot ? { claim: { leaseMs: slot.leaseMs } } : {}) });
  } catch (err) {
    slot?.release();
    throw err;
  }
  const queued: number[] = [];
  const claimed: OutboxItem[] = [];
  results.forEach((r, i) => {
    if (!r) return void skippedAcks.push(`${rows[i]!.recipient}: cap of ${cap.limit} acknowledgements a day reached`);
    queued.push(r.id);
    // A row found queued (a replay) is not this slot's: a deliver job claims it.
    if (slot && r.inserted) claimed.push(claimedRow(rows[i]!, r.id));
  });
  for (const why of skippedAcks) log.warn({ inbound: inboundId, ref: proposal.ref, why }, 'acknowledgement not sent');
  log.info({ inbound: inboundId, ref: proposal.ref, action, queued: queued.length }, 'proposal filed');
  const sentHere = slot ? await slot.send(claimed, log) : false;
  const left = sentHere ? queued.filter((id) => !claimed.some((c) => c.id === id)) : queued;
  if (left.length > 0) await deps.dispatcher.dispatchMany('deliver', left, { together: true });
  return { proposal, action, queued, skippedAcks };
}

/**
 * deps.sendNow's answer: pooled connections held for a filing's mails. Declared here, where it is used; made by
 * workers/process.ts over deliver-outbox.ts.
 */
export interface SendSlot {
  /** The lease its rows are queued claimed with (OutboxStore.enqueueAll's `claim`). */
  leaseMs: number;
  /**
   * Sends rows queued claimed for this slot, then releases it. false when the sending failed before anything could
   * be recorded (the database went away): the caller queues them for a deliver job, whose claim skips what went.
   */
  send(items: readonly OutboxItem[], log: Logger): Promise<boolean>;
  /** Lets the connections go unused (the enqueue failed). */
  release(): void;
}

/** The row as the claim in its enqueue left it (sending, first attempt), with the bytes composed here. */
function claimedRow(row: NewOutboxItem, id: number): OutboxItem {
  return { ...row, id, status: 'sending', attempts: 1, lastError: null, smtpResponse: null, createdAt: new Date(), sentAt: null };
}

/**
 * The filing committed its mails and then stopped before dispatching them (Redis away, a crash): a retry finds
 * the message done, and dispatches what is still queued instead of waiting for a sending process's sweep.
 */
export async function dispatchQueuedMails(deps: Pick<AppDeps, 'store' | 'dispatcher'>, inboundId: number): Promise<void> {
  await deps.dispatcher.dispatchMany('deliver', await deps.store.outbox.queuedFor(inboundId), { together: true });
}

async function fileOrUpdate(
  deps: AppDeps,
  inboundId: number,
  draft: ProposalDraft,
  actor: string,
): Promise<{ proposal: ProposalRecord; action: FilingOutcome['action'] }> {
  const { proposals } = deps.store;
  // Already filed by this message (a replay)? The same speaker's same title lately? Both checked while filing,
  // in one round trip, under a lock: the same proposal sent twice in a row must not be filed twice.
  const filed = await proposals.fileFromMessage(inboundId, draft, actor, dedupeOf(deps, draft, actor));
  if (filed.duplicate) return { proposal: await proposals.update(filed.proposal.ref, draft, actor, inboundId, { unlessSuperseded: true }), action: 'updated' };
  return { proposal: filed.proposal, action: filed.created ? 'filed' : 'already-filed' };
}

/** Every speaker with an address (co-speakers too); the sender when no speaker has one. */
function ackRecipients(p: ProposalRecord, mail: Mail): { name: string | null; email: string }[] {
  const seen = new Set<string>();
  const out: { name: string | null; email: string }[] = [];
  for (const s of p.speakers) {
    if (!s.email || seen.has(s.email.toLowerCase())) continue;
    seen.add(s.email.toLowerCase());
    out.push({ name: s.name, email: s.email });
  }
  if (out.length === 0 && mail.from) out.push({ name: mail.from.name, email: mail.from.email });
  return out;
}

function outboxRow(purpose: 'ack' | 'notify-organizer', subjectRef: string, m: ComposedMail, cause: number): NewOutboxItem {
  return { purpose, subjectRef, recipient: m.recipient.toLowerCase(), raw: m.raw, envelopeFrom: m.envelopeFrom, causeMessageId: cause };
}
