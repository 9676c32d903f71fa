/** The outbox seen by the daily summary of undelivered mail (src/app/report-undelivered.ts; migration 007). */
import type { UndeliveredStore } from '../../app/report-undelivered.ts';
import type { Db } from './db.ts';

interface Row {
  id: number;
  purpose: string;
  subject_ref: string;
  recipient: string;
  attempts: number;
  answer: string | null;
  created_at: Date;
}

export function undeliveredStore(db: Db): UndeliveredStore {
  return {
    async unreported(limit, except) {
      const rows = await db.query<Row>(
        `SELECT id, purpose, subject_ref, recipient, attempts, coalesce(smtp_response, last_error) AS answer, created_at
         FROM outbox WHERE phase = 'failed' AND status = 'failed' AND reported_at IS NULL AND NOT starts_with(subject_ref, $2)
         ORDER BY id LIMIT $1`,
        [limit, except.refPrefix],
      );
      return rows.map((r) => ({
        id: r.id,
        purpose: r.purpose,
        subjectRef: r.subject_ref,
        recipient: r.recipient,
        attempts: r.attempts,
        answer: r.answer ?? '(no answer recorded)',
        createdAt: r.created_at,
      }));
    },
    async markReported(ids) {
      if (ids.length === 0) return;
      await db.query(`UPDATE outbox SET reported_at = now() WHERE id = ANY($1::integer[]) AND status = 'failed'`, [ids]);
    },
  };
}
