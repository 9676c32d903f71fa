/** Attachment bytes, content-addressed: the key is the sha256 of the bytes, so the same file is kept once. */
import { createHash } from 'node:crypto';
import type { AttachmentStore } from '../../app/proposal-store.ts';
import { toBuffer, type Db } from './db.ts';

export function attachmentStore(db: Db): AttachmentStore {
  return {
    async put(content, contentType) {
      const sha256 = createHash('sha256').update(content).digest('hex');
      await db.query(
        'INSERT INTO attachments (sha256, content_type, size, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING',
        [sha256, contentType, content.length, content],
      );
      return sha256;
    },

    async get(sha256) {
      const rows = await db.query<{ bytes: unknown }>('SELECT bytes FROM attachments WHERE sha256 = $1', [sha256]);
      return rows[0] ? toBuffer(rows[0].bytes) : null;
    },
  };
}
