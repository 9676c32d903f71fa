/**
 * Audit of what crieur sends to lists and members, judged as Mailman 3 or listmonk would be (outputs only).
 */
import { existsSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildMimeDigest } from '../../src/adapters/render/digest-mime.ts';
import { createEventMailBuilder } from '../../src/adapters/compose/announcement.ts';
import { createDigestComposer } from '../../src/adapters/compose/digest-mail.ts';
import { buildDigest } from '../../src/core/digest/build.ts';
import { configSchema } from '../../src/config/schema.ts';
import type { EventMailInput } from '../../src/app/announce-event.ts';

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

const CHROMIUM = '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('user text written right to left, in the announcement as a browser lays it out', () => {
  // A Hebrew title starting a line in a left-to-right block is laid out from the left: « PostgreSQL 16-מה חדש ב »,
  // its words in the wrong order for its reader, and an abstract's final full stop lands on its right. Each value a
  // user wrote takes its direction from its own first letter (dir="auto"), as a mail client does for a text line.
  it('titles and abstract paragraphs take their own direction; crieur’s French and the French ones stay left to right', { timeout: 120_000 }, async () => {
    const config = configSchema.parse({
      group: { name: 'Groupe d’Utilisateurs PostgreSQL à Paris', locale: 'fr', timezone: 'Europe/Paris' },
      addresses: { proposals: 'talks@pgug.example.org', from: 'PostgreSQL Paris <talks@pgug.example.org>' },
    });
    const event = (kind: 'announce' | 'reminder'): EventMailInput => ({
      kind,
      ...(kind === 'reminder' ? { daysBefore: 1 } : {}),
      event: { id: 7, sequence: 1, date: new Date('2027-06-24T17:00:00Z'), venue: 'Chez Dalibo', title: 'מפגש PostgreSQL 42', venueAddress: null, mapUrl: null, registrationUrl: null, capacity: null },
      talks: [
        { ref: 'P-0001', format: 'talk', title: 'Partitionnement en production', abstract: 'Retour d’expérience.\n\nסקירה קצרה של הגרסה 16, כולל 3 דוגמאות.', durationMinutes: 45, speakers: [{ name: 'Jeanne', email: 'j@x.fr' }] },
        { ref: 'P-0002', format: 'lightning', title: 'מה חדש ב-PostgreSQL 16', abstract: 'סקירה קצרה.', durationMinutes: 5, speakers: [{ name: 'דנה לוי', email: 'd@x.il' }] },
      ],
      next: null,
      date: new Date('2026-12-01T10:00:00Z'),
      seed: 'rtl',
    });
    const [built] = await createEventMailBuilder(config).build(event('announce'), [{ key: 'member:fr', locale: 'fr', to: null }]);
    const [reminder] = await createEventMailBuilder(config).build(event('reminder'), [{ key: 'member:fr', locale: 'fr', to: null }]);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 375, height: 900 } });
      await page.setContent(built!.html.replace(/\u0001[a-z]+\u0001/g, ''), { waitUntil: 'load' });
      const direction = (text: string) =>
        page.evaluate((t) => {
          const el = [...document.querySelectorAll('h1, h2, h3, p')].find((e) => e.textContent?.trim() === t);
          return el ? getComputedStyle(el).direction + (el.matches(':dir(rtl)') ? ':rtl' : ':ltr') : 'missing';
        }, text);
      expect(await direction('מפגש PostgreSQL 42')).toBe('rtl:rtl');
      expect(await direction('מה חדש ב-PostgreSQL 16')).toBe('rtl:rtl');
      expect(await direction('סקירה קצרה של הגרסה 16, כולל 3 דוגמאות.')).toBe('rtl:rtl');
      expect(await direction('סקירה קצרה.')).toBe('rtl:rtl');
      expect(await direction('Partitionnement en production')).toBe('ltr:ltr');
      expect(await direction('Retour d’expérience.')).toBe('ltr:ltr');
      expect(await direction('Au programme')).toBe('ltr:ltr');
      await page.setContent(reminder!.html.replace(/\u0001[a-z]+\u0001/g, ''), { waitUntil: 'load' });
      expect(await direction('מפגש PostgreSQL 42')).toBe('rtl:rtl');
      // A list digest: the post's excerpt takes its own direction; its subject is set apart from « Nouveau fil : ».
      const post = { inboundId: 1, messageId: '<m1@x>', references: [], subject: 'שאלה על VACUUM', fromName: 'דנה', fromEmail: 'd@x.il', sentAt: new Date('2026-11-30T10:00:00Z'), receivedAt: new Date('2026-11-30T10:00:00Z'), body: 'האם autovacuum רץ תמיד?', archivedAt: null, listArchive: null, threadId: 1 };
      const period = { cadence: 'daily' as const, from: new Date('2026-11-30T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z'), key: 'daily-2026-11-30' };
      const digest = buildDigest({ list: { name: 'g', address: 'g@x.org' }, period, posts: [post], context: [post], threads: [{ id: 1, subject: post.subject, startedAt: post.sentAt }], excerptChars: 400 })!;
      const rendered = await createDigestComposer(config).render(digest, 'fr');
      await page.setContent(rendered.html.replace(/\u0001[a-z]+\u0001/g, ''), { waitUntil: 'load' });
      expect(await direction('האם autovacuum רץ תמיד?')).toBe('rtl:rtl');
      const heading = await page.evaluate(() => [...document.querySelectorAll('h3')].map((h) => [h.textContent, h.querySelector('bdi')?.textContent ?? null]));
      expect(heading).toEqual([['Nouveau fil\u00a0: שאלה על VACUUM', 'שאלה על VACUUM']]);
    } finally {
      await browser.close();
    }
  });
});
