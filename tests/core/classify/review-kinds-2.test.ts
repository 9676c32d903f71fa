/**
 * Review of kinds audit 2 (8c12753 … 950c19a): people's mail close to its new rules, which must not read as a robot's.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail } from './build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org', 'bounces@pgug.example.org'], organizers: ['dim@example.org'], secret: 's3cret' };
const speakerReply = { to: 'talks+s-p0012-crcexvblljumrs6a@pgug.example.org', headers: { 'In-Reply-To': '<s-p0012-crcexvblljumrs6a.a81f2c@pgug.example.org>' } };

describe('a person’s reply under « Re: » in a challenge robot’s words is no challenge (challengeResponseRule CR_HOW_TO_PASS)', () => {
  it.each([
    ['Re: [P-0012] Votre proposition est acceptée', "Je confirme, merci !\n\nPour le badge, vous m'avez demandé de confirmer votre adresse e-mail : c'est bien celle-ci.\n\nPaul Roy\n"],
    ['Re: [P-0012] Question des organisateurs', 'Oui, la démo montre comment configurer rspamd afin de se protéger contre le spam sur un petit serveur.\n\nPaul Roy\n'],
    ['Re: Next meetup: January 28', "Thanks! We use a white list at work, so please add yourself to the guest list of our office building before the 28th.\n\nTom\n"],
  ])('%s', async (subject, body) => {
    expect(classify(await mail({ ...speakerReply, subject, body }), ctx).kind).not.toBe('auto-reply');
  });

  it('guards: a robot under « Re: » says how to pass, a link to click or a reply to send', async () => {
    const bodies = [
      "Bonjour,\n\nVotre message est en attente : pour qu'il me parvienne, merci de confirmer que vous n'êtes pas un robot en cliquant sur le lien ci-dessous.\n\nhttps://antispam.cabinet.example/confirm/8821\n",
      'Hello,\n\nI use a white list to protect myself from junk mail. To be added to it, simply reply to this message; your message will then be delivered.\n',
    ];
    for (const body of bodies) expect(classify(await mail({ from: 'Sylvie Morin <sylvie.morin@cabinet.example>', subject: 'Re: Prochain meetup : 28 janvier 2027', body }), ctx).kind).toBe('auto-reply');
  });
});

describe('a mailbox no longer read, said for later, is a person’s notice (AWAY_NOW FROM_LATER)', () => {
  // since 3266eac (« boîte », "is not", AWAY_FORMAL_PHRASES) each was an auto-reply, the speaker’s confirmation lost
  it.each([
    "Je confirme ma présence.\nAttention : cette boîte mail n'est plus consultée à partir de janvier, écrivez-moi sur paul@perso.example.\n\nPaul\n",
    "Je confirme ma présence.\nAttention : cette adresse n'est plus consultée à partir de janvier, écrivez-moi sur paul@perso.example.\n\nPaul\n",
    "Confirmed, I'll present.\nPS: my mailbox is not monitored during the holidays, please use jane@perso.example.\n\nJane\n",
    'Confirmed.\nNote that this mailbox is not checked after Friday, write to jane@perso.example.\n\nJane\n',
  ])('%j', async (body) => {
    expect(classify(await mail({ ...speakerReply, subject: 'Re: [P-0012] Your proposal was accepted', body }), ctx).kind).not.toBe('auto-reply');
  });

  it('guards: said now, an auto-reply', async () => {
    for (const body of ["Bonjour,\n\nCette boîte aux lettres n'est plus consultée. Merci d'écrire à contact@exemple.fr.\n", 'Hello,\n\nThis mailbox is not monitored. From now on please write to support@example.com.\n']) {
      expect(classify(await mail({ from: 'Jean Dupont <jean.dupont@example.fr>', subject: 'Prochain meetup : 28 janvier 2027', body }), ctx).kind, body).toBe('auto-reply');
    }
  });
});

describe('a hashtag in a proposal’s subject is no ticket number (KEYED_TICKET_TAG: a helpdesk’s key is upper-case)', () => {
  it('"Talk proposal (#meetup-2027): …" over "your incident has been logged" is a proposal', async () => {
    const body = "Hi,\n\nI'd like to propose a 20 minute talk about how your incident has been logged by our on-call bot, and how we then query Postgres.\n\nJane Doe\n";
    expect(classify(await mail({ from: 'Jane Doe <jane@example.com>', subject: 'Talk proposal (#meetup-2027): incident response with Postgres', body }), ctx).kind).toBe('proposal');
  });

  it('guard: « [#XYZ-123-45678] » over an acknowledgement is still one', async () => {
    const body = 'Hello,\n\nYour request has been received and a support agent will reply shortly.\n';
    expect(classify(await mail({ from: 'Support <support@vendor.example>', subject: '[#XYZ-123-45678]: Next meetup', body }), ctx).kind).toBe('auto-reply');
  });
});

describe('a read receipt’s prefix with no colon is Lotus Notes’ "Return Receipt" alone (RECEIPT_ALONE)', () => {
  it.each([
    ['Read', 'Hi,\n\nYour call was read on Monday by our whole team, we will send two proposals.\n\nTom Hill\n'],
    ['Lu', "Bonjour,\n\nVotre appel a été lu le 3 décembre en réunion d'équipe : nous vous enverrons deux sujets.\n\nPaul Roy\n"],
  ])('a person’s « %s » over a text saying so is no receipt', async (subject, body) => {
    expect(classify(await mail({ subject, body }), ctx).kind).not.toBe('auto-reply');
  });

  it('guard: "Return Receipt" alone over Lotus Notes’ text is one', async () => {
    const body = 'Your document:\tProchain meetup : 28 janvier 2027\nwas received by:\tJean-Luc Perrin/ASSUR\nat:\t03/12/2026 09:12:04\n';
    expect(classify(await mail({ from: 'Jean-Luc Perrin <jl.perrin@assur.example>', subject: 'Return Receipt', body }), ctx).kind).toBe('auto-reply');
  });
});

describe('more people’s mail in its new words', () => {
  it('"this address is not read often" is a person’s, no mailbox closed (AWAY_NOW NOT_OFTEN)', async () => {
    const body = "Hi,\n\nSorry, this address is not read often, I'm mostly on tom@work.example. Count me in for the 28th!\n\nTom\n";
    expect(classify(await mail({ from: 'Tom Hill <tom@example.com>', subject: 'Re: Next meetup: January 28', body }), ctx).kind).not.toBe('auto-reply');
  });

  it('a proposal titled in a helpdesk’s subject ("… has been opened on your behalf") is a proposal', async () => {
    const body = "Hi,\n\nI'd like to propose a 25 minute talk about running our ServiceNow-like ITSM on Postgres.\n\nTom Hill\n";
    expect(classify(await mail({ from: 'Tom Hill <tom@example.com>', subject: 'Talk proposal: INC0012345 has been opened on your behalf — ITSM on Postgres', body }), ctx).kind).toBe('proposal');
  });

  it('guards: ServiceNow’s subject, "This mailbox is not monitored." still robots’', async () => {
    expect(classify(await mail({ from: 'IT Service Desk <servicedesk@corp.example>', subject: 'INC0012345 has been opened on your behalf', body: 'An incident has been opened for you.\n' }), ctx).kind).toBe('auto-reply');
    expect(classify(await mail({ subject: 'Next meetup: January 28', body: 'Hello,\n\nThis mailbox is not monitored. Please write to support@example.com.\n' }), ctx).kind).toBe('auto-reply');
  });
});
