/**
 * The sender runner: takes the status lock of a job's outbox rows (one statement), sends their stored bytes side
 * by side on the pooled connections, records each SMTP answer as it arrives (the `sent` marks that arrive together
 * share one statement). A job usually carries a filing's mails (an acknowledgement per speaker, a notice per
 * organizer): one job and one claim instead of one per mail.
 *
 * A row that failed is recorded on the row (the server's answer, or the connection error) and goes back to queued;
 * it is answered in `failed` with the sender's error (ESMTP_TRANSIENT / ESMTP_PERMANENT), and the worker boundary
 * decides for that row alone: retry on the deliver runner's schedule, or park (5xx at once; 4xx once
 * delivery.giveUpAfterHours have passed) — its siblings that went out are never sent again. A 5xx refusing the address
 * of a member the row names (a digest's VERP sender) is also that member's bounce (countRefusal). A row already sent,
 * or held by another live worker, is left alone: never twice.
 */
import { findMemberToken } from '../core/membership/token.ts';
import { systemClock } from './clock.ts';
import { countSendRefusal, memberOfToken } from './membership.ts';
import type { OutboxItem, OutboxPurpose } from './outbox-store.ts';
import type { AppDeps } from './deps.ts';

/** The purposes checked after the claim, before the send (memberLeftSince). */
const CHECKED_FIRST: readonly OutboxPurpose[] = ['digest'];

export interface Delivery {
  sent: number[];
  /** Rows parked at once: the connection was lost after the whole message went out, it may have been delivered. */
  parked: number[];
  /** Rows already sent, held by another worker, or of a paused digest (left queued for its resume): nothing done. */
  skipped: number[];
  failed: { id: number; error: Error }[];
}

/** `clock` and `onBounce` (metrics) are for scoring a member's address refused at send; a process without them uses the system clock. */
type DeliverDeps = Pick<AppDeps, 'store' | 'sender' | 'log' | 'config'> & Partial<Pick<AppDeps, 'clock' | 'onBounce'>>;

export async function deliverOutboxes(deps: DeliverDeps, ids: readonly number[]): Promise<Delivery> {
  const { sender } = deps;
  if (!sender) throw new Error('this process has no SMTP sender configured (smtp.url)');
  const out: Delivery = { sent: [], parked: [], skipped: [], failed: [] };
  // The claim marks the rows transmitting (one commit instead of two), so they must not wait for a connection
  // after it: as many connections are reserved as rows are claimed, before the claim.
  const chunk = Math.max(1, sender.connections ?? ids.length);
  for (let i = 0; i < ids.length; i += chunk) {
    const part = ids.slice(i, i + chunk);
    const release = sender.reserve ? await sender.reserve(part.length) : () => undefined;
    try {
      await deliverPart(deps, part, out);
    } finally {
      release();
    }
  }
  return out;
}

/**
 * How long a filing waits for pooled connections to send its own mails. In a backlog every connection is busy most of
 * the time, each for a few milliseconds a mail: a short wait in line sends nearly every filing's mails from its own job
 * (bench/ingest: with no wait, 10 of 2,199). A relay that hangs holds the connections it has: the wait bounds what the
 * filings after them lose before they hand their mails to a deliver job (and createSendNowGate stops them trying).
 */
export const SEND_NOW_WAIT_MS = 2_000;

/** An own send slower than this: the relay is taken as hanging, and filings hand their mails to deliver jobs. */
export const SEND_NOW_SLOW_MS = 5_000;

/**
 * Whether filings may send their own mails now: not while one of those sends has been under way for longer than
 * `slowMs`. A relay that accepts connections and then hangs holds a send until its reply timeout (minutes); the first
 * filings caught by it wait that long, but the ones after them hand their mails to deliver jobs — the inbox's work
 * goes on, and the deliver queue waits for the relay as it always did.
 */
export function createSendNowGate(now: () => number, slowMs = SEND_NOW_SLOW_MS) {
  const started = new Set<{ at: number }>();
  return {
    open(): boolean {
      const t = now();
      for (const s of started) if (t - s.at > slowMs) return false;
      return true;
    },
    async track<T>(work: () => Promise<T>): Promise<T> {
      const s = { at: now() };
      started.add(s);
      try {
        return await work();
      } finally {
        started.delete(s);
      }
    },
  };
}

/**
 * Pooled connections for a filing's `n` mails within `waitMs`, before it queues them: with them, its enqueue inserts
 * the rows already claimed (OutboxStore.enqueueAll's `claim`) and deliverClaimed sends them at once — no deliver
 * job's round trips through Redis, no claim of its own, the bytes never read back. null when the pool stayed busy, or
 * the sender cannot say, or there are more mails than connections: the caller queues them for a deliver job.
 */
export async function reserveFor(deps: Pick<DeliverDeps, 'sender'>, n: number, waitMs = SEND_NOW_WAIT_MS): Promise<(() => void) | null> {
  const sender = deps.sender;
  if (!sender?.reserveWithin || n === 0 || n > (sender.connections ?? 0)) return null;
  return sender.reserveWithin(n, waitMs);
}

/** The lease rows are claimed with (a deliver job's claim, or a filing's enqueue that claims). */
export const sendLeaseMs = (config: DeliverDeps['config']): number => config.queue.sendLeaseSeconds * 1000;

/**
 * Sends rows their caller claimed as transmitting in the commit that queued them (reserveFor, then enqueueAll's
 * `claim`), on the connections it reserved: as a deliver job's rows once claimed.
 */
export async function deliverClaimed(deps: DeliverDeps, items: readonly OutboxItem[]): Promise<Delivery> {
  if (!deps.sender) throw new Error('this process has no SMTP sender configured (smtp.url)');
  if (items.some((i) => CHECKED_FIRST.includes(i.purpose))) throw new Error(`${CHECKED_FIRST.join(', ')} rows are checked before they go: claim them with claimAll`);
  const out: Delivery = { sent: [], parked: [], skipped: [], failed: [] };
  await sendClaimed(deps, items, out);
  return out;
}

async function deliverPart(deps: DeliverDeps, ids: readonly number[], out: Delivery): Promise<void> {
  // A digest is marked transmitting only once its member check passed: a kill or an error during the check leaves
  // it claimable again, not parked as possibly delivered.
  const items = await deps.store.outbox.claimAll(ids, sendLeaseMs(deps.config), { transmitting: true, checkFirst: CHECKED_FIRST });
  const claimed: OutboxItem[] = [];
  items.forEach((item, i) => (item ? claimed.push(item) : out.skipped.push(ids[i]!)));
  await sendClaimed(deps, claimed, out);
}

async function sendClaimed(deps: DeliverDeps, items: readonly OutboxItem[], out: Delivery): Promise<void> {
  const { store } = deps;
  const leaseMs = sendLeaseMs(deps.config);
  // Rows in transmission have their lease renewed until their answer is recorded: a relay may take minutes to answer
  // the final dot (the sender waits RFC 5321's 10), and a row whose lease ran out mid-transaction would be parked by
  // the sweep as interrupted. A digest joins once its member check passed (a check that hangs must let it go).
  const transmitting = new Map<number, { id: number; attempts: number }>();
  const keeper = setInterval(() => void store.outbox.renew([...transmitting.values()], leaseMs).catch(() => undefined), Math.max(250, leaseMs / 3));
  keeper.unref();
  const settled = await Promise.allSettled(
    items.map(async (item) => {
      if (!CHECKED_FIRST.includes(item.purpose)) transmitting.set(item.id, { id: item.id, attempts: item.attempts });
      try {
        await deliverOne(deps, item, out, () => transmitting.set(item.id, { id: item.id, attempts: item.attempts }));
      } finally {
        transmitting.delete(item.id);
      }
    }),
  );
  clearInterval(keeper);
  // A failure recorded nowhere (the database went away during a mark): the job is tried again as a whole — the
  // rows marked sent are then skipped by the claim.
  const lost = settled.find((s) => s.status === 'rejected');
  if (lost) throw lost.reason;
}

async function deliverOne(deps: DeliverDeps, item: OutboxItem, out: Delivery, onTransmitting: () => void): Promise<void> {
  const { store, log } = deps;
  const sender = deps.sender!;
  if (await memberLeftSince(deps, item)) return void out.skipped.push(item.id);
  // Its lease ran out during the check and another worker took it: theirs to send.
  if (CHECKED_FIRST.includes(item.purpose)) {
    if (!(await store.outbox.markTransmitting(item.id, { attempts: item.attempts }))) return void out.skipped.push(item.id);
    onTransmitting();
  }
  let r: { response: string };
  try {
    r = await sender.send(item.raw, { from: item.envelopeFrom, to: [item.recipient] });
  } catch (err) {
    const e = err as Error & { code?: string; response?: string | null; fix?: string };
    const response = e.response ?? null;
    if (e.code === 'ESMTP_UNCERTAIN') {
      // Never sent again on its own, as a row whose sender died mid-transaction (parkInterrupted): one mail twice
      // is what the outbox exists to prevent. The organizers' daily summary lists it.
      await store.outbox.markFailed(item.id, e.message, response, false);
      log.error({ outbox: item.id, to: item.recipient, attempt: item.attempts, answer: e.message }, 'mail parked');
      return void out.parked.push(item.id);
    }
    // Queued again until the boundary decides; the answer stays on the row for `crieur failed list`.
    await store.outbox.markFailed(item.id, e.message, response, true);
    if (e.code === 'ESMTP_PERMANENT') await countRefusal(deps, item, e);
    // What the server said, or why no server answered (refused, timeout): never a bare null.
    log.warn({ outbox: item.id, to: item.recipient, attempt: item.attempts, code: e.code, answer: response ?? e.message, ...(e.fix ? { fix: e.fix } : {}) }, 'mail not accepted');
    out.failed.push({ id: item.id, error: e });
    return;
  }
  // Marked as soon as its answer is in, not after the slowest of its siblings: a kill or a lease running out
  // meanwhile would park an accepted mail as "may have been delivered". Marks arriving together still share one
  // statement (src/adapters/db/coalesce.ts). A crash before it leaves the row "transmitting": parked, never resent.
  await store.outbox.markSent(item.id, r.response);
  out.sent.push(item.id);
  log.info({ outbox: item.id, purpose: item.purpose, to: item.recipient }, 'mail sent');
}

/**
 * A mail whose VERP envelope sender names a member (a list digest) refused by the relay: that member's bounce when the
 * refusal is about their address (countSendRefusal), as from a campaign. Other mail (an acknowledgement, a join
 * confirmation to someone not yet a member) names nobody on the roster. A failure to score it loses a bounce only.
 */
async function countRefusal(deps: DeliverDeps, item: OutboxItem, e: Error & { response?: string | null; responseCode?: number | null; command?: string | null }): Promise<void> {
  try {
    const member = await memberOfToken(deps, item.envelopeFrom, 'bounce');
    if (!member) return;
    await countSendRefusal({ ...deps, clock: deps.clock ?? systemClock }, member.id, { responseCode: e.responseCode ?? null, response: e.response ?? null, command: e.command ?? null }, item.id);
  } catch (err) {
    deps.log.warn({ outbox: item.id, err: (err as Error).message }, 'refusal not counted as a bounce');
  }
}

/**
 * A member's list digest names its member in its VERP envelope sender: one who left or was disabled since it was
 * queued gets nothing, as from a campaign (send-campaign.ts); the row is parked with the reason. Digests only: a
 * confirmation goes to a pending member.
 */
async function memberLeftSince(deps: Pick<AppDeps, 'store' | 'log'>, item: { id: number; purpose: string; envelopeFrom: string; recipient: string }): Promise<boolean> {
  const member = item.purpose === 'digest' ? findMemberToken(item.envelopeFrom) : null;
  if (member?.purpose !== 'bounce') return false;
  let row;
  try {
    row = await deps.store.membership.byId(member.id);
  } catch (err) {
    // Nothing was sent: back to queued at once (else claimable again once its lease runs out).
    await deps.store.outbox.markFailed(item.id, `member check failed: ${(err as Error).message}`, null, true).catch(() => undefined);
    throw err;
  }
  if (!row || row.status === 'active') return false;
  await deps.store.outbox.markFailed(item.id, `not sent: member ${row.status}`, null, false, { notUndelivered: true });
  deps.log.info({ outbox: item.id, purpose: item.purpose, to: item.recipient, status: row.status }, 'mail not sent: member not active');
  return true;
}
