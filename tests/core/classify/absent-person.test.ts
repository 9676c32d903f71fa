/**
 * A person who states an absence with its dates, in the very words an out-of-office notice opens with, and then says
 * they will not come, or confirms their talk: HUMAN_MARK reads that as a person's (review of kinds audit 3 — both were
 * lost as auto-replies: an absence stated now with its date is enough in French and English). Responders, whose
 * "attend to your email" and « présente au bureau » are not a meetup, stay auto-replies.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail } from './build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org', 'bounces@pgug.example.org'], organizers: ['dim@example.org'], secret: 's3cret' };

describe('an absence and its dates, then a person’s own news', () => {
  it.each([
    ['Re: Meetup du 28 janvier', 'Bonjour,\n\nJe suis absente la semaine du meetup, du 26 au 30 janvier, je ne pourrai donc pas venir.\n\nClaire\n'],
    ['Re: Meetup du 28 janvier', 'Bonjour,\n\nJe suis en congé du 26 au 30 janvier : je ne pourrai malheureusement pas présenter ce mois-ci.\n\nClaire\n'],
    ['Re: Meetup du 28 janvier', 'Bonjour,\n\nJe suis en déplacement jusqu’au 29 janvier, je ne pourrai pas participer.\n\nClaire\n'],
    ['Re: January meetup', "Hi,\n\nI'm travelling until January 30th, so I won't be able to make it to the meetup.\n\nTom\n"],
    ['Re: January meetup', "Hi,\n\nI'm out of office until the 30th and can't attend, sorry.\n\nTom\n"],
    ['Re: [P-0012] Your proposal was accepted', "Hi,\n\nI'm travelling until March 20 with limited access to email, but yes, I confirm the talk.\n\nTom\n"],
    ['Re: [P-0012] Votre proposition est acceptée', 'Bonjour,\n\nJe suis en vacances jusqu’au 5 janvier, mais je confirme ma présentation du 28.\n\nClaire\n'],
  ])('%s: %s', async (subject, body) => {
    expect(classify(await mail({ from: 'Speaker <speaker@example.fr>', subject, body }), ctx).kind).not.toBe('auto-reply');
  });

  it.each([
    ['Absent du bureau', "Bonjour,\n\nJe suis absente du bureau jusqu'au 5 janvier. Je ne pourrai pas être présente au bureau avant cette date ; en cas d'urgence, écrivez à accueil@example.fr.\n\nClaire\n"],
    ['Out of office', "Hello,\n\nI'm out of office until January 5th and won't be able to attend to your email until then. For urgent matters contact support@example.com.\n\nTom\n"],
    ['Automatic reply', 'Hello,\n\nI am on leave until January 5th. I confirm receipt of your message and will answer on my return.\n\nTom\n'],
  ])('guard, a responder: %s', async (subject, body) => {
    expect(classify(await mail({ from: 'Speaker <speaker@example.fr>', subject, body }), ctx).kind).toBe('auto-reply');
  });
});
