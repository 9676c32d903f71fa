import { describe, expect, it } from 'vitest';
import { titleFromProse } from '../../../src/core/extract/prose-title.ts';

// prose-title.ts reads its quoted titles with exec on module-wide global RegExps (issue 12): one message's reading must
// not leave a position behind for the next one — each text read from its start, whatever was read before it.
describe('titleFromProse: each text read from its start', () => {
  const long = `${'Bonjour à toutes et à tous, merci pour l’organisation des soirées de cette année. '.repeat(5)}Je vous propose « Vacuum sans peur » pour le prochain meetup.`;
  const short = 'Je vous propose « Les index BRIN » pour jeudi.';
  const english = 'I would like to present "Logical replication in practice" at the next meetup.';

  it('gives each text its own title, in any order', () => {
    const alone = [long, short, english].map((t) => titleFromProse(t)?.title);
    expect(alone).toEqual(['Vacuum sans peur', 'Les index BRIN', 'Logical replication in practice']);
    // the long text's title is found far in: a position left behind would skip the short text's
    for (const order of [[long, short, english], [english, long, short], [long, long, short, english, short]]) {
      expect(order.map((t) => titleFromProse(t)?.title)).toEqual(order.map((t) => alone[[long, short, english].indexOf(t)]));
    }
  });
});
