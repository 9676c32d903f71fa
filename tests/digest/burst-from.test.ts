/**
 * The RFC 1153 digest burst back into messages (procmail's `formail -ds`, as mutt's and Mailman's splitters do): each
 * message's From must name its poster's address, whatever the display name holds. An audit found a name with an RFC
 * 5322 special written bare (« From: Support, ACME Inc. <s@x> », « From: <script>alert(1) <evil@ex.fr> »), which a
 * mail client reads as other addresses, or none. The From lines are read back by nodemailer's address parser.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import addressparser from 'nodemailer/lib/addressparser';
import { describe, expect, it } from 'vitest';
import { createDigestComposer } from '../../src/adapters/compose/digest-mail.ts';
import { buildDigest, type DigestPost } from '../../src/core/digest/build.ts';
import { sincePeriod } from '../../src/core/digest/period.ts';
import { cleanName } from '../../src/core/text/names.ts';
import { groupConfig } from '../support/test-config.ts';

const LIST = { name: 'generale', address: 'pgsql-fr-generale@lists.example.org', language: 'fr' };
const composer = createDigestComposer(groupConfig('burst-from', { lists: [LIST] }));

// (the name expected is the one every part of the digest shows: cleanName's)
const POSTERS: [name: string, email: string][] = [
  ['<script>alert(1)</script>', 'evil@example.fr'],
  ['Support, ACME Inc.', 'support@acme.example'],
  ['Paris, Lyon, Lille', 'villes@example.fr'],
  ['Jean @ Home', 'jean@example.fr'],
  ['Dupont; Jean', 'dupont@example.fr'],
  ['Jean D. Dupont', 'jd@example.fr'],
  ['Zoë "ZO" O\'Brien', 'zoe@example.fr'],
  ['Éloïse Martin', 'eloise@example.fr'],
];

describe('the RFC 1153 digest, burst: each From is its poster', () => {
  it('quotes a display name with specials, leaves a plain one as it is', async () => {
    const period = sincePeriod(new Date('2026-11-30T12:00:00Z'), '1d')!;
    const posts: DigestPost[] = POSTERS.map(([name, email], i) => ({
      inboundId: i + 1, messageId: `<m${i}@x>`, references: [], subject: `Sujet ${i}`, fromName: name, fromEmail: email,
      sentAt: new Date(period.to.getTime() - 3_600_000 + i * 1000), receivedAt: new Date(period.to.getTime() - 3_600_000), body: `Message ${i}.`,
      archivedAt: null, listArchive: null, threadId: i + 1,
    }));
    const d = buildDigest({ list: LIST, period, posts, context: posts, threads: posts.map((p) => ({ id: p.threadId, subject: p.subject, startedAt: p.sentAt })), excerptChars: 200 })!;
    const { text } = await composer.render(d, 'fr');
    const dir = mkdtempSync(join(tmpdir(), 'burst-from-'));
    try {
      const file = join(dir, 'digest.txt');
      writeFileSync(file, `From digest@example.org Mon Nov 30 12:00:00 2026\nFrom: digest@example.org\nSubject: digest\n\n${text}`);
      // one line per burst message: its From header as formail extracts it
      const out = execFileSync('sh', ['-c', `formail -ds formail -zx From: < "${file}"`], { encoding: 'utf8' });
      const froms = out.split('\n').filter((l) => l.trim() !== '' && !l.includes('digest@example.org'));
      expect(froms).toHaveLength(POSTERS.length);
      POSTERS.forEach(([name, email], i) => {
        const parsed = addressparser(froms[i]!);
        expect(parsed, froms[i]).toEqual([{ address: email, name: cleanName(name) }]);
      });
      // a plain name stays unquoted
      expect(froms).toContain('Éloïse Martin <eloise@example.fr>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
