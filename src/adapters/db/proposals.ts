/**
 * Proposals, their speakers, attachments and history. Every change writes a history row in the same
 * transaction (who, when, what, via which inbound message), so `proposals show` can tell the whole story.
 */
import { normalizeTitle } from '../../core/pipeline/normalize-title.ts';
import type { HistoryEntry, ProposalRecord, ProposalStatus, ProposalStore } from '../../app/proposal-store.ts';
import type { AttachmentInfo, Language, ParseResult, ProposalDraft, Speaker, TalkFormat } from '../../types.ts';
import { DbError, jsonParam, type Db, type Queryable } from './db.ts';
import { coalesce } from './coalesce.ts';

interface Row {
  id: number;
  ref: string;
  message_id: number;
  format: TalkFormat;
  title: string | null;
  abstract: string | null;
  duration_minutes: number;
  language: Language | null;
  status: ProposalStatus;
  /** A Date from a query; an ISO string when the row came back as JSON (crieur_file_proposal). */
  created_at: Date | string;
  /** When crieur received the proposal's message (inbound_messages.received_at): RECEIVED_AT, beside the row. */
  received_at: Date | string;
  event_id: number | null;
  speakers: Speaker[];
  attachments: AttachmentInfo[];
}

// The view (migration 003) returns speakers and attachments as JSON arrays, in their order: one query per record set.
// Columns named, not *: statements are prepared once per connection (pg-db.ts), and a prepared `SELECT *` fails
// after a migration adds a column ("cached plan must not change result type").
const SELECT = `SELECT p.id, p.ref, p.message_id, p.format, p.title, p.abstract, p.duration_minutes, p.language, p.status,
  p.created_at, ${receivedAt('p.message_id')}, p.event_id, p.speakers, p.attachments FROM proposal_records p`;

/**
 * A proposal's `receivedAt` is when crieur received its message, not when it was filed (created_at): with the workers
 * down while the MTA pipes mail in, filing comes hours later, and the speaker's acknowledgement (« Reçue le … »), the
 * organizers' notice and `proposals list/show` must give the time the mail arrived. One primary-key lookup in the
 * same statement, also beside the filing functions' JSON record (their message_id: a duplicate's is the first one's).
 */
function receivedAt(messageId: string): string {
  return `(SELECT m.received_at FROM inbound_messages m WHERE m.id = ${messageId}) AS received_at`;
}

function toRecord(r: Row): ProposalRecord {
  return {
    id: r.id,
    ref: r.ref,
    status: r.status,
    receivedAt: new Date(r.received_at),
    messageId: r.message_id,
    event: r.event_id === null ? null : String(r.event_id),
    format: r.format,
    title: r.title,
    abstract: r.abstract,
    durationMinutes: r.duration_minutes,
    language: r.language,
    speakers: r.speakers,
    attachments: r.attachments,
  };
}

async function one(q: Queryable, where: string, params: unknown[]): Promise<ProposalRecord | null> {
  const rows = await q.query<Row>(`${SELECT} WHERE ${where} LIMIT 1`, params);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** One proposal read on a connection or inside a caller's transaction (the command store's decisions). */
export function proposalOn(q: Queryable, ref: string): Promise<ProposalRecord | null> {
  return one(q, 'p.ref = $1', [ref]);
}

async function mustGet(q: Queryable, ref: string): Promise<ProposalRecord> {
  const p = await one(q, 'p.ref = $1', [ref]);
  if (!p) throw new DbError('EDB_NOT_FOUND', `no proposal ${ref}`);
  return p;
}

async function addHistory(tx: Queryable, proposalId: number, actor: string, action: string, detail: Record<string, unknown> | null, messageId: number | null): Promise<void> {
  await tx.query(
    'INSERT INTO proposal_history (proposal_id, actor, action, detail, message_id) VALUES ($1, $2, $3, $4::text::jsonb, $5)',
    [proposalId, actor, action, jsonParam(detail), messageId],
  );
}

/** Only a draft's fields go to the database: callers pass a record with its corrections (ref, status, …). */
function draftOf(d: ProposalDraft): ProposalDraft {
  return {
    format: d.format,
    title: d.title,
    abstract: d.abstract,
    durationMinutes: d.durationMinutes,
    language: d.language,
    speakers: d.speakers,
    attachments: d.attachments,
  };
}

type Filing = { messageId: number; parsed: ParseResult; actor: string; dedupe: { speakerEmail: string; titleKey: string; since: Date } };
type Filed = Awaited<ReturnType<ProposalStore['classifyAndFile']>>;
type FiledRow = { pos: number; outcome: 'handled' | 'copy' | 'filed' | 'already-filed' | 'duplicate'; record: (Row & { id: number }) | null; received_at: Date | null };

/**
 * Several classify jobs' classification and filing in one call (migration 020: crieur_classify_and_file for each, in
 * the order of their messages' ids — refs follow arrival — one round trip and one commit).
 */
async function classifyAndFileMany(db: Db, filings: Filing[]): Promise<Filed[]> {
  const order = filings.map((f, at) => ({ f, at })).sort((a, b) => a.f.messageId - b.f.messageId);
  const rows = await db.query<FiledRow>(
    `SELECT f.pos, f.outcome, f.record, ${receivedAt("(f.record->>'message_id')::integer")}
     FROM crieur_classify_and_file_many($1::integer[], $2::text[]::jsonb[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) f ORDER BY f.pos`,
    [
      order.map(({ f }) => f.messageId),
      order.map(({ f }) => jsonParam(f.parsed)),
      order.map(({ f }) => f.actor),
      order.map(({ f }) => f.dedupe.speakerEmail),
      order.map(({ f }) => f.dedupe.titleKey),
      order.map(({ f }) => f.dedupe.since),
    ],
  );
  if (rows.length !== filings.length) throw new Error(`filing ${filings.length} inbound messages returned ${rows.length} answers`);
  const out = new Array<Filed>(filings.length);
  rows.forEach((r, i) => {
    const at = order[i]!.at;
    if (r.outcome === 'handled') out[at] = { outcome: 'handled' };
    else if (r.outcome === 'copy') out[at] = { outcome: 'copy', copyOf: r.record!.id };
    else out[at] = { outcome: r.outcome, proposal: toRecord({ ...r.record!, received_at: r.received_at! }) };
  });
  return out;
}

export function proposalStore(db: Db): ProposalStore {
  // The filings in flight together (the classify jobs of a backlog) share one statement and one commit; a lone one goes
  // at once. A batch that fails is run again filing by filing: a message the database refuses fails alone (coalesce.ts).
  const classifyAndFile = coalesce((filings: Filing[]) => classifyAndFileMany(db, filings), { alone: true });
  return {
    async fileFromMessage(messageId, draft, actor, dedupe) {
      // One round trip: the checks, the lock, the inserts and the answer run in the database (migration 003).
      const rows = await db.query<{ outcome: 'filed' | 'already-filed' | 'duplicate'; record: Row; received_at: Date }>(
        `SELECT f.outcome, f.record, ${receivedAt("(f.record->>'message_id')::integer")} FROM crieur_file_proposal($1, $2::text::jsonb, $3, $4, $5, $6) f`,
        [messageId, jsonParam(draft), actor, dedupe?.speakerEmail ?? null, dedupe?.titleKey ?? normalizeTitle(draft.title), dedupe?.since ?? null],
      );
      const r = rows[0];
      if (!r) throw new Error(`filing inbound message ${messageId} returned nothing`);
      const proposal = toRecord({ ...r.record, received_at: r.received_at });
      if (r.outcome === 'duplicate') return { proposal, created: false, duplicate: true };
      return { proposal, created: r.outcome === 'filed' };
    },

    classifyAndFile(messageId, parsed, actor, dedupe) {
      return classifyAndFile({ messageId, parsed, actor, dedupe });
    },

    async update(ref, draft, actor, messageId, opts = {}) {
      // One round trip: the lock, the comparison, the rewrite and the history line run in the database (migration 021).
      const rows = await db.query<{ record: Row }>(
        `SELECT u.record, ${receivedAt("(u.record->>'message_id')::integer")} FROM crieur_update_proposal($1, $2::text::jsonb, $3, $4, $5, $6) u`,
        [ref, jsonParam(draftOf(draft)), normalizeTitle(draft.title), actor, messageId, opts.unlessSuperseded === true],
      );
      const r = rows[0] as ({ record: Row } & { received_at: Date }) | undefined;
      if (!r) throw new DbError('EDB_NOT_FOUND', `no proposal ${ref}`);
      return toRecord({ ...r.record, received_at: r.received_at });
    },

    setStatus(ref, status, actor, messageId) {
      return db.transaction(async (tx) => {
        const before = await mustGet(tx, ref);
        await tx.query('UPDATE proposals SET status = $2, updated_at = now() WHERE id = $1', [before.id, status]);
        await addHistory(tx, before.id, actor, `status:${status}`, { from: before.status, to: status }, messageId);
        return mustGet(tx, ref);
      });
    },

    get(ref) {
      return one(db, 'p.ref = $1', [ref]);
    },

    findByMessage(messageId) {
      return one(
        db,
        `p.message_id = $1 OR p.id IN (SELECT h.proposal_id FROM proposal_history h WHERE h.message_id = $1 AND h.action = 'updated')`,
        [messageId],
      );
    },

    async note(ref, actor, action, detail, messageId) {
      await db.transaction(async (tx) => {
        const p = await mustGet(tx, ref);
        await addHistory(tx, p.id, actor, action, detail, messageId);
      });
    },

    async list(filter = {}) {
      const rows = filter.status
        ? await db.query<Row>(`${SELECT} WHERE p.status = $1 ORDER BY p.id`, [filter.status])
        : await db.query<Row>(`${SELECT} ORDER BY p.id`);
      return rows.map(toRecord);
    },

    async history(ref) {
      const rows = await db.query<{ at: Date; actor: string; action: string; detail: Record<string, unknown> | null; message_id: number | null; header_id: string | null }>(
        `SELECT h.at, h.actor, h.action, h.detail, h.message_id, m.message_id AS header_id FROM proposal_history h
         JOIN proposals p ON p.id = h.proposal_id LEFT JOIN inbound_messages m ON m.id = h.message_id
         WHERE p.ref = $1 ORDER BY h.id`,
        [ref],
      );
      return rows.map(
        (r): HistoryEntry => ({ at: r.at, actor: r.actor, action: r.action, detail: r.detail, messageId: r.message_id, messageIdHeader: r.header_id }),
      );
    },
  };
}
