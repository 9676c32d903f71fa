/**
 * The filing runner: a classified proposal becomes a proposal record (or updates the one the same speaker sent
 * with the same title within 30 days), its attachments are kept, and the outbox gets one acknowledgement per
 * speaker and one notice per organizer.
 *
 * Side effects, in order, each idempotent so that a crash anywhere and a replay give the same end state:
 *   1. attachments stored (content-addressed)      2. proposal filed or updated (unique per inbound message)
 *   3. outbox rows enqueued (unique per purpose, proposal+message, recipient)   4. deliver jobs dispatched
 *   5. inbound message marked done
 */
import { readMail } from '../adapters/mailparser.ts';
import { whyNotAnswer, whyNotSendTo } from '../core/pipeline/loop-guard.ts';
import { normalizeTitle } from '../core/pipeline/normalize-title.ts';
import type { ComposedMail, NewOutboxItem, ProposalRecord, ThreadInfo } from '../ports.ts';
import type { Mail, ProposalDraft } from '../types.ts';
import type { AppDeps } from './deps.ts';

const UPDATE_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

export interface FilingOutcome {
  proposal: ProposalRecord;
  action: 'filed' | 'updated' | 'already-filed';
  queued: number[];
  skippedAcks: string[];
}

export async function fileProposal(deps: AppDeps, inboundId: number): Promise<FilingOutcome | null> {
  const { store, log } = deps;
  // Independent reads: in flight together, one round trip of waiting instead of two.
  const [inbound, raw] = await Promise.all([store.inbound.get(inboundId), store.inbound.getRaw(inboundId)]);
  const draft = inbound?.parsed?.proposal;
  if (!inbound || raw === null || !draft) {
    await store.inbound.setState(inboundId, 'failed', 'no proposal to file: classify it first (crieur failed retry)');
    return null;
  }
  const mail = await readMail(raw);
  // A forwarded proposal's slides are parts of the attached original (message/rfc822), not of the forward.
  for (const a of [...mail.parts, ...mail.embedded.flatMap((e) => e.parts)]) {
    if (draft.attachments.some((d) => d.sha256 === a.sha256)) await store.attachments.put(a.content, a.contentType);
  }
  const actor = mail.from?.email.toLowerCase() ?? 'unknown';
  const { proposal, action } = await fileOrUpdate(deps, inboundId, draft, actor);

  const thread: ThreadInfo = { messageId: mail.messageId, references: mail.references, subject: mail.subject, language: inbound.parsed?.language ?? null };
  const queued: number[] = [];
  const skippedAcks: string[] = [];
  const subjectRef = `${proposal.ref}/m${inboundId}`;
  const guard = whyNotAnswer({ kind: 'proposal', mail, ownAddresses: deps.ctx.ownAddresses });
  for (const speaker of ackRecipients(proposal, mail)) {
    let why = guard ?? whyNotSendTo(speaker.email, deps.ctx.ownAddresses);
    if (!why) {
      const composed = await deps.composer.ack(proposal, speaker, thread);
      // The cap is checked and the row inserted atomically: proposals filed concurrently cannot all pass it.
      const r = await store.outbox.enqueueCapped(outboxRow('ack', subjectRef, composed, inboundId), ackCap(deps));
      if (r) queued.push(r.id);
      else why = `cap of ${deps.config.limits.acksPerSenderPerDay} acknowledgements a day reached`;
    }
    if (why) {
      skippedAcks.push(`${speaker.email}: ${why}`);
      log.warn({ inbound: inboundId, ref: proposal.ref, to: speaker.email, why }, 'acknowledgement not sent');
    }
  }
  for (const organizer of deps.config.organizers) {
    const composed = await deps.composer.organizerNotice(proposal, organizer);
    queued.push(...(await enqueue(deps, 'notify-organizer', subjectRef, composed, inboundId)));
  }
  // Each dispatch is idempotent and independent of the others: sent together.
  await Promise.all(queued.map((id) => deps.dispatcher.dispatch('deliver', id)));
  await store.inbound.setState(inboundId, 'done');
  log.info({ inbound: inboundId, ref: proposal.ref, action, queued: queued.length }, 'proposal filed');
  return { proposal, action, queued, skippedAcks };
}

async function fileOrUpdate(
  deps: AppDeps,
  inboundId: number,
  draft: ProposalDraft,
  actor: string,
): Promise<{ proposal: ProposalRecord; action: FilingOutcome['action'] }> {
  const { proposals } = deps.store;
  const already = await proposals.findByMessage(inboundId);
  if (already) return { proposal: already, action: 'already-filed' };
  const speakerEmail = draft.speakers.find((s) => s.email)?.email ?? actor;
  const key = normalizeTitle(draft.title);
  const since = new Date(deps.clock.now().getTime() - UPDATE_WINDOW_DAYS * DAY_MS);
  if (key !== '') {
    const earlier = await proposals.findRecentDuplicate(speakerEmail.toLowerCase(), key, since);
    if (earlier) return { proposal: await proposals.update(earlier.ref, draft, actor, inboundId), action: 'updated' };
  }
  // Checked again under a lock while filing: the same proposal sent twice in a row must not be filed twice.
  const filed = await proposals.fileFromMessage(inboundId, draft, actor, { speakerEmail: speakerEmail.toLowerCase(), titleKey: key, since });
  if (filed.duplicate) return { proposal: await proposals.update(filed.proposal.ref, draft, actor, inboundId), action: 'updated' };
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

function ackCap(deps: AppDeps): { limit: number; since: Date } {
  return { limit: deps.config.limits.acksPerSenderPerDay, since: new Date(deps.clock.now().getTime() - DAY_MS) };
}

function outboxRow(purpose: 'ack' | 'notify-organizer', subjectRef: string, m: ComposedMail, cause: number): NewOutboxItem {
  return { purpose, subjectRef, recipient: m.recipient.toLowerCase(), raw: m.raw, envelopeFrom: m.envelopeFrom, causeMessageId: cause };
}

async function enqueue(deps: AppDeps, purpose: 'ack' | 'notify-organizer', subjectRef: string, m: ComposedMail, cause: number): Promise<number[]> {
  const r = await deps.store.outbox.enqueue(outboxRow(purpose, subjectRef, m, cause));
  return [r.id];
}
