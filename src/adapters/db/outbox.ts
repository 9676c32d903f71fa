/**
 * The outbound ledger. A row is the exact bytes to send and its fate. `claimAll` is the status lock: one UPDATE
 * that only one worker can win (queued, or sending with an expired lease → sending), so a mail is never sent
 * twice by two workers, and a worker that died mid-send is taken over once its lease runs out.
 */
import type { NewOutboxItem, OutboxItem, OutboxStore } from '../../app/outbox-store.ts';
import { toBuffer, type Db } from './db.ts';
import { coalesce } from './coalesce.ts';

interface Row {
  id: number;
  purpose: OutboxItem['purpose'];
  subject_ref: string;
  recipient: string;
  raw: unknown;
  envelope_from: string;
  status: OutboxItem['status'];
  attempts: number;
  last_error: string | null;
  smtp_response: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const COLUMNS = 'id, purpose, subject_ref, recipient, raw, envelope_from, status, attempts, last_error, smtp_response, created_at, sent_at';
/**
 * A row is claimable when queued, or when its sender died before it began the SMTP transaction. A sender that
 * died during the transaction may have had the mail accepted: that row is parked (parkInterrupted), never
 * claimed again by itself — never the same mail twice. `phase = 'open'` (queued or sending) names the rows the index
 * outbox_open holds (migration 026).
 */
export const CLAIMABLE = `(phase = 'open' AND (status = 'queued' OR (status = 'sending' AND lease_until < now() AND transmitting_at IS NULL)))`;
/**
 * What the deliver queue sends: rows outside any campaign, and a list digest's rows (migration 015: a campaign whose
 * rows keep their own bytes) unless their campaign is paused — those stay queued until `crieur campaigns resume`.
 * An announcement's, a reminder's or a call's ledger rows (migration 006) hold no bytes of their own: only the
 * campaign sender sends them.
 */
export const NOT_CAMPAIGN = `(campaign_id IS NULL OR (purpose = 'digest'
  AND NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.id = outbox.campaign_id AND c.status = 'paused')))`;
/** The `phase` of rows of a status (migration 026): what the partial indexes name. */
const phaseOf = (status: OutboxItem['status']) => (status === 'queued' || status === 'sending' ? 'open' : status);
export const INTERRUPTED_ERROR =
  'interrupted during the SMTP transaction (the sender stopped): it may have been delivered — check with the recipient before `crieur failed retry`';

/**
 * The claim of several rows in one statement. A row asked for twice in one batch (two jobs for one mail racing)
 * is updated once: the first asker gets it, the other gets null, as if it had lost the race alone.
 */
async function claimMany(db: Db, ids: number[], o: ClaimOptions): Promise<(OutboxItem | null)[]> {
  const rows = await db.query<Row>(
    `UPDATE outbox SET status = 'sending', attempts = attempts + 1, lease_until = now() + $2 * interval '1 millisecond',
       transmitting_at = CASE WHEN $3 AND NOT (purpose = ANY($4::text[])) THEN now() END, updated_at = now()
     WHERE id = ANY($1::integer[]) AND ${CLAIMABLE} AND ${NOT_CAMPAIGN} RETURNING ${COLUMNS}`,
    [[...new Set(ids)].sort((a, b) => a - b), o.leaseMs, o.transmitting, o.checkFirst],
  );
  const won = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const r = won.get(id);
    won.delete(id);
    return r ? toItem(r) : null;
  });
}

/** The answers of one flattened statement, cut back into the callers' groups. */
function split<T>(groups: readonly (readonly unknown[])[], flat: T[]): T[][] {
  let at = 0;
  return groups.map((g) => flat.slice(at, (at += g.length)));
}

function toItem(r: Row): OutboxItem {
  return {
    id: r.id,
    purpose: r.purpose,
    subjectRef: r.subject_ref,
    recipient: r.recipient,
    raw: toBuffer(r.raw),
    envelopeFrom: r.envelope_from,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    smtpResponse: r.smtp_response,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

type ClaimOptions = { leaseMs: number; transmitting: boolean; checkFirst: readonly string[] };

type EnqueueGroup = { items: Parameters<OutboxStore['enqueueAll']>[0]; opts: NonNullable<Parameters<OutboxStore['enqueueAll']>[1]> };
type Enqueued = { id: number; inserted: boolean } | null;

/**
 * Several callers' enqueueAll in one call of crieur_enqueue (migration 019). Each caller's rows stay in its order (a cap
 * reached within them refuses the later ones), the callers in the order of their first row's key, whoever asked first:
 * two processes' batches holding the same filings (a replay racing its first run) then wait for each other in one
 * order, never in a cycle. Each capped row counts from its own caller's `since`.
 */
async function enqueueMany(db: Db, groups: EnqueueGroup[]): Promise<Enqueued[][]> {
  const key = (i: NewOutboxItem | undefined) => (i ? `${i.subjectRef}\u0000${i.recipient}\u0000${i.purpose}` : '');
  const order = groups.map((g, group) => ({ group, key: key(g.items[0]) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rows = order.flatMap(({ group }) => groups[group]!.items.map((item, at) => ({ item, group, at, leaseMs: groups[group]!.opts.claim?.leaseMs ?? null })));
  const completes = [...new Set(groups.map((g) => g.opts.completes).filter((id): id is number => id !== undefined))].sort((a, b) => a - b);
  const answers = await db.query<{ pos: number; id: number | null; inserted: boolean }>(
    `SELECT pos, id, inserted FROM crieur_enqueue($1::text[], $2::text[], $3::text[], $4::bytea, $5::integer[], $6::text[],
                                                   $7::integer[], $8::integer[], $9::timestamptz[], $10::integer[], $11::integer[]) ORDER BY pos`,
    [
      rows.map((r) => r.item.purpose),
      rows.map((r) => r.item.subjectRef),
      rows.map((r) => r.item.recipient),
      // One binary parameter for all the bytes (see migration 003).
      Buffer.concat(rows.map((r) => r.item.raw)),
      rows.map((r) => r.item.raw.length),
      rows.map((r) => r.item.envelopeFrom),
      rows.map((r) => r.item.causeMessageId ?? null),
      rows.map((r) => r.item.cap?.limit ?? null),
      rows.map((r) => r.item.cap?.since ?? null),
      completes,
      rows.map((r) => r.leaseMs),
    ],
  );
  if (answers.length !== rows.length) throw new Error(`crieur_enqueue answered ${answers.length} rows for ${rows.length}`);
  const out: Enqueued[][] = groups.map((g) => new Array<Enqueued>(g.items.length).fill(null));
  answers.forEach((a, i) => {
    const r = rows[i]!;
    out[r.group]![r.at] = a.id === null ? null : { id: a.id, inserted: a.inserted };
  });
  return out;
}



export function outboxStore(db: Db): OutboxStore {
  // Claims made together by concurrent deliver jobs are one UPDATE (one synchronous commit): each row still
  // commits its claim before its own SMTP transaction begins, and only one claim per row can win (below). An
  // input is a job's rows: they go in one statement, whoever else's rows share it.
  const claimers = new Map<string, (ids: readonly number[]) => Promise<(OutboxItem | null)[]>>();
  const claimer = (o: ClaimOptions) => {
    const key = `${o.leaseMs}/${o.transmitting}/${o.checkFirst.join(',')}`;
    let c = claimers.get(key);
    if (!c) claimers.set(key, (c = coalesce(async (groups: (readonly number[])[]) => split(groups, await claimMany(db, groups.flat(), o)))));
    return c;
  };
  // "sent" marks likewise: one UPDATE for the mails whose SMTP answers came in while the previous mark committed.
  const markSent = coalesce(async (groups: (readonly { id: number; smtpResponse: string }[])[]) => {
    const marks = groups.flat();
    // id = ANY(…), each row's answer looked up by its position: an index scan once planned with its values (a join
    // with unnest(…) may be planned as a hash join over the whole table once it is large). Planned with its values
    // at each execution: a cached generic plan made on a small outbox scanned it whole (pg-db.ts).
    await db.query(
      `UPDATE outbox SET status = 'sent', sent_at = now(), smtp_response = ($2::text[])[array_position($1::integer[], id)],
         last_error = NULL, lease_until = NULL, updated_at = now()
       WHERE id = ANY($1::integer[])`,
      [marks.map((m) => m.id), marks.map((m) => m.smtpResponse)],
    );
    return groups.map(() => undefined);
  });
  // The filings in flight together (16 classify jobs in a backlog) queue their mails in one call of crieur_enqueue: one
  // round trip and one commit — synchronous when any of them claims its rows — for all of them. A lone filing goes
  // at once (coalesce.ts). A batch that fails is run again caller by caller: a row the database refuses fails only its
  // own filing (parked at once, as alone), not the ones it shared the statement with.
  const enqueue = coalesce((groups: EnqueueGroup[]) => enqueueMany(db, groups), { alone: true });
  const self: OutboxStore = {
    async enqueue(item) {
      const [r] = await self.enqueueAll([item]);
      return r!;
    },

    async enqueueCapped(item, cap) {
      const [r] = await self.enqueueAll([{ ...item, cap }]);
      return r ?? null;
    },

    enqueueAll(items, opts = {}) {
      return enqueue({ items, opts });
    },

    claimAll(ids, leaseMs, opts = {}) {
      return ids.length === 0 ? Promise.resolve([]) : claimer({ leaseMs, transmitting: opts.transmitting === true, checkFirst: opts.checkFirst ?? [] })(ids);
    },

    markSent(id, smtpResponse) {
      return markSent([{ id, smtpResponse }]);
    },

    async markFailed(id, error, smtpResponse, retry, opts = {}) {
      const rows = await db.query<{ id: number }>(
        `UPDATE outbox SET status = $2, last_error = $3, smtp_response = $4, lease_until = NULL, transmitting_at = NULL, updated_at = now(),
           reported_at = CASE WHEN $6::boolean THEN now() ELSE reported_at END
         WHERE id = $1 AND ($5::text IS NULL OR status = $5::text) RETURNING id`,
        [id, retry ? 'queued' : 'failed', error, smtpResponse, opts.onlyIf ?? null, opts.notUndelivered === true],
      );
      return rows.length > 0;
    },

    async markTransmitting(id, fence) {
      if (!fence) {
        const rows = await db.query<{ id: number }>(`UPDATE outbox SET transmitting_at = now() WHERE id = $1 AND status = 'sending' RETURNING id`, [id]);
        return rows.length > 0;
      }
      // The claim's own attempt, its lease still running: a claim taken over after the lease ran out is the other's.
      const rows = await db.query<{ id: number }>(
        `UPDATE outbox SET transmitting_at = now(), updated_at = now()
         WHERE id = $1 AND attempts = $2 AND status = 'sending' AND transmitting_at IS NULL AND lease_until > now() RETURNING id`,
        [id, fence.attempts],
      );
      return rows.length > 0;
    },

    renew: (rows, leaseMs) => renewLeases(db, rows, leaseMs),

    async parkInterrupted() {
      const rows = await db.query<{ id: number }>(
        `UPDATE outbox SET status = 'failed', last_error = $1, lease_until = NULL, updated_at = now()
         WHERE phase = 'open' AND status = 'sending' AND lease_until < now() AND transmitting_at IS NOT NULL RETURNING id`,
        [INTERRUPTED_ERROR],
      );
      return rows.map((r) => r.id);
    },

    async get(id) {
      const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM outbox WHERE id = $1`, [id]);
      return rows[0] ? toItem(rows[0]) : null;
    },

    async requeue(id) {
      await db.query(
        // reported_at: parked again later, it is in the next daily summary again (migration 007).
        `UPDATE outbox SET status = 'queued', attempts = 0, lease_until = NULL, transmitting_at = NULL, reported_at = NULL, updated_at = now()
         WHERE id = $1 AND status = 'failed'`,
        [id],
      );
    },

    async list(filter = {}) {
      const rows = filter.status
        ? await db.query<Row>(`SELECT ${COLUMNS} FROM outbox WHERE phase = $2 AND status = $1 ORDER BY id`, [filter.status, phaseOf(filter.status)])
        : await db.query<Row>(`SELECT ${COLUMNS} FROM outbox ORDER BY id`);
      return rows.map(toItem);
    },

    async pending(limit, olderThan) {
      const rows = olderThan
        ? await db.query<{ id: number }>(`SELECT id FROM outbox WHERE ${CLAIMABLE} AND ${NOT_CAMPAIGN} AND updated_at < $2 ORDER BY id LIMIT $1`, [limit, olderThan])
        : await db.query<{ id: number }>(`SELECT id FROM outbox WHERE ${CLAIMABLE} AND ${NOT_CAMPAIGN} ORDER BY id LIMIT $1`, [limit]);
      return rows.map((r) => r.id);
    },

    // Through the open mails (outbox_open, migration 026: those in flight, never the history): a rare path (a job that
    // finds its message done), whose own index cost an entry for every mail a filing queues.
    async queuedFor(causeMessageId) {
      const rows = await db.query<{ id: number }>(`SELECT id FROM outbox WHERE phase = 'open' AND cause_message_id = $1 AND status = 'queued' ORDER BY id`, [causeMessageId]);
      return rows.map((r) => r.id);
    },
  };
  return self;
}

/**
 * Extends the lease of rows still being sent by their holder — the attempt that claimed them (`attempts` fences a row
 * claimed again meanwhile): how many were renewed. Deliveries and campaign chunks alike (one outbox).
 */
export async function renewLeases(db: Db, rows: readonly { id: number; attempts: number }[], leaseMs: number): Promise<number> {
  if (rows.length === 0) return 0;
  const renewed = await db.query<{ id: number }>(
    `UPDATE outbox o SET lease_until = now() + $3 * interval '1 millisecond'
     FROM unnest($1::integer[], $2::integer[]) AS h(id, attempts)
     WHERE o.id = h.id AND o.attempts = h.attempts AND o.status = 'sending' RETURNING o.id`,
    [rows.map((r) => r.id), rows.map((r) => r.attempts), leaseMs],
  );
  return renewed.length;
}
