/**
 * proposalScore reads OFFER, the text's durations and the subject's fold once each (issue 12): the signals they give
 * are the same — an offer to present (OFFER alone) still answers a call for speakers asked in the text, a length stated
 * still keeps an offer for later from counting against, a « Re: CFP » subject still tags weakly.
 */
import { describe, expect, it } from 'vitest';
import { proposalScore } from '../../../src/core/extract/score.ts';
import { proposalSource } from '../../../src/core/extract/source.ts';
import { mail } from '../classify/build.ts';

async function signals(subject: string, body: string): Promise<readonly string[]> {
  const m = await mail({ subject, body });
  return proposalScore(m, proposalSource(m)).signals;
}

describe('proposalScore: what it reads once', () => {
  it('an offer to present (no talk named) answers a call for speakers asked in the text', async () => {
    const s = await signals('Bonjour', 'Bonjour, vous cherchez encore des orateurs ? Je serais ravie de vous parler de la réplication logique.\n');
    expect(s).toContain('offer to present +2');
    expect(s).toContain('answers a call for speakers +1');
    expect(s).not.toContain('offer to give a talk +3');
  });
  it('an offer to give a talk answers it too, read once', async () => {
    const s = await signals('Bonjour', 'Vous cherchez des speakers ? Je voudrais proposer un talk sur pgvector au prochain meetup.\n');
    expect(s).toContain('offer to give a talk +3');
    expect(s).toContain('answers a call for speakers +1');
    expect(s).not.toContain('offer to present +2');
  });
  it('no offer: no call answered', async () => {
    const s = await signals('Bonjour', 'Vous cherchez encore des orateurs pour le meetup ? Je viendrai écouter.\n');
    expect(s.some((x) => x.startsWith('answers a call for speakers'))).toBe(false);
  });
  it('an offer for later with no length counts against; with a length it does not', async () => {
    const later = "J'aimerais proposer un talk l'année prochaine, quand j'aurai fini notre migration. Je reviendrai vers vous.\n";
    expect(await signals('Bonjour', later)).toContain('an offer for later -4');
    const withLength = "J'aimerais proposer un talk de 20 minutes l'année prochaine, quand j'aurai fini notre migration. Je reviendrai vers vous.\n";
    const s = await signals('Bonjour', withLength);
    expect(s).toContain('a duration +0.5');
    expect(s).not.toContain('an offer for later -4');
  });
  it('the subject read without its reply prefixes: « Re: CFP » is a weak tag, a question subject asks', async () => {
    expect(await signals('[LT] Les index BRIN', 'Voici mon lightning talk.\n')).toContain('proposal subject +4');
    expect(await signals('CFP: Les index BRIN', 'Voici mon lightning talk.\n')).toContain('proposal subject +3');
  });
});
