/** Digest data: new threads first, a late reply with its context named, counts, excerpts without quotes or signature. */
import { describe, expect, it } from 'vitest';
import { buildDigest, type DigestPost } from '../../../src/core/digest/build.ts';
import { postText } from '../../../src/core/digest/post-text.ts';
import { contextLabel } from '../../../src/core/digest/template-data.ts';

const day = (d: number, h = 10) => new Date(Date.UTC(2026, 10, d, h));
let n = 0;
const post = (over: Partial<DigestPost>): DigestPost => ({
  inboundId: ++n, messageId: `<m${n}@x>`, references: [], subject: 'Sujet', fromName: 'Jean', fromEmail: 'jean@example.fr',
  sentAt: day(1), receivedAt: day(1), body: 'texte', archivedAt: null, listArchive: null, threadId: 1, ...over,
});

describe('buildDigest', () => {
  it('puts new threads first, a continued thread after with its context and the post it answers', () => {
    const old = post({ messageId: '<old@x>', subject: 'Réunion', fromName: 'Marie', fromEmail: 'marie@example.fr', sentAt: day(2), receivedAt: day(2), threadId: 1 });
    const late = post({ messageId: '<late@x>', references: ['<old@x>'], subject: 'Re: Réunion', sentAt: day(9), receivedAt: day(9), threadId: 1 });
    const fresh = post({ messageId: '<new@x>', subject: 'Nouveau sujet', fromEmail: 'paul@example.fr', fromName: 'Paul', sentAt: day(9, 12), receivedAt: day(9, 12), threadId: 2 });
    const d = buildDigest({
      list: { name: 'generale', address: 'g@x' },
      period: { cadence: 'daily', from: day(9, 0), to: day(10, 0), key: 'daily-x' },
      posts: [late, fresh],
      context: [old, late, fresh],
      threads: [{ id: 1, subject: 'Réunion', startedAt: day(2) }, { id: 2, subject: 'Nouveau sujet', startedAt: day(9, 12) }],
      excerptChars: 100,
    })!;
    expect(d.threads.map((t) => [t.subject, t.isNew, t.earlier])).toEqual([['Nouveau sujet', true, 0], ['Réunion', false, 1]]);
    expect(d.entries.map((e) => e.number)).toEqual([1, 2]);
    expect(d.threads[1]!.entries[0]!.answers).toMatchObject({ fromLabel: 'Marie <marie@example.fr>' });
    expect(contextLabel(d.threads[1]!, 'fr', 'Europe/Paris')).toBe('Suite du fil commencé le lundi 2 novembre 2026 par Marie <marie@example.fr> (1 message plus tôt)');
    expect(d.counts).toEqual({ messages: 2, threads: 2, posters: 2 });
  });

  it('names posters as crieur names people: "Raman, Priya" is Priya Raman', () => {
    const p = post({ fromName: 'Raman, Priya', fromEmail: 'priya@example.in', threadId: 7, sentAt: day(9), receivedAt: day(9) });
    const d = buildDigest({
      list: { name: 'g', address: 'g@x' },
      period: { cadence: 'daily', from: day(9, 0), to: day(10, 0), key: 'k' },
      posts: [p],
      context: [p],
      threads: [{ id: 7, subject: 'Sujet', startedAt: day(9) }],
      excerptChars: 100,
    })!;
    expect(d.threads[0]!.entries[0]!.fromLabel).toBe('Priya Raman <priya@example.in>');
  });

  it('an empty period is no digest', () => {
    expect(buildDigest({ list: { name: 'g', address: 'g@x' }, period: { cadence: 'daily', from: day(1), to: day(2), key: 'k' }, posts: [], context: [], threads: [], excerptChars: 100 })).toBeNull();
  });
});

describe('postText', () => {
  it('trims the quote, its French attribution and the signature', () => {
    const text = 'Je serai là jeudi.\n\nCordialement,\nMarie\n\nLe lun. 2 nov. 2026 à 10:00, Jean <jean@example.fr> a écrit :\n> Qui vient ?\n';
    expect(postText(text)).toBe('Je serai là jeudi.');
  });
  it('keeps an interleaved answer, drops the quoted lines', () => {
    expect(postText('> Qui vient ?\nMoi.\n> Et Paul ?\nAussi.\n-- \nMarie')).toBe('Moi.\nAussi.');
  });
});
