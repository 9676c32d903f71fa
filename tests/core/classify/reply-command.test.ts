import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import { parseCommands } from '../../../src/core/command/parse.ts';
import { newTextLines } from '../../../src/core/text/new-text.ts';
import { mintToken } from '../../../src/core/tokens.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail } from './build.ts';

const SECRET = 'test-secret-0123456789';
const ORGANIZER = 'dim@example.org';
const SPEAKER = 'jean.dupont@example.fr';
const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: [ORGANIZER], secret: SECRET };
const orgToken = mintToken(SECRET, { purpose: 'organizer', ref: 'P-0007' }, ORGANIZER, new Date());
const speakerToken = mintToken(SECRET, { purpose: 'speaker', ref: 'P-0007' }, SPEAKER, new Date());

describe('command grammar', () => {
  it.each<[string, string[], string | null]>([
    ['accept', ['accept'], null],
    ['Accepter P-0007', ['accept'], 'P-0007'],
    ['OK', ['accept'], null],
    ['P-0012: refuser', ['decline'], 'P-0012'],
    ['reject.', ['decline'], null],
    ['attente', ['waitlist'], null],
    ['waitlist p0003', ['waitlist'], 'P-0003'],
    ['Confirmer', ['confirm'], null],
    ['annuler', ['withdraw'], null],
    ['withdraw', ['withdraw'], null],
    // SPEC's verb names, never their arguments: a reader compares `verbs` with `schedule`, `override`… (« programmer
    // 2025-06-12 » was listed `schedule 2025-06-12`, « override accept » `override accept`)
    ['programmer 2025-06-12', ['schedule'], null],
    ['override accept', ['override'], null],
    ['forcer refuser trop commercial', ['override'], null],
    ['programmer event 3', ['schedule'], null],
    ['schedule next meetup', ['schedule'], null],
    ['confirm, schedule 2025-09-18 P-0007', ['confirm', 'schedule'], 'P-0007'],
    ['Bonjour,\n\naccept\n\nDim', ['accept'], null],
    ['schedule', [], null],
    ['schedule 2025-13-45', [], null],
    ['ok, thanks for the reminder!', [], null],
    ['I think we should accept this one.', [], null],
    ['Merci pour la proposition.\nOn en reparle.\nDes questions :\naccept', [], null],
  ])('%j', (text, verbs, ref) => {
    expect(parseCommands(text)).toEqual({ verbs, ref });
  });

  it.each([
    ['"> accept" quoted lines', 'Merci !\n> accept\n> P-0007'],
    ['after "Le … a écrit :"', 'Merci !\n\nLe lun. 3 juin 2024 à 10:00, Crieur <talks@pgug.example.org> a écrit :\naccept'],
    ['after a wrapped Gmail attribution', 'Merci !\n\nLe lun. 3 juin 2024 à 10:00, PostgreSQL Paris <\ntalks@pgug.example.org> a écrit :\naccept'],
    ['after "On … wrote:"', 'Thanks!\n\nOn Mon, Jun 3, 2024 at 10:00 AM Crieur <talks@pgug.example.org> wrote:\naccept'],
    ['after Outlook\'s original-message separator', 'Thanks!\n-----Original Message-----\naccept'],
    ['after an Outlook "De :" block', 'Merci\nDe : Crieur\nEnvoyé : lundi 3 juin 2024 10:00\nÀ : Dim\naccept'],
  ])('ignores verbs in quoted text: %s', (_name, text) => {
    expect(parseCommands(text).verbs).toEqual([]);
  });

  it('keeps what the author wrote above the quote', () => {
    expect(newTextLines('decline\n\nOn Mon, Jun 3 Crieur wrote:\n> accept\n')).toEqual(['decline']);
  });
});

describe('reply tokens', () => {
  const plus = (token: string): string => `talks+${token}@pgug.example.org`;

  it('an organizer command with a valid organizer token in the address is authenticated', async () => {
    const m = await mail({ from: `Dim <${ORGANIZER}>`, to: plus(orgToken), subject: 'Re: [P-0007] Nouvelle proposition', body: 'accept\n\nLe 3 juin, crieur a écrit :\n> P-0007 …' });
    const c = classify(m, ctx);
    expect(c.kind).toBe('command');
    expect(c.command).toEqual({ verbs: ['accept'], proposal: 'P-0007', authenticated: true });
  });

  it('a token found only in In-Reply-To still makes it an answer (client dropped the Reply-To)', async () => {
    const m = await mail({ from: ORGANIZER, subject: 'Re: proposition', headers: { 'In-Reply-To': `<${orgToken}.k3j4@pgug.example.org>` }, body: 'refuser' });
    const c = classify(m, ctx);
    expect(c.kind).toBe('command');
    expect(c.command).toEqual({ verbs: ['decline'], proposal: 'P-0007', authenticated: true });
  });

  it('a speaker answer without verbs is a reply, authenticated for its own address', async () => {
    const m = await mail({ from: SPEAKER, to: plus(speakerToken), subject: 'Re: Accusé de réception', body: 'Merci ! Voici aussi mes slides.\n\n> Votre proposition P-0007 est enregistrée.' });
    const c = classify(m, ctx);
    expect(c.kind).toBe('reply');
    expect(c.command).toEqual({ verbs: [], proposal: 'P-0007', authenticated: true });
  });

  it.each([
    ['a forged From on an organizer token minted for someone else', `Dim <${ORGANIZER}>`, plus(speakerToken.replace(/^s-/, 'o-'))],
    ['someone replaying the organizer token from another address', 'mallory@evil.example', plus(orgToken)],
    ['a speaker token used by an organizer address it was not minted for', ORGANIZER, plus(speakerToken)],
    ['a token with a made-up MAC', ORGANIZER, plus('o-p0007-t6h-aaaaaaaaaaaaaaaa')],
  ])('%s is not authenticated', async (_name, from, to) => {
    const c = classify(await mail({ from, to, subject: 'Re: P-0007', body: 'accept' }), ctx);
    expect(c.kind).toBe('command');
    expect(c.command?.authenticated).toBe(false);
  });

  it('an organizer token minted for an address that no longer organizes does not authenticate', async () => {
    const c = classify(await mail({ from: ORGANIZER, to: plus(orgToken), body: 'accept' }), { ...ctx, organizers: ['someone@example.org'] });
    expect(c.command?.authenticated).toBe(false);
  });

  it('without a configured secret nothing authenticates', async () => {
    const c = classify(await mail({ from: ORGANIZER, to: plus(orgToken), body: 'accept' }), { ...ctx, secret: null });
    expect(c).toMatchObject({ kind: 'command', command: { authenticated: false } });
  });

  it('an explicit ref typed by the organizer is reported', async () => {
    const c = classify(await mail({ from: ORGANIZER, to: plus(orgToken), body: 'waitlist P-0012' }), ctx);
    expect(c.command).toEqual({ verbs: ['waitlist'], proposal: 'P-0012', authenticated: true });
  });

  it('a vacation reply to crieur carrying the token is an auto-reply, not a reply', async () => {
    const c = classify(await mail({ from: SPEAKER, to: plus(speakerToken), subject: 'Réponse automatique : Accusé de réception' }), ctx);
    expect(c.kind).toBe('auto-reply');
  });

  it('a bounce of crieur mail carrying the token is a bounce', async () => {
    const c = classify(
      await mail({ from: 'MAILER-DAEMON@mx.example.net', to: plus(speakerToken), subject: 'Undelivered Mail Returned to Sender', body: "This is the mail system at host mx.example.net.\n\n<jean.dupont@example.fr>: host said: 550 5.1.1 user unknown\n" }),
      ctx,
    );
    expect(c.kind).toBe('bounce');
  });

  it('list discussion referencing a crieur announcement is list traffic', async () => {
    const announce = mintToken(SECRET, { purpose: 'announce', ref: 'e12' }, 'generale@lists.example', new Date());
    const c = classify(await mail({ to: 'generale@lists.example', headers: { 'List-Id': '<generale.lists.example>', References: `<${announce}.x1@pgug.example.org>` }, body: 'ok' }), ctx);
    expect(c.kind).toBe('list-post');
  });
});

describe('crieur parse reads an authenticated reply as its role, as the command worker does', () => {
  const plusAddr = (token: string) => `talks+${token}@pgug.example.org`;

  it("a speaker's « OK » answers the organizers: a reply, no verb", async () => {
    const c = classify(await mail({ from: SPEAKER, to: plusAddr(speakerToken), subject: 'Re: [P-0007] Question', body: 'OK' }), ctx);
    expect(c).toMatchObject({ kind: 'reply', command: { verbs: [], authenticated: true } });
  });

  it("an organizer's « Annuler » is no withdrawal", async () => {
    const c = classify(await mail({ from: ORGANIZER, to: plusAddr(orgToken), subject: 'Re: [P-0007]', body: 'Annuler' }), ctx);
    expect(c.command).toMatchObject({ verbs: [], authenticated: true });
  });

  // SPEC counts labelled corrections among the speaker's verbs; parse called them a reply with no verb (held-out audit f)
  it.each<[string, string[]]>([
    ['Titre : Partitionner sans douleur', ['correct title']],
    ['Durée : 20 min', ['correct duration']],
    ['Titre : Partitionner sans douleur\nDurée : 30 minutes\nRésumé : Ce qui marche et ce qui casse.', ['correct title', 'correct duration', 'correct abstract']],
    ['confirmer\nTitle: pgvector without a new database', ['confirm', 'correct title']],
  ])("a speaker's corrections are commands: %j", async (body, verbs) => {
    const c = classify(await mail({ from: SPEAKER, to: plusAddr(speakerToken), subject: 'Re: [P-0007] Action requise', body }), ctx);
    expect(c).toMatchObject({ kind: 'command', command: { verbs, proposal: 'P-0007', authenticated: true } });
  });

  it("an organizer's « Titre : » line corrects nothing: a reply", async () => {
    const c = classify(await mail({ from: ORGANIZER, to: plusAddr(orgToken), subject: 'Re: [P-0007]', body: 'Titre : à revoir avec lui' }), ctx);
    expect(c).toMatchObject({ kind: 'reply', command: { verbs: [] } });
  });

  it("a speaker's « Je confirme, merci ! » confirms", async () => {
    const c = classify(await mail({ from: SPEAKER, to: plusAddr(speakerToken), subject: 'Re: [P-0007] Action requise', body: 'Je confirme, merci !' }), ctx);
    expect(c).toMatchObject({ kind: 'command', command: { verbs: ['confirm'], authenticated: true } });
  });
});

describe('crieur parse without a secret', () => {
  it('says why a reply token is not authenticated', async () => {
    const { understand } = await import('../../../src/core/understand.ts');
    const m = await mail({ from: ORGANIZER, to: `talks+${orgToken}@pgug.example.org`, subject: 'Re: [P-0007]', body: 'accept' });
    expect(understand(m, { ...ctx, secret: null }).warnings).toContain('reply token not checked: no secret configured (set secret in the configuration)');
    expect(understand(m, ctx).warnings).not.toContain('reply token not checked: no secret configured (set secret in the configuration)');
  });
});
