import { describe, expect, it } from 'vitest';
import { ackData, noticeData } from '../../src/core/render/data.ts';
import { renderAck, renderOrganizerNotice } from '../../src/adapters/render/messages.ts';
import { context, SAMPLE } from './sample.ts';

const jean = { name: 'Jean Dupont', email: 'jean.dupont@example.fr' };

const cases = [
  {
    locale: 'fr' as const,
    subject: `[P-0007] Proposition reçue : ${SAMPLE.title}`,
    noticeSubject: `[P-0007] Nouvelle proposition : ${SAMPLE.title}`,
    textHas: ['Bonjour Jean Dupont,', 'Format         : conférence, 45 minutes', '    - slides & notes.pdf (1,2 Mo)', '« retirer »', 'Reçue le       : jeudi 28 novembre 2013 à 19h00'],
    noticeHas: ['  accepter ', '  refuser ', '  attente ', '  confirmer ', '  programmer AAAA-MM-JJ  la programmer'],
  },
  {
    locale: 'en' as const,
    subject: `[P-0007] Proposal received: ${SAMPLE.title}`,
    noticeSubject: `[P-0007] New proposal: ${SAMPLE.title}`,
    textHas: ['Hello Jean Dupont,', 'Format      : talk, 45 minutes', '    - slides & notes.pdf (1.2 MB)', '"withdraw"', 'Received    : Thursday, November 28, 2013 at 7:00 PM'],
    noticeHas: ['  accept ', '  decline ', '  waitlist ', '  confirm ', '  schedule YYYY-MM-DD  schedule it'],
  },
];

describe.each(cases)('acknowledgement and notice in $locale', (c) => {
  it('acknowledgement: subject, escaped HTML, real text', async () => {
    const m = await renderAck(ackData(SAMPLE, { ...context(c.locale), recipient: jean }), c.locale);
    expect(m.subject).toBe(c.subject);

    // HTML: user text escaped everywhere it lands (title, <title>, speakers, filenames, abstract)
    expect(m.html).toContain(`<html lang="${c.locale}"`);
    expect(m.html).not.toContain('<script>');
    expect(m.html).not.toContain('<Raman>');
    expect(m.html).not.toContain('<b>démo</b>');
    expect(m.html).toContain('Partitionnement &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;index&quot; d&#39;Élodie');
    expect(m.html).toContain('Priya &quot;PR&quot; &lt;Raman&gt; &lt;priya@example.org&gt;');
    expect(m.html).toContain('slides &amp; notes.pdf');
    expect(m.html).toContain('<p>Une &lt;b&gt;démo&lt;/b&gt; &amp; des chiffres.</p>');
    expect(m.html).toContain('href="mailto:talks+s-p0007-abcdefghijklmnop@pgug.example.org?subject=Re%3A%20%5BP-0007%5D&amp;body=');
    expect(m.html).not.toMatch(/\{\{|\}\}/);
    expect(m.html).toContain(SAMPLE_GROUP_HTML);

    // text: written for text — no markup, wrapped, user text verbatim, signature separator
    for (const s of c.textHas) expect(m.text).toContain(s);
    expect(m.text).toContain(SAMPLE.title);
    expect(m.text).not.toMatch(/<(p|br|div|table|td)\b/);
    expect(m.text).not.toMatch(/&(amp|lt|gt|quot|nbsp);/);
    expect(m.text).toContain("\n-- \nGroupe d'Utilisateurs PostgreSQL à Paris\n");
    // wrapped for text readers (the one-line title field aside)
    const lines = m.text.split('\n').filter((l) => !l.includes(SAMPLE.title!));
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(76);
    expect(m.text).not.toMatch(/\n\n\n/);
  });

  it('organizer notice: the proposal and every reply verb', async () => {
    const m = await renderOrganizerNotice(noticeData(SAMPLE, { ...context(c.locale), submittedBy: jean }), c.locale);
    expect(m.subject).toBe(c.noticeSubject);
    for (const s of c.noticeHas) expect(m.text).toContain(s);
    expect(m.text).toContain('Jean Dupont <jean.dupont@example.fr>');
    expect(m.html).not.toContain('<script>');
    expect(m.html).toMatch(/<td class="verb"><a href="mailto:[^"]+">(accept|accepter)<\/a><\/td>/);
    expect(m.html).not.toMatch(/\{\{|\}\}/);
  });
});

const SAMPLE_GROUP_HTML = 'Groupe d&#39;Utilisateurs PostgreSQL à Paris';

describe('optional fields', () => {
  it('a proposal with no title, abstract, attachments nor speaker names still renders', async () => {
    const bare = { ...SAMPLE, title: null, abstract: null, attachments: [], language: null, speakers: [{ name: null, email: 'x@example.org' }] };
    const fr = await renderAck(ackData(bare, { ...context('fr'), recipient: { name: null, email: 'x@example.org' } }), 'fr');
    expect(fr.subject).toBe('[P-0007] Proposition reçue : (sans titre)');
    expect(fr.text).toContain('Bonjour,\n');
    expect(fr.text).toContain('  Pièces jointes :\n    aucune\n');
    expect(fr.text).not.toContain('Résumé');
    expect(fr.text).not.toContain('Langue');
    const en = await renderOrganizerNotice(noticeData({ ...bare, format: 'lightning', durationMinutes: 5 }, { ...context('en'), submittedBy: null }), 'en');
    expect(en.subject).toBe('[P-0007] New proposal: (untitled)');
    expect(en.text).toContain('Format      : lightning talk, 5 minutes');
    expect(en.text).toContain('A new proposal has just arrived.\n');
  });

  it('a title with line breaks stays on one subject line', async () => {
    const m = await renderAck(ackData({ ...SAMPLE, title: 'Deux\r\nlignes' }, { ...context('en'), recipient: jean }), 'en');
    expect(m.subject).toBe('[P-0007] Proposal received: Deux lignes');
  });
});
