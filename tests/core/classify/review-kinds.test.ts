/**
 * Review of the kinds audit's list-post change (d23bed5, 7b185a3): a mail the list sent under its own address « X via
 * the list » is a member's post — unless X is crieur. A call for proposals carries no X-Crieur-Ref; rewritten by the
 * list it was threaded as a member's post, to come back in the list's own digest.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail } from './build.ts';

const ctx: ParseContext = {
  ownAddresses: ['talks@pgug.example.org', 'annonces@pgug.example.org', 'generale@lists.pgug.example.org', 'pgparis-meetup@googlegroups.com'],
  organizers: ['dim@example.org'],
  secret: 's3cret',
};
const MAILMAN = { 'List-Id': 'Liste generale <generale.lists.pgug.example.org>', 'List-Post': '<mailto:generale@lists.pgug.example.org>' };
const GOOGLE = { 'List-ID': '<pgparis-meetup.googlegroups.com>', 'Mailing-list': 'list pgparis-meetup@googlegroups.com; contact pgparis-meetup+owners@googlegroups.com', Precedence: 'list' };
const CALL = "Bonjour à toutes et à tous,\n\nL'appel à orateurs pour nos prochains meetups est ouvert : proposez un talk de 20 minutes ou un lightning talk en répondant à ce message.\n\nPostgreSQL Paris\n";
const PROPOSAL = 'Bonjour,\n\nJe propose un talk de 20 minutes sur la réplication logique en pratique :\npublications, souscriptions, conflits et surveillance.\n\nAgathe Simon\n';

describe("crieur's own mail rewritten « … via the list » stays our own", () => {
  it.each([
    ['Mailman munge_from: the original From in Reply-To', { from: '"PostgreSQL Paris via generale" <generale@lists.pgug.example.org>', subject: '[generale] Appel à orateurs', headers: { ...MAILMAN, 'Reply-To': 'PostgreSQL Paris <annonces@pgug.example.org>' } }],
    ["crieur's own Reply-To (the proposals address) kept by the list", { from: '"PostgreSQL Paris via generale" <generale@lists.pgug.example.org>', subject: '[generale] Call for talks', headers: { ...MAILMAN, 'Reply-To': 'talks@pgug.example.org', 'Auto-Submitted': 'auto-generated' } }],
    ["Google Groups' X-Original-Sender", { from: `"'PostgreSQL Paris' via pgparis-meetup" <pgparis-meetup@googlegroups.com>`, subject: 'Appel à orateurs', headers: { ...GOOGLE, 'X-Original-Sender': 'annonces@pgug.example.org', 'Reply-To': 'pgparis-meetup@googlegroups.com' } }],
    ["Sympa's X-Original-From", { from: '"PostgreSQL Paris (via generale)" <generale@lists.pgug.example.org>', subject: 'Appel à orateurs', headers: { ...MAILMAN, 'X-Original-From': 'PostgreSQL Paris <annonces@pgug.example.org>' } }],
    ["crieur's digest (X-Crieur-Digest), its writer dropped", { from: '"PostgreSQL Paris via generale" <generale@lists.pgug.example.org>', subject: 'Les fils de la semaine', headers: { ...MAILMAN, 'X-Crieur-Digest': 'generale 2026-W48 text' } }],
  ])('%s', async (_name, d) => {
    const m = await mail({ to: 'generale@lists.pgug.example.org', body: CALL, ...d });
    expect(classify(m, ctx)).toMatchObject({ kind: 'other', reasons: ['own-mail'] });
  });

  it.each([
    ["a member's post, Reply-To the list (Google Groups' reply to all)", { from: `"'Agathe Simon' via pgparis-meetup" <pgparis-meetup@googlegroups.com>`, subject: 'Proposition de talk', headers: { ...GOOGLE, 'Reply-To': 'pgparis-meetup@googlegroups.com', 'X-Original-Sender': 'agathe@example.fr' } }],
    ["a member's Reply All to crieur's call: us in To and Cc", { from: '"Agathe Simon via generale" <generale@lists.pgug.example.org>', to: 'talks@pgug.example.org', subject: 'Re: [generale] Appel à orateurs', headers: { ...MAILMAN, Cc: 'generale@lists.pgug.example.org, annonces@pgug.example.org', 'Reply-To': 'Agathe Simon <agathe@example.fr>' } }],
    ["a member's post, no original writer named", { from: '"Agathe Simon via generale" <generale@lists.pgug.example.org>', subject: '[generale] Proposition de talk', headers: { ...MAILMAN } }],
  ])('guard, list post: %s', async (_name, d) => {
    const m = await mail({ to: 'generale@lists.pgug.example.org', body: PROPOSAL, ...d });
    expect(classify(m, ctx).kind).toBe('list-post');
  });
});

describe('a delay warning quoting a reply that says its error is not permanent is still delayed (2f1dd5f)', () => {
  const daemon = 'Mail Delivery System <Mailer-Daemon@mail.example.net>';
  const headers = { 'Return-Path': '<>', 'Auto-Submitted': 'auto-replied' };

  it.each([
    ['Exim', 'Warning: message 1abc-0001 delayed 24 hours', 'A message that you sent has not yet been delivered to one or more of its recipients after more than 24 hours on the queue.\n\n  late@slowhost.example\n    host mx.slowhost.example: 452 4.2.2 Mailbox full (temporary condition, not a permanent error)\n\nNo action is required on your part.\n'],
    ['French', 'Avertissement : remise différée', "Votre message n'a pas encore pu être remis à late@slowhost.example après 24 heures.\n\n  452 4.2.2 Boîte pleine : ce n'est pas une erreur permanente, nouvel essai dans 4 heures.\n"],
  ])('%s', async (_name, subject, body) => {
    const m = await mail({ from: daemon, subject, headers, body });
    expect(classify(m, ctx)).toMatchObject({ kind: 'bounce', bounce: { recipient: 'late@slowhost.example', status: '4.2.2', action: 'delayed' } });
  });

  it('guard: a notice that gave up after a 4.x.x reply failed', async () => {
    const m = await mail({ from: daemon, subject: 'Mail delivery failed: returning message to sender', headers, body: 'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its recipients. This is a permanent error. The following address(es) failed:\n\n  late@slowhost.example\n    retry timeout exceeded\n    452 4.2.2 Mailbox full\n' });
    expect(classify(m, ctx)).toMatchObject({ kind: 'bounce', bounce: { recipient: 'late@slowhost.example', status: '4.2.2', action: 'failed' } });
  });
});

describe('encoded words declared utf-8: a true UTF-8 word beside a Latin-1 one keeps its letters (09ba54e)', () => {
  it('each word is read as what its bytes are; a character split over two words is still joined', async () => {
    const m = await mail({ subject: '=?UTF-8?Q?Proposition_:_r=C3=A9plication?= =?utf-8?Q?_et_caf=E9?=', body: PROPOSAL });
    expect(m.subject).toBe('Proposition : réplication et café');
    const split = await mail({ subject: '=?utf-8?Q?caf=C3?= =?utf-8?Q?=A9_cr=C3=A8me?=', body: PROPOSAL });
    expect(split.subject).toBe('café crème');
    const latin1 = await mail({ subject: '=?utf-8?Q?caf=E9?= =?utf-8?Q?_cr=E8me?=', body: PROPOSAL });
    expect(latin1.subject).toBe('café crème');
  });
});
