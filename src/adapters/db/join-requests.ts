/** Migration 010: the JoinStore of src/app/join.ts over a Db (double opt-in requests). */
import type { JoinRequestRow, JoinStore } from '../../app/join.ts';
import { MEMBERS_LIST } from '../../app/subscriber-store.ts';
import type { Cadence } from '../../core/digest/period.ts';
import type { DigestFormat } from '../../app/digest-recipients.ts';
import type { Language } from '../../types.ts';
import type { Db } from './db.ts';
import { move } from './membership.ts';

interface Row {
  id: number;
  subscriber_id: number;
  email: string;
  name: string | null;
  language: Language | null;
  digest_list: string | null;
  digest_cadence: Cadence | null;
  digest_format: DigestFormat | null;
  source: 'mail' | 'web';
  cause: string;
  created_at: Date | string;
  expires_at: Date | string;
  confirmed_at: Date | string | null;
}

const SELECT = `SELECT r.id, r.subscriber_id, s.email, r.name, r.language, r.digest_list, r.digest_cadence, r.digest_format, r.source, r.cause,
  r.created_at, r.expires_at, r.confirmed_at FROM join_requests r JOIN subscribers s ON s.id = r.subscriber_id`;

function toRow(r: Row): JoinRequestRow {
  return {
    id: r.id,
    memberId: r.subscriber_id,
    email: r.email,
    name: r.name,
    language: r.language,
    // A list without a cadence: the request asked for no digest of that list any more (`digest off`).
    digest: r.digest_list ? { list: r.digest_list, choice: r.digest_cadence ? { cadence: r.digest_cadence, format: r.digest_format ?? 'html' } : null } : null,
    source: r.source,
    cause: r.cause,
    createdAt: new Date(r.created_at),
    expiresAt: new Date(r.expires_at),
    confirmedAt: r.confirmed_at ? new Date(r.confirmed_at) : null,
  };
}

export function joinRequestStore(db: Db): JoinStore {
  return {
    async open(r) {
      return db.transaction(async (tx) => {
        if (r.key !== null) {
          const seen = await tx.query<Row>(`${SELECT} WHERE r.key = $1`, [r.key]);
          if (seen[0]) return { request: toRow(seen[0]), created: false };
        }
        // A new address becomes a pending member (on the members list); an existing one is left as it is — its
        // status, name and language change only once it confirms. The pending row has no name nor language: those
        // are whatever anyone typed for the address, kept on the request and applied only by its confirmation.
        // DO UPDATE (a no-op) so the row comes back.
        const member = await tx.query<{ id: number }>(
          `INSERT INTO subscribers AS s (email, name, language, status, source) VALUES ($1, NULL, NULL, 'pending', $2)
           ON CONFLICT ((lower(email))) DO UPDATE SET updated_at = s.updated_at RETURNING s.id`,
          [r.email, r.source],
        );
        const memberId = member[0]!.id;
        if (r.reuseSince) {
          // A double click or a browser's retry (no replay key): the same open request made moments ago is this
          // one, so its mail (keyed by the request) is not sent twice. Two such requests racing take turns: the
          // upsert above holds the member's row (or its new key) until commit, and this read sees the winner's.
          const same = await tx.query<Row>(
            `${SELECT} WHERE r.subscriber_id = $1 AND r.confirmed_at IS NULL AND r.expires_at > $2 AND r.created_at >= $3
               AND r.name IS NOT DISTINCT FROM $4 AND r.language IS NOT DISTINCT FROM $5 AND r.digest_list IS NOT DISTINCT FROM $6
               AND r.digest_cadence IS NOT DISTINCT FROM $7 AND r.digest_format IS NOT DISTINCT FROM $8
             ORDER BY r.id DESC LIMIT 1`,
            [memberId, r.at, r.reuseSince, r.name, r.language, r.digest?.list ?? null, r.digest?.choice?.cadence ?? null, r.digest?.choice?.format ?? null],
          );
          if (same[0]) return { request: toRow(same[0]), created: false };
        }
        await tx.query(`INSERT INTO subscriber_lists (subscriber_id, list) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [memberId, MEMBERS_LIST]);
        // Two jobs of one mail racing: the loser's insert finds the key taken and reads the winner's row.
        const inserted = await tx.query<{ id: number }>(
          `INSERT INTO join_requests (subscriber_id, name, language, digest_list, digest_cadence, digest_format, source, cause, key, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (key) DO NOTHING RETURNING id`,
          [memberId, r.name, r.language, r.digest?.list ?? null, r.digest?.choice?.cadence ?? null, r.digest?.choice?.format ?? null, r.source, r.cause, r.key, r.at, r.expiresAt],
        );
        const rows = inserted[0]
          ? await tx.query<Row>(`${SELECT} WHERE r.id = $1`, [inserted[0].id])
          : await tx.query<Row>(`${SELECT} WHERE r.key = $1`, [r.key]);
        return { request: toRow(rows[0]!), created: inserted.length > 0 };
      });
    },

    async get(id) {
      const rows = await db.query<Row>(`${SELECT} WHERE r.id = $1`, [id]);
      return rows[0] ? toRow(rows[0]) : null;
    },

    async confirm(id, cause, at) {
      return db.transaction(async (tx) => {
        const done = await tx.query<{ subscriber_id: number; name: string | null; language: Language | null }>(
          `UPDATE join_requests SET confirmed_at = $2, confirm_cause = $3
           WHERE id = $1 AND confirmed_at IS NULL AND expires_at > $2 RETURNING subscriber_id, name, language`,
          [id, at, cause],
        );
        const req = done[0];
        if (!req) return null;
        const member = await tx.query<{ id: number; email: string; name: string | null; language: Language | null }>(
          `UPDATE subscribers SET name = coalesce($2, name), language = coalesce($3, language), updated_at = now() WHERE id = $1
           RETURNING id, email, name, language`,
          [req.subscriber_id, req.name, req.language],
        );
        const activated = await move(tx, req.subscriber_id, 'active', cause);
        return { activated, member: member[0]! };
      });
    },
  };
}
