/** List posts and their threads (migration 011): the ListArchive of src/app/list-archive.ts over a Db. */
import type { ListArchive, ListPost, ListThread } from '../../app/list-archive.ts';
import type { StoredPost } from '../../core/thread/place.ts';
import { jsonParam, type Db } from './db.ts';

interface Row {
  inbound_id: number;
  list_name: string;
  message_id: string | null;
  refs: string[];
  subject: string;
  from_name: string | null;
  from_email: string | null;
  sent_at: Date | string;
  received_at: Date | string;
  body: string;
  archived_at: string | null;
  list_archive: string | null;
  thread_id: number;
}

// Columns named, not *: statements are prepared once per connection (see proposals.ts).
const COLUMNS = `p.inbound_id, p.list_name, p.message_id, p.refs, p.subject, p.from_name, p.from_email, p.sent_at, p.received_at,
  p.body, p.archived_at, p.list_archive, p.thread_id`;

function toPost(r: Row): ListPost {
  return {
    inboundId: r.inbound_id,
    listName: r.list_name,
    messageId: r.message_id,
    references: r.refs ?? [],
    subject: r.subject,
    fromName: r.from_name,
    fromEmail: r.from_email,
    sentAt: new Date(r.sent_at),
    receivedAt: new Date(r.received_at),
    body: r.body,
    archivedAt: r.archived_at,
    listArchive: r.list_archive,
    threadId: r.thread_id,
  };
}

export function listArchive(db: Db): ListArchive {
  return {
    attach(post, windowStart, place) {
      return db.transaction(async (tx) => {
        // One list at a time: two replies classified at once must not each start a thread of their own.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`crieur-thread:${post.listName}`]);
        const inserted = await tx.query<{ received_at: Date | string }>(
          `INSERT INTO list_posts (inbound_id, list_name, message_id, refs, subject, from_name, from_email, sent_at, received_at,
             body, archived_at, list_archive)
           SELECT m.id, $2, $3, $4::text::jsonb, $5, $6, $7, coalesce($8, m.received_at), m.received_at, $9, $10, $11
           FROM inbound_messages m WHERE m.id = $1
           ON CONFLICT DO NOTHING RETURNING received_at`,
          [
            post.inboundId,
            post.listName,
            post.messageId,
            jsonParam(post.references),
            post.subject,
            post.fromName,
            post.fromEmail,
            post.sentAt,
            post.body,
            post.archivedAt,
            post.listArchive,
          ],
        );
        if (!inserted[0]) return { inserted: false, threadId: null };
        const recent = await tx.query<{ inbound_id: number; message_id: string | null; refs: string[]; subject: string; received_at: Date | string; thread_id: number | null }>(
          `SELECT p.inbound_id, p.message_id, p.refs, p.subject, p.received_at, p.thread_id FROM list_posts p
           WHERE p.list_name = $1 AND p.received_at >= $2 AND p.inbound_id <> $3`,
          [post.listName, windowStart, post.inboundId],
        );
        const stored: StoredPost[] = recent.map((r) => ({
          inboundId: r.inbound_id,
          messageId: r.message_id,
          references: r.refs ?? [],
          subject: r.subject,
          receivedAt: new Date(r.received_at),
          threadId: r.thread_id,
        }));
        const plan = place(stored, {
          inboundId: post.inboundId,
          messageId: post.messageId,
          references: post.references,
          subject: post.subject,
          receivedAt: new Date(inserted[0].received_at),
          threadId: null,
        });
        let threadId = plan.threadId;
        if (threadId === null) {
          const created = await tx.query<{ id: number }>(
            'INSERT INTO list_threads (list_name, subject, started_at) VALUES ($1, $2, $3) RETURNING id',
            [post.listName, plan.subject, plan.startedAt],
          );
          threadId = created[0]!.id;
        } else {
          await tx.query('UPDATE list_threads SET subject = $2, started_at = least(started_at, $3) WHERE id = $1', [threadId, plan.subject, plan.startedAt]);
        }
        await tx.query('UPDATE list_posts SET thread_id = $1 WHERE inbound_id = ANY($2::integer[]) OR thread_id = ANY($3::integer[])', [
          threadId,
          plan.members,
          plan.merged,
        ]);
        if (plan.merged.length > 0) await tx.query('DELETE FROM list_threads WHERE id = ANY($1::integer[])', [plan.merged]);
        return { inserted: true, threadId };
      });
    },

    async received(listName, from, to) {
      const rows = await db.query<Row>(
        `SELECT ${COLUMNS} FROM list_posts p WHERE p.list_name = $1 AND p.received_at >= $2 AND p.received_at < $3
         ORDER BY p.received_at, p.inbound_id`,
        [listName, from, to],
      );
      return rows.map(toPost);
    },

    async threadPosts(threadIds, to) {
      if (threadIds.length === 0) return [];
      const rows = await db.query<Row>(
        `SELECT ${COLUMNS} FROM list_posts p WHERE p.thread_id = ANY($1::integer[]) AND p.received_at < $2 ORDER BY p.received_at, p.inbound_id`,
        [threadIds, to],
      );
      return rows.map(toPost);
    },

    async threads(ids) {
      if (ids.length === 0) return [];
      const rows = await db.query<{ id: number; list_name: string; subject: string; started_at: Date | string }>(
        'SELECT t.id, t.list_name, t.subject, t.started_at FROM list_threads t WHERE t.id = ANY($1::integer[])',
        [ids],
      );
      return rows.map((r): ListThread => ({ id: r.id, listName: r.list_name, subject: r.subject, startedAt: new Date(r.started_at) }));
    },
  };
}
