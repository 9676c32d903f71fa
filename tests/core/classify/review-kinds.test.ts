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
