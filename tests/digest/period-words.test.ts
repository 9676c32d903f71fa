/**
 * The digest's period as its readers see it: in words, in the group's zone, in both languages and both parts (the
 * RFC 1153 text, whose preamble the MIME digest carries too, and the HTML) — never the key the outbox names it by
 * (`since-2026-11-28T1236-2026-11-30T1236`), and « Thèmes du jour » only for a day's digest.
 */
import { describe, expect, it } from 'vitest';
import { createDigestComposer } from '../../src/adapters/compose/digest-mail.ts';
import { buildDigest, type DigestPost } from '../../src/core/digest/build.ts';
import { lastPeriod, sincePeriod, type Period } from '../../src/core/digest/period.ts';
import type { Language } from '../../src/types.ts';
import { groupConfig } from '../support/test-config.ts';

const config = groupConfig('period-words', { lists: [{ name: 'generale', address: 'pgsql-fr-generale@lists.example.org', language: 'fr' }] });
const composer = createDigestComposer(config);
const PARIS = { hour: 8, weeklyDay: 1, timezone: 'Europe/Paris' };

function digestOf(period: Period) {
  const p: DigestPost = {
    inboundId: 1, messageId: '<m1@x>', references: [], subject: 'Apéro de décembre', fromName: 'Jean', fromEmail: 'jean@example.fr',
    sentAt: new Date(period.to.getTime() - 3_600_000), receivedAt: new Date(period.to.getTime() - 3_600_000), body: 'Qui vient ?',
    archivedAt: null, listArchive: null, threadId: 1,
  };
  return buildDigest({ list: { name: 'generale', address: 'pgsql-fr-generale@lists.example.org' }, period, posts: [p], context: [p], threads: [{ id: 1, subject: p.subject, startedAt: p.sentAt }], excerptChars: 200 })!;
}

async function parts(period: Period, locale: Language) {
  const r = await composer.render(digestOf(period), locale);
  return { subject: r.subject, text: r.text, html: r.html.replace(/&nbsp;/g, ' ') };
}

describe('the digest period in words (audit: the key shown to readers)', () => {
  // `crieur digest --since 2d` run on Monday 30 November 2026 at 13:36 in Paris.
  const since = sincePeriod(new Date('2026-11-30T12:35:30Z'), '2d')!;

  it.each([
    ['fr', 'du samedi 28 au lundi 30 novembre 2026', 'Thèmes de la période :', 'Résumé de la liste generale du samedi 28 au lundi 30 novembre 2026'],
    ['en', 'from Saturday, November 28 to Monday, November 30, 2026', 'Topics of the Period:', 'generale Digest from Saturday, November 28 to Monday, November 30, 2026'],
  ] as const)('--since 2d (%s): the two days, no key, no « du jour »', async (locale, words, topics, title) => {
    expect(since.key).toMatch(/^since-/);
    const r = await parts(since, locale);
    for (const part of [r.subject, r.text, r.html]) {
      expect(part).toContain(words);
      expect(part).not.toContain(since.key);
      expect(part).not.toMatch(/since-|Thèmes du jour|Today's Topics/);
    }
    expect(r.text.split('\n')[0]).toBe(title);
    expect(r.text).toContain(`\n${topics}\n`);
    expect(r.text).toMatch(locale === 'fr' ? /\nFin du résumé de la liste generale du samedi 28 au lundi 30 novembre 2026\n/ : /\nEnd of generale Digest from Saturday, November 28 to Monday, November 30, 2026\n/);
  });

  it.each([
    ['fr', 'du lundi 23 au lundi 30 novembre 2026', 'Thèmes de la semaine :'],
    ['en', 'from Monday, November 23 to Monday, November 30, 2026', "This Week's Topics:"],
  ] as const)('weekly (%s): the week, « Thèmes de la semaine »', async (locale, words, topics) => {
    const weekly = lastPeriod(new Date('2026-11-30T09:00:00Z'), 'weekly', PARIS);
    const r = await parts(weekly, locale);
    expect(r.text).toContain(words);
    expect(r.html).toContain(words);
    expect(r.text).toContain(`\n${topics}\n`);
    expect(r.text).not.toContain(weekly.key);
  });

  it('daily, and a span across months and years: each part said once, 1er in French', async () => {
    const daily = lastPeriod(new Date('2026-11-30T09:00:00Z'), 'daily', PARIS);
    const fr = await parts(daily, 'fr');
    expect(fr.text.split('\n')[0]).toBe('Résumé de la liste generale du lundi 30 novembre 2026');
    expect(fr.text).toContain('\nThèmes du jour :\n');
    expect(fr.text).not.toContain(daily.key);
    expect((await parts(daily, 'en')).text).toContain("\nToday's Topics:\n");
    // 90 minutes within one day: that day alone.
    expect((await parts(sincePeriod(new Date('2026-11-30T12:35:30Z'), '90m')!, 'fr')).text.split('\n')[0]).toBe('Résumé de la liste generale du lundi 30 novembre 2026');
    expect((await parts(sincePeriod(new Date('2026-12-01T12:00:00Z'), '2d')!, 'fr')).text.split('\n')[0]).toBe('Résumé de la liste generale du dimanche 29 novembre au mardi 1er décembre 2026');
    expect((await parts(sincePeriod(new Date('2027-01-02T12:00:00Z'), '1w')!, 'en')).text.split('\n')[0]).toBe('generale Digest from Saturday, December 26, 2026 to Saturday, January 2, 2027');
  });
});
