/**
 * Audit V: the words French members write that the grammar missed — « Désinscrire » (the bare verb beside
 * « Désabonner », which was read) and the subject French mail gives such a request, « Demande d'inscription »,
 * « Demande de désinscription » — were read as nothing: the member got no answer and kept receiving the mail. A
 * sentence about a meetup's registration still is not a request.
 */
import { describe, expect, it } from 'vitest';
import { readMembershipRequest } from '../../../src/core/membership/request.ts';
import { mail } from '../classify/build.ts';

describe('membership requests: French subjects', () => {
  it.each([
    ['Désinscrire', 'unsubscribe'],
    ['Demande de désinscription', 'unsubscribe'],
    ['Demande de désabonnement', 'unsubscribe'],
    ['Demande d’inscription', 'subscribe'],
    ["Demande d'abonnement", 'subscribe'],
  ])('%j is a request to %s', async (subject, verb) => {
    expect(readMembershipRequest(await mail({ subject, body: 'Bonjour,\n\nMerci.\n' }))).toEqual({ verb, language: 'fr', where: 'subject' });
  });

  it.each([['Demande d’inscription au meetup du 28 janvier'], ['Inscription au meetup']])('%j is not one', async (subject) => {
    expect(readMembershipRequest(await mail({ subject, body: 'Bonjour, il reste des places ?\n' }))).toBeNull();
  });
});
