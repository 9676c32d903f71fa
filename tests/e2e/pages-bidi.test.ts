/**
 * What a speaker or organizer wrote cannot reorder crieur's own words on the programme page. Escaping keeps markup
 * out, not Unicode's bidirectional controls: a name ending in U+202E (RIGHT-TO-LEFT OVERRIDE) — or simply an Arabic
 * or Hebrew name — would otherwise pull the rest of its line (« · conférence, 45 minutes ») into its own direction.
 * Checked where it shows, in Chromium: each user-written piece is laid out as an isolate, our text after it stays
 * to its right and in order.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmePage } from '../../src/core/pages/programme.ts';

const CHROMIUM = '/usr/bin/chromium';
const RLO = '\u202e';

function page(speaker: string, venue: string): string {
  return programmePage({
    lang: 'fr',
    group: { name: 'PostgreSQL Paris', timezone: 'Europe/Paris' },
    proposalsAddress: 'talks@pgug.example.org',
    nav: true,
    next: {
      event: { id: 1, date: new Date('2027-01-28T18:00:00Z'), venue, title: 'Meetup', venueAddress: '12 rue des Lilas, 75011 Paris', mapUrl: null, registrationUrl: null, capacity: null },
      talks: [{ ref: 'P-0001', format: 'talk', title: 'Partitionnement', abstract: null, durationMinutes: 45, speakers: [{ name: speaker, email: 's@example.fr' }] }],
    },
  });
}

/** Where a piece of text is laid out: the box of its first occurrence in the element's text nodes. */
async function boxOf(p: Page, selector: string, text: string): Promise<{ left: number; right: number; top: number }> {
  return p.evaluate(
    ([sel, needle]) => {
      const root = document.querySelector(sel!)!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.textContent!.indexOf(needle!);
        if (i < 0) continue;
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + needle!.length);
        const r = range.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top };
      }
      throw new Error(`${needle} not in ${sel}`);
    },
    [selector, text],
  );
}

describe.skipIf(!existsSync(CHROMIUM))('bidirectional text on the programme page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 60_000);
  afterAll(async () => browser?.close());

  it.each([
    ['a name ending in RIGHT-TO-LEFT OVERRIDE', `Mallory${RLO}`],
    ['an Arabic name', 'محمد علي'],
    ['a Hebrew name with an override inside', `דוד${RLO} כהן`],
  ])('%s leaves « · conférence, 45 minutes » after it, in order', async (_, speaker) => {
    const p = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await p.setContent(page(speaker, 'Dalibo'));
    const name = await boxOf(p, '.meta', speaker.replace(RLO, '').split(' ')[0]!);
    const format = await boxOf(p, '.meta', 'conférence');
    const minutes = await boxOf(p, '.meta', 'minutes');
    expect(format.top).toBe(minutes.top);
    expect(format.left, 'our words come after the name').toBeGreaterThan(name.right);
    expect(minutes.left, 'and in their order').toBeGreaterThan(format.right);
    await p.context().close();
  });

  it('a venue ending in RIGHT-TO-LEFT OVERRIDE leaves the address and the map link as they are', async () => {
    const p = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await p.setContent(page('Jeanne Martin', `Salle${RLO}`));
    const street = await boxOf(p, 'dl.facts', '12 rue');
    const city = await boxOf(p, 'dl.facts', 'Paris');
    expect(city.left, 'the address reads left to right').toBeGreaterThan(street.right);
    const see = await boxOf(p, 'dl.facts', 'Voir');
    const map = await boxOf(p, 'dl.facts', 'carte');
    expect(map.left).toBeGreaterThan(see.right);
    await p.context().close();
  });
});
