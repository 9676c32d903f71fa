import { describe, expect, it } from 'vitest';
import { classify, CHAIN } from '../../../src/core/classify/index.ts';
import { defineChain } from '../../../src/core/classify/chain.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail, report, type Draft } from './build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: 's3cret' };

describe('auto-reply rules', () => {
  it.each<[string, Draft, string]>([
    ['Auto-Submitted: auto-replied', { headers: { 'Auto-Submitted': 'auto-replied' } }, 'auto-reply-headers'],
    ['Auto-Submitted: auto-generated', { headers: { 'Auto-Submitted': 'auto-generated' } }, 'auto-reply-headers'],
    ['X-Autoreply: yes', { headers: { 'X-Autoreply': 'yes' } }, 'auto-reply-headers'],
    ['X-Autorespond', { headers: { 'X-Autorespond': 'Vacation' } }, 'auto-reply-headers'],
    ['Precedence: auto_reply', { headers: { Precedence: 'auto_reply' } }, 'auto-reply-headers'],
    ['Precedence: bulk from the null sender', { headers: { Precedence: 'bulk', 'Return-Path': '<>' } }, 'auto-reply-headers'],
    ['"Absence" (fr)', { subject: 'Absence' }, 'auto-reply-subject'],
    ['"Absence du bureau" (fr)', { subject: 'Absence du bureau jusqu’au 12 juin' }, 'auto-reply-subject'],
    ['"Réponse automatique :" (fr, Outlook)', { subject: 'Réponse automatique : Proposition de talk' }, 'auto-reply-subject'],
    ['"Message d\'absence" (fr)', { subject: "Message d'absence" }, 'auto-reply-subject'],
    ['"Out of Office:" (en)', { subject: 'Out of Office: Talk proposal' }, 'auto-reply-subject'],
    ['"Automatic reply:" (en, Outlook)', { subject: 'Automatic reply: Talk proposal' }, 'auto-reply-subject'],
    ['"AutoReply:" (RT)', { subject: '[support #12] AutoReply: Talk proposal' }, 'auto-reply-subject'],
    ['"AUTO:" (Lotus Notes)', { subject: 'AUTO: Jean Dupont is out of the office (returning 05/01/2025)' }, 'auto-reply-subject'],
    ['"(Automatic Response)" (AOL)', { subject: 'Re: Talk proposal (Automatic Response)' }, 'auto-reply-subject'],
    ['"Automatyczna odpowiedź" (pl)', { subject: '[Automatyczna odpowiedź] Talk proposal' }, 'auto-reply-subject'],
    ['"Automatische Antwort" (de)', { subject: 'Automatische Antwort: Vortrag' }, 'auto-reply-subject'],
    [
      'MDN read receipt',
      { subject: 'Read: Talk proposal', mime: report('disposition-notification', 'message/disposition-notification', 'Reporting-UA: mail.example.org; Thunderbird\nFinal-Recipient: rfc822;jean@example.fr\nDisposition: manual-action/MDN-sent-manually; displayed\n') },
      'read-receipt',
    ],
    [
      'Boxbe challenge-response dressed as a DSN',
      {
        from: 'noreply@boxbe.com',
        subject: 'Re: Talk proposal',
        mime: report('delivery-status', 'message/delivery-status', 'Reporting-MTA: dns; boxbe.com\n\nFinal-Recipient: rfc822; bob@example.org\nAction: failed\nStatus: 4.7.0\nDiagnostic-Code: X-Boxbe-Notice; Sender not pre-approved.\n', 'Please add yourself to my Boxbe Guest List so your messages will go to my Inbox.'),
      },
      'challenge-response',
    ],
    ['a notice from postmaster that is no bounce (virus scanner)', { from: 'Content-filter <postmaster@example.net>', subject: 'UNCHECKED contents in mail FROM you' }, 'daemon-notice'],
  ])('%s', async (_name, draft, rule) => {
    const c = classify(await mail(draft), ctx);
    expect(c.kind).toBe('auto-reply');
    expect(c.reasons[0]).toBe(rule);
  });

  it('X-Auto-Response-Suppress alone is not an auto-reply (Outlook sets it on ordinary mail)', async () => {
    const c = classify(await mail({ subject: 'Question', headers: { 'X-Auto-Response-Suppress': 'All' } }), ctx);
    expect(c.kind).toBe('other');
  });

  it('Auto-Submitted: no is a human message', async () => {
    expect(classify(await mail({ headers: { 'Auto-Submitted': 'no' } }), ctx).kind).toBe('other');
  });

  it('an auto-reply sent through a list is an auto-reply', async () => {
    const c = classify(await mail({ subject: 'Out of office', headers: { 'List-Id': '<generale.lists.example>', 'Auto-Submitted': 'auto-replied' } }), ctx);
    expect(c.kind).toBe('auto-reply');
  });

  it.each(['Absence de Jean au meetup de juin', 'Talk: automatic replies considered harmful'])('a human subject like "%s" is not an auto-reply', async (subject) => {
    expect(classify(await mail({ subject }), ctx).kind).not.toBe('auto-reply');
  });
});

describe('list-post rule', () => {
  it.each<[string, Draft]>([
    ['List-Id', { headers: { 'List-Id': 'Generale <generale.lists.example>' } }],
    ['List-Post', { headers: { 'List-Post': '<mailto:generale@lists.example>' } }],
    ['List-Unsubscribe with Precedence: bulk (newsletter)', { headers: { 'List-Unsubscribe': '<https://news.example/u/1>', Precedence: 'bulk' } }],
    ['ezmlm Mailing-List', { headers: { 'Mailing-List': 'contact generale-help@lists.example; run by ezmlm' } }],
    ['X-Mailman-Version', { headers: { 'X-Mailman-Version': '2.1.29' } }],
    ['Precedence: list', { headers: { Precedence: 'list' } }],
    ['Precedence: bulk from a real sender', { headers: { Precedence: 'bulk', 'Return-Path': '<news@shop.example>' } }],
    ['vger Sender: owner-', { headers: { Sender: 'netdev-owner@vger.kernel.org' } }],
    ['a subject tag naming the list written to', { to: 'rt-users@lists.example.com', subject: 'RE: [rt-users] HTML mails' }],
    ['a Patchwork copy (X-Patchwork-Id)', { headers: { 'X-Patchwork-Id': '9148093' } }],
    ['a Pipermail archive copy (From: user at host)', { from: 'vondruch at redhat.com (Vit Ondruch)' }],
  ])('%s', async (_name, draft) => {
    expect(classify(await mail(draft), ctx).kind).toBe('list-post');
  });

  it('List-Unsubscribe alone (HubSpot, Brevo on one person\'s mail: a sponsor writing to the organizers) is left for them to read', async () => {
    const c = classify(await mail({ from: 'Rachel Kim <rachel.kim@sponsor.example>', subject: 'Sponsorship package 2027', headers: { 'List-Unsubscribe': '<mailto:u1@bf05x.hubspotemail.net?subject=unsubscribe>' } }), ctx);
    expect(c.kind).toBe('other');
  });

  it('an address with "at" in the display name is not an archive copy', async () => {
    expect(classify(await mail({ from: '"Jean at home" <jean@example.fr>' }), ctx).kind).toBe('other');
  });

  it.each(['talks@pgug.example.org', 'cfp@another-pug.example.net'])('Reply All to a call on the list (To %s, Cc the list, its tag in the subject, no list header) is the copy written to that address, not list traffic', async (to) => {
    const draft: Draft = { to, subject: 'Re: [pgsql-fr-generale] Appel à orateurs pour la session de mars', headers: { Cc: 'pgsql-fr-generale@lists.postgresql.example' } };
    expect(classify(await mail(draft), ctx).kind).not.toBe('list-post');
    expect(classify(await mail({ ...draft, to: 'pgsql-fr-generale@lists.postgresql.example', headers: { Cc: 'cfp@another-pug.example.net' } }), ctx).kind).toBe('list-post');
    expect(classify(await mail({ ...draft, headers: { ...draft.headers, 'List-Id': '<pgsql-fr-generale.lists.postgresql.example>' } }), ctx).kind).toBe('list-post');
  });

  // Parse audit 12: a speaker posting a proposal on the list and copying the proposals address (To the list, Cc us, no
  // list header: the copy written to us) had it taken for list traffic and lost; the list's own copy has its headers.
  it.each<[string, Draft]>([
    ['Cc', { to: 'pgsql-fr-generale@lists.postgresql.example', headers: { Cc: 'PostgreSQL Paris <talks@pgug.example.org>' } }],
    ['To beside the list', { to: 'pgsql-fr-generale@lists.postgresql.example, talks@pgug.example.org' }],
  ])('a proposal posted on the list with our address in %s is a proposal', async (_how, draft) => {
    const body = "Bonjour à tous,\n\nJe propose un talk pour le meetup de mars : « Sauvegardes incrémentales avec pg_basebackup 17 ».\n\nDurée : 30 minutes. Retour d'expérience sur 40 bases en production.\n\nLucie Martin\n";
    const m = await mail({ ...draft, from: 'Lucie Martin <lucie.martin@example.fr>', subject: 'Re: [pgsql-fr-generale] Appel à orateurs pour la session de mars', body });
    expect(classify(m, ctx).kind).toBe('proposal');
    const fromList = await mail({ ...draft, from: 'Lucie Martin <lucie.martin@example.fr>', subject: 'Re: [pgsql-fr-generale] Appel à orateurs pour la session de mars', body, headers: { ...draft.headers, 'List-Id': '<pgsql-fr-generale.lists.postgresql.example>' } });
    expect(classify(fromList, ctx).kind).toBe('list-post');
  });

  it('a subject tag that names our own address is not a list', async () => {
    expect(classify(await mail({ subject: '[talks] Bonjour' }), ctx).kind).toBe('other');
  });
});

const PROPOSAL_BODY =
  "Bonjour,\n\nJe voudrais proposer un talk pour le prochain meetup.\n\nTitre : Partitionnement déclaratif en production\nDurée : 45 minutes\n\nRésumé : retour d'expérience sur la migration d'une table de 2 To vers le partitionnement déclaratif, les pièges rencontrés et les gains mesurés.\n\nJean Dupont\n";

describe('robots and our own mail', () => {
  it.each([
    ['MAILER-DAEMON', 'MAILER-DAEMON@mx.example.net'],
    ['postmaster', 'postmaster@example.net'],
    ['noreply', 'noreply@meetup.example.com'],
    ['no-reply', 'no-reply@events.example.com'],
    // held-out audit c: a service's no-reply address with a prefix (LinkedIn's messages-noreply@, Google's
    // forms-receipts-noreply@) relayed someone's « je voudrais présenter un talk » and was filed as a proposal by LinkedIn
    ['messages-noreply', 'LinkedIn <messages-noreply@linkedin.com>'],
    ['forms-receipts-noreply', 'Google Forms <forms-receipts-noreply@google.com>'],
    ['info.donotreply', 'info.donotreply@bank.example'],
    ['our own address', 'PostgreSQL Paris <talks@pgug.example.org>'],
    ['our own plus address', 'talks+a-e12-abcdefghijklmnop@pgug.example.org'],
  ])('mail from %s is never a proposal', async (_name, from) => {
    const c = classify(await mail({ from, subject: 'Proposition de talk : partitionnement', body: PROPOSAL_BODY }), ctx);
    expect(c.kind).not.toBe('proposal');
  });

  it('a human proposal is one', async () => {
    // The same message from a person: the proposal rule (looksLikeProposal) decides, so robots above are real tests.
    expect(classify(await mail({ subject: 'Proposition de talk : partitionnement', body: PROPOSAL_BODY }), ctx).kind).toBe('proposal');
  });
});

describe('the chain table', () => {
  it('has unique rule names, and a duplicate name throws', () => {
    expect(new Set(CHAIN.map((r) => r.name)).size).toBe(CHAIN.length);
    expect(() => defineChain([CHAIN[0]!, CHAIN[0]!])).toThrow(/duplicate rule name/);
  });
});
