/**
 * What one mail's understanding reads several times is read once and shared (issue 12): a line's label (matchLabel), a
 * subject's title (titleFromSubject), a name cleaned (cleanName) — kept by the exact string —, and the score of a source
 * (proposalScore) — kept by the source object and its mail. Each answer must be the one its own input gives, whatever
 * was asked before it: the same strings asked in two orders, each in a fresh module (an empty memo), give the same
 * answers — a key that merged two inputs (trimmed, cased, cut) would give one of them the other's answer in one of the
 * orders. The answers are frozen: no caller can change what the next one gets.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { mail } from '../classify/build.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures');

function emlLines(): string[] {
  const out: string[] = [];
  for (const dir of ['proposals', 'not-proposals', 'replies']) {
    for (const n of readdirSync(join(FIXTURES, dir)).filter((f) => f.endsWith('.eml'))) out.push(...readFileSync(join(FIXTURES, dir, n), 'utf8').split('\n'));
  }
  return out;
}

/** `ask` over `inputs` in order, then in reverse order, each in a fresh copy of its module: the answers by input. */
async function bothOrders<T>(load: () => Promise<(s: string) => T>, inputs: readonly string[]): Promise<[T[], T[]]> {
  vi.resetModules();
  const forward = await load();
  const a = inputs.map((s) => forward(s));
  vi.resetModules();
  const backward = await load();
  const b = [...inputs].reverse().map((s) => backward(s)).reverse();
  return [a, b];
}

/** Strings a key that merges inputs would mix up: case, accents, a prefix shared over 60 characters, a last character. */
const LABEL_LINES = [
  'Titre : Les index BRIN',
  'titre : les index brin',
  'Titre : Les index BRIn',
  'Titre : Élan vital',
  'Titre : Elan vital',
  `Titre : ${'x'.repeat(70)} A`,
  `Titre : ${'x'.repeat(70)} B`,
  '## Abstract',
  '## Abstract:',
  'Abstract',
  '**Résumé**',
  'Résumé : **une histoire**',
  'Durée : 30 minutes',
  'Durée : 20 minutes',
  '  Durée : 20 minutes',
  'Orateur - Jeanne Martin',
  'Orateur   Jeanne Martin',
  '| Titre | Les index BRIN |',
  '(title: "Leaving MySQL"), around 30 minutes.',
  '(title: "Leaving MySQL", around 30 minutes.',
  'Niveau : débutant',
  'Prénom : Camille',
  'Nom : Rousseau',
  'à 19:00 : accueil',
  '',
];

describe('matchLabel: a line’s label kept by the line', () => {
  const load = async () => (await import('../../../src/core/extract/fields.ts')).matchLabel;

  it('each line gets its own label, whatever was asked before it (both orders, fixtures and near twins)', async () => {
    const lines = [...LABEL_LINES, ...emlLines(), ...LABEL_LINES];
    const [a, b] = await bothOrders(load, lines);
    expect(a).toEqual(b);
    // (the twins are told apart: the label's value is each line's own)
    const at = (l: string) => a[lines.indexOf(l)];
    expect(at('Titre : Les index BRIN')?.inline).toBe('Les index BRIN');
    expect(at('titre : les index brin')?.inline).toBe('les index brin');
    expect(at('Titre : Elan vital')?.inline).toBe('Elan vital');
    expect(at(`Titre : ${'x'.repeat(70)} B`)?.inline.endsWith('B')).toBe(true);
    expect(at('Durée : 20 minutes')?.inline).toBe('20 minutes');
    expect(at('(title: "Leaving MySQL"), around 30 minutes.')).toMatchObject({ field: 'title', inline: 'Leaving MySQL', aside: true });
  });

  it('asked again, a line gets the same frozen answer; past the memo’s size, the same values', async () => {
    vi.resetModules();
    const matchLabel = await load();
    const first = matchLabel('Titre : Les index BRIN');
    expect(matchLabel('Titre : Les index BRIN')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => {
      (first as { inline: string }).inline = 'autre chose';
    }).toThrow(TypeError);
    for (let i = 0; i < 2000; i++) matchLabel(`Durée : ${i} minutes`);
    expect(matchLabel('Titre : Les index BRIN')).toEqual({ field: 'title', inline: 'Les index BRIN', heading: false });
  });

  it('a line longer than the memo keeps is read each time, with the same answer', async () => {
    vi.resetModules();
    const matchLabel = await load();
    const long = `Résumé : ${'une phrase de plus. '.repeat(200)}`;
    const a = matchLabel(long);
    const b = matchLabel(long);
    expect(a).toEqual(b);
    expect(a?.field).toBe('abstract');
    expect(Object.isFrozen(a)).toBe(true);
  });
});

const SUBJECTS = [
  'Proposition de talk : Les index BRIN',
  'Proposition de talk : les index brin',
  'Re: Proposition de talk : Les index BRIN',
  'Fwd: Proposition de talk : Les index BRIN',
  '[LT] Les index BRIN',
  '[LT] Les index BRIN (5 min)',
  'Talk: Is Postgres a queue?',
  'Talk: Is Postgres a queue',
  'Proposition : covoiturage depuis Lyon',
  'Proposition de talk – meetup de mars',
  'Call for speakers: PGDay Lille 2025',
  'Re: Appel à orateurs',
  'CFP: Les index BRIN',
  // (a reply's prefix tells an answer to the call: no title)
  'Re: CFP: Les index BRIN',
  'Appel à orateurs',
  'Re: Appel à orateurs',
  'Bonjour',
  '',
  `Proposition de talk : ${'y'.repeat(80)} A`,
  `Proposition de talk : ${'y'.repeat(80)} B`,
  `Proposition de talk : ${'z'.repeat(1500)}`,
];

describe('titleFromSubject: a subject’s title kept by the subject', () => {
  const load = async () => (await import('../../../src/core/extract/subject.ts')).titleFromSubject;

  it('each subject gets its own title, whatever was asked before it (both orders)', async () => {
    const subjects = [...SUBJECTS, ...SUBJECTS.map((s) => s.toUpperCase()), ...SUBJECTS];
    const [a, b] = await bothOrders(load, subjects);
    expect(a).toEqual(b);
    expect(a[0]).toEqual({ title: 'Les index BRIN', tagged: true, separated: true });
    expect(a[1]?.title).toBe('les index brin');
    expect(a[4]).toEqual({ title: 'Les index BRIN', tagged: true, separated: true });
    expect(a[10]).toEqual({ title: null, tagged: false, call: true });
    expect(a[12]?.title).toBe('Les index BRIN');
    expect(a[13]).toEqual({ title: null, tagged: false });
    expect(a[14]).toEqual({ title: null, tagged: false, call: true });
    expect(a[15]).toEqual({ title: null, tagged: false });
    expect(a[18]?.title?.endsWith('A')).toBe(true);
    expect(a[19]?.title?.endsWith('B')).toBe(true);
    expect(a[20]?.title?.length).toBe(1500);
  });

  it('asked again, a subject gets the same frozen answer; past the memo’s size, the same values', async () => {
    vi.resetModules();
    const titleFromSubject = await load();
    const first = titleFromSubject('[LT] Les index BRIN');
    expect(titleFromSubject('[LT] Les index BRIN')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => {
      (first as { title: string | null }).title = null;
    }).toThrow(TypeError);
    for (let i = 0; i < 100; i++) titleFromSubject(`[LT] Sujet ${i}`);
    expect(titleFromSubject('[LT] Les index BRIN')).toEqual(first);
  });
});

const NAMES = [
  'Raman, Priya',
  'raman, priya',
  'Priya Raman',
  'DUPONT Jean',
  'Dupont Jean',
  'Jean DUPONT',
  ' Jean Dupont ',
  'Jean Dupont (via Google Groups)',
  'jean.dupont',
  'Jean.Dupont',
  'Dr. Jane Smith, PhD',
  'Anna WEBER - EXT',
  'Jean Dupont - Société Exemple',
  'Marc Lenoir 🐘',
  'LE Minh',
  'JP Martin',
  'jean@example.org',
  `${'Jean '.repeat(30)}Dupont`,
  `${'Jean '.repeat(30)}Durand`,
  `${'Jean-'.repeat(60)}Dupont`,
];

describe('cleanName: a name cleaned kept by the name', () => {
  const load = async () => (await import('../../../src/core/text/names.ts')).cleanName;

  it('each name is cleaned as itself, whatever was cleaned before it (both orders)', async () => {
    const names = [...NAMES, ...NAMES.map((n) => n.toLowerCase()), ...NAMES];
    const [a, b] = await bothOrders(load, names);
    expect(a).toEqual(b);
    expect(a.slice(0, 7)).toEqual(['Priya Raman', 'Priya Raman', 'Priya Raman', 'Jean Dupont', 'Dupont Jean', 'Jean Dupont', 'Jean Dupont']);
    expect(a[17]).not.toEqual(a[18]);
  });

  it('asked again, a name is not cleaned again (no replacement run on it)', async () => {
    vi.resetModules();
    const cleanName = await load();
    expect(cleanName('DUPONT Jean')).toBe('Jean Dupont');
    const replace = vi.spyOn(String.prototype, 'replace');
    try {
      expect(cleanName('DUPONT Jean')).toBe('Jean Dupont');
      expect(replace).not.toHaveBeenCalled();
      expect(cleanName('DURAND Paul')).toBe('Paul Durand');
      expect(replace).toHaveBeenCalled();
    } finally {
      replace.mockRestore();
    }
  });

  it('past the memo’s size, a name cleaned again is cleaned the same', async () => {
    vi.resetModules();
    const cleanName = await load();
    expect(cleanName('Raman, Priya')).toBe('Priya Raman');
    for (let i = 0; i < 1000; i++) cleanName(`Nom${i}, Prénom`);
    expect(cleanName('Raman, Priya')).toBe('Priya Raman');
    expect(cleanName(null)).toBeNull();
    expect(cleanName('')).toBeNull();
  });
});

describe('proposalScore: a source’s score kept by the source and its mail', () => {
  const OFFER = "Bonjour,\n\nJe voudrais proposer un talk « Les index BRIN en production », 30 minutes.\n\nMerci,\nJeanne\n";
  const NONE = 'Bonjour,\n\nÀ quelle heure ouvrent les portes jeudi ?\n\nJeanne\n';

  it('two mails in a row, each its own score; again, the same frozen score', async () => {
    const { proposalScore } = await import('../../../src/core/extract/score.ts');
    const { proposalSource } = await import('../../../src/core/extract/source.ts');
    const a = await mail({ subject: 'Proposition de talk', body: OFFER });
    const b = await mail({ subject: 'Question', body: NONE });
    const sa = proposalScore(a, proposalSource(a));
    const sb = proposalScore(b, proposalSource(b));
    expect(sa.score).toBeGreaterThanOrEqual(4);
    expect(sb.score).toBeLessThan(4);
    expect(proposalScore(a, proposalSource(a))).toBe(sa);
    expect(proposalScore(b, proposalSource(b))).toBe(sb);
    expect(Object.isFrozen(sa) && Object.isFrozen(sa.signals)).toBe(true);
    expect(() => (sa.signals as string[]).push('more +10')).toThrow(TypeError);
  });

  it('one mail, two sources (a note and the message under it): each scored as itself', async () => {
    const { proposalScore } = await import('../../../src/core/extract/score.ts');
    const m = await mail({ subject: 'Proposition de talk', body: OFFER });
    const base = { author: m.from, subject: m.subject, parts: m.parts, cc: m.cc, forwardedBy: null };
    const offer = proposalScore(m, { ...base, text: OFFER });
    const none = proposalScore(m, { ...base, text: NONE });
    expect(offer.score).toBeGreaterThan(none.score);
    expect(offer.signals).toContain('offer to give a talk +3');
    expect(none.signals).not.toContain('offer to give a talk +3');
  });

  it('one source object read for another mail is scored for that mail (its headers, its reply)', async () => {
    const { proposalScore } = await import('../../../src/core/extract/score.ts');
    const { proposalSource } = await import('../../../src/core/extract/source.ts');
    const a = await mail({ subject: 'Proposition de talk', body: OFFER });
    const list = await mail({ subject: 'Proposition de talk', body: OFFER, headers: { 'List-Id': '<pgug.lists.example.org>' } });
    const src = proposalSource(a);
    const own = proposalScore(a, src);
    const other = proposalScore(list, src);
    expect(other.signals).toContain('list headers -4');
    expect(own.signals).not.toContain('list headers -4');
    expect(other.score).toBe(own.score - 4);
  });

  it('a relayed proposal whose lead offers the talk: the source chosen (the whole text) is scored as itself', async () => {
    const { proposalScore, THRESHOLD } = await import('../../../src/core/extract/score.ts');
    const { proposalSource } = await import('../../../src/core/extract/source.ts');
    const { looksLikeProposal } = await import('../../../src/core/extract/index.ts');
    // (audit 9: the lead cut away, the title and its length alone score below the threshold; the whole text is kept)
    const body =
      'Dear organizers,\n\nSending you this talk on behalf of Prof. Kenji Watanabe (kenji.watanabe@bigcorp.example.com), who will present it.\n\n"Scaling writes with partitioned tables", 45 minutes.\n\nKind regards,\nEmily Clarke\nExecutive Assistant\n';
    const m = await mail({ from: 'Emily Clarke <emily.clarke@bigcorp.example.com>', subject: 'Talk proposal', body });
    expect(looksLikeProposal(m)).toBe(true);
    const src = proposalSource(m);
    expect(src.text.startsWith('Dear organizers')).toBe(true);
    expect(src.author?.email).toBe('kenji.watanabe@bigcorp.example.com');
    const kept = proposalScore(m, src);
    expect(kept.score).toBeGreaterThanOrEqual(THRESHOLD);
    expect(kept).toEqual(proposalScore(m, { ...src }));
    expect(proposalScore(m, { ...src, text: src.text.slice(src.text.indexOf('"Scaling')) }).score).toBeLessThan(THRESHOLD);
  });
});
