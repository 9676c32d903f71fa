/**
 * A bare « Proposal: » / « Proposition : » lead-in over a question naming no talk is no proposal's tag (ade7cc3: a
 * member's "Proposal: move the meetups to Wednesdays?" is a suggestion, h05) — yet when the text offers a talk after
 * all, the question is that talk's title, as it was before.
 */
import { describe, expect, it } from 'vitest';
import { extractProposal, looksLikeProposal } from '../../../src/core/extract/index.ts';
import { titleFromSubject } from '../../../src/core/extract/subject.ts';
import { mail } from '../classify/build.ts';

const ctx = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

describe('a question under a bare lead-in', () => {
  it.each([
    ['Proposal: Can Postgres replace Kafka?', 'Can Postgres replace Kafka?'],
    ['Proposition : Faut-il encore partitionner en 2026 ?', 'Faut-il encore partitionner en 2026 ?'],
  ])('%s: no tag, the question set apart as a title', (subject, title) => {
    expect(titleFromSubject(subject)).toMatchObject({ title, tagged: false });
  });

  it.each([
    ['Proposal: Can Postgres replace Kafka?', "Hi,\n\nI'd like to give a 30-minute talk under that title at the next meetup: using Postgres as an event log with logical decoding, and where it breaks.\n\nJohn Smith\n", 'Can Postgres replace Kafka?'],
    ['Proposition : Faut-il encore partitionner en 2026 ?', 'Bonjour,\n\nJe propose un talk de 30 minutes qui répond à cette question, avec des mesures sur PostgreSQL 17.\n\nJeanne Martin\n', 'Faut-il encore partitionner en 2026 ?'],
  ])('%s over an offer: filed with it as its title', async (subject, body, title) => {
    const m = await mail({ from: 'John Smith <john.smith@example.com>', subject, body });
    expect(looksLikeProposal(m)).toBe(true);
    expect(extractProposal(m, ctx).proposal.title).toBe(title);
  });

  it('a suggestion under it stays no proposal', async () => {
    const m = await mail({ subject: 'Proposal: a pizza budget for the meetups?', body: 'Hi organizers,\n\nCould we ask a sponsor for pizza? Half the room leaves before the last talk because they are hungry.\n\nJohn\n' });
    expect(looksLikeProposal(m)).toBe(false);
  });
});
