/** Migration 009: members' digest choices per list, and the roster's DigestRecipients over them. */
import type { DigestChoice, DigestFormat, DigestPreferenceStore } from '../../app/digest-recipients.ts';
import type { Cadence } from '../../core/digest/period.ts';
import type { Language } from '../../types.ts';
import type { Db } from './db.ts';

export function digestPreferenceStore(db: Db): DigestPreferenceStore {
  return {
    async set(memberId, list, choice) {
      if (choice === null) {
        await db.query(`DELETE FROM digest_preferences WHERE subscriber_id = $1 AND list = $2`, [memberId, list]);
        return;
      }
      await db.query(
        `INSERT INTO digest_preferences (subscriber_id, list, cadence, format) VALUES ($1, $2, $3, $4)
         ON CONFLICT (subscriber_id, list) DO UPDATE SET cadence = EXCLUDED.cadence, format = EXCLUDED.format, chosen_at = now()`,
        [memberId, list, choice.cadence, choice.format],
      );
    },

    async get(memberId, list): Promise<DigestChoice | null> {
      const rows = await db.query<{ cadence: Cadence; format: DigestFormat }>(
        `SELECT p.cadence, p.format FROM digest_preferences p WHERE p.subscriber_id = $1 AND p.list = $2`,
        [memberId, list],
      );
      return rows[0] ?? null;
    },

    async all() {
      const rows = await db.query<{ email: string; list: string; cadence: Cadence; format: DigestFormat }>(
        `SELECT lower(s.email) AS email, p.list, p.cadence, p.format FROM digest_preferences p JOIN subscribers s ON s.id = p.subscriber_id ORDER BY p.list`,
      );
      const out = new Map<string, (DigestChoice & { list: string })[]>();
      for (const r of rows) out.set(r.email, [...(out.get(r.email) ?? []), { list: r.list, cadence: r.cadence, format: r.format }]);
      return out;
    },

    async forList(list) {
      // Only active members: pending, unsubscribed and disabled ones get nothing (a disabled member until re-confirmed).
      const rows = await db.query<{ id: number; email: string; name: string | null; language: Language | null; cadence: Cadence; format: DigestFormat }>(
        `SELECT s.id, s.email, s.name, s.language, p.cadence, p.format
         FROM digest_preferences p JOIN subscribers s ON s.id = p.subscriber_id
         WHERE p.list = $1 AND s.status = 'active' ORDER BY s.id`,
        [list],
      );
      return rows.map((r) => ({ memberId: r.id, email: r.email, name: r.name, language: r.language, cadence: r.cadence, format: r.format }));
    },
  };
}
