/** IMAP checkpoints: per mailbox, the UIDVALIDITY seen and the last UID stored, so a restart resumes there. */
import type { CheckpointStore } from '../../app/checkpoint-store.ts';
import type { Db } from './db.ts';

export function checkpointStore(db: Db): CheckpointStore {
  return {
    async get(mailbox) {
      // bigint columns (UIDs are unsigned 32-bit): float8 brings them back as exact JS numbers on both engines.
      const rows = await db.query<{ uid_validity: number; last_uid: number }>(
        'SELECT uid_validity::float8 AS uid_validity, last_uid::float8 AS last_uid FROM imap_checkpoints WHERE mailbox = $1',
        [mailbox],
      );
      const r = rows[0];
      return r ? { uidValidity: r.uid_validity, lastUid: r.last_uid } : null;
    },

    async set(mailbox, cp) {
      await db.query(
        `INSERT INTO imap_checkpoints (mailbox, uid_validity, last_uid) VALUES ($1, $2, $3)
         ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid, updated_at = now()`,
        [mailbox, cp.uidValidity, cp.lastUid],
      );
    },
  };
}
