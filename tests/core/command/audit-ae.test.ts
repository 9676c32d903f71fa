/**
 * Audit AE (held-out replies by email, scored end to end by tests/e2e/audit-x/harness.test.ts, AUDIT_X_BATCH=batchAE1…):
 * clients not emulated before (Yahoo Mail web in HTML only, GMX / Web.de, Orange webmail, eM Client, HEY, Superhuman, mutt
 * in French, Thunderbird for Android, the notice quoted twice) — the reader's side of what it found, and the shapes near
 * them that must still act on nothing or keep the writer's comment for the organizers.
 */
import { describe, expect, it } from 'vitest';
import { commandReaders } from './read.ts';
import { stripQuotes } from '../../../src/core/text/quotes.ts';

const { speaker, verbs, read } = commandReaders('2026-12-03T07:00:00Z');

const NOTICE = 'Une nouvelle proposition vient d’arriver, envoyée par\nJean Dupont <jean.dupont@example.fr>.\n\n  Référence      : P-0004\n\nPour décider, répondez à ce message avec l’un de ces mots, seul sur une\nligne :\n\n  accepter               accepter la proposition (l’orateur est prévenu)\n\n-- \nPostgreSQL Paris\n';
const gmx = (typed: string) =>
  `${typed}\n \n \n\nEnvoyé: jeudi 3 décembre 2026 à 09:12\nDe: "PostgreSQL Paris" <talks+o-p0004-x@pgug.example.org>\nÀ: dim@example.org\nObjet: [P-0004] Nouvelle proposition : Vacuum\n\n${NOTICE}`;
const webde = (typed: string) =>
  `${typed}\n \n \n\nGesendet: Donnerstag, 03. Dezember 2026 um 09:12 Uhr\nVon: "PostgreSQL Paris" <talks+o-p0004-x@pgug.example.org>\nAn: dim@example.org\nBetreff: [P-0004] Nouvelle proposition : Vacuum\n\n${NOTICE}`;

describe('GMX / Web.de open their quoted header block on its date (audit AE1 03–05, 39, 52: the quoted notice relayed as the comment)', () => {
  it.each([
    ['GMX, accepted', gmx('Validé 👍'), ['accept'], ''],
    ['Web.de, waitlisted', webde('Waitlist for now, thanks.'), ['waitlist'], ''],
    ['GMX, a comment above', gmx('Accepter\n\nJe préviens Lucie.'), ['accept'], 'Je préviens Lucie.'],
    ['GMX, « Datum: » first', `Refuser\n\nDatum: 03.12.2026 09:12\nVon: crieur <t@x.org>\nAn: dim@example.org\nBetreff: P-0004\n\n${NOTICE}`, ['decline'], ''],
  ])('%s', (_name, text, want, comment) => {
    const r = read(text);
    expect(r.commands.map((c) => c[0])).toEqual(want);
    expect(r.comment).toBe(comment);
  });
  it('a speaker’s GMX confirmation relays nothing of the acknowledgement', () => {
    const r = read(gmx("C'est ok pour moi, je confirme."), speaker);
    expect(r.commands.map((c) => c[0])).toEqual(['confirm']);
    expect(r.comment).not.toMatch(/nouvelle proposition|Pour décider/);
  });
  it.each([
    // the writer's own lines that open with a date: no header block without « De: » before « Objet: »
    'Date : jeudi 28 janvier\nObjet : la salle\n\nOn en reparle.',
    'Envoyé : hier soir, pas reçu ?\nObjet : rappel',
    'Envoyé: jeudi\nÀ: Lucie\nObjet: salle\nDe: Dim',
    'Date : 14 janvier\nDe : 19h à 21h\nSujet : la réplication',
    'Envoyé : jeudi\nDe : Lucie (lucie à example.org)\nObjet : la salle',
  ])('no header block: %j', (text) => {
    expect(stripQuotes(text)).toBe(text);
  });
});

describe('« accepter mais seulement en lightning »: the format only, with or without the comma (audit AE1 23: relayed, nothing decided)', () => {
  it.each([
    ['accepter mais seulement en lightning', ['accept', 'lightning']],
    ['Accepter, mais seulement en lightning', ['accept', 'lightning']],
    ['Accepter, mais uniquement en lightning talk.', ['accept', 'lightning']],
    ['On accepte mais en lightning', ['accept', 'lightning']],
    ['Accept but only as a lightning talk', ['accept', 'lightning']],
    ['Accept, but only as a lightning talk.', ['accept', 'lightning']],
  ])('organizer: %j → %j', (text, want) => {
    expect(verbs(text)).toEqual(want);
  });
  it.each([
    'Accepter mais seulement si Lucie est ok',
    'accepter mais seulement si c’est en lightning',
    'Accepter, mais seulement en lightning si possible',
    'Accepter mais en lightning ce serait mieux',
    'Accepter mais en lightning ?',
    'Accepter mais je relis ce soir',
    'Accept but only if it fits in 20 minutes',
  ])('organizer, nothing decided: %j', (text) => {
    expect(verbs(text)).toEqual([]);
  });
  it('a speaker’s « accepter mais seulement en lightning » is prose', () => {
    expect(verbs('accepter mais seulement en lightning', speaker)).toEqual([]);
  });
});

const notes = (typed: string, mail = NOTICE) =>
  `${typed}\n\n\n\n\nPostgreSQL Paris <talks+o-p0004-x@pgug.example.org>\n03/12/2026 09:12\n\nTo\ndim@example.org\ncc\n\nSubject\n[P-0004] Nouvelle proposition : Vacuum\n\n\n\n\n\n${mail}`;

describe('HCL Notes’ header block (audit AE’s relay check on AD1 16–17, AD2 06, 26: the quoted notice relayed as the comment)', () => {
  it.each([
    ['accepted', notes('Accepter'), ['accept'], ''],
    ['declined, its reason', notes('Decline - not PostgreSQL related.'), ['decline'], ''],
    ['waitlisted, a comment above', notes('Waitlist for now.\n\nLet us talk about it on Thursday.'), ['waitlist'], 'Let us talk about it on Thursday.'],
  ])('%s', (_name, text, want, comment) => {
    const r = read(text);
    expect(r.commands.map((c) => c[0])).toEqual(want);
    expect(r.comment).toBe(comment);
  });
  it('a speaker’s Notes correction relays nothing of the acknowledgement', () => {
    const r = read(notes('Durée : 20 minutes', 'Bonjour Jean Dupont,\n\nMerci pour votre proposition !\n\nQuelque chose ne va pas ? Répondez simplement.\n'), speaker);
    expect(r.comment).not.toMatch(/Quelque chose ne va pas/);
  });
  it.each([
    // an address and a date the writer typed, with no « To » / « Subject » lines under them
    'Écris à lucie@example.org\n03/12/2026 09:12\n\nOn en parle jeudi.',
    'Contact : lucie@example.org\n03/12/2026 09:12\nSubject\nla salle',
  ])('no header block: %j', (text) => {
    expect(stripQuotes(text)).toBe(text);
  });
});
