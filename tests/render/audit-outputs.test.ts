/**
 * Audit of what crieur sends to lists and members, judged as Mailman 3 or listmonk would be (outputs only).
 */
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { buildMimeDigest } from '../../src/adapters/render/digest-mime.ts';

const headers = { from: 'PUG <talks@pgug.example.org>', to: 'jean@example.fr', subject: 'Résumé', date: new Date('2026-12-03T08:00:00Z'), messageId: '<d@pgug.example.org>' };
const bareLineEnds = (b: Buffer) => /\r(?!\n)|(?<!\r)\n/.test(b.toString('latin1'));

describe('the MIME digest of posts stored with bare line ends', () => {
  // A post read from a Maildir or an MTA pipe is stored with LF line ends, a classic Mac client's with CR ones.
  const lf = 'From: André <andre@exemple.fr>\nSubject: Réplication\nMessage-ID: <lf@x>\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nPremière ligne.\n.\nFrom here on.\n';
  const cr = lf.replace(/\n/g, '\r').replace('<lf@x>', '<cr@x>');
  const crlf = lf.replace(/\n/g, '\r\n').replace('<lf@x>', '<crlf@x>');

  it('is written in CRLF throughout, each post as it came but for its line ends', async () => {
    const raw = buildMimeDigest({ headers, toc: 'Thèmes du jour\n1. Réplication', messages: [lf, cr, crlf].map((m) => Buffer.from(m, 'utf8')) });
    expect(bareLineEnds(raw)).toBe(false);
    const text = raw.toString('utf8');
    expect(text).toContain(crlf.replace('<crlf@x>', '<lf@x>'));
    expect(text).toContain(crlf.replace('<crlf@x>', '<cr@x>'));
    expect(text).toContain(crlf);
    const parsed = await simpleParser(raw);
    const posts = await Promise.all(parsed.attachments.filter((a) => a.contentType === 'message/rfc822').map((a) => simpleParser(a.content)));
    expect(posts.map((p) => [p.messageId, p.subject, p.text])).toEqual(
      ['<lf@x>', '<cr@x>', '<crlf@x>'].map((id) => [id, 'Réplication', 'Première ligne.\n.\nFrom here on.\n']),
    );
  });
});
