/**
 * The answers the render code keeps between mails (bench/compose's cuts): each input asked after another gets its own
 * answer, never the one kept for the input before — a memo keyed too loosely fails here.
 */
import { describe, expect, it } from 'vitest';
import { ackData, layoutData, noticeData } from '../../src/core/render/data.ts';
import { formatDate, formatDay, formatDayRange, formatTime } from '../../src/core/render/dates.ts';
import { textToHtml } from '../../src/core/render/escape.ts';
import { formatSize } from '../../src/core/render/labels.ts';
import { parseTemplate, renderTemplate } from '../../src/core/render/template.ts';
import { wrapText } from '../../src/core/render/wrap.ts';
import { context, SAMPLE } from './sample.ts';

const PARIS = 'Europe/Paris';

describe('dates: the parts kept by locale, time zone and instant', () => {
  it('another instant, locale or time zone in a row gets its own date', () => {
    const a = new Date('2013-11-28T18:00:00Z');
    const b = new Date('2014-06-12T17:30:00Z');
    expect(formatDate(a, 'fr', PARIS)).toBe('jeudi 28 novembre 2013 à 19h00');
    expect(formatDate(b, 'fr', PARIS)).toBe('jeudi 12 juin 2014 à 19h30');
    expect(formatDate(a, 'en', PARIS)).toBe('Thursday, November 28, 2013 at 7:00 PM');
    expect(formatDate(a, 'en', 'America/New_York')).toBe('Thursday, November 28, 2013 at 1:00 PM');
    expect(formatDate(a, 'fr', PARIS)).toBe('jeudi 28 novembre 2013 à 19h00');
    expect(formatDay(b, 'en', PARIS)).toBe('Thursday, June 12, 2014');
    expect(formatTime(b, 'fr', 'Asia/Tokyo')).toBe('2h30');
    expect(formatDayRange(a, b, 'fr', PARIS)).toBe('jeudi 28 novembre 2013 au jeudi 12 juin 2014');
  });
  it('one Date object set to another instant gets the new instant’s date', () => {
    const d = new Date('2013-11-28T18:00:00Z');
    expect(formatDate(d, 'fr', PARIS)).toBe('jeudi 28 novembre 2013 à 19h00');
    d.setTime(Date.parse('2013-12-01T18:00:00Z'));
    expect(formatDate(d, 'fr', PARIS)).toBe('dimanche 1er décembre 2013 à 19h00');
  });
  it('an invalid date still throws, each time', () => {
    const bad = new Date(NaN);
    expect(() => formatDate(bad, 'fr', PARIS)).toThrow(RangeError);
    expect(() => formatDate(bad, 'fr', PARIS)).toThrow(RangeError);
  });
});

describe('formatSize: a number format per locale and decimals', () => {
  it('sizes of either unit and locale in a row each get their own', () => {
    const fr = (n: number) => formatSize(n, 'fr').replace(/[\u202f\u00a0]/g, ' ');
    expect(fr(512)).toBe('512 octets');
    expect(fr(48_000)).toBe('46,9 Ko');
    expect(formatSize(48_000, 'en')).toBe('46.9 KB');
    expect(fr(1_258_291)).toBe('1,2 Mo');
    expect(formatSize(512, 'en')).toBe('512 bytes');
    expect(fr(3 * 1024 ** 4)).toBe('3 072 Go');
  });
});

describe('the abstract’s forms kept for the mails that follow', () => {
  const other = { ...SAMPLE, ref: 'P-0008', abstract: 'Un autre résumé <i>court</i>.\n\nEt un second paragraphe, assez long pour être replié à soixante-douze colonnes par wrapText.' };
  it('another proposal’s mails in a row show their own abstract, in each part', () => {
    for (const p of [SAMPLE, other, SAMPLE, other]) {
      const abstract = p.abstract!.trim();
      const ack = ackData(p, { ...context('fr'), recipient: { name: null, email: 'x@example.org' } });
      const notice = noticeData(p, { ...context('en'), submittedBy: null });
      for (const d of [ack, notice]) {
        expect(d.abstract).toBe(abstract);
        expect(d.abstractHtml).toBe(textToHtml(abstract));
        expect(d.abstractText).toBe(wrapText(abstract, 72, '  '));
      }
    }
  });
  it('a proposal without an abstract after one with it shows none', () => {
    ackData(SAMPLE, { ...context('fr'), recipient: { name: null, email: 'x@example.org' } });
    const d = noticeData({ ...SAMPLE, abstract: null }, { ...context('fr'), submittedBy: null });
    expect([d.abstract, d.abstractHtml, d.abstractText]).toEqual([null, null, null]);
  });
});

describe('the layout and the verbs kept between mails', () => {
  it('footer notes in a row are each re-flowed', () => {
    const long = 'Une note de pied de page assez longue pour que wrapText la replie : elle passe les soixante-douze colonnes.';
    for (const note of ['Note courte.', long, 'Note courte.', long]) expect(layoutData('fr', { name: 'G' }, { preheader: '', footerNote: note }).footerNoteText).toBe(wrapText(note, 72));
    expect(layoutData('fr', { name: 'G' }, { preheader: '', footerNote: null }).footerNoteText).toBeNull();
  });
  it('a notice’s verbs link to its own reply address and ref, in its locale', () => {
    const a = noticeData(SAMPLE, { ...context('fr', 'talks+a@example.org'), submittedBy: null });
    const b = noticeData({ ...SAMPLE, ref: 'P-0042' }, { ...context('en', 'talks+b@example.org'), submittedBy: null });
    expect(a.verbs[0]).toMatchObject({ usage: 'accepter', mailto: 'mailto:talks+a@example.org?subject=Re%3A%20%5BP-0007%5D&body=accepter' });
    expect(b.verbs[0]).toMatchObject({ usage: 'accept', mailto: 'mailto:talks+b@example.org?subject=Re%3A%20%5BP-0042%5D&body=accept' });
    expect(b.verbs.map((v) => v.column.length)).toEqual(b.verbs.map(() => Math.max(...b.verbs.map((v) => v.usage.length))));
    // the objects handed out are the notice's own: changing one leaves the next notice as it was
    a.verbs[0]!.usage = 'changed';
    expect(noticeData(SAMPLE, { ...context('fr', 'talks+a@example.org'), submittedBy: null }).verbs[0]!.usage).toBe('accepter');
  });
});

describe('renderTemplate: values laid over the data', () => {
  const t = parseTemplate('{{subject}}|{{ref}}|{{#items}}{{subject}}{{/items}}|{{group.name}}', 't');
  const data = { subject: 'data’s', ref: 'P-1', items: [{ subject: 'item’s' }, { x: 1 }], group: { name: 'G' } };
  it('reads as { ...data, ...over }: the over value first, a loop item’s own before it', () => {
    expect(renderTemplate(t, data, { over: { subject: 'S' } })).toBe(renderTemplate(t, { ...data, subject: 'S' }));
    expect(renderTemplate(t, data, { over: { subject: 'S' } })).toBe('S|P-1|item’sS|G');
  });
  it('each render its own over values, the data left as it was', () => {
    expect(renderTemplate(t, data, { over: { subject: 'one' } })).toBe('one|P-1|item’sone|G');
    expect(renderTemplate(t, data, { over: { subject: 'two' } })).toBe('two|P-1|item’stwo|G');
    expect(renderTemplate(t, data)).toBe('data’s|P-1|item’sdata’s|G');
    expect(data.subject).toBe('data’s');
  });
});
