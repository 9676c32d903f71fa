/**
 * The digest's table of contents within 72 columns (held-out audit of subscriber mail): each topic line, « 1.
 * [generale] Réplication logique : retour d'expérience sur la migration (Jean-Baptiste Martin <jb.martin@…>) », ran
 * to 100 columns and more in the text part (the plain digest, and the MIME digest's first part, which is the same
 * preamble) while the rest of crieur's text is wrapped at 72. A topic is now wrapped as the rest, continued under its
 * subject; the posts keep their own lines.
 */
import { describe, expect, it } from 'vitest';
import { createDigestComposer } from '../../src/adapters/compose/digest-mail.ts';
import { buildDigest, type DigestPost } from '../../src/core/digest/build.ts';
import { sincePeriod } from '../../src/core/digest/period.ts';
import { groupConfig } from '../support/test-config.ts';

const config = groupConfig('toc-wrap', { lists: [{ name: 'generale', address: 'pgsql-fr-generale@lists.example.org', language: 'fr' }] });
const period = sincePeriod(new Date('2026-11-30T12:35:30Z'), '1d')!;
const SUBJECT = "[generale] Réplication logique : retour d'expérience sur la migration de nos bases vers PostgreSQL 17";
const BODY = `Bonjour, ${'une ligne de message assez longue qui reste telle quelle '.repeat(3)}`;

function digest() {
  const posts: DigestPost[] = [1, 2].map((n) => ({
    inboundId: n, messageId: `<m${n}@x>`, references: n === 2 ? ['<m1@x>'] : [], subject: n === 2 ? `Re: ${SUBJECT}` : SUBJECT,
    fromName: n === 2 ? 'Jean-Baptiste Martin-Delacroix' : 'Zoé', fromEmail: n === 2 ? 'jean-baptiste.martin-delacroix@entreprise.example.fr' : 'zoe@example.fr',
    sentAt: new Date(period.to.getTime() - (3 - n) * 3_600_000), receivedAt: new Date(period.to.getTime() - (3 - n) * 3_600_000), body: BODY,
    archivedAt: null, listArchive: null, threadId: 1,
  }));
  return buildDigest({ list: { name: 'generale', address: 'pgsql-fr-generale@lists.example.org' }, period, posts, context: posts, threads: [{ id: 1, subject: SUBJECT, startedAt: posts[0]!.sentAt }], excerptChars: 200 })!;
}

describe('the digest’s table of contents', () => {
  it.each(['fr', 'en'] as const)('(%s) wraps each topic at 72 columns under its subject; the posts stay as written', async (locale) => {
    const r = await createDigestComposer(config).render(digest(), locale);
    const preamble = r.text.slice(0, r.text.indexOf('-'.repeat(70)));
    const toc = preamble.slice(preamble.search(/^(Thèmes|Topics)/m));
    for (const line of preamble.split('\n')) if (line.trim().includes(' ')) expect([...line].length, line).toBeLessThanOrEqual(72);
    // each topic: its number, then lines continued under the subject's first letter (7 columns in)
    const topics = toc.split(/\n(?= {2}[ \d]{3}\. )/).slice(1).map((t) => t.trimEnd());
    expect(topics).toHaveLength(2);
    for (const t of topics) {
      const [first, ...rest] = t.split('\n');
      expect(first).toMatch(/^ {2}[ \d]{3}\. \S/);
      expect(rest.length).toBeGreaterThan(0);
      for (const l of rest) expect(l).toMatch(/^ {7}\S/);
    }
    expect(topics[1]!.replace(/\n +/g, ' ')).toBe(`    2. Re: ${SUBJECT} (Jean-Baptiste Martin-Delacroix <jean-baptiste.martin-delacroix@entreprise.example.fr>)`);
    // the posts are not re-flowed
    expect(r.text).toContain(`\n${BODY}\n`);
  });
});
