/**
 * Held-out round S (mail that is not a proposal, written by hand from many MTAs, responders and lists nobody had
 * tuned the rules to): the rules it showed missing.
 * - a challenge-response robot writing fresh from the protected person's address ("Please confirm your message to
 *   …", no « Re: », no null reverse-path, no noreply@) was kind other: its subject now counts as automatic.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail, type Draft } from './build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: 's3cret' };

describe('challenge-response robots under a subject of their own', () => {
  it.each<[string, Draft]>([
    [
      '"Please confirm your message to …" from the person\'s address (en)',
      {
        from: 'marc.petit@mailprotect.example',
        subject: 'Please confirm your message to marc.petit@mailprotect.example',
        body: 'Hello,\n\nYou sent a message to marc.petit@mailprotect.example. To protect himself from spam, Marc uses a challenge-response filter: your message is being held until you confirm you are a human.\n\nhttps://verify.mailprotect.example/c/8f2a91b7\n',
      },
    ],
    [
      '« Votre message est en attente de validation » (fr)',
      {
        from: 'Sylvie Robert <sylvie.robert@cabinet.example>',
        subject: 'Votre message à sylvie.robert@cabinet.example est en attente de validation',
        body: "Bonjour,\n\nCe destinataire est protégé contre les courriels indésirables. Merci de confirmer que vous n'êtes pas un robot en cliquant sur le lien ci-dessous :\n\nhttps://filtre.example/v/3c9d\n",
      },
    ],
    ['"Sender verification required" (en)', { from: 'kim@small.example', subject: 'Sender verification required', body: 'Your e-mail is on hold. Click the verification link to be added to my approved senders list.\n' }],
  ])('%s', async (_name, draft) => {
    const c = classify(await mail(draft), ctx);
    expect(c.kind).toBe('auto-reply');
    expect(c.reasons[0]).toBe('challenge-response');
  });

  it.each<[string, Draft]>([
    ['a person asking us to confirm their e-mail', { subject: 'Please confirm your email reached you', body: 'Hi,\n\nI sent my talk proposal last week; could you confirm you got it?\n\nThanks,\nAlice\n' }],
    ['a proposal on mail verification', { subject: 'Proposition : valider votre envoi de mails avec PostgreSQL', body: 'Titre : Valider votre envoi de mails avec PostgreSQL\nDurée : 20 minutes\nRésumé : SPF, DKIM et une table de liste blanche.\n\nJean Dupont\n' }],
  ])('not one: %s', async (_name, draft) => {
    const c = classify(await mail(draft), ctx);
    expect(c.reasons[0]).not.toBe('challenge-response');
    expect(c.kind).not.toBe('auto-reply');
  });
});
