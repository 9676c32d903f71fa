/**
 * Held-out audit j: proposals in the MIME shapes real clients produce. Each case is written anew, not copied from the
 * audit's messages.
 */
import { describe, expect, it } from 'vitest';
import { extractProposal } from '../../../src/core/extract/index.ts';
import { withoutImagePlaceholders } from '../../../src/core/text/fold.ts';
import { mail } from '../classify/build.ts';

const ctx = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

describe("an inline image's placeholder is no part of the abstract", () => {
  it.each([
    [
      "Outlook's [cid:…] on a line of its own",
      'Bonjour,\n\nTitre : Sauvegardes avec Barman\nDurée : 30 minutes\nRésumé : Notre architecture de sauvegarde, avec le schéma ci-dessous.\n\n[cid:image001.png@01DA2B3C.4D5E6F70]\n\nLes restaurations sont testées chaque semaine.\n\nPaul Morin\n',
      'Notre architecture de sauvegarde, avec le schéma ci-dessous.\n\nLes restaurations sont testées chaque semaine.',
    ],
    [
      "Gmail's [image: …] inside a sentence",
      'Hello,\n\nI would like to present "Sharding with Citus", 40 minutes. Our layout [image: cluster.png] has 12 workers and one coordinator, and I will show how we rebalance it.\n\nAnn Lee\n',
      'layout has 12 workers',
    ],
  ])('%s', async (_name, body, expected) => {
    const x = extractProposal(await mail({ subject: 'Proposition de talk', body }), ctx);
    expect(x.proposal.abstract).toContain(expected);
    expect(x.proposal.abstract).not.toMatch(/\[(?:cid|image):/);
  });

  it('a bracket that is no placeholder stays', () => {
    expect(withoutImagePlaceholders('We use [citus] and [pg_partman] (see [1]).')).toBe('We use [citus] and [pg_partman] (see [1]).');
  });

  it('an abstract that was only a placeholder is none', async () => {
    const x = extractProposal(await mail({ subject: 'Proposition de talk : Index BRIN', body: 'Titre : Index BRIN\nRésumé : [cid:image002.png@01DA2B3C.4D5E6F70]\n' }), ctx);
    expect(x.proposal.abstract).toBeNull();
  });
});
