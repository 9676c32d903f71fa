/**
 * Held-out audit q: proposals written anew (clients, charsets, ways of saying a length, a tag, a co-speaker), each case
 * here in other words than the audit's messages.
 */
import { describe, expect, it } from 'vitest';
import { extractProposal } from '../../../src/core/extract/index.ts';
import { mail } from '../classify/build.ts';

const ctx = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

describe('a length said in words holding « an » is read', () => {
  it.each([
    ['"half an hour" after a verb', 'Hello,\n\nI could present "Citus for the impatient", showing how we sharded our events table.\n\nFor the meetup I can manage half an hour, with questions.\n\nRuth Adams\n', 30],
    ['"a quarter of an hour" as the subject', 'Hello,\n\nI would like to present "COPY tricks", the fastest ways to load CSV into PostgreSQL.\n\nA quarter of an hour will do, questions included.\n\nRuth Adams\n', 15],
    ['"an hour and a half" for a workshop', 'Hello,\n\nI would like to run a hands-on workshop, "Writing your first background worker".\n\nAn hour and a half would be right, laptops required.\n\nRuth Adams\n', 90],
  ])('%s', async (_name, body, minutes) => {
    const x = extractProposal(await mail({ from: 'Ruth Adams <ruth.adams@example.net>', subject: 'Meetup talk', body }), ctx);
    expect(x.proposal.durationMinutes).toBe(minutes);
  });

  it('a year « an » in the sentence still keeps a length that measures something else out', async () => {
    const body = 'Bonjour,\n\nJe voudrais présenter « Nos sauvegardes », 30 minutes.\n\nIl y a un an, une restauration prenait une heure.\n\nRuth Adams\n';
    const x = extractProposal(await mail({ subject: 'Proposition de talk', body }), ctx);
    expect(x.proposal.durationMinutes).toBe(30);
  });
});
