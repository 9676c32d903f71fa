/**
 * Audit a (unseen mail) found these read wrongly; each rule is checked on its small pure piece, and on whole mails
 * through the extractor where the rule is about what wins over what.
 */
import { describe, expect, it } from 'vitest';
import { titleFromProse } from '../../../src/core/extract/prose-title.ts';
import { durationsIn } from '../../../src/core/extract/durations.ts';
import { fold } from '../../../src/core/text/fold.ts';
import { extractProposal } from '../../../src/core/extract/index.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail } from '../classify/build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

async function extract(body: string, subject = 'Talk proposal', from = 'Greg Sutton <greg@example.org>') {
  return extractProposal(await mail({ from, subject, body }), ctx);
}

describe('a title in straight or typographic single quotes', () => {
  it.each([
    ["I'd be happy to give a talk on 'What's new in PostgreSQL 18' - async I/O, skip scan.", "What's new in PostgreSQL 18"],
    ["I'd be happy to give a talk on 'New in PostgreSQL 18' - async I/O.", 'New in PostgreSQL 18'],
    ['I could present ‘What’s new in the planner’ at the next meetup.', 'What’s new in the planner'],
    ["Je voudrais présenter 'L'ORM face à PostgreSQL' au meetup.", "L'ORM face à PostgreSQL"],
    ["I'd like to propose a talk 'Partitioning, the boring way', about 30 minutes.", 'Partitioning, the boring way'],
  ])('%s', (text, title) => {
    expect(titleFromProse(text)?.title).toBe(title);
  });
  it.each(["I'd like to talk about Postgres' internals and the users' tables.", "I'd like to present 'Vacuum' at the meetup."])('%s names no title', (text) => {
    expect(titleFromProse(text)).toBeNull();
  });
  it('beats a chatty subject', async () => {
    const x = await extract("Hi!\n\nIf you have a meetup that week, I'd be happy to give a talk on 'What's new in the planner' - skip scan, OAuth.\n\nGreg\n", 'Visiting Paris in March - talk?');
    expect(x.proposal.title).toBe("What's new in the planner");
  });
});

describe("N' as minutes, unless the quote closes a quoted title", () => {
  it.each([
    ["a talk on 'What's new in PostgreSQL 18' - async I/O", []],
    ["un talk sur ‘Les nouveautés de PostgreSQL 17’, merci", []],
    ["a talk on 'What's new in PostgreSQL 18', about 40'", [40]],
    ["Durée : 40'", [40]],
    ["un talk de 40' sur 'pg_stat_io'", [40]],
    ["l'index BRIN en 20'", [20]],
  ])('%s', (text, minutes) => {
    expect(durationsIn(fold(text)).map((d) => d.minutes)).toEqual(minutes);
  });
});
