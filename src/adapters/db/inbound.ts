/** Inbound messages: raw bytes first, byte-exact and deduplicated; then what crieur made of them. */
import { createHash } from 'node:crypto';
import { withoutControls } from '../../core/text/controls.ts';
import { headerStart } from '../mailparser.ts';
import type { InboundLocator, InboundMessage, InboundState, InboundStore } from '../../app/inbound-store.ts';
import type { Kind, ParseResult } from '../../types.ts';
import { ASYNC_COMMIT, jsonParam, toBuffer, type Db } from './db.ts';
import { coalesce } from './coalesce.ts';

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
  // Where the parser starts too (leading blank lines, an mbox envelope line): else such a message would be
  // stored without its Message-ID and a re-delivery could never be recognised.
  const head = headerStart(raw).subarray(0, 64 * 1024).toString('latin1');
  const end = head.search(/\r?\n\r?\n|\r\r/);
  const headers = (end === -1 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+|\r[ \t]+/g, ' ');
  const m = /(?:^|[\r\n])message-id[ \t]*:[ \t]*(<[^>\s]+>|[^\s]+)/i.exec(headers);
  // As the parser's Message-ID (mailparser.ts): a NUL would make the INSERT fail, and the message be lost.
  return m?.[1] ? withoutControls(m[1]) || null : null;
}

/**
 * The first other stored copy of message `m` (a subquery). coalesce(…) = m.message_id is the identity index's
 * expression: an index scan, not a scan of every message ever received.
 */
const EARLIER_COPY = `SELECT o.id, o.state FROM inbound_messages o
  WHERE coalesce(o.message_id, '') = m.message_id AND o.id < m.id AND o.state <> 'failed' ORDER BY o.id LIMIT 1`;

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

/** One message's classification, as setClassified writes it (`parsed`: JSON text). */
type Classified = { id: number; kind: Kind; parsed: string | null; done: boolean; findCopy: boolean };

export function inboundStore(db: Db): InboundStore {
  // The reads of concurrent classify jobs (16 at once in a backlog) share one statement: one round trip and one wake-up
  // of a backend for the batch instead of one each. A lone read goes at once (coalesce.ts).
  const rawToClassify = coalesce(async (ids: number[]) => {
    // The bytes are not read (nor decompressed) for a message already done.
    const rows = await db.query<{ id: number; raw: unknown; kind: Kind | null }>(
      `SELECT id, CASE WHEN state = 'done' THEN NULL ELSE raw END AS raw, kind FROM inbound_messages WHERE id = ANY($1::integer[])`,
      [[...new Set(ids)]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => {
      const r = byId.get(id);
      if (!r) return null;
      return r.raw === null ? { done: r.kind } : { raw: toBuffer(r.raw) };
    });
  });
  // The classifications of concurrent classify jobs' messages that are not proposals (those are filed in the same
  // statement, proposals.ts) share one statement and one commit too. A batch the database refuses (a value from mail
  // it cannot store) is run again message by message: only that message's job fails.
  const setClassified = coalesce(
    async (items: Classified[]) => {
      // In id order: on a table of any size the UPDATE is a nested loop over the unnest, locking each row as its turn
      // comes, and another process's batch (a replay, the recovery sweep's job) may hold the same messages. In one
      // order for all, a batch that waits holds no row taken after the one it waits for: no deadlock.
      const ordered = [...items].sort((a, b) => a.id - b.id);
      const rows = await db.query<{ id: number; copy_id: number | null; copy_state: InboundState | null }>(
        `UPDATE inbound_messages m SET kind = u.kind, parsed = u.parsed::jsonb, state = CASE WHEN u.done THEN 'done' ELSE 'classified' END,
           error = NULL, updated_at = now()
         FROM unnest($1::integer[], $2::text[], $3::text[], $4::boolean[], $5::boolean[]) AS u(id, kind, parsed, done, find_copy)
         WHERE m.id = u.id AND m.state <> 'done' AND ${ASYNC_COMMIT}
         RETURNING m.id, (SELECT c.id FROM (${EARLIER_COPY}) c WHERE u.find_copy) AS copy_id, (SELECT c.state FROM (${EARLIER_COPY}) c WHERE u.find_copy) AS copy_state`,
        [ordered.map((i) => i.id), ordered.map((i) => i.kind), ordered.map((i) => i.parsed), ordered.map((i) => i.done), ordered.map((i) => i.findCopy)],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      // A message twice in one batch (a replay racing the recovery sweep's job) is updated once: the first caller
      // classified it, the second finds it handled — as when the two statements ran one after the other.
      return items.map((i) => {
        const r = byId.get(i.id);
        if (!r) return { updated: false, copyOf: null };
        byId.delete(i.id);
        return { updated: true, copyOf: r.copy_id === null ? null : { id: r.copy_id, state: r.copy_state! } };
      });
    },
    { alone: true },
  );
  const self: InboundStore = {
    async saveRaw(raw: Buffer, loc: InboundLocator) {
      const [r] = await self.saveRawMany([{ raw, loc }]);
      return r!;
    },

    async saveRawMany(items) {
      if (items.length === 0) return [];
      const keyed = items.map(({ raw, loc }) => ({ raw, loc, sha256: createHash('sha256').update(raw).digest('hex'), messageId: sniffMessageId(raw) }));
      const key = (messageId: string | null, sha256: string) => `${messageId ?? ''}\n${sha256}`;
      const col = <T>(f: (k: (typeof keyed)[number]) => T) => keyed.map(f);
      // The bytes travel as one binary parameter cut by offsets: a bytea[] would go as hex text (twice the bytes,
      // parsed by the server's array_in).
      const offsets: number[] = [];
      let at = 1;
      for (const k of keyed) {
        offsets.push(at);
        at += k.raw.length;
      }
      const inserted = await db.query<{ id: number; message_id: string | null; sha256: string }>(
        `INSERT INTO inbound_messages (message_id, sha256, raw, size, source, mailbox, uid_validity, uid)
         SELECT u.message_id, u.sha256, substring($3::bytea FROM u.at FOR u.size), u.size, u.source, u.mailbox, u.uid_validity, u.uid
         FROM unnest($1::text[], $2::text[], $4::integer[], $5::integer[], $6::text[], $7::text[], $8::bigint[], $9::bigint[])
           AS u(message_id, sha256, at, size, source, mailbox, uid_validity, uid)
         ON CONFLICT ((coalesce(message_id, '')), sha256) DO NOTHING RETURNING id, message_id, sha256`,
        [
          col((k) => k.messageId),
          col((k) => k.sha256),
          Buffer.concat(col((k) => k.raw)),
          offsets,
          col((k) => k.raw.length),
          col((k) => k.loc.source),
          col((k) => k.loc.mailbox ?? null),
          col((k) => k.loc.uidValidity ?? null),
          col((k) => k.loc.uid ?? null),
        ],
      );
      const ids = new Map(inserted.map((r) => [key(r.message_id, r.sha256), { id: r.id, inserted: true }]));
      const missing = keyed.filter((k) => !ids.has(key(k.messageId, k.sha256)));
      if (missing.length > 0) {
        // Stored before (a re-delivery): the first copy's id. The identity index's own expression, so an index scan.
        const known = await db.query<{ id: number; message_id: string | null; sha256: string }>(
          `SELECT m.id, m.message_id, m.sha256 FROM inbound_messages m
           JOIN unnest($1::text[], $2::text[]) AS u(message_id, sha256) ON coalesce(m.message_id, '') = coalesce(u.message_id, '') AND m.sha256 = u.sha256`,
          [missing.map((k) => k.messageId), missing.map((k) => k.sha256)],
        );
        for (const r of known) ids.set(key(r.message_id, r.sha256), { id: r.id, inserted: false });
      }
      // The same message twice in one batch: inserted once, the second is a duplicate of the first.
      const seen = new Set<string>();
      return keyed.map((k) => {
        const found = ids.get(key(k.messageId, k.sha256));
        if (!found) throw new Error(`inbound message ${k.sha256} conflicted but cannot be found`);
        const first = !seen.has(key(k.messageId, k.sha256));
        seen.add(key(k.messageId, k.sha256));
        return { id: found.id, inserted: found.inserted && first };
      });
    },

    async getRaw(id) {
      const rows = await db.query<{ raw: unknown }>('SELECT raw FROM inbound_messages WHERE id = $1', [id]);
      return rows[0] ? toBuffer(rows[0].raw) : null;
    },

    rawToClassify: (id) => rawToClassify(id),

    async get(id) {
      const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM inbound_messages WHERE id = $1`, [id]);
      return rows[0] ? toMessage(rows[0]) : null;
    },

    setClassified(id, kind, parsed, opts = {}) {
      return setClassified({ id, kind, parsed: jsonParam(parsed), done: opts.done === true, findCopy: opts.findCopy === true });
    },

    async setState(id, state, error = null) {
      await db.query('UPDATE inbound_messages SET state = $2, error = $3, updated_at = now() WHERE id = $1', [id, state, error]);
    },

    // `phase` (migration 026): 'open' while received or classified, else the state — the column the partial indexes
    // name, so that a message classified stays a HOT update.
    async listFailed() {
      const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM inbound_messages WHERE phase = 'failed' ORDER BY id`);
      return rows.map(toMessage);
    },

    async stale(olderThan, limit) {
      return db.query<{ id: number; state: InboundState; kind: Kind | null }>(
        `SELECT id, state, kind FROM inbound_messages
         WHERE phase = 'open' AND updated_at < $1 ORDER BY id LIMIT $2`,
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
  return self;
}
