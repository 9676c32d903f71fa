/**
 * The mails speakers and organizers get, as sent (composed by crieur, read back from their MIME bytes), in a real
 * browser (Debian's chromium through playwright-core, headless): the acknowledgement every speaker receives first (fr
 * and en), the organizers' notice with its reply verbs, the speaker's decision and a command's transcript. At 375 px (a
 * phone) and 800 px nothing overflows horizontally — a long title, an unbroken identifier, a long URL in the abstract,
 * a name in quotes and angle brackets — and nothing the speaker wrote shows up as markup. And a member's weekly digest
 * of the list (a new thread with its replies, a thread continued from the week before). The PNGs are kept in
 * docs/screenshots/ for the README (only announcements and pages had theirs).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.ts';
import { createComposer } from '../../src/adapters/compose/composer.ts';
import { createCommandMails } from '../../src/adapters/compose/command-mails.ts';
import { readMail } from '../../src/adapters/mailparser.ts';
import type { ProposalRecord } from '../../src/app/proposal-store.ts';
import { createDigestComposer } from '../../src/adapters/compose/digest-mail.ts';
import { buildDigest, type DigestPost } from '../../src/core/digest/build.ts';
import { lastPeriod } from '../../src/core/digest/period.ts';
import { createMembershipMails } from '../../src/adapters/compose/membership-mails.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(import.meta.dirname, '../../docs/screenshots');
const config = configSchema.parse({
  group: { name: 'Groupe d’Utilisateurs PostgreSQL à Paris', locale: 'fr', timezone: 'Europe/Paris' },
  addresses: { proposals: 'talks@pgug.example.org', from: 'PostgreSQL Paris <talks@pgug.example.org>', bounces: 'bounces@pgug.example.org' },
  organizers: ['dim@example.org'],
  lists: [{ name: 'generale', address: 'pgsql-fr-generale@lists.postgresql.example', language: 'fr' }],
  secret: 'mail-screenshots-secret-0123456789',
});

const proposal = (language: 'fr' | 'en'): ProposalRecord => ({
  id: 7,
  ref: 'P-0007',
  status: 'received',
  receivedAt: new Date('2026-11-28T18:00:00Z'),
  messageId: 70,
  event: null,
  format: 'talk',
  language,
  durationMinutes: 40,
  title:
    language === 'fr'
      ? 'Partitionnement déclaratif en production : trois ans de retours d’expérience <sur> 40 To avec pg_partman_et_un_identifiant_sans_espaces_tres_long'
      : 'Declarative partitioning in production: three years on 40 TB <with> pg_partman_and_a_very_long_identifier_without_spaces',
  abstract:
    (language === 'fr'
      ? 'Nous avons migré une base de 40 To vers le partitionnement déclaratif, table par table, sans interruption. Les diapositives : '
      : 'We moved a 40 TB database to declarative partitioning, one table at a time, with no downtime. The slides: ') +
    'https://example.org/un/lien/tres/long/vers/les/diapositives/de/la/presentation-partitionnement-declaratif.pdf\n\n<b>démo</b> & chiffres.',
  speakers: [
    { name: 'Jeanne "JM" <Martin>', email: 'jeanne.martin@example.fr' },
    { name: 'Karim Benali', email: 'karim.benali@example.fr' },
  ],
  attachments: [{ filename: 'slides & notes.pdf', contentType: 'application/pdf', size: 1_258_291, sha256: 'a'.repeat(64) }],
});

const thread = (language: 'fr' | 'en') => ({ messageId: '<cfp-7@example.fr>', references: [], subject: 'Proposition', language });

let browser: Browser;
beforeAll(async () => {
  if (existsSync(CHROMIUM)) browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

/** The HTML part of a composed mail, as a mail client gets it from the bytes on the wire. */
async function htmlOf(raw: Buffer): Promise<string> {
  const m = await readMail(raw);
  expect(m.html, 'an HTML part').toBeTruthy();
  return m.html!;
}

/** Renders at 375 and 800 px: no element past the viewport's right edge; the PNGs kept under `name`. */
async function looksRight(name: string, html: string): Promise<void> {
  for (const width of [375, 800]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.setContent(html, { waitUntil: 'load' });
    const seen = await page.evaluate(() => {
      const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => `${e.tagName}.${e.className}`);
      return { scroll: document.documentElement.scrollWidth, inner: window.innerWidth, wide: wide.slice(0, 5), text: document.body.innerText, injected: document.querySelectorAll('body b, body sur, body with, body martin').length };
    });
    expect(seen.scroll, `${name} at ${width}px: ${seen.wide.join(', ')}`).toBeLessThanOrEqual(seen.inner);
    expect(seen.wide, `${name} at ${width}px`).toEqual([]);
    // What the speaker wrote is text: « <sur> », « <b>démo</b> », « <Martin> » shown as typed, never elements.
    expect(seen.injected, `${name}: markup from the proposal became elements`).toBe(0);
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
    await page.close();
  }
}

describe.skipIf(!existsSync(CHROMIUM))('the mails of a proposal in a browser', () => {
  const composer = createComposer(config);
  const mails = createCommandMails(config);

  it('the acknowledgement, in French and in English', { timeout: 180_000 }, async () => {
    for (const language of ['fr', 'en'] as const) {
      const p = proposal(language);
      const html = await htmlOf((await composer.ack(p, p.speakers[0] as { name: string; email: string }, thread(language))).raw);
      expect(html).toContain('P-0007');
      await looksRight(`ack-${language}`, html);
    }
  });

  it('the organizers’ notice, with the verbs to reply', { timeout: 180_000 }, async () => {
    const html = await htmlOf((await composer.organizerNotice(proposal('fr'), 'dim@example.org')).raw);
    expect(html).toMatch(/accepter/i);
    await looksRight('notify-organizer-fr', html);
  });

  it('a speaker’s decision (scheduled) and a command’s transcript', { timeout: 180_000 }, async () => {
    const p = proposal('fr');
    const to = { name: 'Jeanne Martin', email: 'jeanne.martin@example.fr' };
    const decision = await mails.decision('scheduled', p, to, 'fr', { event: { date: new Date('2027-01-28T18:00:00Z'), venue: 'Dalibo, 43 rue du Faubourg Montmartre, 75009 Paris' } });
    await looksRight('decision-scheduled-fr', await htmlOf(decision.raw));
    const transcript = await mails.transcript(
      { name: 'Dimitri', email: 'dim@example.org' },
      'fr',
      { purpose: 'organizer', ref: 'P-0007' },
      {
        results: [
          { line: 'programmer 2027-01-28', note: 'P-0007 programmée le jeudi 28 janvier 2027 à 19h00', isDone: true, isRefused: false, isUnknown: false, isIgnored: false },
          { line: 'refuser P-0099 hors sujet', note: 'aucune proposition P-0099', isDone: false, isRefused: true, isUnknown: false, isIgnored: false },
        ],
        showHelp: true,
      },
      thread('fr'),
    );
    await looksRight('transcript-fr', await htmlOf(transcript.raw));
  });

  it('the speakers’ news of a withdrawal and of a fellow speaker’s confirmation', { timeout: 180_000 }, async () => {
    const p = proposal('fr');
    const to = { name: 'Karim Benali', email: 'karim.benali@example.fr' };
    const withdrawn = await htmlOf((await mails.decision('withdrawn', p, to, 'fr', {})).raw);
    expect(withdrawn).toContain('P-0007');
    await looksRight('decision-withdrawn-fr', withdrawn);
    const fellow = await htmlOf((await mails.decision('co-confirmed', p, to, 'en', { actor: 'Jeanne "JM" Martin' })).raw);
    // The fellow speaker's name as the proposal has it, its quotes escaped.
    expect(fellow).toContain('Jeanne &quot;JM&quot; Martin confirmed');
    await looksRight('decision-co-confirmed-en', fellow);
  });
});

describe.skipIf(!existsSync(CHROMIUM))('the mails of joining and leaving in a browser', () => {
  // With a public URL: the confirmation's link, the welcome's one-click unsubscribe page.
  const membership = createMembershipMails(configSchema.parse({ ...config, http: { publicUrl: 'https://pgug.example.org' } }));
  const to = { name: 'Jeanne "JM" <Martin>', email: 'jeanne.martin.avec.une.adresse.particulierement.longue@example-tres-long.fr' };

  it('the confirmation asked for, and the welcome once confirmed (French); the other two mails fit too', { timeout: 180_000 }, async () => {
    const confirm = await htmlOf((await membership.confirmJoin(to, 'fr', 'c-12-abcdefabcdefabcdef', new Date('2026-12-09T10:00:00Z'), { list: 'generale', cadence: 'weekly' })).raw);
    expect(confirm).toContain('https://pgug.example.org/confirm/c-12-abcdefabcdefabcdef');
    await looksRight('join-confirm-fr', confirm);
    const welcome = await htmlOf((await membership.welcome(to, 'fr', 12, { list: 'generale', cadence: 'weekly' })).raw);
    expect(welcome).toContain('https://pgug.example.org/unsubscribe/');
    await looksRight('welcome-fr', welcome);
    for (const locale of ['fr', 'en'] as const) {
      await looksRight(`left-${locale}`, await htmlOf((await membership.left(to, locale)).raw));
      await looksRight(`leave-confirm-${locale}`, await htmlOf((await membership.confirmLeave(to, locale, 'u-12-abcdefabcdef')).raw));
    }
  });
});

describe.skipIf(!existsSync(CHROMIUM))('a member\'s weekly digest in a browser', () => {
  it('nothing overflows at 375 px and at 800 px; the posters\' markup stays text; screenshots kept', { timeout: 180_000 }, async () => {
    const period = lastPeriod(new Date('2026-11-30T10:00:00Z'), 'weekly', { hour: 8, weeklyDay: 1, timezone: 'Europe/Paris' });
    const at = (daysBefore: number) => new Date(period.to.getTime() - daysBefore * 86_400_000);
    const post = (n: number, threadId: number, sentAt: Date, fromName: string, subject: string, body: string, references: string[] = []): DigestPost => ({
      inboundId: n, messageId: `<m${n}@example.fr>`, references, subject, fromName, fromEmail: `${fromName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\W+/g, '.')}@example.fr`,
      sentAt, receivedAt: sentAt, body, archivedAt: null, listArchive: 'https://lists.postgresql.example/pgsql-fr-generale/', threadId,
    });
    const earlier = post(1, 1, at(10), 'Jeanne Martin', 'Réplication logique et <DDL>', 'Comment répliquez-vous les changements de schéma ?');
    const posts = [
      post(2, 1, at(5), 'Karim Benali', 'Re: Réplication logique et <DDL>', 'Nous passons par un script qui applique le DDL des deux côtés avant de rafraîchir la publication : https://example.org/un/lien/tres/long/vers/un/script/de/migration-ddl-replication-logique.sql', ['<m1@example.fr>']),
      post(3, 2, at(3), 'Priya Raman', 'Apéro PostgreSQL de décembre', 'Qui vient jeudi ? <b>Inscription</b> sur le wiki, et pg_stat_statements_un_identifiant_sans_espaces_tres_long.'),
      post(4, 2, at(2), 'Élodie Dupré', 'Re: Apéro PostgreSQL de décembre', 'Moi ! Je peux apporter de quoi montrer la démo de partitionnement.', ['<m3@example.fr>']),
    ];
    const digest = buildDigest({
      list: { name: 'generale', address: 'pgsql-fr-generale@lists.postgresql.example' },
      period,
      posts,
      context: [earlier, ...posts],
      threads: [
        { id: 1, subject: earlier.subject, startedAt: earlier.sentAt },
        { id: 2, subject: posts[1]!.subject, startedAt: posts[1]!.sentAt },
      ],
      excerptChars: 400,
    })!;
    const composer = createDigestComposer(config);
    const rendered = composer.forMember(await composer.render(digest, 'fr', { members: true }), { email: 'jean@example.fr', memberId: 12 });
    expect(rendered.html).toContain('Apéro PostgreSQL de décembre');
    await looksRight('digest-fr', rendered.html);
  });
});
