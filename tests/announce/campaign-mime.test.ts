/**
 * The campaign MIME, built once and filled per recipient: what a parser decodes is exactly the rendered part with
 * the recipient's values in it (escaped in HTML, verbatim in text), whatever their length and characters; quoted-
 * printable lines stay within 76 columns; the same recipient always gets the same bytes (a retry resends them).
 */
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { buildMimeTemplate, fillMime, fillPart } from '../../src/adapters/compose/campaign-mime.ts';
import { sentinel } from '../../src/core/compose/mime-template.ts';
import { slotValues, verpAddress } from '../../src/core/compose/campaign-slots.ts';

const html = `<p>Bonjour${sentinel('greeting')},</p>\n<p>${'é'.repeat(90)} ${'x'.repeat(200)}</p><a href="${sentinel('unsubscribe')}">désabonner</a>\n`;
const text = `Bonjour${sentinel('greeting')},\n\nLigne normale.\nSe désabonner : <${sentinel('unsubscribe')}>\n`;
const template = buildMimeTemplate({
  from: 'PostgreSQL Paris <talks@pgug.example.org>',
  to: null,
  subject: 'Réunion de janvier : « partitionnement » et plus encore, un sujet assez long pour être plié',
  headers: { 'List-Id': '<members.pgug.example.org>', 'List-Unsubscribe': `<${sentinel('unsubscribe')}>` },
  text,
  html,
  ics: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
  seed: 'test',
});
const fill = (recipient: string, name: string | null, date = new Date('2026-11-30T10:00:00Z')) =>
  fillMime(template, slotValues({ campaignId: 7, recipient, name, domain: 'pgug.example.org', inbox: 'talks@pgug.example.org', secret: 'secret-0123456789abcdef', date }));

describe('campaign MIME', () => {
  it.each([
    ['jean@example.fr', 'Jean'],
    ['zoe@example.fr', 'Zoé <script>alert(1)</script> & « Ünïcode » '.repeat(4)],
    ['anon@example.org', null],
  ])('decodes to the rendered parts with the slots filled (%s)', async (to, name) => {
    const raw = fill(to, name);
    const m = await simpleParser(raw);
    const v = slotValues({ campaignId: 7, recipient: to, name, domain: 'pgug.example.org', inbox: 'talks@pgug.example.org', secret: 'secret-0123456789abcdef' });
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    expect(m.html).toBe(html.replace(sentinel('greeting'), esc(v.greeting)).replace(sentinel('unsubscribe'), esc(v.unsubscribe)));
    // the text as `announce --out` writes it: each line that held a slot wrapped at 72 once filled, a link on a line of its own
    expect(m.text?.trimEnd()).toBe(fillPart(text, 'text', v).trimEnd());
    expect(m.text?.replace(/\s+/g, ' ').trim()).toBe(text.replace(sentinel('greeting'), v.greeting).replace(sentinel('unsubscribe'), v.unsubscribe).replace(/\s+/g, ' ').trim());
    for (const line of m.text!.split('\n')) if ([...line].length > 72) expect(line, line).toMatch(/^\S+$/);
    expect(m.text).toContain(`Se désabonner :\n<${v.unsubscribe}>\n`);
    expect(Array.isArray(m.to) ? null : m.to?.text).toBe(to);
    expect(m.messageId).toBe(v.messageId);
    expect(m.subject).toBe('Réunion de janvier : « partitionnement » et plus encore, un sujet assez long pour être plié');
    expect(m.attachments[0]?.content.toString()).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    const body = raw.toString().slice(raw.indexOf('\r\n\r\n'));
    for (const line of body.split('\r\n')) expect(line.length, line).toBeLessThanOrEqual(76);
    expect(fill(to, name).equals(raw)).toBe(true);
  });

  it('VERP: the member in the envelope sender', () => {
    expect(verpAddress('bounces@pgug.example.org', 'Jean.Dupont@Example.fr')).toBe('bounces+jean.dupont=example.fr@pgug.example.org');
    expect(verpAddress('bounces@pgug.example.org', `${'x'.repeat(60)}@example.fr`)).toBe('bounces@pgug.example.org');
  });
});
