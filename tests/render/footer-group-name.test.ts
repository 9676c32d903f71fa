/**
 * The footer's note under the group's name said « Message envoyé aux organisateurs de Groupe d'Utilisateurs PostgreSQL à
 * Paris. » — SPEC's own example name opens on a common noun, which wants « du », and no rule on a configured name can
 * tell which. The layout prints the group's name on the line just above, so the French notes say « du groupe », « ce
 * groupe », or nothing, and never « de » before the name; English's "of X" / "from X" read right with any name.
 * The same holds in the bodies, subjects and pages that named the group after « de » or « à » (« les annonces de
 * Groupe… », « Confirmez votre inscription à Groupe… », « Groupe… cherche des présentations »): the mail's header,
 * signature and the page's banner carry the name, so the French words say « nos annonces », « nous », or put the
 * name after a colon.
 */
import { describe, expect, it } from 'vitest';
import { ackData, noticeData, rosterFooter } from '../../src/core/render/data.ts';
import { decisionData, transcriptData, updateData } from '../../src/core/render/command-data.ts';
import { undeliveredData } from '../../src/core/render/undelivered-data.ts';
import { organizerDigestData } from '../../src/core/digest/organizers.ts';
import { membershipMailData } from '../../src/core/render/membership-data.ts';
import { callMailData } from '../../src/core/render/call-data.ts';
import { PAGE_TEXT } from '../../src/core/pages/text.ts';
import { createRenderer } from '../../src/adapters/render/messages.ts';
import { context, GROUP, SAMPLE } from './sample.ts';

const jean = { name: 'Jean Dupont', email: 'jean.dupont@example.fr' };
const common = { group: GROUP, locale: 'fr' as const, replyAddress: 'talks+x@pgug.example.org' };
const p = { ref: 'P-0007', title: 'T', status: 'received' as const, format: 'talk' as const, durationMinutes: 45, speakers: [{ name: 'Zoé', email: 'z@x.org' }], receivedAt: new Date('2026-11-20T10:00:00Z') };

const notes: [string, () => string | null][] = [
  ['ack', () => ackData(SAMPLE, { ...context('fr'), recipient: jean }).footerNote],
  ['notice', () => noticeData(SAMPLE, { ...context('fr'), submittedBy: null }).footerNote],
  ['roster', () => rosterFooter('fr', GROUP, true).footerNote],
  ['decision', () => decisionData('accepted', { ref: 'P-0007', title: 'T' }, { ...common, greetingName: 'Zoé' }).footerNote],
  ['update', () => updateData('fyi', { ref: 'P-0007', title: 'T' }, { ...common, actor: 'Dim' }).footerNote],
  ['transcript', () => transcriptData({ ...common, subjectRef: 'P-0007', results: [], showHelp: false, isOrganizer: true }).footerNote],
  ['undelivered', () => undeliveredData([{ id: 1, purpose: 'ack', subjectRef: 'P-0007', recipient: 'a@x.org', attempts: 3, answer: '550 no', createdAt: new Date() } as never], { group: GROUP, locale: 'fr', day: '2026-12-01' }).footerNote],
  ['organizers’ digest', () => organizerDigestData({ now: new Date('2026-12-01T08:00:00Z'), pending: [p], unconfirmed: [], next: null, slots: 3 }, common)!.footerNote],
];

describe('French footer notes under a group name that opens on a common noun', () => {
  it.each(notes)('%s', (_, note) => {
    const n = note();
    expect(n).not.toBeNull();
    expect(n).not.toContain(GROUP.name);
    expect(n).not.toMatch(/\bde Groupe\b/);
  });

  it('the rendered ack: the name on its line, the note under it', async () => {
    const { text } = await createRenderer().render('ack', 'fr', ackData(SAMPLE, { ...context('fr'), recipient: jean }));
    expect(text).toMatch(/\n-- \nGroupe d'Utilisateurs PostgreSQL à Paris\nMessage automatique : une proposition d’intervention vous\s+cite\s+comme\s+orateur\.\n/);
    expect(text).not.toMatch(/de Groupe/);
  });

  it('the welcome: its note and its preheader (no name above the preheader either)', () => {
    const d = membershipMailData('welcome', { ...common, to: { name: null, email: 'w@x.org' }, link: null, expiresAt: null, groupAddress: 'talks@pgug.example.org' });
    for (const s of [d.footerNote, d.preheader]) {
      expect(s).not.toContain(GROUP.name);
      expect(s).not.toMatch(/\bde Groupe\b/);
    }
  });

  // « de Groupe… », « à Groupe… », « aux annonces de Groupe… », or the name alone as a sentence's subject.
  const misplaced = /\b(?:de|à|aux?)\s+Groupe\b|(?:^|[.!?:]\s+)Groupe d'Utilisateurs PostgreSQL à Paris\s+(?!:)[a-zé]/m;
  const words = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&#(?:39|x27);/g, "'");
  const membership = ['join-confirm', 'leave-confirm', 'left', 'welcome'] as const;
  it.each(membership)('the %s mail: subject, text and HTML', async (kind) => {
    const d = membershipMailData(kind, {
      ...common,
      to: { name: 'Zoé', email: 'w@x.org' },
      link: 'https://pgug.example.org/x',
      expiresAt: new Date('2026-12-09T10:00:00Z'),
      groupAddress: 'talks@pgug.example.org',
      digest: { list: 'generale', cadence: 'weekly' },
      unsubscribe: { address: 'talks+u-x@pgug.example.org', https: 'https://pgug.example.org/unsubscribe/x' },
    });
    const m = await createRenderer().render(kind, 'fr', d);
    for (const s of [m.subject, m.text, words(m.html)]) expect(s).not.toMatch(misplaced);
    expect(m.subject).toContain(GROUP.name);
  });

  it('the call for proposals: its text, HTML and preheader', async () => {
    const d = callMailData([{ date: new Date('2027-01-14T18:00:00Z'), venue: 'Paris', title: null, formats: [] }], { group: GROUP, locale: 'fr', proposalsAddress: 'talks@pgug.example.org', personal: false });
    const m = await createRenderer().render('call', 'fr', d);
    for (const s of [d.preheader, m.text, words(m.html)]) expect(s).not.toMatch(misplaced);
  });

  it('the pages’ French words', () => {
    const words = Object.values(PAGE_TEXT.fr).filter((v): v is string => typeof v === 'string');
    for (const w of words) expect(w.replace(/\{group\}/g, GROUP.name)).not.toMatch(misplaced);
  });
});
