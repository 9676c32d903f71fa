/**
 * The sender runner: takes an outbox row's status lock, sends its stored bytes, records the SMTP answer.
 * A failure is recorded on the row (the server's answer, or the connection error) and the row goes back to
 * queued; the error is rethrown with the sender's code (ESMTP_TRANSIENT / ESMTP_PERMANENT) and the worker
 * boundary decides: retry on the deliver runner's schedule, or park (5xx at once; 4xx once
 * delivery.giveUpAfterHours have passed). A row already sent, or held by another live worker, is left alone:
 * never twice.
 */
import { findMemberToken } from '../core/membership/token.ts';
import type { AppDeps } from './deps.ts';

export type DeliveryResult = 'sent' | 'skipped';

export async function deliverOutbox(deps: Pick<AppDeps, 'store' | 'sender' | 'log' | 'config'>, outboxId: number): Promise<DeliveryResult> {
  const { store, log } = deps;
  if (!deps.sender) throw new Error('this process has no SMTP sender configured (smtp.url)');
  // The SMTP transaction begins right after the claim (one job per pooled connection): the claim marks the row
  // transmitting too, one commit instead of two.
  const item = await store.outbox.claim(outboxId, deps.config.queue.sendLeaseSeconds * 1000, { transmitting: true });
  if (!item) return 'skipped';
  // A member's list digest names its member in its VERP envelope sender: one who left or was disabled since it was
  // queued gets nothing, as from a campaign (send-campaign.ts). Digests only: a confirmation goes to a pending member.
  const member = item.purpose === 'digest' ? findMemberToken(item.envelopeFrom) : null;
  if (member?.purpose === 'bounce') {
    const row = await store.membership.byId(member.id);
    if (row && row.status !== 'active') {
      await store.outbox.markFailed(item.id, `not sent: member ${row.status}`, null, false);
      log.info({ outbox: item.id, purpose: item.purpose, to: item.recipient, status: row.status }, 'mail not sent: member not active');
      return 'skipped';
    }
  }
  try {
    const r = await deps.sender.send(item.raw, { from: item.envelopeFrom, to: [item.recipient] });
    await store.outbox.markSent(item.id, r.response);
    log.info({ outbox: item.id, purpose: item.purpose, to: item.recipient }, 'mail sent');
    return 'sent';
  } catch (err) {
    const e = err as Error & { code?: string; response?: string | null };
    const response = e.response ?? null;
    // Queued again until the boundary decides; the answer stays on the row for `crieur failed list`.
    await store.outbox.markFailed(item.id, e.message, response, true);
    // What the server said, or why no server answered (refused, timeout): never a bare null.
    log.warn({ outbox: item.id, to: item.recipient, attempt: item.attempts, code: e.code, answer: response ?? e.message }, 'mail not accepted');
    throw err;
  }
}
