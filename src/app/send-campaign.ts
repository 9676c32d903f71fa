/**
 * The campaign sender: one job per chunk of a campaign's ledger (its first row's id crosses the queue). The chunk's
 * rows are held under a lease in one statement; then for each batch — as many rows as the SMTP pool has
 * connections — the outbox status lock is taken for the batch (held → transmitting, in the same round trip that
 * records the previous batch as sent), each recipient's slots are filled into the campaign's built MIME, and the
 * batch goes out over the pool while the next one is locked.
 *
 * Never twice: a row is only sent by whoever won its claim; a process killed mid-batch leaves its rows
 * `transmitting`, which the recovery sweep parks (they may have been delivered, RFC 1047) instead of sending them
 * again. 4xx → the row waits for its next try (`deferral`: delivery.retryMinutes, up to delivery.giveUpAfterHours)
 * while the chunk goes on; 5xx → recorded as failed with the server's answer, and when the relay refused a member's
 * address, a bounce of that member (countSendRefusal). After `delivery.pauseAfterFailures` failures in a row the campaign pauses, saying why.
 * The rate is the queue's BullMQ limiter (workers/runners.ts); the hourly cap is checked here.
 */
import { requireSecret } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { memberVerp, rowVariant, slotValues, verpAddress } from '../core/compose/campaign-slots.ts';
import type { MimeTemplate, SlotValues } from '../core/compose/mime-template.ts';
import { domainOf } from '../core/compose/message.ts';
import type { AppDeps } from './deps.ts';
import { countSendRefusal } from './membership.ts';
import type { CampaignParts, ClaimedRecipient, HeldRow } from './campaign-store.ts';

/**
 * A row deferred by a 4xx (greylisting, a full mailbox, a relay busy) waits like an MTA's queue: `delivery.retryMinutes`
 * between tries (the last wait repeats), parked as failed with the server's answer once the waits add up to
 * `delivery.giveUpAfterHours`. The wait is a lease on the row (status `sending`, nothing transmitted, `lease_until`
 * the time of the next try): no sender may claim it before, and the recovery sweep dispatches it once it runs out —
 * across restarts, with no timer of its own. Each deferral takes two of the row's attempts (the send, the wait), so
 * the attempts say how many waits came before.
 */
export function deferral(config: Config, attempts: number): { waitMs: number } | { giveUp: true } {
  const waits = config.delivery.retryMinutes;
  const before = Math.max(0, Math.floor((attempts - 1) / 2));
  let waited = 0;
  for (let k = 0; k < before; k++) waited += waits[Math.min(k, waits.length - 1)]!;
  if (waited >= config.delivery.giveUpAfterHours * 60) return { giveUp: true };
  return { waitMs: waits[Math.min(before, waits.length - 1)]! * 60_000 };
}

/** Some rows were deferred (4xx) or the hourly cap is reached: the worker boundary retries the chunk later. */
export class TransientSendError extends Error {
  readonly code = 'ESMTP_TRANSIENT';
}

/** Fills a variant's slots: the bytes of one recipient's mail (src/adapters/compose/campaign-mime.ts). */
export type FillMime = (t: MimeTemplate, values: SlotValues) => Buffer;

/**
 * Ledger rows per job, held in one statement. With a rate set, a chunk is at most a second's worth, so the limiter
 * can space them; without, a chunk is enough rows that the per-job costs (a Redis round trip, the campaign's row,
 * the final count) vanish beside 500 SMTP transactions.
 */
const CHUNK = 500;

/**
 * Batches in flight at once. A batch (as many rows as the pool has connections) is marked transmitting when its
 * sends start, so a crash parks at most these rows unsent; two keep the pool busy while the next batch's status
 * lock and the last one's sent marks make their round trip to the database.
 */
const DEPTH = 2;

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

/**
 * Whether a ledger row goes only to an active member: a member's copy (an announcement, a reminder to the roster).
 * Not a list's (its address is the list's, no member's), nor a speaker's (`speaker:…`, a reminder of their own talk:
 * transactional, like the acknowledgement and decisions crieur sends whatever their list membership — leaving the
 * announcements must not silence it; a disabled address is tried too, its refusal reported to the organizers).
 * The transmit statement (adapters/db/campaigns.ts) reads the same two prefixes.
 */
export function memberGated(variant: string): boolean {
  return !variant.startsWith('list:') && !variant.startsWith('speaker:');
}

const partsCache = new Map<number, Promise<CampaignParts>>();

/**
 * One chunk: its rows held under a lease (one statement), then sent batch by batch, each batch's status lock taken
 * in the round trip that also records the previous batch as sent. The lease is renewed while the chunk is under
 * way, so a slow SMTP server never lets another sender take rows held here, nor the recovery sweep park rows
 * still in flight; and a row is only transmitted if its lease is still this sender's (checked under the row lock,
 * with the row's fence): a sender that stalled past its lease — a paused VM, a machine under load — sends nothing
 * another may have taken.
 */
export async function sendCampaignChunk(deps: Pick<AppDeps, 'store' | 'sender' | 'log' | 'config' | 'clock' | 'onBounce'> & { fill: FillMime }, firstRowId: number): Promise<ChunkResult> {
  const { store, config, log } = deps;
  const sender = deps.sender;
  if (!sender) throw new Error('this process has no SMTP sender configured (smtp.url)');
  const campaign = await store.campaigns.ofRow(firstRowId);
  // A digest's rows carry their own bytes and are the deliver queue's: a chunk job naming one sends nothing.
  if (campaign?.kind === 'digest') return 'skipped';
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
  const leaseMs = config.queue.sendLeaseSeconds * 1000;
  let limit = chunkSize(config);
  if (config.delivery.hourlyCap !== undefined) {
    const sent = await store.campaigns.sentSince(new Date(deps.clock.now().getTime() - 3_600_000));
    if (sent >= config.delivery.hourlyCap) {
      log.info({ campaign: campaign.id, sent, cap: config.delivery.hourlyCap }, 'hourly cap reached: campaign waits');
      throw new CampaignCapError(`hourly cap of ${config.delivery.hourlyCap} mails reached`);
    }
    limit = Math.min(limit, config.delivery.hourlyCap - sent);
  }
  const held = await store.campaigns.hold(campaign.id, firstRowId, chunkSize(config), limit, leaseMs);
  if (held.length === 0) return 'sent';

  // Rows this sender holds and has not yet recorded: what the lease keeper renews.
  const live = new Map<number, HeldRow>(held.map((r) => [r.id, { id: r.id, attempts: r.attempts }]));
  let renewing = false;
  const keeper = setInterval(() => {
    if (renewing || live.size === 0) return;
    renewing = true;
    store.campaigns
      .renew([...live.values()], leaseMs)
      .catch((err: Error) => log.warn({ campaign: campaign.id, err: err.message }, 'lease renewal failed: rows not yet sent are left to other senders'))
      .finally(() => (renewing = false));
  }, Math.max(50, Math.floor(leaseMs / 3)));

  let sentMarks: { id: number; response: string }[] = [];
  let tally = { sent: 0, failed: 0 };
  let knownFailures = campaign.consecutiveFailures;
  let deferred = 0;
  let lost = 0;
  let lastError = '';
  let result = 'sent' as ChunkResult;
  const record = async () => {
    // Taken before the round trip: sends still in flight count toward the next record, not a discarded one.
    const outcome = tally;
    tally = { sent: 0, failed: 0 };
    const after = await store.campaigns.record(
      campaign.id,
      outcome,
      config.delivery.pauseAfterFailures,
      `paused after ${config.delivery.pauseAfterFailures} failures in a row; last: ${lastError}`.slice(0, 500),
    );
    knownFailures = after.consecutiveFailures;
    if (after.status === 'paused') {
      log.warn({ campaign: campaign.id, reason: after.pauseReason }, 'campaign paused');
      result = 'paused';
    }
  };
  const finish = async (rowId: number, f: () => Promise<unknown>) => {
    await f();
    live.delete(rowId);
  };

  const sendOne = async (row: ClaimedRecipient): Promise<void> => {
    // a speaker's row names its proposal after the variant: their reply token for it (campaign-slots.ts)
    // (its own built mail when the campaign has one per talk, send-reminders.ts; a campaign stored before, the variant's)
    const { key: variant, proposal } = rowVariant(row.variant);
    const template = variants[row.variant] ?? variants[variant];
    if (!template) {
      tally.failed++;
      lastError = `no variant ${row.variant} in campaign ${campaign.id}`;
      return finish(row.id, () => store.outbox.markFailed(row.id, lastError, null, false));
    }
    const toList = row.variant.startsWith('list:');
    // A member who left or was disabled since the ledger was written gets nothing (not a failure of the MTA). A
    // speaker's reminder is no list mail but about their own talk, as their acknowledgement: sent whatever the roster
    // says of the address (memberGated, as the transmit statement reads it).
    if (memberGated(row.variant) && row.memberStatus !== null && row.memberStatus !== 'active') {
      return finish(row.id, () => store.outbox.markFailed(row.id, `not sent: member ${row.memberStatus}`, null, false, { notUndelivered: true }));
    }
    const memberId = toList ? null : row.memberId;
    const speakerOf = proposal ? { ref: proposal, mintedAt: campaign.createdAt } : null;
    const raw = deps.fill(template, slotValues({ campaignId: campaign.id, recipient: row.recipient, name: row.name, domain, inbox, secret, memberId, publicUrl: config.http.publicUrl, speakerOf, date: row.createdAt }));
    const from = toList ? row.envelopeFrom : memberId !== null ? memberVerp(row.envelopeFrom, secret, memberId, row.recipient) : verpAddress(row.envelopeFrom, row.recipient);
    // One pooled connection taken for the send (src/adapters/smtp/slots.ts): a deliver job's rows, marked transmitting
    // once it holds its connections, never wait in the pool's queue behind a campaign's mails.
    const release = sender.reserve ? await sender.reserve(1) : () => undefined;
    try {
      const r = await sender.send(raw, { from, to: [row.recipient] }).finally(release);
      // Recorded with the next batch's status lock (or at the end); renewed until then.
      sentMarks.push({ id: row.id, response: r.response });
      tally.sent++;
    } catch (err) {
      const e = err as Error & { code?: string; response?: string; responseCode?: number | null; command?: string | null };
      // ESMTP_UNCERTAIN: the connection was lost after the whole mail was sent — it may have been delivered: never resent.
      const next = e.code === 'ESMTP_PERMANENT' || e.code === 'ESMTP_UNCERTAIN' ? null : deferral(config, row.attempts);
      const permanent = next === null || 'giveUp' in next;
      tally.failed++;
      lastError = e.response ?? e.message;
      if (!permanent) deferred++;
      const reason = next && 'giveUp' in next ? `${e.message} (deferred for ${config.delivery.giveUpAfterHours} h: given up)` : e.message;
      await finish(row.id, async () => {
        await store.outbox.markFailed(row.id, reason, e.response ?? null, !permanent);
        // Back in the queue until its next try: held by nobody, under a lease that ends then.
        if (next && 'waitMs' in next) await store.campaigns.hold(campaign.id, row.id, 1, 1, next.waitMs);
      });
      log.warn({ campaign: campaign.id, outbox: row.id, to: row.recipient, response: e.response ?? null }, permanent ? 'campaign mail failed' : 'campaign mail deferred');
      // The relay refused the member's address: their bounce, as a DSN would be (after the row is recorded: a
      // failure to score it loses a bounce, never the row's fate).
      if (memberId !== null && e.code === 'ESMTP_PERMANENT') {
        await countSendRefusal(deps, memberId, { responseCode: e.responseCode ?? null, response: e.response ?? null, command: e.command ?? null }, row.id).catch((err2: Error) =>
          log.warn({ campaign: campaign.id, outbox: row.id, err: err2.message }, 'refusal not counted as a bounce'),
        );
      }
    }
  };

  const flushed = () => {
    const marks = sentMarks;
    sentMarks = [];
    return marks;
  };
  const forget = (marks: readonly { id: number }[]) => {
    for (const m of marks) live.delete(m.id);
  };
  const inFlight: Promise<unknown>[] = [];
  let checkedAt = performance.now();
  try {
    for (let i = 0; i < held.length; i += Math.max(1, config.smtp.pool)) {
      const batch = held.slice(i, i + Math.max(1, config.smtp.pool));
      const marks = flushed();
      const grant = await store.campaigns.transmit(batch.map((r) => live.get(r.id)!), leaseMs, marks).catch((err: unknown) => {
        // Not recorded: they are marked at the end (finally) with the rest, not lost — else accepted mails would
        // be parked as possibly delivered.
        sentMarks = [...marks, ...sentMarks];
        throw err;
      });
      const granted = new Set(grant.granted);
      const stopped = new Set(grant.stopped);
      forget(marks);
      // A row not granted was taken by another sender after this one's lease ran out: it is theirs to send. One
      // stopped was its member's, who left since the hold: recorded as not sent by the same statement.
      for (const r of batch) {
        if (granted.has(r.id)) continue;
        live.delete(r.id);
        if (stopped.has(r.id)) continue;
        lost++;
      }
      inFlight.push(Promise.all(batch.filter((r) => granted.has(r.id)).map(sendOne)));
      if (inFlight.length >= DEPTH) await inFlight.shift();
      // Failures count toward the pause at once; successes reset the count only when there is one to reset.
      if (tally.failed > 0 || (knownFailures > 0 && tally.sent > 0)) await record();
      // A pause by hand (`crieur campaigns pause`) is seen within a second: the rows not yet transmitted go back. A
      // campaign `done` meanwhile was finished by another sender of the same chunk (a replayed job, one that took over
      // rows whose lease ran out): nothing is left for this one, and it was not paused (tests/announce/lease.test.ts
      // under load got 'paused' from such a sender).
      let finished = false;
      if (performance.now() - checkedAt > 1_000) {
        checkedAt = performance.now();
        const status = (await store.campaigns.get(campaign.id))?.status;
        if (status === 'done') finished = true;
        else if (status !== 'sending') result = 'paused';
      }
      // A row deferred by a 4xx waits under its own lease (deferral); the others go on.
      if (result === 'paused' || lost > 0 || finished) break;
    }
    await Promise.all(inFlight);
    const marks = flushed();
    await store.campaigns.markSent(marks);
    forget(marks);
  } finally {
    // After an error, what is still in flight ends before its rows are given up (and never rejects unobserved).
    await Promise.allSettled(inFlight);
    clearInterval(keeper);
    const rest = flushed();
    if (rest.length > 0) await store.campaigns.markSent(rest).catch((err: Error) => log.warn({ campaign: campaign.id, err: err.message }, 'sent marks not recorded: the recovery sweep parks these rows'));
    // Rows held but never transmitted (a pause, a 4xx, a stop) are left for the next sender at once.
    await store.campaigns.release([...live.values()]).catch(() => undefined);
  }
  await record();
  if (lost > 0) log.warn({ campaign: campaign.id, rows: lost }, 'lease ran out before these rows were sent: left to the sender that took them');
  if (result === 'paused') return 'paused';
  if (deferred > 0) log.info({ campaign: campaign.id, rows: deferred }, 'mails deferred by the server: each is tried again after its wait (delivery.retryMinutes)');
  return 'sent';
}
