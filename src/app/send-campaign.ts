/**
 * The campaign sender: one job per chunk of a campaign's ledger (its first row's id crosses the queue). For each
 * batch of rows — as many as the SMTP pool has connections — the outbox status lock is taken for the whole batch
 * (claim → sending + transmitting), each recipient's slots are filled into the campaign's built MIME, the batch
 * goes out over the pool, and the sent rows are recorded in one commit.
 *
 * Never twice: a row is only sent by whoever won its claim; a process killed mid-batch leaves its rows
 * `transmitting`, which the recovery sweep parks (they may have been delivered, RFC 1047) instead of sending them
 * again. 4xx → the row goes back to queued and the job is retried with backoff; 5xx → recorded as failed with the
 * server's answer. After `delivery.pauseAfterFailures` failures in a row the campaign pauses, saying why.
 * The rate is the queue's BullMQ limiter (workers/runners.ts); the hourly cap is checked here.
 */
import { requireSecret } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { memberVerp, slotValues, verpAddress } from '../core/compose/campaign-slots.ts';
import type { MimeTemplate, SlotValues } from '../core/compose/mime-template.ts';
import { domainOf } from '../core/compose/message.ts';
import type { AppDeps } from './deps.ts';
import type { CampaignParts } from './campaign-store.ts';

/** After this many attempts a row deferred by 4xx answers is recorded as failed. */
const MAX_ATTEMPTS = 12;

/** Some rows were deferred (4xx) or the hourly cap is reached: the worker boundary retries the chunk later. */
export class TransientSendError extends Error {
  readonly code = 'ESMTP_TRANSIENT';
}

/** Fills a variant's slots: the bytes of one recipient's mail (src/adapters/compose/campaign-mime.ts). */
export type FillMime = (t: MimeTemplate, values: SlotValues) => Buffer;

/** Ledger rows per job. With a rate set, a chunk is at most a second's worth, so the limiter can space them. */
const CHUNK = 50;

export function chunkSize(config: Config): number {
  const rate = config.delivery.ratePerSecond;
  return rate ? Math.max(1, Math.min(CHUNK, Math.floor(rate))) : CHUNK;
}

/** The BullMQ limiter of the campaign queue: chunks per period so that mails per second stay under the rate. */
export function campaignLimiter(config: Config): { max: number; duration: number } | undefined {
  const rate = config.delivery.ratePerSecond;
  return rate ? { max: 1, duration: Math.ceil((chunkSize(config) * 1000) / rate) } : undefined;
}

export class CampaignCapError extends TransientSendError {}

export type ChunkResult = 'sent' | 'paused' | 'skipped';

const partsCache = new Map<number, Promise<CampaignParts>>();

export async function sendCampaignChunk(deps: Pick<AppDeps, 'store' | 'sender' | 'log' | 'config' | 'clock'> & { fill: FillMime }, firstRowId: number): Promise<ChunkResult> {
  const { store, config, log } = deps;
  if (!deps.sender) throw new Error('this process has no SMTP sender configured (smtp.url)');
  const campaign = await store.campaigns.ofRow(firstRowId);
  if (!campaign || campaign.status !== 'sending') return campaign?.status === 'paused' ? 'paused' : 'skipped';
  let parts = partsCache.get(campaign.id);
  if (!parts) {
    parts = store.campaigns.parts(campaign.id);
    void parts.catch(() => partsCache.delete(campaign.id));
    partsCache.set(campaign.id, parts);
  }
  const { variants } = await parts;
  const secret = requireSecret(config);
  const inbox = config.addresses.proposals;
  const domain = domainOf(inbox);
  const size = chunkSize(config);
  // A batch is what the pool sends at once: rows are marked transmitting when claimed, so a larger batch would leave
  // rows waiting for a connection marked — a crash would park them (never sent twice, but never sent either).
  const batch = Math.max(1, config.smtp.pool);
  let deferred = 0;
  for (;;) {
    if (config.delivery.hourlyCap !== undefined) {
      const sent = await store.campaigns.sentSince(new Date(deps.clock.now().getTime() - 3_600_000));
      if (sent >= config.delivery.hourlyCap) {
        log.info({ campaign: campaign.id, sent, cap: config.delivery.hourlyCap }, 'hourly cap reached: campaign waits');
        throw new CampaignCapError(`hourly cap of ${config.delivery.hourlyCap} mails reached`);
      }
    }
    const rows = await store.campaigns.claim(campaign.id, firstRowId, size, batch, config.queue.sendLeaseSeconds * 1000);
    if (rows.length === 0) break;
    const sent: { id: number; response: string }[] = [];
    let failed = 0;
    let lastError = '';
    await Promise.all(
      rows.map(async (row) => {
        const template = variants[row.variant];
        if (!template) {
          failed++;
          lastError = `no variant ${row.variant} in campaign ${campaign.id}`;
          await store.outbox.markFailed(row.id, lastError, null, false);
          return;
        }
        const toList = row.variant.startsWith('list:');
        // A member who left or was disabled since the ledger was written gets nothing (not a failure of the MTA).
        if (!toList && row.memberStatus !== null && row.memberStatus !== 'active') {
          await store.outbox.markFailed(row.id, `not sent: member ${row.memberStatus}`, null, false);
          return;
        }
        const memberId = toList ? null : row.memberId;
        const raw = deps.fill(template, slotValues({ campaignId: campaign.id, recipient: row.recipient, name: row.name, domain, inbox, secret, memberId, publicUrl: config.http.publicUrl }));
        const from = toList ? row.envelopeFrom : memberId !== null ? memberVerp(row.envelopeFrom, secret, memberId, row.recipient) : verpAddress(row.envelopeFrom, row.recipient);
        try {
          const r = await deps.sender!.send(raw, { from, to: [row.recipient] });
          sent.push({ id: row.id, response: r.response });
        } catch (err) {
          const e = err as Error & { code?: string; response?: string };
          const permanent = e.code === 'ESMTP_PERMANENT' || row.attempts >= MAX_ATTEMPTS;
          failed++;
          lastError = e.response ?? e.message;
          if (!permanent) deferred++;
          await store.outbox.markFailed(row.id, e.message, e.response ?? null, !permanent);
          log.warn({ campaign: campaign.id, outbox: row.id, to: row.recipient, response: e.response ?? null }, permanent ? 'campaign mail failed' : 'campaign mail deferred');
        }
      }),
    );
    await store.campaigns.markSent(sent);
    const after = await store.campaigns.record(
      campaign.id,
      { sent: sent.length, failed },
      config.delivery.pauseAfterFailures,
      `paused after ${config.delivery.pauseAfterFailures} failures in a row; last: ${lastError}`.slice(0, 500),
    );
    if (after.status === 'paused') {
      log.warn({ campaign: campaign.id, reason: after.pauseReason }, 'campaign paused');
      return 'paused';
    }
    // Rows deferred by a 4xx are queued again: the job's retry (with backoff) takes them, not this loop.
    if (deferred > 0) break;
  }
  if (deferred > 0) throw new TransientSendError(`${deferred} mail(s) deferred by the server: will retry`);
  return 'sent';
}
