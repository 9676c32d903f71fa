/**
 * The announcement's HTML in a real browser (Debian's chromium through playwright-core, headless): at 375 px (a
 * phone) and 800 px nothing overflows horizontally — long titles, URLs and abstracts included. The PNGs are kept in
 * docs/screenshots/ for the README.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.ts';
import { createEventMailBuilder } from '../../src/adapters/compose/announcement.ts';
import { createCallMailBuilder } from '../../src/adapters/compose/call.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(import.meta.dirname, '../../docs/screenshots');
const config = configSchema.parse({
  group: { name: 'Groupe d’Utilisateurs PostgreSQL à Paris', locale: 'fr', timezone: 'Europe/Paris' },
  addresses: { proposals: 'talks@pgug.example.org', from: 'PostgreSQL Paris <talks@pgug.example.org>' },
});

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!existsSync(CHROMIUM))('announcement in a browser', () => {
  it('nothing overflows at 375 px and at 800 px; screenshots kept', { timeout: 180_000 }, async () => {
    const [built] = await createEventMailBuilder(config).build(
      {
        kind: 'announce',
        event: { id: 12, sequence: 1, date: new Date('2027-01-28T18:00:00Z'), venue: 'Dalibo', title: 'Meetup PostgreSQL de janvier', venueAddress: '43 rue du Faubourg Montmartre, 75009 Paris', mapUrl: 'https://www.openstreetmap.org/?mlat=48.8742&mlon=2.3431#map=18/48.8742/2.3431', registrationUrl: 'https://www.meetup.com/fr-FR/postgresql-paris/events/123456789/', capacity: 80 },
        talks: [
          { ref: 'P-0001', format: 'talk', title: 'Partitionnement déclaratif en production : trois ans de retours d’expérience sur une base de 40 To', abstract: 'Nous avons migré une base de 40 To vers le partitionnement déclaratif, table par table, sans interruption.\n\nCe retour d’expérience couvre le choix des clés, la maintenance (detach concurrently, index), les pièges du planificateur et les mesures avant/après : https://example.org/un/lien/tres/long/vers/les/diapositives/de/la/presentation.pdf', durationMinutes: 45, speakers: [{ name: 'Jeanne Martin', email: 'j@x.fr' }, { name: 'Karim Benali', email: 'k@x.fr' }] },
          { ref: 'P-0002', format: 'lightning', title: 'pg_stat_statements en cinq minutes', abstract: 'Trois requêtes pour trouver ce qui coûte.', durationMinutes: 5, speakers: [{ name: 'Priya Raman', email: 'p@x.org' }] },
          { ref: 'P-0003', format: 'lightning', title: 'Supercalifragilisticexpialidocious_identifiant_sans_espaces_tres_tres_long', abstract: null, durationMinutes: 5, speakers: [{ name: 'Zoé', email: 'z@x.fr' }] },
        ],
        next: { id: 13, date: new Date('2027-03-11T18:00:00Z'), venue: 'x', title: null, venueAddress: null, mapUrl: null, registrationUrl: null, capacity: null },
        date: new Date('2026-11-30T10:00:00Z'),
        seed: 'shot',
      },
      [{ key: 'member:fr', locale: 'fr', to: null }],
    );
    const html = built!.html.replace(/\u0001greeting\u0001/g, ' Jean').replace(/\u0001unsubscribe\u0001/g, 'mailto:talks+u-0@pgug.example.org?subject=unsubscribe');
    for (const width of [375, 800]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      // Loaded from memory: the HTML is the test's own output, not a file to keep (the PNGs are what the README shows).
      await page.setContent(html, { waitUntil: 'load' });
      const overflow = await page.evaluate(() => {
        const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => `${e.tagName}.${e.className}`);
        return { scroll: document.documentElement.scrollWidth, inner: window.innerWidth, wide: wide.slice(0, 5) };
      });
      expect(overflow.scroll, `at ${width}px: ${overflow.wide.join(', ')}`).toBeLessThanOrEqual(overflow.inner);
      expect(overflow.wide, `at ${width}px`).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `announce-${width}.png`), fullPage: true });
      await page.close();
    }
  });
  it('the call for proposals and an update: nothing overflows at 375 px and at 800 px; screenshots kept', { timeout: 180_000 }, async () => {
    const [call] = await createCallMailBuilder(config).build(
      {
        meetups: [
          { date: new Date('2027-01-28T18:00:00Z'), venue: 'Dalibo, 43 rue du Faubourg Montmartre, 75009 Paris', title: 'Meetup PostgreSQL de janvier : réplication logique et Supercalifragilisticexpialidocious_sans_espaces', formats: ['talk'] },
          { date: new Date('2027-03-11T18:00:00Z'), venue: 'Data Bene', title: null, formats: [] },
        ],
        date: new Date('2026-11-30T10:00:00Z'),
        seed: 'shot',
      },
      [{ key: 'member:fr', locale: 'fr', to: null }],
    );
    const [update] = await createEventMailBuilder(config).build(
      {
        kind: 'announce',
        update: true,
        event: { id: 12, sequence: 3, date: new Date('2027-02-04T18:00:00Z'), venue: 'Data Bene', title: 'Meetup PostgreSQL de janvier', venueAddress: null, mapUrl: null, registrationUrl: null, capacity: null },
        talks: [],
        next: null,
        date: new Date('2026-11-30T10:00:00Z'),
        seed: 'shot',
        // What the reader sees changed since the version they had (« Ce qui a changé »), a speaker's markup as text.
        changes: [
          { k: 'date', from: new Date('2027-01-28T18:00:00Z'), to: new Date('2027-02-04T18:00:00Z') },
          { k: 'venue', from: 'Dalibo, 43 rue du Faubourg Montmartre, 75009 Paris', to: 'Data Bene' },
          { k: 'removed', title: 'Réplication logique <sans> douleur', speakers: ['Jeanne Martin'] },
        ],
      },
      [{ key: 'member:fr', locale: 'fr', to: null }],
    );
    expect(update!.html).toContain('Réplication logique &lt;sans&gt; douleur');
    for (const [name, built] of [['call', call!], ['announce-update', update!]] as const) {
      const html = built.html.replace(/\u0001greeting\u0001/g, ' Jean').replace(/\u0001unsubscribe\u0001/g, 'mailto:talks+u-0@pgug.example.org?subject=unsubscribe');
      for (const width of [375, 800]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.setContent(html, { waitUntil: 'load' });
        const overflow = await page.evaluate(() => {
          const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => `${e.tagName}.${e.className}`);
          return { scroll: document.documentElement.scrollWidth, inner: window.innerWidth, wide: wide.slice(0, 5) };
        });
        expect(overflow.scroll, `${name} at ${width}px: ${overflow.wide.join(', ')}`).toBeLessThanOrEqual(overflow.inner);
        expect(overflow.wide, `${name} at ${width}px`).toEqual([]);
        await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
        await page.close();
      }
    }
  });
});
