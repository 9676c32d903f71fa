/**
 * A proposal passed on in the writer's own words, with no forwarded message under it (an audit's « Je transmets la
 * proposition de Priya Raman (priya@…) » was credited to the organizer who wrote it): the person named is the
 * speaker, the line that passes it on is no abstract. The writer's own proposal, or a relay naming no full name,
 * stays the writer's.
 */
import { describe, expect, it } from 'vitest';
import { extractProposal, looksLikeProposal } from '../../../src/core/extract/index.ts';
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

/**
 * Submitted for someone else (an audit's "on behalf of my colleague Sofia Rossi, who will give the talk (she's in
 * Cc)… I'm just her manager" was credited to the manager): the person named is the speaker, with their address from
 * the text or from Cc; the sentence that says so is no abstract. Someone who only sent the writer, an organisation,
 * or a writer who presents with them, leaves the writer the speaker.
 */
describe('a proposal submitted on someone else’s behalf', () => {
  const ABSTRACT = '\n\nLe décodage logique pour une piste d’audit : wal2json, les options du plugin et les changements de schéma. Environ 30 minutes.\n\nMark\n';
  const behalf = async (first: string, cc?: string) =>
    extractProposal(
      await mail({
        from: 'Mark Jensen <mark.jensen@dataworks.example.dk>',
        subject: 'Talk proposal: Logical decoding for audit trails',
        headers: cc ? { Cc: cc } : {},
        body: `Hello,\n\n${first}${ABSTRACT}`,
      }),
      ctx,
    ).proposal;

  const sofia = { name: 'Sofia Rossi', email: 'sofia.rossi@dataworks.example.dk' };
  const julie = { name: 'Julie Bernard', email: 'julie.bernard@example.fr' };
  const cases: Array<[string, string | undefined, { name: string; email: string | null }]> = [
    [
      "I'm submitting this on behalf of my colleague Sofia Rossi, who will give\nthe talk (she's in Cc and happy to answer questions). I'm just her\nmanager and won't be presenting.",
      'Sofia Rossi <sofia.rossi@dataworks.example.dk>',
      sofia,
    ],
    ['On behalf of my colleague Sofia Rossi, here is her talk proposal.', undefined, { name: 'Sofia Rossi', email: null }],
    ['Sending this proposal on behalf of Sofia Rossi <s.rossi@example.it>, who would present it.', undefined, { name: 'Sofia Rossi', email: 's.rossi@example.it' }],
    ['We submit this talk on behalf of Sofia Rossi (copied).', 'ROSSI Sofia <sofia.rossi@dataworks.example.dk>', sofia],
    ['Je vous envoie cette proposition de la part de ma collègue Julie Bernard, qui la présentera.', 'Julie Bernard <julie.bernard@example.fr>', julie],
    ['Je vous soumets pour le compte de mon collègue Paul Martin le sujet suivant :', '"Martin, Paul" <paul.martin@example.fr>', { name: 'Paul Martin', email: 'paul.martin@example.fr' }],
    ["Je vous écris de la part d'Hélène Dubois (helene.dubois@example.fr), qui donnerait le talk.", undefined, { name: 'Hélène Dubois', email: 'helene.dubois@example.fr' }],
    ['Voici, de la part de ma collègue Julie Bernard, sa proposition pour le prochain meetup.', 'Julie Bernard <julie.bernard@example.fr>', julie],
    ["I'm submitting this on behalf of my colleague Sofia (she's copied).", 'Sofia Rossi <sofia.rossi@dataworks.example.dk>, Lars Berg <lars.berg@dataworks.example.dk>', sofia],
    ['My colleague Sofia Rossi asked me to send you her proposal; I am only the messenger.', 'sofia.rossi@dataworks.example.dk', sofia],
    ["Ma collègue Julie Bernard (julie.bernard@example.fr) m'a demandé de vous transmettre sa proposition.", undefined, julie],
    ['Je vous transmets la proposition de ma collègue Julie Bernard :', 'Julie Bernard <julie.bernard@example.fr>', julie],
  ];
  it.each(cases)('%s', async (first, cc, speaker) => {
    const p = await behalf(first, cc);
    expect(p.speakers).toEqual([speaker]);
    expect(p.abstract ?? '').not.toMatch(/behalf|de la part|pour le compte|manager|asked me|demandé/);
  });

  it.each([
    ["Je vous écris de la part de Jean Dupont, qui m'a conseillé de vous contacter."],
    ["I'm writing on behalf of Acme Solutions to propose a talk."],
    ["I'm writing on behalf of the PostgreSQL team at Dataworks."],
    ["I'm submitting this on behalf of my colleague Sofia Rossi and myself: we'd like to co-present it."],
    ['Sofia Rossi asked me to say hello on behalf of the whole team.'],
    ['Au nom de PostgreSQL France, je vous propose un talk sur la réplication.'],
    ['My colleague Sofia Rossi asked me to say hello; she enjoyed the last meetup.'],
    ["I'm submitting this on behalf of my colleague Sofia (she's copied)."],
    ['On behalf of Dataworks Europe (contact@dataworks.example.dk), I would like to propose a talk.'],
  ])('stays the writer’s: %s', async (first) => {
    const p = await behalf(first);
    expect(p.speakers[0]).toEqual({ name: 'Mark Jensen', email: 'mark.jensen@dataworks.example.dk' });
  });
});

/**
 * Held-out audit x: « Je vous écris de la part de Mme Claire Vasseur (…), qui souhaiterait présenter l'ouverture des
 * données … Une demi-heure environ. » — the one sentence that passed the talk on also said what it was; cut away as the
 * relaying words, nothing was left to read as an offer, and the mail was filed `other`.
 */
describe('the sentence that passes a talk on and says what it is', () => {
  it.each([
    "Bonjour,\n\nJe vous écris de la part de Mme Claire Vasseur (claire.vasseur@ville.example.fr), responsable des données, qui souhaiterait présenter l'ouverture des données de la ville avec PostgreSQL et PostGIS lors d'un prochain meetup. Une demi-heure environ.\n\nCordialement,\nLe secrétariat de la DSI\n",
    "Hello,\n\nI'm writing on behalf of Dr. Claire Vasseur (claire.vasseur@ville.example.fr), who would like to present the city's open data platform on PostgreSQL and PostGIS at a future meetup. About half an hour.\n\nRegards,\nThe IT office\n",
  ])('%#', async (body) => {
    const m = await mail({ from: 'Secrétariat DSI <secretariat.dsi@ville.example.fr>', subject: 'Proposition de présentation', body });
    expect(looksLikeProposal(m)).toBe(true);
    expect(extractProposal(m, ctx).proposal.speakers).toEqual([{ name: 'Claire Vasseur', email: 'claire.vasseur@ville.example.fr' }]);
  });
});
