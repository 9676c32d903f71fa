/**
 * The sender runner: takes an outbox row's status lock, sends its stored bytes, records the SMTP answer.
 * 4xx and connection trouble → back to queued and the job is retried with backoff; 5xx → parked as failed
 * with the server's answer. A row already sent, or held by another live worker, is left alone: never twice.
 */
import type { AppDeps } from './deps.ts';

/** After this many attempts a transient failure is parked too (an MTA gives up after days; we after ~an hour). */
export const MAX_ATTEMPTS = 12;

export class TransientSendError extends Error {
  readonly code = 'ESEND_RETRY';
}

export type DeliveryResult = 'sent' | 'parked' | 'skipped';

export async function deliverOutbox(deps: Pick<AppDeps, 'store' | 'sender' | 'log' | 'config'>, outboxId: number): Promise<DeliveryResult> {
  const { store, log } = deps;
  if (!deps.sender) throw new Error('this process has no SMTP sender configured (smtp.url)');
  // The SMTP transaction begins right after the claim (one job per pooled connection): the claim marks the row
  // transmitting too, one commit instead of two.
  const item = await store.outbox.claim(outboxId, deps.config.queue.sendLeaseSeconds * 1000, { transmitting: true });
  if (!item) return 'skipped';
  try {
    const r = await deps.sender.send(item.raw, { from: item.envelopeFrom, to: [item.recipient] });
    await store.outbox.markSent(item.id, r.response);
    log.info({ outbox: item.id, purpose: item.purpose, to: item.recipient }, 'mail sent');
    return 'sent';
  } catch (err) {
    const e = err as Error & { code?: string; response?: string };
    const response = e.response ?? null;
    const permanent = e.code === 'ESMTP_PERMANENT';
    const exhausted = item.attempts >= MAX_ATTEMPTS;
    await store.outbox.markFailed(item.id, e.message, response, !permanent && !exhausted);
    if (permanent || exhausted) {
      log.warn({ outbox: item.id, to: item.recipient, response }, 'mail parked: permanent failure');
      return 'parked';
    }
    log.warn({ outbox: item.id, to: item.recipient, response, attempt: item.attempts }, 'mail deferred: will retry');
    throw new TransientSendError(`deferred: ${response ?? e.message}`);
  }
}
