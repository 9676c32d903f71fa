/** Inbound messages: raw bytes first, byte-exact and deduplicated; then what crieur made of them. */
import { createHash } from 'node:crypto';
import type { InboundLocator, InboundMessage, InboundState, InboundStore } from '../../ports.ts';
import type { Kind, ParseResult } from '../../types.ts';
import { jsonParam, toBuffer, type Db } from './db.ts';

interface Row {
  id: number;
  message_id: string | null;
  sha256: string;
  source: InboundMessage['source'];
  kind: Kind | null;
  state: InboundState;
  error: string | null;
  received_at: Date;
  parsed: ParseResult | null;
}

const COLUMNS = 'id, message_id, sha256, source, kind, state, error, received_at, parsed';

/**
 * The Message-ID as the header has it, found in the bytes without a full parse: storing must not depend on
 * the parser (a message the parser chokes on is still kept). Folded headers are unfolded.
 */
export function sniffMessageId(raw: Buffer): string | null {
  const head = raw.subarray(0, 64 * 1024).toString('latin1');
  const end = head.search(/\r?\n\r?\n|\r\r/);
  const headers = (end === -1 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+|\r[ \t]+/g, ' ');
  const m = /(?:^|[\r\n])message-id[ \t]*:[ \t]*(<[^>\s]+>|[^\s]+)/i.exec(headers);
  return m?.[1] ?? null;
}

function toMessage(r: Row): InboundMessage {
  return {
    id: r.id,
    messageId: r.message_id,
    sha256: r.sha256,
    source: r.source,
    kind: r.kind,
    state: r.state,
    error: r.error,
    receivedAt: r.received_at,
    parsed: r.parsed,
  };
}

export function inboundStore(db: Db): InboundStore {
  return {
    async saveRaw(raw: Buffer, loc: InboundLocator) {
      const sha256 = createHash('sha256').update(raw).digest('hex');
      const messageId = sniffMessageId(raw);
      const inserted = await db.query<{ id: number }>(
        `INSERT INTO inbound_messages (message_id, sha256, raw, size, source, mailbox, uid_validity, uid)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT ((coalesce(message_id, '')), sha256) DO NOTHING RETURNING id`,
        [messageId, sha256, raw, raw.length, loc.source, loc.mailbox ?? null, loc.uidValidity ?? null, loc.uid ?? null],
      );
      if (inserted[0]) return { id: inserted[0].id, inserted: true };
      const existing = await db.query<{ id: number }>(
        `SELECT id FROM inbound_messages WHERE coalesce(message_id, '') = coalesce($1, '') AND sha256 = $2`,
        [messageId, sha256],
      );
      if (!existing[0]) throw new Error(`inbound message ${sha256} conflicted but cannot be found`);
      return { id: existing[0].id, inserted: false };
    },

    async getRaw(id) {
      const rows = await db.query<{ raw: unknown }>('SELECT raw FROM inbound_messages WHERE id = $1', [id]);
      return rows[0] ? toBuffer(rows[0].raw) : null;
    },

    async get(id) {
      const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM inbound_messages WHERE id = $1`, [id]);
      return rows[0] ? toMessage(rows[0]) : null;
    },

    async setClassified(id, kind, parsed) {
      await db.query(
        `UPDATE inbound_messages SET kind = $2, parsed = $3::text::jsonb, state = 'classified', error = NULL, updated_at = now()
         WHERE id = $1`,
        [id, kind, jsonParam(parsed)],
      );
    },

    async setState(id, state, error = null) {
      await db.query('UPDATE inbound_messages SET state = $2, error = $3, updated_at = now() WHERE id = $1', [id, state, error]);
    },

    async listFailed() {
      const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM inbound_messages WHERE state = 'failed' ORDER BY id`);
      return rows.map(toMessage);
    },

    async earlierCopy(id) {
      const rows = await db.query<{ id: number; state: InboundState }>(
        `SELECT o.id, o.state FROM inbound_messages m JOIN inbound_messages o ON o.message_id = m.message_id
         WHERE m.id = $1 AND o.id < m.id AND o.state <> 'failed' ORDER BY o.id LIMIT 1`,
        [id],
      );
      return rows[0] ?? null;
    },

    async stale(olderThan, limit) {
      return db.query<{ id: number; state: InboundState; kind: Kind | null }>(
        `SELECT id, state, kind FROM inbound_messages
         WHERE state IN ('received', 'classified') AND updated_at < $1 ORDER BY id LIMIT $2`,
        [olderThan, limit],
      );
    },

    async summary() {
      const rows = await db.query<{ kind: Kind | null; state: InboundState; count: string | number }>(
        'SELECT kind, state, count(*) AS count FROM inbound_messages GROUP BY kind, state ORDER BY kind NULLS LAST, state',
      );
      return rows.map((r) => ({ kind: r.kind, state: r.state, count: Number(r.count) }));
    },
  };
}
