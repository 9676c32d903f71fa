/** Threading (JWZ) and the subject fallback, table-driven: prefixes French and other clients write, and the tree shapes. */
import { describe, expect, it } from 'vitest';
import { subjectKey } from '../../../src/core/thread/subject.ts';
import { threadMessages, walk, type ThreadInput } from '../../../src/core/thread/jwz.ts';
import { placePost } from '../../../src/core/thread/place.ts';

describe('subjectKey', () => {
  it.each([
    ['Re: Réunion de janvier', 'Réunion de janvier', true],
    ['RE : Réunion de janvier', 'Réunion de janvier', true],
    ['Réf : Réunion de janvier', 'Réunion de janvier', true],
    ['TR: Réunion de janvier', 'Réunion de janvier', true],
    ['Tr. : Réunion de janvier', 'Réunion de janvier', true],
    ['Fwd: Re: Réunion de janvier', 'Réunion de janvier', true],
    ['AW: SV: Réunion de janvier', 'Réunion de janvier', true],
    ['[pgsql-fr-generale] Réunion de janvier', 'Réunion de janvier', false],
    ['Re: [pgsql-fr-generale] RE : [pgsql-fr-generale] Réunion de janvier', 'Réunion de janvier', true],
    ['Re[2]: Réunion de janvier', 'Réunion de janvier', true],
    ['Réunion de janvier (fwd)', 'Réunion de janvier', false],
    ['Rebase: how?', 'Rebase: how?', false],
    ['Résumé de la réunion', 'Résumé de la réunion', false],
  ])('%s → %s', (subject, base, isReply) => {
    expect(subjectKey(subject)).toMatchObject({ base, isReply });
  });
});

const at = (h: number) => new Date(Date.UTC(2026, 10, 30, h));
const msg = (key: string, messageId: string | null, references: string[], subject: string, h: number): ThreadInput<string> => ({ key, messageId, references, subject, date: at(h) });
const shape = (inputs: ThreadInput<string>[]) => threadMessages(inputs).map((t) => walk(t).map((w) => `${'  '.repeat(w.depth)}${w.message.key}`));

describe('threadMessages', () => {
  it('follows References, whatever the arrival order', () => {
    const a = msg('a', '<a@x>', [], 'Sujet', 1);
    const b = msg('b', '<b@x>', ['<a@x>'], 'Re: Sujet', 2);
    const c = msg('c', '<c@x>', ['<a@x>', '<b@x>'], 'Re: Sujet', 3);
    const d = msg('d', '<d@x>', ['<a@x>'], 'Re: Sujet', 4);
    expect(shape([c, d, b, a])).toEqual([['a', '  b', '    c', '  d']]);
  });

  it('keeps a thread whose root is missing (a ghost parent), and groups its replies under it', () => {
    const b = msg('b', '<b@x>', ['<root@x>'], 'Re: Question', 2);
    const c = msg('c', '<c@x>', ['<root@x>'], 'Re: Question', 3);
    expect(shape([b, c])).toEqual([['b', 'c']]);
  });

  it('falls back to the subject (French prefixes) when the client dropped References', () => {
    const a = msg('a', '<a@x>', [], '[generale] Pot de fin d’année', 1);
    const b = msg('b', '<b@x>', [], 'RE : [generale] Pot de fin d’année', 2);
    const other = msg('o', '<o@x>', [], 'Autre chose', 3);
    expect(shape([b, a, other])).toEqual([['a', '  b'], ['o']]);
  });

  it('refuses a reference loop', () => {
    const a = msg('a', '<a@x>', ['<b@x>'], 'x', 1);
    const b = msg('b', '<b@x>', ['<a@x>'], 'x', 2);
    const out = shape([a, b]).flat();
    expect(out.map((s) => s.trim()).sort()).toEqual(['a', 'b']);
  });

  it('gives duplicates and messages without Message-ID a place of their own', () => {
    const a = msg('a', '<a@x>', [], 'un', 1);
    const a2 = msg('a2', '<a@x>', [], 'deux', 2);
    const n = msg('n', null, [], 'trois', 3);
    expect(shape([a, a2, n]).flat().sort()).toEqual(['a', 'a2', 'n']);
  });
});

describe('placePost', () => {
  const stored = (inboundId: number, messageId: string, references: string[], subject: string, h: number, threadId: number | null) => ({ inboundId, messageId, references, subject, receivedAt: at(h), threadId });

  it('joins the thread of the post it answers', () => {
    const plan = placePost([stored(1, '<a@x>', [], 'Sujet', 1, 7), stored(2, '<z@x>', [], 'Autre', 1, 8)], stored(3, '<b@x>', ['<a@x>'], 'Re: Sujet', 2, null));
    expect(plan).toMatchObject({ threadId: 7, members: [1, 3], merged: [], subject: 'Sujet' });
  });

  it('starts a thread for a new subject', () => {
    expect(placePost([stored(1, '<a@x>', [], 'Sujet', 1, 7)], stored(2, '<b@x>', [], 'Nouveau', 2, null))).toMatchObject({ threadId: null, members: [2] });
  });

  it('merges two threads into the older when a late parent bridges them', () => {
    // Two replies to a post not yet received, each in a thread of its own (different subjects); the parent arrives.
    const plan = placePost(
      [stored(1, '<b@x>', ['<a@x>'], 'Re: un', 2, 4), stored(2, '<c@x>', ['<a@x>'], 'Re: deux', 3, 5)],
      stored(3, '<a@x>', [], 'un', 1, null),
    );
    expect(plan).toMatchObject({ threadId: 4, merged: [5] });
    expect([...plan.members].sort()).toEqual([1, 2, 3]);
  });
});
