/**
 * A review of the audits' fixes found each of these read wrongly; whole mails through the extractor.
 */
import { describe, expect, it } from 'vitest';
import { extractProposal, looksLikeProposal } from '../../../src/core/extract/index.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail } from '../classify/build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

describe('read right after the review', () => {
  it('a colleague named after the writer’s own offer helps; the writer is the speaker', async () => {
    for (const body of [
      "Hi,\n\nI'd like to give a 30-minute talk: \"Zero-downtime upgrades with logical replication\".\n\nMy colleague Anna Weber can give you the venue details if needed.\n\nTom",
      'Bonjour,\n\nJe voudrais proposer un talk « Migrer d’Oracle à PostgreSQL sans douleur », 30 minutes. Mon collègue Paul Martin pourrait faire la démo.\n\nSophie',
    ]) {
      const x = extractProposal(await mail({ from: 'Tom Becker <tom.becker@example.org>', subject: 'Talk proposal', body }), ctx);
      expect(x.proposal.speakers[0]!.email).toBe('tom.becker@example.org');
    }
  });

  it('a talk submitted elsewhere before, offered here, is a proposal', async () => {
    const m = await mail({
      from: 'John Smith <john.smith@example.org>',
      subject: 'Talk for your meetup',
      body: 'Hello,\n\nI submitted this talk to PGConf EU last year but it was not selected, so I would like to give it at your meetup instead: "Vacuum in depth". About 30 minutes.\n\nJohn',
    });
    expect(looksLikeProposal(m)).toBe(true);
  });

  it('the name on the line under « voici mes coordonnées : » is no title', async () => {
    const x = extractProposal(
      await mail({
        from: 'Lucie Petit <lucie.petit@example.org>',
        subject: 'Proposition de talk : Les index GIN en pratique',
        body: 'Bonjour,\n\nJe vous propose un talk sur les index GIN, 30 minutes.\n\nSi besoin, voici mes coordonnées pour me joindre :\nLucie Petit\n\n06 12 34 56 78\n',
      }),
      ctx,
    );
    expect(x.proposal.title).toBe('Les index GIN en pratique');
  });
});

describe('review of the held-out audit c fixes', () => {
  // f442f78: a length alone in its parenthesis is the talk's only where the parenthesis ends a clause
  it('a length in a parenthesis inside a clause measures what it follows, not the talk', async () => {
    const body =
      "Hi,\n\nI'd like to present how we partition 2 TB tables; the migration took a weekend (48 h) and the rollback plan (10 min) was never used. I will show the scripts.\n\nAna";
    const x = extractProposal(await mail({ from: 'Ana Silva <ana@example.org>', subject: 'Talk proposal: Partitioning at scale', body }), ctx);
    expect(x.proposal.durationMinutes).toBe(45);
    expect(x.proposal.format).toBe('talk');
  });
});
