/**
 * Review of the parse audit's look-alike rule (cbcbf06, 1358c53: score.ts ELSE_TAIL): « je propose de » / "propose to"
 * over a verb missing from the list of ways of speaking, and a talk whose topic opens on one of the things members put
 * to organizers (a date, a change, a call…), voided real offers — filed other, never acknowledged. The ways of taking an
 * audience into a subject are ways of speaking; the thing put forward is the noun, not a word of the talk's topic.
 */
import { describe, expect, it } from 'vitest';
import { looksLikeProposal } from '../../../src/core/extract/index.ts';
import { mail } from '../classify/build.ts';

describe('offers the look-alike rule must leave alone', () => {
  it.each([
    ['Pour le meetup de juin', "Bonjour,\n\nJe vous propose d'exposer notre retour d'expérience sur Patroni en production, une vingtaine de minutes.\n\nJulie"],
    ['Proposition', 'Bonjour,\n\nJe vous propose de vous initier à pgvector : recherche sémantique dans PostgreSQL, démo en direct, 25 minutes.\n\nPaul'],
    ['Talk for the next meetup', 'Hi,\n\nI would like to propose to take you through our migration from Oracle to PostgreSQL, a 30 minute talk.\n\nAnn'],
    ['Next meetup', "Hi,\n\nI'd like to propose a change data capture talk: streaming PostgreSQL changes to Kafka with Debezium, about 30 minutes.\n\nAnn"],
    ['Next meetup', 'Hi,\n\nWe would like to propose a date/time talk for the June meetup: time zones, intervals and their traps, 25 minutes.\n\nAnn'],
  ])('%s: %s', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body }))).toBe(true);
  });

  // …while what is put forward beside the talks stays no offer
  it.each([
    ['Proposition : restaurant après le meetup', "Bonjour,\n\nJe vous propose de vous emmener au restaurant après la présentation de jeudi, j'ai réservé pour dix.\n\nMarc"],
    ['Idea for the June talks', 'Hi,\n\nWe would like to propose a different date for the June talks, the 12th clashes with PGDay.\n\nNina'],
    ['Proposal', "Hi,\n\nI'd like to propose to take the meetup to a bigger venue, the talks are always packed.\n\nSam"],
  ])('still no offer: %s', async (subject, body) => {
    expect(looksLikeProposal(await mail({ subject, body }))).toBe(false);
  });
});
