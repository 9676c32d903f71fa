/**
 * The public pages in a real browser (Debian's chromium through playwright-core, headless), against a running
 * crieur pipeline (PostgreSQL, Redis, a recording SMTP listener): the subscribe form filled and submitted as a
 * person would (typing, choosing, clicking) → the confirmation mail arrives → its link opened → the button clicked
 * → the member is active with the digest chosen; a member and a stranger get the same answer from the form; the
 * unsubscribe page's button unsubscribes; the programme page has no horizontal overflow at 375 px and 1280 px.
 * Screenshots are kept in docs/screenshots/ for the README.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttp } from '../../src/adapters/http/server.ts';
import { mintMemberToken } from '../../src/core/membership/token.ts';
import { joinSubscriptions, pageRoutes } from '../../workers/http-routes.ts';
import { TEST_SECRET, useLive, waitSentTo } from '../support/pipeline.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(import.meta.dirname, '../../docs/screenshots');
/** The https base the mails link to; the test opens the same paths on its own listener. */
const PUBLIC = 'https://pgug.example.org';

describe.skipIf(!existsSync(CHROMIUM))('public pages in a browser', () => {
  const live = useLive('postgres', { watch: false, overrides: { http: { port: 0, public: true, publicUrl: PUBLIC } } });
  let browser: Browser;
  let http: Server;
  let base: string;

  beforeAll(async () => {
    const deps = live.p.running.context.deps;
    http = await startHttp('127.0.0.1', 0, live.p.running.metrics, [], pageRoutes(deps, joinSubscriptions(deps)));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    await seedProgramme();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => http?.close(r));
  });

  async function seedProgramme(): Promise<void> {
    const { store } = live.p;
    const ev = await store.events.create({
      // A month ahead, at 19h00 in Paris: the page shows the meetup as the group would plan it.
      date: DateTime.now().setZone('Europe/Paris').plus({ days: 30 }).set({ hour: 19, minute: 0, second: 0, millisecond: 0 }).toJSDate(),
      venue: 'Dalibo',
      title: 'Meetup PostgreSQL — partitionnement et supervision',
      venueAddress: '43 rue du Faubourg Montmartre, 75009 Paris',
      mapUrl: 'https://www.openstreetmap.org/?mlat=48.8742&mlon=2.3431#map=18/48.8742/2.3431',
      registrationUrl: 'https://www.meetup.com/fr-FR/postgresql-paris/events/123456789/',
    });
    const talks = [
      { format: 'talk' as const, title: 'Partitionnement déclaratif en production : trois ans de retours d’expérience sur une base de 40 To', abstract: 'Nous avons migré une base de 40 To vers le partitionnement déclaratif, table par table, sans interruption.\n\nLe choix des clés, la maintenance (detach concurrently, index), les pièges du planificateur et les mesures avant/après : https://example.org/un/lien/tres/long/vers/les/diapositives/de/la/presentation-complete.pdf', speakers: [{ name: 'Jeanne Martin', email: 'jeanne@example.fr' }, { name: 'Karim Benali', email: 'karim@example.fr' }] },
      { format: 'lightning' as const, title: 'pg_stat_statements en cinq minutes', abstract: 'Trois requêtes pour trouver ce qui coûte.', speakers: [{ name: 'Priya Raman', email: 'priya@example.org' }] },
      { format: 'lightning' as const, title: 'Supercalifragilisticexpialidocious_identifiant_sans_espaces_tres_tres_long_pour_voir', abstract: null, speakers: [{ name: 'Zoé', email: 'zoe@example.fr' }] },
    ];
    for (const t of talks) {
      const { id } = await store.inbound.saveRaw(Buffer.from(`Message-ID: <${randomBytes(6).toString('hex')}@x>\r\nSubject: s\r\n\r\nx\r\n`), { source: 'cli' });
      const { proposal } = await store.proposals.fileFromMessage(id, { ...t, durationMinutes: t.format === 'talk' ? 45 : 5, language: 'fr', attachments: [] }, 'test');
      await store.events.assign(ev.id, proposal.ref);
    }
  }

  async function newPage(width: number, locale = 'fr-FR'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale });
    return context.newPage();
  }

  /** Elements sticking out of the viewport, and the document's scroll width against it. */
  async function overflow(page: Page) {
    return page.evaluate(() => {
      const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => `${e.tagName}.${e.className}`);
      return { scroll: document.documentElement.scrollWidth, inner: window.innerWidth, wide: wide.slice(0, 5) };
    });
  }

  it('the programme page fits at 375 px and 1280 px', { timeout: 120_000 }, async () => {
    for (const width of [375, 1280]) {
      const page = await newPage(width);
      await page.goto(`${base}/`);
      await expect.poll(() => page.locator('h1').innerText()).toContain('partitionnement et supervision');
      expect(await page.locator('article.talk').count()).toBe(3);
      const o = await overflow(page);
      expect(o.scroll, `at ${width}px: ${o.wide.join(', ')}`).toBeLessThanOrEqual(o.inner);
      expect(o.wide, `at ${width}px`).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `pages-programme-${width}.png`), fullPage: true });
      await page.context().close();
    }
  });

  it('subscribe as a person would → confirmation mail → its link → the button → active, with the digest chosen', { timeout: 180_000 }, async () => {
    const email = 'claire.dubois@example.fr';
    const page = await newPage(375);
    await page.goto(`${base}/subscribe`);
    await page.getByLabel('Adresse électronique').pressSequentially(email, { delay: 5 });
    await page.getByLabel('Nom (facultatif)').pressSequentially('Claire Dubois', { delay: 5 });
    await page.getByLabel('Langue des mails').selectOption('en');
    await page.getByLabel(/Résumé des messages de la liste generale/).selectOption('weekly');
    await page.getByLabel('Format du résumé').selectOption('text');
    await page.screenshot({ path: join(SHOTS, 'pages-subscribe-375.png'), fullPage: true });
    expect((await overflow(page)).wide).toEqual([]);
    await page.getByRole('button', { name: 'M’abonner' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Vérifiez votre messagerie');
    expect(await live.p.store.subscribers.get(email)).toMatchObject({ status: 'pending' });

    // The mail, in the language chosen, links to /confirm/TOKEN under the public URL.
    const [mail] = await waitSentTo(live.sink, email, 1, 60_000);
    const link = new RegExp(`${PUBLIC}(/confirm/c-\\d+-[a-z2-7]{16})`).exec(mail!.mail.text ?? '');
    expect(link, mail!.mail.text ?? '').not.toBeNull();
    await page.goto(`${base}${link![1]}`);
    expect(await live.p.store.subscribers.get(email)).toMatchObject({ status: 'pending' });
    await page.screenshot({ path: join(SHOTS, 'pages-confirm-375.png'), fullPage: true });
    await page.getByRole('button', { name: 'Je confirme' }).click();
    await expect.poll(() => page.locator('main p').first().innerText()).toContain('C’est fait');
    const member = await live.p.store.membership.byEmail(email);
    expect(member).toMatchObject({ status: 'active' });
    expect(await live.p.store.subscribers.get(email)).toMatchObject({ name: 'Claire Dubois', language: 'en' });
    expect(await live.p.store.digests.get(member!.id, 'generale')).toEqual({ cadence: 'weekly', format: 'text' });
    await page.context().close();
  });

  it('a member and a stranger get the same answer from the form', { timeout: 120_000 }, async () => {
    await live.p.store.subscribers.upsert([{ email: 'deja@example.fr', status: 'active', source: 'cli', language: 'fr', name: null }]);
    const answer = async (email: string) => {
      const page = await newPage(1280);
      await page.goto(`${base}/subscribe`);
      await page.getByLabel('Adresse électronique').pressSequentially(email, { delay: 2 });
      await page.getByRole('button', { name: 'M’abonner' }).click();
      await expect.poll(() => page.locator('h1').innerText()).not.toBe('Recevoir les annonces');
      const text = await page.locator('main').innerText();
      await page.context().close();
      return text;
    };
    const stranger = await answer(`inconnu.${randomBytes(3).toString('hex')}@example.fr`);
    expect(await answer('deja@example.fr')).toBe(stranger);
    expect(stranger).toContain('Vérifiez votre messagerie');
  });

  it('the unsubscribe page: its button unsubscribes', { timeout: 120_000 }, async () => {
    await live.p.store.subscribers.upsert([{ email: 'partir@example.fr', status: 'active', source: 'cli', language: 'fr', name: null }]);
    const id = (await live.p.store.membership.byEmail('partir@example.fr'))!.id;
    const page = await newPage(375, 'en-GB');
    await page.goto(`${base}/unsubscribe/${mintMemberToken(TEST_SECRET, 'unsubscribe', id, 'partir@example.fr')}`);
    await page.screenshot({ path: join(SHOTS, 'pages-unsubscribe-375.png'), fullPage: true });
    expect((await live.p.store.membership.byEmail('partir@example.fr'))!.status).toBe('active');
    await page.getByRole('button', { name: 'Unsubscribe me' }).click();
    await expect.poll(() => page.locator('main p').first().innerText()).toContain('Done');
    expect((await live.p.store.membership.byEmail('partir@example.fr'))!.status).toBe('unsubscribed');
    await page.context().close();
  });
});
