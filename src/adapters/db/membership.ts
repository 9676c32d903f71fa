/** Migration 012: the MembershipStore of src/app/membership-store.ts over a Db (history, bounce scoring). */
import type { BounceOutcome, MemberRow, MembershipStore } from '../../app/membership-store.ts';
import type { SubscriberStatus } from '../../app/subscriber-store.ts';
import type { Db, Queryable } from './db.ts';

/**
 * The member to `to` with its history row, under the row's lock; false when already there. Shared with join-requests.ts.
 * Becoming active starts the bounce score anew (Mailman resets it when delivery is re-enabled): the soft bounces that
 * count are those since consented_at, set here; `bounces` stays the member's lifetime count.
 */
export async function move(tx: Queryable, id: number, to: SubscriberStatus, cause: string): Promise<boolean> {
  const rows = await tx.query<{ from_status: SubscriberStatus }>(
    `WITH old AS (SELECT s.id, s.status FROM subscribers s WHERE s.id = $1 FOR UPDATE)
     UPDATE subscribers s SET status = $2, updated_at = now(),
       consented_at = CASE WHEN $2 = 'active' THEN now() ELSE s.consented_at END
     FROM old WHERE s.id = old.id AND old.status <> $2 RETURNING old.status AS from_status`,
    [id, to],
  );
  if (rows.length === 0) return false;
  await tx.query(`INSERT INTO subscriber_history (subscriber_id, from_status, to_status, cause) VALUES ($1, $2, $3, $4)`, [id, rows[0]!.from_status, to, cause]);
  return true;
}

export function membershipStore(db: Db): MembershipStore {
  return {
    async byId(id) {
      const rows = await db.query<MemberRow>(`SELECT s.id, s.email, s.status, s.language, s.name FROM subscribers s WHERE s.id = $1`, [id]);
      return rows[0] ?? null;
    },

    async byEmail(email) {
      const rows = await db.query<MemberRow>(
        `SELECT s.id, s.email, s.status, s.language, s.name FROM subscribers s WHERE lower(s.email) = lower($1)`,
        [email.trim()],
      );
      return rows[0] ?? null;
    },

    async setStatus(id, to, cause) {
      return db.transaction((tx) => move(tx, id, to, cause));
    },

    async reenable(id, cause) {
      return db.transaction(async (tx) => {
        const cur = await tx.query<{ status: SubscriberStatus }>(`SELECT s.status FROM subscribers s WHERE s.id = $1 FOR UPDATE`, [id]);
        return cur[0]?.status === 'disabled' ? move(tx, id, 'active', cause) : false;
      });
    },

    async recordBounce(b): Promise<BounceOutcome> {
      return db.transaction(async (tx) => {
        const inserted = await tx.query<{ id: number }>(
          `INSERT INTO subscriber_bounces (subscriber_id, kind, status, inbound_id, at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (subscriber_id, inbound_id) WHERE inbound_id IS NOT NULL DO NOTHING RETURNING id`,
          [b.id, b.kind, b.status, b.inboundId, b.at],
        );
        if (inserted.length === 0) {
          const cur = await tx.query<{ bounces: number }>(`SELECT s.bounces FROM subscribers s WHERE s.id = $1`, [b.id]);
          return { counted: false, disabled: false, bounces: cur[0]?.bounces ?? 0 };
        }
        const label = `${b.kind}${b.status ? ` ${b.status}` : ''}`;
        const after = await tx.query<{ bounces: number; status: string }>(
          `UPDATE subscribers SET bounces = bounces + 1, last_bounce_at = $2, last_bounce = $3, updated_at = now() WHERE id = $1 RETURNING bounces, status`,
          [b.id, b.at, label],
        );
        // A member who left gets nothing more; a late bounce of mail sent before is counted, but their own choice,
        // unsubscribed, stays what the roster says (not turned into disabled, as if the address had failed them).
        const left = after[0]?.status === 'unsubscribed';
        let disable = !left && b.kind !== 'soft';
        if (!left && b.kind === 'soft') {
          // Only the bounces since the member last became active (consented_at, set on every move to active): a
          // member who came back after being disabled starts a new score, as Mailman resets it on re-enabling —
          // else the bounces that disabled them, still in the window, disabled them again at the next one.
          const soft = await tx.query<{ n: number }>(
            `SELECT count(*)::integer AS n FROM subscriber_bounces b WHERE b.subscriber_id = $1 AND b.kind = 'soft' AND b.at <= $3
               AND b.at >= GREATEST($2::timestamptz, (SELECT s.consented_at FROM subscribers s WHERE s.id = $1))`,
            [b.id, b.windowStart, b.at],
          );
          disable = (soft[0]?.n ?? 0) >= b.softThreshold;
        }
        const cause = `${label} bounce${b.inboundId !== null ? ` (inbound ${b.inboundId})` : b.via ? ` (${b.via})` : ''}`;
        const disabled = disable ? await move(tx, b.id, 'disabled', cause) : false;
        return { counted: true, disabled, bounces: after[0]?.bounces ?? 0 };
      });
    },

    async history(id) {
      const rows = await db.query<{ from_status: SubscriberStatus | null; to_status: SubscriberStatus; cause: string; at: Date | string }>(
        `SELECT h.from_status, h.to_status, h.cause, h.at FROM subscriber_history h WHERE h.subscriber_id = $1 ORDER BY h.id`,
        [id],
      );
      return rows.map((r) => ({ from: r.from_status, to: r.to_status, cause: r.cause, at: new Date(r.at) }));
    },
  };
}
