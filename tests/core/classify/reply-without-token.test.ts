/**
 * A reply about a proposal that carries none of crieur's tokens (a client, a relay or a copy of the mail lost the
 * plus-tag and the Message-IDs): SPEC's `command` with `authenticated: false` — what it asks is said, nothing proves
 * who wrote it (the command worker refuses it, `no-token`). Before, it was `other` and `crieur parse` hid its verbs.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import { understand } from '../../../src/core/understand.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail, type Draft } from './build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: 'test-secret-0123456789' };
const QUOTE = '\n\nLe lun. 30 nov. 2026 à 10:00, PostgreSQL Paris <talks@pgug.example.org> a écrit :\n> Nouvelle proposition\n';

describe('a reply naming a proposal, with verbs, and no token', () => {
  it.each<[string, Draft, string[], string]>([
    ['« Re: [P-0007] » and In-Reply-To, a bare verb', { from: 'Dim <dim@example.org>', subject: 'Re: [P-0007] Partitionnement', headers: { 'In-Reply-To': '<notice-7@pgug.example.org>' }, body: `accepter${QUOTE}` }, ['accept'], 'P-0007'],
    ['the ref on the command line, « RE : » subject only', { from: 'dim@example.org', subject: 'RE : une proposition', body: `P-12 : refuser, hors sujet${QUOTE}` }, ['decline'], 'P-0012'],
    ['English, References only', { from: 'dim@example.org', subject: 'Talk [P-0031]', headers: { References: '<a@x.example> <b@x.example>' }, body: 'decline Not a fit for this season\n\nOn Mon, Nov 30, 2026 at 10:00 AM PostgreSQL Paris wrote:\n> New proposal\n' }, ['decline'], 'P-0031'],
    ['a speaker’s « je confirme »', { subject: 'Re: [P-0004] Votre proposition est acceptée', headers: { 'In-Reply-To': '<s-4@pgug.example.org>' }, body: `Je confirme, merci !${QUOTE}` }, ['confirm'], 'P-0004'],
  ])('%s', async (_name, draft, verbs, ref) => {
    const c = classify(await mail(draft), ctx);
    expect(c.kind).toBe('command');
    expect(c.command).toEqual({ verbs, proposal: ref, authenticated: false });
  });

  it('crieur parse says there is no token, not that a token went unchecked for want of a secret', async () => {
    const m = await mail({ from: 'Dim <dim@example.org>', subject: 'Re: [P-0007] Partitionnement', headers: { 'In-Reply-To': '<notice-7@pgug.example.org>' }, body: `accepter${QUOTE}` });
    for (const secret of [null, ctx.secret]) {
      const { warnings } = understand(m, { ...ctx, secret });
      expect(warnings).toContain('no reply token: nothing proves who wrote it, nothing it asks is done');
      expect(warnings.filter((w) => w.startsWith('reply token not checked'))).toEqual([]);
    }
  });

  it.each<[string, Draft]>([
    ['no verb: a question stays for humans', { subject: 'Re: [P-0007] Partitionnement', headers: { 'In-Reply-To': '<n@pgug.example.org>' }, body: `Quand aura lieu le meetup ?${QUOTE}` }],
    ['no ref anywhere', { from: 'dim@example.org', subject: 'Re: le meetup', headers: { 'In-Reply-To': '<n@x.example>' }, body: `accepter${QUOTE}` }],
    ['not a reply: a fresh mail naming a ref', { from: 'dim@example.org', subject: 'P-0007', body: 'accepter\n' }],
    ['verbs only in the quote', { subject: 'Re: [P-0007] Partitionnement', headers: { 'In-Reply-To': '<n@pgug.example.org>' }, body: 'Merci !\n\nLe lun. 30 nov. 2026 à 10:00, PostgreSQL Paris a écrit :\n> accepter P-0007\n' }],
  ])('stays other: %s', async (_name, draft) => {
    const c = classify(await mail(draft), ctx);
    expect(c.kind).toBe('other');
    expect(c.command).toBeUndefined();
  });
});
