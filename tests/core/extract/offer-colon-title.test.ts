/**
 * The offer and its title on one line after a colon (prose-title.ts OFFER_THEN_COLON, a7c6ec5). Quoted, the title is the
 * writer's; bare, it is read up to its sentence's end, a guess that may be the letter's own prose (« Details below. »,
 * "Monday evenings don't work for me, though"): a subject that names the talk then wins over it.
 */
import { describe, expect, it } from 'vitest';
import { extractProposal } from '../../../src/core/extract/index.ts';
import { mail } from '../classify/build.ts';

const ctx = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };
const title = async (subject: string, body: string) => extractProposal(await mail({ from: 'John Smith <john.smith@example.com>', subject, body }), ctx).proposal.title;

describe('a bare title after the offer’s colon, against the subject', () => {
  it.each([
    ['Talk proposal: Logical replication pitfalls', "Hi,\n\nI'd like to propose a talk at the next meetup: Details below.\n\nLogical replication is great until it isn't. I will show the five ways it broke in production and how we fixed each one.\n\nDuration: 30 minutes\n\nJohn Smith\n", 'Logical replication pitfalls'],
    ['Workshop proposal: pgbench for beginners', "Hello,\n\nI'd like to offer a workshop: Monday evenings don't work for me, though.\n\nThe workshop walks through pgbench from a blank machine to a first meaningful benchmark, 90 minutes.\n\nJohn\n", 'pgbench for beginners'],
    ['Talk proposal: Vacuum internals', 'Hi all,\n\nI want to present a talk: Here is the abstract.\n\nVacuum is the most misunderstood part of Postgres: visibility map, freeze, wraparound.\n\n45 minutes.\n\nJohn Smith\n', 'Vacuum internals'],
    ['Proposition de talk : la réplication logique', "Bonjour,\n\nJe souhaiterais faire une présentation : Voir le fichier joint pour le détail.\n\nUn retour d'expérience sur la réplication logique en production, 30 minutes.\n\nJeanne Martin\n", 'la réplication logique'],
  ])('%s keeps the subject’s title', async (subject, body, expected) => {
    expect(await title(subject, body)).toBe(expected);
  });

  it.each([
    ['Talk for the meetup', "Hi,\n\nI would like to submit a talk: Zero-downtime major upgrades with pg_upgrade and logical replication.\n\nWe upgraded 40 clusters last year; I'll show how.\n\n30 minutes.\n\nJohn Smith\n", 'Zero-downtime major upgrades with pg_upgrade and logical replication'],
    ['Proposition pour le prochain meetup', 'Bonjour,\n\nJe pourrais donner une conférence : Les statistiques étendues, quand le planificateur se trompe.\n\n45 minutes, en français.\n\nJeanne\n', 'Les statistiques étendues, quand le planificateur se trompe'],
    // quoted, the writer's own title is the talk's whole one, over the subject's few words
    ['Talk proposal - CDC into a data lake', 'Hi,\n\nI would like to propose a talk for the PostgreSQL Lyon meetup: "Change data capture into a data lake with Debezium", roughly 30 minutes.\n\nJohn\n', 'Change data capture into a data lake with Debezium'],
  ])('%s: the title after the colon', async (subject, body, expected) => {
    expect(await title(subject, body)).toBe(expected);
  });
});
