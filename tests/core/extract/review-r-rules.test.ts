/**
 * A review of the audit-a rules found three that misfired on ordinary mail (review r: dur, spk, quoted); each is
 * checked on its small pure piece and on the whole mail.
 */
import { describe, expect, it } from 'vitest';
import { durationFromProse } from '../../../src/core/extract/duration.ts';
import { quotedLead } from '../../../src/core/extract/fields.ts';
import { findSpeakers } from '../../../src/core/extract/speakers.ts';
import { extractProposal } from '../../../src/core/extract/index.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail } from '../classify/build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

async function extract(body: string, subject = 'Talk proposal', from = 'Alice Martin <alice@example.com>') {
  return extractProposal(await mail({ from, subject, body }), ctx);
}

describe('the talk’s own length beats another event’s and an incidental one (review r, dur)', () => {
  it.each([
    ['It is a 40 minute talk, an updated version of the one I gave at FOSDEM. I need 5 minutes to set up my laptop.', 40],
    ['I need 5 minutes to set up my laptop. It is a 40-minute talk, an updated version of the one I gave at FOSDEM.', 40],
    ['C’est un talk de 40 minutes, une version mise à jour de celui que j’ai donné au FOSDEM. Il me faut 5 minutes pour brancher mon portable.', 40],
    // the other event's own length is still demoted
    ['I gave a 50 minute talk at PGDay last year. For your meetup I would do 30 minutes.', 30],
    ['I gave a 50 minute talk at PGDay last year, and would happily give it again.', 50],
    ['Last year, at PGConf, it was a 50 minute talk; here I would do 25 minutes.', 25],
  ])('%s', (text, minutes) => {
    expect(durationFromProse([text])?.minutes).toBe(minutes);
  });
  it('whole mail', async () => {
    const x = await extract(
      'Hello,\n\nI would like to propose a talk: "Zero-downtime upgrades with logical replication".\n\nIt is a 40 minute talk, an updated version of the one I gave at FOSDEM. I need 5 minutes to set up my laptop.\n\nBest regards,\nAlice\n',
    );
    expect(x.proposal.durationMinutes).toBe(40);
    expect(x.proposal.format).toBe('talk');
  });
});

describe('a parenthesis after a quoted title stays in the title (review r, quoted)', () => {
  it.each([
    ['« Partitionnement en production » (partie 2 : détacher sans bloquer)', 'Partitionnement en production (partie 2 : détacher sans bloquer)', ''],
    ['"Vacuum internals" (the sequel). I will show HOT updates.', 'Vacuum internals (the sequel)', 'I will show HOT updates.'],
    ['« Partitionnement en production » (partie 2) ; détacher sans bloquer.', 'Partitionnement en production (partie 2)', 'détacher sans bloquer.'],
    // an aside on length, format or language is no part of the title
    ['“Les index BRIN” (lightning talk)', 'Les index BRIN', '(lightning talk)'],
    ['« Les index BRIN » (en français)', 'Les index BRIN', '(en français)'],
    // a clause that reads as prose goes to the abstract
    ['« Les index BRIN », dans lequel je montre nos mesures.', 'Les index BRIN', 'dans lequel je montre nos mesures.'],
  ])('%s', (value, quoted, rest) => {
    expect(quotedLead(value)).toEqual({ quoted, rest });
  });
  it.each(['« Partitionnement » (partie 2) - détacher sans bloquer', '« Partitionnement », ou comment détacher sans bloquer', '"Vacuum". or not'])('%s: the title goes on', (value) => {
    expect(quotedLead(value)).toBeNull();
  });
  it('whole mail: the aside is the title’s, the summary is the abstract', async () => {
    const x = await extract(
      'Bonjour,\n\nTitre : « Partitionnement en production » (partie 2 : détacher sans bloquer)\nDurée : 20 minutes\nRésumé : La suite du talk de mars : détacher une partition sans verrou exclusif avec DETACH CONCURRENTLY, et les pièges rencontrés.\n\nJean\n',
      'Proposition de talk',
    );
    expect(x.proposal.title).toBe('Partitionnement en production (partie 2 : détacher sans bloquer)');
    expect(x.proposal.abstract).toBe('La suite du talk de mars : détacher une partition sans verrou exclusif avec DETACH CONCURRENTLY, et les pièges rencontrés.');
  });
  it('whole mail: a parenthesis then a sentence on the title line', async () => {
    const x = await extract('Bonjour,\n\nMon sujet : « Partitionnement en production » (partie 2). Je montrerai DETACH CONCURRENTLY et ses pièges.\n\nDurée : 20 minutes\n\nJean\n', 'Proposition de talk');
    expect(x.proposal.title).toBe('Partitionnement en production (partie 2)');
    expect(x.proposal.abstract).toContain('DETACH CONCURRENTLY');
  });
});

describe('“X and I” names a co-speaker only when the pair presents (review r, spk)', () => {
  const speakersOf = (body: string) =>
    findSpeakers({ author: { name: 'Alice Martin', email: 'alice@example.com' }, signatureName: null, field: null, body, cc: [], exclude: new Set(['talks@pgug.example.org']), own: new Set(['talks@pgug.example.org']) })
      .speakers.map((s) => s.email);
  it.each([
    'Paul Durand (paul.durand@acme.example) and I wrote the tooling at Acme, and I will present it alone.',
    'Paul Durand (paul.durand@acme.example) and I wrote the tooling at Acme.',
    'Paul Durand (paul.durand@acme.example) and I wrote the tooling; I will present it.',
    'Paul Durand (paul.durand@acme.example) et moi avons écrit l’outil, mais je le présenterai seule.',
    'Paul Durand (paul.durand@acme.example) and I built it, but I will give the talk alone.',
  ])('%s: no co-speaker', (text) => {
    expect(speakersOf(`Hello,\n\n${text}\n\nWe will show our setup.\n`)).toEqual(['alice@example.com']);
  });
  it.each([
    'Paul Durand (paul.durand@acme.example) and I would like to present it together at the meetup.',
    'Paul Durand (paul.durand@acme.example) and I would like to present our tooling at the meetup.',
    'Paul Durand (paul.durand@acme.example) and I will give the talk.',
    'Paul Durand (paul.durand@acme.example) et moi souhaiterions présenter notre outil.',
    'Paul Durand (paul.durand@acme.example) et moi-même animerons la session.',
    'We wrote the tooling at Acme, and Paul Durand (paul.durand@acme.example) and I will co-present it.',
  ])('%s: Paul presents', (text) => {
    expect(speakersOf(`Hello,\n\n${text}\n\nWe will show our setup.\n`)).toEqual(['alice@example.com', 'paul.durand@acme.example']);
  });
  it('whole mail', async () => {
    const x = await extract(
      'Hello,\n\nI would like to propose a talk: "Zero-downtime upgrades with logical replication".\n\nWe moved 40 clusters from PostgreSQL 12 to 16 without downtime. Paul Durand (paul.durand@acme.example) and I wrote the tooling at Acme, and I will present it alone. About 30 minutes.\n\nBest regards,\nAlice\n',
    );
    expect(x.proposal.speakers.map((s) => s.email)).toEqual(['alice@example.com']);
  });
});
