/** The roster (migration 006): the SubscriberStore of src/app/subscriber-store.ts over a Db. */
import { MEMBERS_LIST, type Subscriber, type SubscriberStore } from '../../app/subscriber-store.ts';
import type { Db } from './db.ts';

interface Row {
  email: string;
  name: string | null;
  language: Subscriber['language'];
  status: Subscriber['status'];
  lists: string[] | null;
  bounces: number;
  consented_at: Date | string | null;
  source: string;
  last_bounce_at: Date | string | null;
  last_bounce: string | null;
}

const SELECT = `SELECT s.email, s.name, s.language, s.status, s.bounces, s.consented_at, s.source, s.last_bounce_at, s.last_bounce,
  (SELECT coalesce(json_agg(l.list ORDER BY l.list), '[]'::json) FROM subscriber_lists l WHERE l.subscriber_id = s.id) AS lists
  FROM subscribers s`;

function toSubscriber(r: Row): Subscriber {
  return {
    email: r.email,
    name: r.name,
    language: r.language,
    status: r.status,
    lists: r.lists ?? [],
    bounces: r.bounces,
    lastBounce: r.last_bounce_at ? { at: new Date(r.last_bounce_at), what: r.last_bounce ?? '' } : null,
    consentedAt: r.consented_at ? new Date(r.consented_at) : null,
    source: r.source,
  };
}

export function subscriberStore(db: Db): SubscriberStore {
  return {
    async upsert(input) {
      // One row per address (the last wins): one INSERT … ON CONFLICT cannot touch the same row twice.
      const members = [...new Map(input.map((m) => [m.email.trim().toLowerCase(), m])).values()];
      if (members.length === 0) return { added: 0, existing: 0, existingByStatus: {}, activated: 0 };
      // One statement for a whole import (a meetup site's export: thousands of rows). `xmax = 0` tells an
      // inserted row from an updated one. A member already there keeps name and language; an unsubscribed or disabled
      // one keeps that status.
      return db.transaction(async (tx) => {
        // `before`: the rows as they were (a WITH query sees the statement's snapshot, not the INSERT's changes), so that
        // a pending member the import made active is told apart from one active already.
        const rows = await tx.query<{ id: number; key: string; inserted: boolean; status: Subscriber['status']; was: Subscriber['status'] | null }>(
          `WITH before AS (SELECT b.id, b.status FROM subscribers b WHERE lower(b.email) IN (SELECT lower(e) FROM unnest($1::text[]) AS e))
           INSERT INTO subscribers AS s (email, name, language, status, consented_at, source)
           SELECT u.email, u.name, u.language, u.status, u.consented_at, u.source
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[]) AS u(email, name, language, status, consented_at, source)
           ON CONFLICT ((lower(email))) DO UPDATE SET
             status = CASE WHEN s.status IN ('unsubscribed', 'disabled') OR EXCLUDED.status <> 'active' THEN s.status ELSE EXCLUDED.status END,
             consented_at = CASE WHEN s.status IN ('unsubscribed', 'disabled') THEN s.consented_at ELSE coalesce(s.consented_at, EXCLUDED.consented_at) END,
             updated_at = now()
           RETURNING s.id, lower(s.email) AS key, (s.xmax = 0) AS inserted, s.status, (SELECT b.status FROM before b WHERE b.id = s.id) AS was`,
          [
            members.map((m) => m.email.trim()),
            members.map((m) => m.name ?? null),
            members.map((m) => m.language ?? null),
            members.map((m) => m.status),
            members.map((m) => m.consentedAt ?? null),
            members.map((m) => m.source),
          ],
        );
        const ids: number[] = [];
        const lists: string[] = [];
        const byKey = new Map(members.map((m) => [m.email.trim().toLowerCase(), m]));
        rows.forEach((r) => {
          for (const l of byKey.get(r.key)?.lists ?? [MEMBERS_LIST]) {
            ids.push(r.id);
            lists.push(l);
          }
        });
        await tx.query(
          `INSERT INTO subscriber_lists (subscriber_id, list) SELECT * FROM unnest($1::integer[], $2::text[]) ON CONFLICT DO NOTHING`,
          [ids, lists],
        );
        const added = rows.filter((r) => r.inserted).length;
        const existingByStatus: Partial<Record<Subscriber['status'], number>> = {};
        for (const r of rows) if (!r.inserted) existingByStatus[r.status] = (existingByStatus[r.status] ?? 0) + 1;
        const activated = rows.filter((r) => !r.inserted && r.was === 'pending' && r.status === 'active').length;
        return { added, existing: rows.length - added, existingByStatus, activated };
      });
    },

    async remove(email) {
      const rows = await db.query<{ id: number }>(
        `UPDATE subscribers SET status = 'unsubscribed', updated_at = now() WHERE lower(email) = lower($1) RETURNING id`,
        [email.trim()],
      );
      return rows.length > 0;
    },

    async get(email) {
      const rows = await db.query<Row>(`${SELECT} WHERE lower(s.email) = lower($1)`, [email.trim()]);
      return rows[0] ? toSubscriber(rows[0]) : null;
    },

    async list(filter = {}) {
      const rows = filter.status
        ? await db.query<Row>(`${SELECT} WHERE s.status = $1 ORDER BY lower(s.email)`, [filter.status])
        : await db.query<Row>(`${SELECT} ORDER BY lower(s.email)`);
      return rows.map(toSubscriber);
    },
  };
}
