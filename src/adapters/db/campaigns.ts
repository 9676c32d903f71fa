/**
 * Campaigns and their send ledger (migration 006): the CampaignStore of src/app/campaign-store.ts over a Db.
 * Ledger rows are outbox rows (campaign_id set, raw empty: the bytes are the campaign's parts with the
 * recipient's slots filled, the same on every attempt), so the outbox's key, status lock, lease and RFC 1047
 * parking apply to them unchanged. A digest's rows (migration 015) keep their own bytes and are the deliver
 * queue's (outbox.ts): the campaign sender never takes them, and no sender marks a digest done — its status is
 * read from its rows.
 */
import type { CampaignParts, CampaignRecord, CampaignStore, ClaimedRecipient } from '../../app/campaign-store.ts';
import type { Db } from './db.ts';
import type { Language } from '../../types.ts';
import { renewLeases } from './outbox.ts';

interface Row {
  id: number;
  key: string;
  kind: CampaignRecord['kind'];
  event_id: number | null;
  list: string | null;
  status: CampaignRecord['status'];
  pause_reason: string | null;
  consecutive_failures: number;
  created_at: Date | string;
  event_sequence: number | null;
}

/**
 * A digest is done once none of its rows is queued or sending: the deliver queue, which sends them, keeps no
 * campaign state, so the status is read here — a row requeued by `crieur failed retry` makes it sending again.
 * So is any campaign with rows, none left to send: its last rows may end outside a send — parked by the recovery
 * sweep once the sender that held them died (black-box audit: an announcement killed mid-send, its 40 rows parked,
 * stayed « sending, 0 queued » for good).
 */
const STATUS = `CASE WHEN c.status = 'sending'
    AND (c.kind = 'digest' OR EXISTS (SELECT 1 FROM outbox d WHERE d.campaign_id = c.id))
    AND NOT EXISTS (SELECT 1 FROM outbox d WHERE d.campaign_id = c.id AND d.status IN ('queued', 'sending')) THEN 'done'
  ELSE c.status END AS status`;
const COLUMNS = `c.id, c.key, c.kind, c.event_id, c.list, ${STATUS}, c.pause_reason, c.consecutive_failures, c.created_at, c.event_sequence`;
const COUNTS = `(SELECT count(*)::int FROM outbox o WHERE o.campaign_id = c.id) AS total,
  (SELECT count(*)::int FROM outbox o WHERE o.campaign_id = c.id AND o.status = 'sent') AS sent,
  (SELECT count(*)::int FROM outbox o WHERE o.campaign_id = c.id AND o.status = 'failed') AS failed,
  (SELECT count(*)::int FROM outbox o WHERE o.campaign_id = c.id AND o.status IN ('queued', 'sending')) AS queued`;
/**
 * The active members of the roster list (`list`: the query parameter naming it), for addMembers and unreached: one
 * query text, so that a dry run counts exactly whom the real run adds.
 */
const ROSTER = (list: string) => `subscribers s JOIN subscriber_lists l ON l.subscriber_id = s.id AND l.list = ${list} WHERE s.status = 'active'`;
/** A row that goes only to an active member: neither a list's nor a speaker's (send-campaign.ts memberGated). */
const MEMBER_GATED = (o: string) => `coalesce(${o}.variant, '') NOT LIKE 'list:%' AND coalesce(${o}.variant, '') NOT LIKE 'speaker:%'`;
/** The outbox's own claim condition (outbox.ts): queued, or sending with an expired lease before SMTP began. */
const CLAIMABLE = `(o.status = 'queued' OR (o.status = 'sending' AND o.lease_until < now() AND o.transmitting_at IS NULL))`;

function toRecord(r: Row): CampaignRecord {
  return {
    id: r.id,
    key: r.key,
    kind: r.kind,
    eventId: r.event_id,
    list: r.list,
    status: r.status,
    pauseReason: r.pause_reason,
    consecutiveFailures: r.consecutive_failures,
    createdAt: new Date(r.created_at),
    eventSequence: r.event_sequence,
  };
}

export function campaignStore(db: Db): CampaignStore {
  const get = async (id: number) => {
    // An id the serial column cannot hold names no campaign (`campaigns show 99999999999`: a typo), not a database error.
    if (!(Number.isInteger(id) && id >= 1 && id <= 2_147_483_647)) return null;
    const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM campaigns c WHERE c.id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  };
  return {
    async create(c) {
      const inserted = await db.query<Row>(
        `INSERT INTO campaigns AS c (key, kind, event_id, list, parts, event_sequence) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
         ON CONFLICT (key) DO NOTHING RETURNING ${COLUMNS}`,
        [c.key, c.kind, c.eventId, c.list, JSON.stringify(c.parts), c.eventSequence ?? null],
      );
      if (inserted[0]) return { campaign: toRecord(inserted[0]), created: true };
      const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM campaigns c WHERE c.key = $1`, [c.key]);
      return { campaign: toRecord(rows[0]!), created: false };
    },

    get,

    async ofRow(rowId) {
      const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM campaigns c JOIN outbox o ON o.campaign_id = c.id WHERE o.id = $1`, [rowId]);
      return rows[0] ? toRecord(rows[0]) : null;
    },

    async list() {
      const rows = await db.query<Row & { total: number; sent: number; failed: number; queued: number }>(
        `SELECT ${COLUMNS}, ${COUNTS} FROM campaigns c ORDER BY c.id`,
      );
      return rows.map((r) => ({ ...toRecord(r), total: r.total, sent: r.sent, failed: r.failed, queued: r.queued }));
    },

    async lastDeferral(id) {
      const rows = await db.query<{ last_error: string; smtp_response: string | null }>(
        `SELECT last_error, smtp_response FROM outbox
         WHERE campaign_id = $1 AND status IN ('queued', 'sending') AND last_error IS NOT NULL
         ORDER BY updated_at DESC NULLS LAST, id DESC LIMIT 1`,
        [id],
      );
      const r = rows[0];
      return r ? { error: r.last_error, response: r.smtp_response } : null;
    },

    async held(id) {
      // A row a 4xx deferred waits as `sending` too, under a lease that ends at its next try: nothing transmitting, its
      // error kept (send-campaign.ts deferral). A sender's own rows are in transmission, or claimed with no error yet.
      const rows = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox WHERE campaign_id = $1 AND status = 'sending' AND (transmitting_at IS NOT NULL OR last_error IS NULL)`,
        [id],
      );
      return rows[0]?.n ?? 0;
    },

    async counts(id) {
      const rows = await db.query<{ total: number; sent: number; failed: number; queued: number }>(
        `SELECT count(*)::int AS total, (count(*) FILTER (WHERE status = 'sent'))::int AS sent,
           (count(*) FILTER (WHERE status = 'failed'))::int AS failed, (count(*) FILTER (WHERE status IN ('queued', 'sending')))::int AS queued
         FROM outbox WHERE campaign_id = $1`,
        [id],
      );
      return rows[0]!;
    },

    async parts(id) {
      const rows = await db.query<{ parts: CampaignParts | string }>('SELECT parts FROM campaigns WHERE id = $1', [id]);
      const p = rows[0]?.parts;
      if (p === undefined) throw new Error(`no campaign ${id}`);
      return typeof p === 'string' ? (JSON.parse(p) as CampaignParts) : p;
    },

    async addRecipients(id, purpose, subjectRef, envelopeFrom, recipients) {
      if (recipients.length === 0) return 0;
      const rows = await db.query<{ n: number }>(
        `WITH ins AS (
           INSERT INTO outbox (purpose, subject_ref, recipient, raw, envelope_from, campaign_id, variant)
           SELECT $1, $2, u.email, ''::bytea, $3, $4, u.variant FROM unnest($5::text[], $6::text[]) AS u(email, variant)
           ON CONFLICT (purpose, subject_ref, recipient) DO NOTHING RETURNING 1)
         SELECT count(*)::int AS n FROM ins`,
        [purpose, subjectRef, envelopeFrom, id, recipients.map((r) => r.email), recipients.map((r) => r.variant)],
      );
      return rows[0]?.n ?? 0;
    },

    async addMails(id, purpose, mails) {
      if (mails.length === 0) return [];
      // One statement; the bytes as one bytea parameter cut by offsets (a bytea[] travels as hex text: migration 003).
      const starts: number[] = [];
      let at = 1;
      for (const m of mails) {
        starts.push(at);
        at += m.raw.length;
      }
      const rows = await db.query<{ id: number }>(
        `INSERT INTO outbox (purpose, subject_ref, recipient, raw, envelope_from, campaign_id)
         SELECT $1, u.ref, u.rcpt, substring($4::bytea FROM u.at FOR u.len), u.env, $2
         FROM unnest($3::text[], $5::text[], $6::integer[], $7::integer[], $8::text[]) WITH ORDINALITY AS u(ref, rcpt, at, len, env, n) ORDER BY u.n
         ON CONFLICT (purpose, subject_ref, recipient) DO NOTHING RETURNING id`,
        [
          purpose,
          id,
          mails.map((m) => m.subjectRef),
          Buffer.concat(mails.map((m) => m.raw)),
          mails.map((m) => m.recipient),
          starts,
          mails.map((m) => m.raw.length),
          mails.map((m) => m.envelopeFrom),
        ],
      );
      return rows.map((r) => r.id).sort((a, b) => a - b);
    },

    async sinceDigests(list) {
      const rows = await db.query<{ key: string; posts: number[] | string | null }>(
        `SELECT c.key, c.parts->'posts' AS posts FROM campaigns c
         WHERE c.kind = 'digest' AND c.list = $1 AND c.key LIKE 'digest:' || $1 || ':since-%'
           AND EXISTS (SELECT 1 FROM outbox o WHERE o.campaign_id = c.id)
         ORDER BY c.id`,
        [list],
      );
      return rows.map((r) => ({ key: r.key.slice(`digest:${list}:`.length), posts: typeof r.posts === 'string' ? (JSON.parse(r.posts) as number[]) : r.posts }));
    },

    async firstAnnouncement(eventId) {
      const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM campaigns c WHERE c.kind = 'announce' AND c.event_id = $1 ORDER BY c.id LIMIT 1`, [eventId]);
      return rows[0] ? toRecord(rows[0]) : null;
    },

    async lastAnnouncement(eventId, below) {
      const rows = await db.query<Row>(
        `SELECT ${COLUMNS} FROM campaigns c WHERE c.kind = 'announce' AND c.event_id = $1 AND ($2::int IS NULL OR c.event_sequence < $2::int)
         ORDER BY c.event_sequence DESC NULLS LAST, c.id DESC LIMIT 1`,
        [eventId, below ?? null],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },

    async addPreviousRecipients(id, subjectRef, envelopeFrom, eventId, variants) {
      const rows = await db.query<{ n: number }>(
        `WITH prev AS (
           SELECT DISTINCT ON (lower(o.recipient)) o.recipient, m.now AS variant
           FROM outbox o JOIN campaigns c ON c.id = o.campaign_id JOIN unnest($5::text[], $6::text[]) AS m(was, now) ON m.was = o.variant
           WHERE c.kind = 'announce' AND c.event_id = $4 AND c.id <> $3 AND o.status = 'sent'
             -- a member who left since (unsubscribed, disabled) is no one to update: the roster says who is still in
             AND NOT EXISTS (SELECT 1 FROM subscribers s WHERE lower(s.email) = lower(o.recipient) AND s.status <> 'active')
           ORDER BY lower(o.recipient), o.id DESC),
         ins AS (
           INSERT INTO outbox (purpose, subject_ref, recipient, raw, envelope_from, campaign_id, variant)
           SELECT 'announce', $1, p.recipient, ''::bytea, $2, $3, p.variant FROM prev p
           ON CONFLICT (purpose, subject_ref, recipient) DO NOTHING RETURNING 1)
         SELECT count(*)::int AS n FROM ins`,
        [subjectRef, envelopeFrom, id, eventId, [...variants.keys()], [...variants.values()]],
      );
      return rows[0]?.n ?? 0;
    },

    async supersede(id, eventId, sequence, variants) {
      // Only rows still queued: one held or transmitting is its sender's. Not an undelivered mail: never in the
      // organizers' daily summary (reported_at, migration 007).
      const rows = await db.query<{ n: number }>(
        `WITH s AS (
           UPDATE outbox o SET status = 'failed', last_error = 'superseded by SEQUENCE ' || $3::int, reported_at = now(), updated_at = now()
           FROM campaigns c
           WHERE c.id = o.campaign_id AND c.kind = 'announce' AND c.event_id = $2 AND c.id <> $1 AND coalesce(c.event_sequence, 0) < $3::int
             AND o.status = 'queued' AND o.variant = ANY($4::text[])
           RETURNING 1)
         SELECT count(*)::int AS n FROM s`,
        [id, eventId, sequence, variants],
      );
      return rows[0]?.n ?? 0;
    },

    async addMembers(id, purpose, subjectRef, envelopeFrom, list, fallback, variantOf = (v) => v) {
      // One statement for the whole roster: 20,000 members are 20,000 small rows, not 20,000 round trips. The variant
      // of each language, as variantOf names it, joined by the member's language (else the fallback).
      const languages: Language[] = ['fr', 'en'];
      const rows = await db.query<{ n: number }>(
        `WITH ins AS (
           INSERT INTO outbox (purpose, subject_ref, recipient, raw, envelope_from, campaign_id, variant)
           SELECT $1, $2, s.email, ''::bytea, $3, $4,
                  (SELECT v.variant FROM unnest($7::text[], $8::text[]) AS v(language, variant) WHERE v.language = coalesce(s.language, $6))
           FROM ${ROSTER('$5')} ORDER BY s.id
           ON CONFLICT (purpose, subject_ref, recipient) DO NOTHING RETURNING 1)
         SELECT count(*)::int AS n FROM ins`,
        [purpose, subjectRef, envelopeFrom, id, list, fallback, languages, languages.map((l) => variantOf(`member:${l}`))],
      );
      return rows[0]?.n ?? 0;
    },

    async unreached(purpose, subjectRef, recipients, list) {
      // The ledger's key is (purpose, subject_ref, recipient), as ON CONFLICT reads it in addRecipients and addMembers.
      const had = (who: string) => `EXISTS (SELECT 1 FROM outbox o WHERE o.purpose = $1 AND o.subject_ref = $2 AND o.recipient = ${who})`;
      const rows = await db.query<{ r: string }>(`SELECT u.r FROM unnest($3::text[]) AS u(r) WHERE NOT ${had('u.r')}`, [purpose, subjectRef, recipients]);
      if (list === null) return { recipients: rows.map((x) => x.r), members: 0 };
      const n = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ROSTER('$3')} AND NOT ${had('s.email')}`, [purpose, subjectRef, list]);
      return { recipients: rows.map((x) => x.r), members: n[0]?.n ?? 0 };
    },

    async pendingChunks(id, size) {
      const rows = await db.query<{ id: number }>(`SELECT o.id FROM outbox o WHERE o.campaign_id = $1 AND ${CLAIMABLE} ORDER BY o.id`, [id]);
      const starts: number[] = [];
      for (const r of rows) if (starts.length === 0 || r.id >= starts[starts.length - 1]! + size) starts.push(r.id);
      return starts;
    },

    hold(id, from, size, limit, leaseMs) {
      return holdRows(db, id, from, size, limit, leaseMs);
    },

    async transmit(rows, leaseMs, sent) {
      // One statement: the previous batch's sent marks ride along with this batch's status lock (a data-modifying
      // WITH runs to completion whether or not the main query reads it). The lease is checked under the row lock:
      // once transmitting, a row is never claimable again, only parked if its sender stops renewing it.
      // The recipient's roster status is read here, not only at the hold: a chunk takes seconds to go out, and a
      // member who unsubscribed meanwhile gets nothing (as send-campaign.ts says of the hold). FOR SHARE waits for an
      // unsubscribe being committed and reads its outcome; list variants go to a list's address, never a member's, and
      // a speaker's row is their own talk's reminder, sent whatever the roster says (send-campaign.ts memberGated).
      const out = await db.query<{ id: number; stopped: boolean }>(
        `WITH done AS (
           UPDATE outbox o SET status = 'sent', sent_at = now(), smtp_response = u.response, last_error = NULL, lease_until = NULL, updated_at = now()
           FROM unnest($3::integer[], $4::text[]) AS u(id, response) WHERE o.id = u.id RETURNING o.id),
         member AS (
           SELECT lower(s.email) AS key, s.status FROM subscribers s
           WHERE lower(s.email) IN (SELECT lower(o.recipient) FROM outbox o WHERE o.id = ANY($1::integer[]) AND ${MEMBER_GATED('o')})
           FOR SHARE),
         held AS (
           SELECT h.id, h.attempts, m.status AS member_status
           FROM unnest($1::integer[], $2::integer[]) AS h(id, attempts)
           JOIN outbox o ON o.id = h.id
           LEFT JOIN member m ON m.key = lower(o.recipient) AND ${MEMBER_GATED('o')}),
         stopped AS (
           -- not undelivered mail: never in the organizers' daily summary (reported_at), whose « retry » would send it
           UPDATE outbox o SET status = 'failed', last_error = 'not sent: member ' || held.member_status, lease_until = NULL, updated_at = now(), reported_at = now()
           FROM held
           WHERE o.id = held.id AND held.member_status <> 'active'
             AND o.attempts = held.attempts AND o.status = 'sending' AND o.transmitting_at IS NULL AND o.lease_until > now()
           RETURNING o.id),
         granted AS (
           UPDATE outbox o SET transmitting_at = now(), lease_until = now() + $5 * interval '1 millisecond', updated_at = now()
           FROM held
           WHERE o.id = held.id AND (held.member_status IS NULL OR held.member_status = 'active')
             AND o.attempts = held.attempts AND o.status = 'sending' AND o.transmitting_at IS NULL AND o.lease_until > now()
           RETURNING o.id)
         SELECT id, false AS stopped FROM granted UNION ALL SELECT id, true AS stopped FROM stopped`,
        [rows.map((r) => r.id), rows.map((r) => r.attempts), sent.map((r) => r.id), sent.map((r) => r.response), leaseMs],
      );
      const ids = (stopped: boolean) => out.filter((r) => r.stopped === stopped).map((r) => r.id).sort((a, b) => a - b);
      return { granted: ids(false), stopped: ids(true) };
    },

    renew: (rows, leaseMs) => renewLeases(db, rows, leaseMs),

    async release(rows) {
      if (rows.length === 0) return;
      await db.query(
        `UPDATE outbox o SET status = 'queued', attempts = o.attempts - 1, lease_until = NULL, updated_at = now()
         FROM unnest($1::integer[], $2::integer[]) AS h(id, attempts)
         WHERE o.id = h.id AND o.attempts = h.attempts AND o.status = 'sending' AND o.transmitting_at IS NULL`,
        [rows.map((r) => r.id), rows.map((r) => r.attempts)],
      );
    },

    async markSent(rows) {
      if (rows.length === 0) return;
      await db.query(
        `UPDATE outbox o SET status = 'sent', sent_at = now(), smtp_response = u.response, last_error = NULL, lease_until = NULL, updated_at = now()
         FROM unnest($1::integer[], $2::text[]) AS u(id, response) WHERE o.id = u.id`,
        [rows.map((r) => r.id), rows.map((r) => r.response)],
      );
    },

    async record(id, outcome, pauseAfter, reason) {
      const rows = await db.query<Row>(
        `UPDATE campaigns c SET
           consecutive_failures = CASE WHEN $2 > 0 THEN $3 ELSE c.consecutive_failures + $3 END,
           status = CASE
             WHEN c.status = 'sending' AND (CASE WHEN $2 > 0 THEN $3 ELSE c.consecutive_failures + $3 END) >= $4 THEN 'paused'
             WHEN c.status = 'sending' AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.campaign_id = c.id AND o.status IN ('queued', 'sending')) THEN 'done'
             ELSE c.status END,
           pause_reason = CASE
             WHEN c.status = 'sending' AND (CASE WHEN $2 > 0 THEN $3 ELSE c.consecutive_failures + $3 END) >= $4 THEN $5
             ELSE c.pause_reason END,
           updated_at = now()
         WHERE c.id = $1 RETURNING ${COLUMNS}`,
        [id, outcome.sent, outcome.failed, pauseAfter, reason],
      );
      return toRecord(rows[0]!);
    },

    async setStatus(id, status, reason) {
      const rows = await db.query<Row>(
        `UPDATE campaigns c SET status = $2, pause_reason = $3, consecutive_failures = CASE WHEN $2 = 'sending' THEN 0 ELSE c.consecutive_failures END,
           updated_at = now() WHERE c.id = $1 RETURNING ${COLUMNS}`,
        [id, status, reason],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },

    async sentSince(since) {
      const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE campaign_id IS NOT NULL AND purpose <> 'digest' AND status = 'sent' AND sent_at >= $1`, [since]);
      return rows[0]?.n ?? 0;
    },

    async unfinished() {
      const rows = await db.query<{ id: number }>(
        `SELECT c.id FROM campaigns c WHERE c.status = 'sending' AND c.kind <> 'digest'
           AND EXISTS (SELECT 1 FROM outbox o WHERE o.campaign_id = c.id AND ${CLAIMABLE}) ORDER BY c.id`,
      );
      return rows.map((r) => r.id);
    },
  };
}

/**
 * hold: the rows go to sending under a lease, not yet transmitting (`transmit` does that per batch). The roster's
 * name, id and status come from one join in the pick (not three lookups per row); SKIP LOCKED: two senders on one
 * chunk (a replayed job) split it instead of waiting on each other.
 */
async function holdRows(db: Db, id: number, from: number, size: number, limit: number, leaseMs: number): Promise<ClaimedRecipient[]> {
  const rows = await db.query<{ id: number; recipient: string; variant: string | null; envelope_from: string; attempts: number; name: string | null; member_id: number | null; member_status: string | null; created_at: Date }>(
    `WITH picked AS (
       SELECT o.id, s.name, s.id AS member_id, s.status AS member_status
       FROM outbox o LEFT JOIN subscribers s ON lower(s.email) = lower(o.recipient)
       WHERE o.campaign_id = $1 AND o.id >= $2 AND o.id < $2 + $3 AND ${CLAIMABLE}
       ORDER BY o.id LIMIT $4 FOR UPDATE OF o SKIP LOCKED)
     UPDATE outbox o SET status = 'sending', attempts = o.attempts + 1, lease_until = now() + $5 * interval '1 millisecond',
       transmitting_at = NULL, updated_at = now()
     FROM picked WHERE o.id = picked.id
     RETURNING o.id, o.recipient, o.variant, o.envelope_from, o.attempts, picked.name, picked.member_id, picked.member_status, o.created_at`,
    [id, from, size, limit, leaseMs],
  );
  return rows
    .map((r) => ({
      id: r.id,
      recipient: r.recipient,
      variant: r.variant ?? '',
      envelopeFrom: r.envelope_from,
      name: r.name,
      attempts: r.attempts,
      memberId: r.member_id,
      memberStatus: r.member_status,
      createdAt: new Date(r.created_at),
    }))
    .sort((a, b) => a.id - b.id);
}
