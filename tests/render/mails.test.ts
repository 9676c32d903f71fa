import { describe, expect, it } from 'vitest';
import { ackData, noticeData } from '../../src/core/render/data.ts';
import { renderAck, renderOrganizerNotice } from '../../src/adapters/render/messages.ts';
import { context, SAMPLE } from './sample.ts';
import { organizerVerbs } from '../../src/core/render/verbs.ts';
import { transition, type Action } from '../../src/core/decision/transitions.ts';
import type { ProposalStatus } from '../../src/app/proposal-store.ts';

const jean = { name: 'Jean Dupont', email: 'jean.dupont@example.fr' };

const cases = [
  {
    locale: 'fr' as const,
    subject: `[P-0007] Proposition reçue : ${SAMPLE.title}`,
    noticeSubject: `[P-0007] Nouvelle proposition : ${SAMPLE.title}`,
    textHas: ['Bonjour Jean Dupont,', 'Format         : conférence, 45 minutes', '    - slides & notes.pdf (1,2 Mo)', '« retirer »', 'Reçue le       : jeudi 28 novembre 2013 à 19h00'],
    noticeHas: ['  accepter ', '  refuser ', '  attente ', '  confirmer ', '  programmer AAAA-MM-JJ  après « accepter » : la programmer'],
  },
  {
    locale: 'en' as const,
    subject: `[P-0007] Proposal received: ${SAMPLE.title}`,
    noticeSubject: `[P-0007] New proposal: ${SAMPLE.title}`,
    textHas: ['Hello Jean Dupont,', 'Format      : talk, 45 minutes', '    - slides & notes.pdf (1.2 MB)', '"withdraw"', 'Received    : Thursday, November 28, 2013 at 7:00 PM'],
    noticeHas: ['  accept ', '  decline ', '  waitlist ', '  confirm ', '  schedule YYYY-MM-DD  after "accept": schedule it'],
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
    expect(m.html).toContain('<p dir="auto">Une &lt;b&gt;démo&lt;/b&gt; &amp; des chiffres.</p>');
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

// Black-box audit: the notice of a new proposal taught « programmer AAAA-MM-JJ » and « confirmer », « un mot suffit » —
// an organizer's « programmer 2027-01-28 » alone was refused (it is not accepted yet), with « override programmer ».
describe.each(['fr', 'en'] as const)('a new proposal\'s notice in %s', (locale) => {
  it('teaches each verb as the transition table lets it act on a received proposal, its mailto writing the lines that do', () => {
    const d = noticeData(SAMPLE, { ...context(locale), submittedBy: jean });
    expect(d.verbs.map((v) => v.verb)).toEqual(['accept', 'decline', 'waitlist', 'confirm', 'schedule']);
    for (const v of d.verbs) {
      const body = decodeURIComponent(/[?&]body=([^&]*)/.exec(v.mailto)![1]!);
      let status: ProposalStatus = 'received';
      for (const line of body.split('\n')) {
        const verb = organizerVerbs(locale).find((o) => line === o.usage)!.verb as Action;
        const verdict = transition(verb, status, 'organizer');
        expect(verdict.ok, `${locale}: ${JSON.stringify(body)}`).toBe(true);
        if (verdict.ok) status = verdict.row.to;
      }
    }
  });

  it('says in its text which verbs wait for the acceptance, within 72 columns', async () => {
    const m = await renderOrganizerNotice(noticeData(SAMPLE, { ...context(locale), submittedBy: jean }), locale);
    const accept = locale === 'fr' ? 'après « accepter » : ' : 'after "accept": ';
    expect(m.text).toMatch(new RegExp(`\\n  ${locale === 'fr' ? 'programmer AAAA-MM-JJ' : 'schedule YYYY-MM-DD'}  ${accept.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const verbLines = m.text.split('\n').filter((l) => l.includes(accept));
    expect(verbLines).toHaveLength(2);
    for (const l of verbLines) expect(l.length).toBeLessThanOrEqual(72);
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
