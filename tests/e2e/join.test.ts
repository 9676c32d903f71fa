/**
 * Joining and leaving by mail, end to end (issue 9), on both engines: requests APPENDed to a Dovecot inbox the
 * pipeline watches, crieur's mails caught by a real SMTP listener. `abonner` → one confirmation mail → an
 * auto-reply to it confirms nothing, a reply from another address or with a forged token neither → a blank reply
 * confirms → active → the next announcement (`crieur announce`) reaches the member with List-Id, List-Unsubscribe
 * and List-Unsubscribe-Post. An expired request does nothing; the per-address cap holds; the confirmation page's
 * GET confirms no one, its POST does; a request delivered twice is answered once; a digest choice by mail is
 * confirmed like a join. `désabonner` by mail asks for confirmation, whose blank reply unsubscribes and
 * ends with a "you are unsubscribed" mail.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttp } from '../../src/adapters/http/server.ts';
import { baseConfig, killAll, runCrieur, sandbox } from '../support/crieur-process.ts';
import { appendRaw, buildMail, ENGINE_NAMES, sentTo, settled, TEST_SECRET, useLiveImap, waitFor, waitSentTo, type SentMail } from '../support/pipeline.ts';
import { formPost } from '../support/forms.ts';
import { joinSubscriptions, pageRoutes } from '../../workers/http-routes.ts';

const PUBLIC = 'https://pgug.example.org/membres';

describe.each(ENGINE_NAMES)('join and leave by mail on %s', (engine) => {
  const live = useLiveImap(engine, { overrides: { http: { port: 0, publicUrl: PUBLIC }, membership: { requestsPerDay: 4, confirmDays: 7 } } });
  const box = sandbox(`join-${engine}`);
  let http: Server;
  let base: string;
  let configFile: string;

  beforeAll(async () => {
    http = await startHttp('127.0.0.1', 0, live.p.running.metrics, [], pageRoutes(live.p.running.context.deps, joinSubscriptions(live.p.running.context.deps)));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    configFile = box.writeConfig({
      ...baseConfig({ prefix: box.prefix, databaseUrl: live.p.config.database.url, smtpUrl: live.sink.url, log: 'warn' }),
      http: { host: '127.0.0.1', port: 0, publicUrl: PUBLIC },
    });
  }, 60_000);

  afterAll(async () => {
    await new Promise((r) => http?.close(r));
    await killAll();
    await box.cleanup();
  });

  const status = async (email: string) => (await live.p.store.subscribers.get(email))?.status;
  /** Writes a mail to the watched inbox and waits until the pipeline is done with it. */
  async function send(spec: Parameters<typeof buildMail>[0]): Promise<void> {
    const m = buildMail(spec);
    await appendRaw(live.imap, m.raw);
    await settled(live.p, m.messageId, 30_000);
  }
  const membershipMails = async (email: string): Promise<SentMail[]> => (await sentTo(live.sink, email)).filter((m) => /^X-Crieur-Ref: (join-confirm|leave-confirm|left)\r$/m.test(m.raw.toString()));
  const replyTo = (m: SentMail) => m.mail.replyTo[0]!.email;

  it('abonner → one confirmation mail, in French, token-bearing Reply-To and link; the member is pending', { timeout: 60_000 }, async () => {
    await send({ from: 'Alice Martin <alice@example.fr>', subject: 'abonner', body: '' });
    const [mail] = await waitSentTo(live.sink, 'alice@example.fr');
    expect(mail!.mail.subject).toBe('Confirmez votre inscription : PostgreSQL Paris');
    expect(replyTo(mail!)).toMatch(/^talks\+c-\d+-[a-z2-7]{16}@pgug\.example\.org$/);
    const token = replyTo(mail!).split('+')[1]!.split('@')[0]!;
    expect(mail!.mail.text).toContain(`${PUBLIC}/confirm/${token}`);
    expect(mail!.raw.toString()).toMatch(/^Auto-Submitted: auto-generated\r$/m);
    expect(await status('alice@example.fr')).toBe('pending');
  });

  it('an auto-reply to the confirmation, a reply from another address, a forged token: nothing confirmed', { timeout: 90_000 }, async () => {
    const [mail] = await membershipMails('alice@example.fr');
    const to = replyTo(mail!);
    await send({ from: 'alice@example.fr', to, subject: 'Absence du bureau', body: 'Je suis absente jusqu’au 4.', headers: ['Auto-Submitted: auto-replied'] });
    await send({ from: 'Mallory <mallory@example.net>', to, subject: 'Re: Confirmez votre inscription', body: '' });
    // Bob's request and token; Alice's request id with Bob's MAC.
    await send({ from: 'bob@example.org', subject: 'subscribe', body: '' });
    const [bobMail] = await waitSentTo(live.sink, 'bob@example.org');
    const bobToken = replyTo(bobMail!).split('+')[1]!.split('@')[0]!;
    const aliceId = to.split('+')[1]!.split('-')[1]!;
    await send({ from: 'alice@example.fr', to: `talks+${bobToken.replace(/^c-\d+-/, `c-${aliceId}-`)}@pgug.example.org`, subject: 'Re: confirm', body: '' });
    expect(await status('alice@example.fr')).toBe('pending');
    expect(bobMail!.mail.subject).toBe('Confirm your subscription to PostgreSQL Paris');
    expect(await membershipMails('alice@example.fr')).toHaveLength(1);
  });

  it('a blank reply confirms: active, with the cause; the next announcement reaches her with the List-* headers', { timeout: 300_000 }, async () => {
    const [mail] = await membershipMails('alice@example.fr');
    await send({ from: 'Alice Martin <alice@example.fr>', to: replyTo(mail!), subject: 'Re: Confirmez votre inscription : PostgreSQL Paris', body: '' });
    expect(await status('alice@example.fr')).toBe('active');
    const alice = (await live.p.store.subscribers.get('alice@example.fr'))!;
    expect(alice).toMatchObject({ name: 'Alice Martin', language: 'fr', source: 'mail', lists: ['members'] });
    expect(alice.consentedAt).not.toBeNull();
    const history = await live.p.store.membership.history((await live.p.store.membership.byEmail('alice@example.fr'))!.id);
    expect(history.map((h) => [h.from, h.to])).toEqual([['pending', 'active']]);
    expect(history[0]!.cause).toMatch(/^reply \(inbound \d+\), confirming request \d+ \(mail \(inbound \d+\)\)$/);

    const ev = await live.p.store.events.create({ date: new Date('2027-01-28T18:00:00Z'), venue: 'Chez Dalibo' });
    const r = await runCrieur(['announce', String(ev.id), '--json', '--config', configFile], { dir: box.dir, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const announced = await waitFor(async () => (await sentTo(live.sink, 'alice@example.fr')).find((m) => /^X-Crieur-Ref: E-/m.test(m.raw.toString())), 'the announcement to alice', 60_000);
    const raw = announced.raw.toString();
    expect(raw).toMatch(/^List-Id: <members\.pgug\.example\.org>\r$/m);
    // Unfolded (RFC 5322 §2.2.3): List-Unsubscribe is folded within 78 columns.
    expect(raw.slice(0, raw.indexOf('\r\n\r\n') + 2).replace(/\r\n[ \t]+/g, ' ')).toMatch(/^List-Unsubscribe: <mailto:talks\+u-\d+-[a-z2-7]{16}@pgug\.example\.org\?subject=unsubscribe>, <https:\/\/pgug\.example\.org\/membres\/unsubscribe\/u-\d+-[a-z2-7]{16}>\r$/m);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    // Bob never confirmed: pending members get no announcement.
    expect((await sentTo(live.sink, 'bob@example.org')).filter((m) => /^X-Crieur-Ref: E-/m.test(m.raw.toString()))).toEqual([]);
  });

  it('an expired request does nothing, by reply or by link', { timeout: 60_000 }, async () => {
    const [mail] = await membershipMails('bob@example.org');
    const token = replyTo(mail!).split('+')[1]!.split('@')[0]!;
    await live.p.db.query(`UPDATE join_requests SET expires_at = now() - interval '1 minute' WHERE id = $1`, [Number(token.split('-')[1])]);
    await send({ from: 'bob@example.org', to: replyTo(mail!), subject: 'Re: Confirm', body: '' });
    const post = await fetch(`${base}/confirm/${token}`, formPost(TEST_SECRET));
    expect(post.status).toBe(410);
    expect(await status('bob@example.org')).toBe('pending');
  });

  it('the confirmation page: GET shows a button and confirms no one, POST confirms', { timeout: 60_000 }, async () => {
    await send({ from: 'chloe@example.fr', subject: 'Inscription', body: '' });
    const [mail] = await waitSentTo(live.sink, 'chloe@example.fr');
    const token = replyTo(mail!).split('+')[1]!.split('@')[0]!;
    const get = await fetch(`${base}/confirm/${token}`, { headers: { 'accept-language': 'en' } });
    expect(get.status).toBe(200);
    expect(await get.text()).toContain(`<form method="post" action="/confirm/${token}?lang=en">`);
    expect(await status('chloe@example.fr')).toBe('pending');
    const post = await fetch(`${base}/confirm/${token}`, formPost(TEST_SECRET));
    expect(post.status).toBe(200);
    expect(await post.text()).toContain('C’est fait');
    expect(await status('chloe@example.fr')).toBe('active');
    expect((await fetch(`${base}/confirm/${token}`, formPost(TEST_SECRET))).status).toBe(200);
    expect((await fetch(`${base}/confirm/c-1-aaaaaaaaaaaaaaaa`, formPost(TEST_SECRET))).status).toBe(404);
  });

  it('résumé hebdomadaire from a member: a confirmation saying so; its reply sets the digest; résumé non stops it', { timeout: 60_000 }, async () => {
    const chloe = (await live.p.store.membership.byEmail('chloe@example.fr'))!.id;
    for (const [subject, expected] of [['Résumé hebdomadaire', { cadence: 'weekly', format: 'html' }], ['résumé non', null]] as const) {
      const before = (await membershipMails('chloe@example.fr')).length;
      await send({ from: 'chloe@example.fr', subject, body: '' });
      // Counted among membership mails only: the welcome of chloe's join (e3fcb87) may come in meanwhile.
      const ask = await waitFor(async () => (await membershipMails('chloe@example.fr')).slice(before).at(-1), `the confirmation asked by « ${subject} »`, 30_000);
      expect(ask.mail.text).toContain(expected ? 'le résumé hebdomadaire de la liste generale' : 'arrête aussi le résumé de la liste generale');
      await send({ from: 'chloe@example.fr', to: replyTo(ask), subject: `Re: ${ask.mail.subject}`, body: '' });
      expect(await live.p.store.digests.get(chloe, 'generale')).toEqual(expected);
    }
    expect(await status('chloe@example.fr')).toBe('active');
  });

  it('requests for one address are capped per day: a third party cannot be flooded', { timeout: 90_000 }, async () => {
    for (let i = 0; i < 6; i++) await send({ from: 'victim@example.org', subject: 'subscribe', body: '' });
    await waitSentTo(live.sink, 'victim@example.org', 4);
    // The fourth and fifth were handled (settled) without a mail: give a stray delivery time to show up.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await membershipMails('victim@example.org')).toHaveLength(4);
  });

  it('one request delivered twice (another route, other trace headers) gets one confirmation', { timeout: 60_000 }, async () => {
    const messageId = '<twice-delivered-1@example.fr>';
    await send({ from: 'dora@example.fr', subject: 'subscribe', body: '', messageId, headers: ['Received: from mx1.example.fr by mx.pgug.example.org; Mon, 30 Nov 2026 09:00:00 +0100'] });
    await send({ from: 'dora@example.fr', subject: 'subscribe', body: '', messageId, headers: ['Received: from mx2.example.fr by mx.pgug.example.org; Mon, 30 Nov 2026 09:00:03 +0100'] });
    await waitSentTo(live.sink, 'dora@example.fr');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await membershipMails('dora@example.fr')).toHaveLength(1);
  });

  it('désabonner by mail asks for confirmation; the blank reply unsubscribes and ends with a short mail', { timeout: 90_000 }, async () => {
    await send({ from: 'Alice Martin <alice@example.fr>', subject: 'Re: autre chose', body: 'Bonjour,\n\nDésabonner\n\nMerci,\nAlice' });
    const ask = await waitFor(async () => (await membershipMails('alice@example.fr')).find((m) => m.mail.subject.startsWith('Confirmez votre désabonnement')), 'the leave confirmation', 30_000);
    expect(await status('alice@example.fr')).toBe('active');
    expect(replyTo(ask)).toMatch(/^talks\+u-\d+-[a-z2-7]{16}@pgug\.example\.org$/);
    await send({ from: 'alice@example.fr', to: replyTo(ask), subject: 'Re: Confirmez votre désabonnement', body: '' });
    expect(await status('alice@example.fr')).toBe('unsubscribed');
    const left = await waitFor(async () => (await membershipMails('alice@example.fr')).find((m) => m.mail.subject.startsWith('Désabonnement confirmé')), 'the unsubscribed notice', 30_000);
    expect(left.mail.text).toContain('« abonner » à talks@pgug.example.org');
    // A stranger's `unsubscribe` mails no one.
    await send({ from: 'stranger@example.com', subject: 'unsubscribe', body: '' });
    expect(await sentTo(live.sink, 'stranger@example.com')).toEqual([]);
  });
});
