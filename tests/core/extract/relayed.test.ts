/**
 * A proposal passed on in the writer's own words, with no forwarded message under it (an audit's « Je transmets la
 * proposition de Priya Raman (priya@…) » was credited to the organizer who wrote it): the person named is the
 * speaker, the line that passes it on is no abstract. The writer's own proposal, or a relay naming no full name,
 * stays the writer's.
 */
import { describe, expect, it } from 'vitest';
import { extractProposal } from '../../../src/core/extract/index.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail } from '../classify/build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['lea.martin@example.org'], secret: null };
const FIELDS = '\nTitre : Hunting lock contention\nRésumé : pg_locks, wait events et ce qu’ils disent des verrous.\nDurée : 30 minutes\n\nLéa\n';
const speakersOf = async (first: string) =>
  extractProposal(await mail({ from: 'Léa Martin <lea.martin@example.org>', subject: 'Proposition de talk', body: `Bonjour,\n\n${first}\n${FIELDS}` }), ctx).proposal;

describe('a proposal relayed in the writer’s own words', () => {
  it.each([
    ['Je transmets la proposition de Priya Raman (priya.raman@example.com), reçue au dernier meetup :', { name: 'Priya Raman', email: 'priya.raman@example.com' }],
    ['Je vous transmets la proposition de talk de Priya Raman <priya.raman@example.com> :', { name: 'Priya Raman', email: 'priya.raman@example.com' }],
    ['Je vous fais suivre une proposition de mon collègue Paul Martin, paul.martin@example.fr :', { name: 'Paul Martin', email: 'paul.martin@example.fr' }],
    ["I'm forwarding a talk proposal from Priya Raman <priya.raman@example.com>:", { name: 'Priya Raman', email: 'priya.raman@example.com' }],
    ['Passing on the proposal of Priya Raman, she has no account here:', { name: 'Priya Raman', email: null }],
  ])('%s', async (first, speaker) => {
    const p = await speakersOf(first);
    expect(p.speakers[0]).toEqual(speaker);
    expect(p.speakers.map((s) => s.email)).not.toContain('lea.martin@example.org');
    expect(p.abstract ?? '').not.toMatch(/transmets|fais suivre|forwarding|Passing on/);
  });

  it.each([
    'Je vous transmets ma proposition pour le meetup de mars :',
    'Je transmets la proposition de talk dont nous avons parlé :',
    "I'm forwarding the proposal of the PostgreSQL team:",
    'Voici la proposition de Priya, que je trouve très bien :',
  ])('stays the writer’s: %s', async (first) => {
    const p = await speakersOf(first);
    expect(p.speakers[0]).toEqual({ name: 'Léa Martin', email: 'lea.martin@example.org' });
  });
});
