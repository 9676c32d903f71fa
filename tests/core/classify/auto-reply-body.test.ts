/**
 * Out-of-office texts sent with no auto-reply header and an ordinary subject ("RE: Proposition de talk"): the
 * `auto-reply-body` rule reads the top of a short new text. A person who mentions an absence — in the past, with
 * a question, in a proposal, or a future absence with only its dates — is not an auto-reply.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import { outOfOfficeText } from '../../../src/core/classify/auto-reply.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail } from './build.ts';
import { BOUNDED, BOUNDED_FACTOR, growth } from '../../support/growth.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: 's3cret' };
const QUOTE = '\n\n-----Original Message-----\nFrom: PostgreSQL Paris <talks@pgug.example.org>\nSent: Monday, March 3, 2025 9:00 AM\nSubject: Talk proposal\n\nThank you for your proposal, we will get back to you.\n';

describe('auto-reply-body: out-of-office texts without headers', () => {
  it.each([
    ['fr, "absent du bureau jusqu\'au", RE: subject', "Je suis absent du bureau jusqu'au 17/03/2025 inclus.\nEn cas d'urgence, merci de contacter Nathalie Rey.\n\nCordialement\n"],
    ['fr, greeting then "actuellement absente"', 'Bonjour,\n\nJe suis actuellement absente et je vous répondrai à mon retour le 24 mars.\n\nBien cordialement,\nClaire\n'],
    ['fr, "en congés jusqu\'au"', "Je suis en congés jusqu’au 21 mars. Je prendrai connaissance de votre message à mon retour.\n\nCordialement\n"],
    ['fr, future with a contact', 'Bonjour,\nJe serai absent du 3 au 17 mars inclus. Pour toute demande urgente, vous pouvez contacter accueil@example.fr.\n'],
    ['fr, heading', "Absente du bureau jusqu'au lundi 10 mars.\nMerci de vous adresser à Paul Martin.\n"],
    ['en, Outlook', 'Thank you for your email. I am currently out of the office until Monday 17 March with limited access to email.\n\nFor urgent matters please contact Jane Doe.\n'],
    ['en, "I\'m currently out of office until"', "Hi,\n\nI'm currently out of office until March 20th. I will respond to your message when I return.\n\nBest regards,\nRyan\n"],
    ['en, "I will be out of the office" with a return promise', 'I will be out of the office from 3 to 17 March and will reply to your email upon my return.\n'],
    ['en, "on annual leave until"', 'I am on annual leave until 2 April. If your request is urgent, please contact helpdesk@example.com.\n'],
    ['en, travelling with limited access', "I'm travelling until March 20 with limited access to email. I'll reply to your message when I'm back.\n\nRyan\n"],
    ['en, over the quoted original', `I am out of the office until 5 May.${QUOTE}`],
    ['fr, formal wording alone', 'Bonjour,\n\nJe suis actuellement absente.\n\nCordialement,\nMartine Caron\n'],
    ['en, formal wording alone', 'Hello,\n\nI am currently out of the office.\n\nKind regards,\nJennifer\n'],
    ['en, vacation(1)\'s default text', 'I will not be reading my mail for a while.\nYour mail concerning "[P-0009] Your lightning talk proposal was received"\nwill be read when I return.\n\n-- Sam\n'],
    ['fr, "je ne lirai pas mes mails"', 'Bonjour,\n\nJe ne lirai pas mes mails avant le 4 janvier. Je vous répondrai à mon retour.\n'],
    ['bilingual', "Je suis absent jusqu'au 17 mars. En cas d'urgence, contactez support@example.fr.\n\nI am out of the office until 17 March. For urgent matters, contact support@example.fr.\n"],
  ])('%s', async (_name, body) => {
    const c = classify(await mail({ subject: 'RE: Proposition de talk : Index BRIN', body }), ctx);
    expect(c.kind).toBe('auto-reply');
    expect(c.reasons[0]).toBe('auto-reply-body');
  });

  it.each([
    ['a past absence before a proposal', "Hi,\n\nI was out of office last week, here is my proposal for the next meetup.\n\nTitle: Logical replication at scale\nAbstract: How we replicate 3 TB across regions with logical replication.\nDuration: 20 minutes\n\nBest,\nAnna\n"],
    ['a proposal that mentions holidays', "Bonjour,\n\nJe voudrais proposer un talk sur les index BRIN. Je suis en congés jusqu'au 10 mars, donc plutôt une date en avril.\n\nRésumé : retour d'expérience sur 4 To de données horodatées.\n"],
    ['a proposal opening with an absence', "Hi,\nI'm away until Friday but I'd like to propose a talk before the deadline: zero-downtime major upgrades, 25 minutes.\n"],
    ['a future absence with only its dates', 'Bonjour,\n\nJe serai absente du 3 au 10 avril, je ne pourrai donc pas venir au meetup.\n\nBonne soirée,\nClaire\n'],
    ['"I will be out of the office" with only a date', 'I will be out of the office until 17 March, so I will miss this one.\n\nCheers,\nTom\n'],
    ['an absence with a question', "I'm away until Friday, can we move my talk to the May meetup?\n\nThanks,\nTom\n"],
    ['a plain "je suis absent" without any cue', 'Je suis absent le 10 avril, désolé.\n\nJean\n'],
    ['"I\'m out of the office today" without any cue', "I'm out of the office today, let's talk tomorrow.\n\nTom\n"],
    ['an absence said lower down in a longer message', `Hello Dim,\n\nThanks for the slides review, it helped a lot.\nI have updated the demo and the benchmark numbers.\nThe new version is on the shared drive.\n\nI am out of the office until Monday with limited access to email.\n`],
    ['a long message', `I am out of the office until 17 March with limited access to email.\n\n${'We also discussed the sponsorship of the next meetups and the venue for the summer edition. '.repeat(20)}`],
    ['"I won\'t be reading my mail" with a question', "I won't be reading my mail much next week, can we settle the date now?\n\nSam\n"],
    ['"I will not be checking my email" with no cue', 'I will not be checking my email this weekend, so the slides come on Monday.\n\nSam\n'],
    ['a person who got an auto-reply', 'Hi, I sent my proposal last week and only got an automatic reply saying you are out of the office until March. Was it received?\n'],
  ])('not: %s', async (_name, body) => {
    const c = classify(await mail({ subject: 'Re: Meetup du 10 avril', body }), ctx);
    expect(c.kind).not.toBe('auto-reply');
    expect(outOfOfficeText(body)).toBe(false);
  });

  it('leaves list traffic to the list rule', async () => {
    const c = classify(await mail({ subject: 'Re: [generale] Meetup', headers: { 'List-Id': '<generale.lists.example>' }, body: "Je suis absent du bureau jusqu'au 17 mars. En cas d'urgence, contactez Paul.\n" }), ctx);
    expect(c.kind).toBe('list-post');
  });

  it('reads a bounded slice of a huge body: its work does not grow with the body', async () => {
    const body = (m: number) => `I am out of the office until 5 May with limited access to email.\n${'x'.repeat(125_000 * m)}`;
    expect(outOfOfficeText(body(16))).toBe(false); // the new text is not short
    expect(await growth(body, outOfOfficeText, BOUNDED_FACTOR)).toBeLessThan(BOUNDED);
  });
});
