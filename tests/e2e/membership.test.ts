/**
 * Leaving the list and being dropped from it, end to end (issue 9): a roster on PostgreSQL, `crieur announce` to a
 * real SMTP listener, then the member's own links — the https one-click (POST unsubscribes, GET does not), the
 * List-Unsubscribe mailto written to a Dovecot inbox the pipeline watches — and bounces to the member's VERP address
 * (a hard one disables at once, soft ones at the threshold). A forged token (another member's id) does nothing;
 * an auto-reply to the mailto unsubscribes no one; the next announcement reaches only who is still active; each
 * unsubscribe ends with a short "you are unsubscribed" mail. On both engines (the membership SQL on PGlite too).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttp } from '../../src/adapters/http/server.ts';
import { membershipRoutes } from '../../src/adapters/http/membership-routes.ts';
import { appendRaw, buildMail, ENGINE_NAMES, settled, uniqueId, useLiveImap, waitFor } from '../support/pipeline.ts';
import { baseConfig, killAll, runCrieur, sandbox } from '../support/crieur-process.ts';

const PUBLIC = 'https://pgug.example.org/membres';
/** What a mail client's RFC 8058 one-click POST carries (no cookie, no page seen). */
const ONE_CLICK = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' };

describe.each(ENGINE_NAMES)('membership on %s', (engine) => {
// The body is not re-indented under describe.each: other branches' edits to this file merge line for line.
const live = useLiveImap(engine, { overrides: { http: { port: 0, publicUrl: PUBLIC }, bounces: { softThreshold: 3, windowDays: 30 } } });
const box = sandbox(`membership-${engine}`);
let http: Server;
let base: string;
let configFile: string;

const crieur = (...args: string[]) => runCrieur([...args, '--config', configFile], { dir: box.dir, timeoutMs: 120_000 });
const status = async (email: string) => (await live.p.store.subscribers.get(email))?.status;
const memberId = async (email: string) => (await live.p.store.membership.byEmail(email))!.id;

beforeAll(async () => {
  http = await startHttp('127.0.0.1', 0, live.p.running.metrics, [], [membershipRoutes(live.p.running.context.deps)]);
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  configFile = box.writeConfig({
    ...baseConfig({ prefix: box.prefix, databaseUrl: live.p.config.database.url, smtpUrl: live.sink.url, log: 'warn' }),
    http: { host: '127.0.0.1', port: 0, publicUrl: PUBLIC },
  });
  await live.p.store.subscribers.upsert(
    ['jean@example.fr', 'marie@example.fr', 'paul@example.fr', 'sophie@example.fr', 'zoe@example.fr'].map((email) => ({ email, status: 'active' as const, source: 'cli', language: 'fr' as const })),
  );
}, 60_000);

afterAll(async () => {
  await new Promise((r) => http?.close(r));
  await killAll();
  await box.cleanup();
});

/** The "you are unsubscribed" mails a member got. */
const notices = (email: string) => live.sink.messages.filter((x) => x.envelope.to[0] === email && /^X-Crieur-Ref: left\r$/m.test(x.raw.toString()));

async function announce(date: string): Promise<void> {
  const ev = await live.p.store.events.create({ date: new Date(date), venue: 'Chez Dalibo' });
  const r = await crieur('announce', String(ev.id), '--json');
  expect(r.code, r.stderr).toBe(0);
}

/** The unsubscribe links and envelope sender of the last announcement a member got (not the membership mails). */
async function linksOf(email: string) {
  const m = live.sink.messages.filter((x) => x.envelope.to[0] === email && /^X-Crieur-Ref: E-/m.test(x.raw.toString())).at(-1)!;
  const raw = m.raw.toString();
  // Unfolded (RFC 5322 §2.2.3): List-Unsubscribe is folded within 78 columns.
  const header = /^List-Unsubscribe: (.*)\r$/m.exec(raw.slice(0, raw.indexOf('\r\n\r\n') + 2).replace(/\r\n[ \t]+/g, ' '))![1]!;
  const [, mailto, https] = /^<mailto:([^?>]+)\?subject=unsubscribe>, <(https:[^>]+)>$/.exec(header)!;
  return { raw, mailto: mailto!, https: https!, token: https!.split('/').at(-1)!, from: m.envelope.from };
}

/** A DSN as Postfix writes one, to the envelope sender, about `recipient`. */
function dsn(to: string, recipient: string, code: string): Buffer {
  const b = 'dsn-boundary-1';
  const action = code.startsWith('5') ? 'failed' : 'delayed';
  return Buffer.from(
    [
      'From: MAILER-DAEMON@mx.example.fr (Mail Delivery System)',
      `To: ${to}`,
      'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: ${uniqueId('mx.example.fr')}`,
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${b}"`,
      '',
      `--${b}`,
      'Content-Type: text/plain',
      '',
      'I could not deliver your message.',
      '',
      `--${b}`,
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.fr',
      '',
      `Final-Recipient: rfc822; ${recipient}`,
      `Action: ${action}`,
      `Status: ${code}`,
      `Diagnostic-Code: smtp; ${code.startsWith('5') ? '550 5.1.1 user unknown' : '452 4.2.2 mailbox full'}`,
      '',
      `--${b}--`,
      '',
    ].join('\r\n'),
  );
}

describe('membership: unsubscribe and bounces', () => {
  it('every announcement to a member carries List-Id, List-Unsubscribe mailto and https with its token, one-click, a footer link and a VERP sender', { timeout: 300_000 }, async () => {
    await announce('2027-01-28T18:00:00Z');
    await waitFor(() => live.sink.messages.length >= 5, 'five announcements', 60_000);
    const jean = await linksOf('jean@example.fr');
    const id = await memberId('jean@example.fr');
    expect(jean.raw).toMatch(/^List-Id: <members\.pgug\.example\.org>\r$/m);
    expect(jean.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    expect(jean.mailto).toMatch(new RegExp(`^talks\\+u-${id}-[a-z2-7]{16}@pgug\\.example\\.org$`));
    expect(jean.https).toBe(`${PUBLIC}/unsubscribe/${jean.token}`);
    expect(jean.from).toMatch(new RegExp(`^bounces\\+b-${id}-[a-z2-7]{16}@pgug\\.example\\.org$`));
    const parsed = await simpleParser(Buffer.from(jean.raw));
    expect(parsed.text).toContain(jean.https);
    expect(parsed.html as string).toContain(`href="${jean.https}"`);
    // Each member's own token: Marie's differs.
    expect((await linksOf('marie@example.fr')).token).not.toBe(jean.token);
  });

  it('GET shows a button and unsubscribes no one; POST (one-click) unsubscribes and says so; history keeps the cause', { timeout: 60_000 }, async () => {
    const { token } = await linksOf('jean@example.fr');
    const get = await fetch(`${base}/unsubscribe/${token}`, { headers: { 'accept-language': 'en-GB,en;q=0.8' } });
    expect(get.status).toBe(200);
    const page = await get.text();
    expect(page).toContain(`<form method="post" action="/unsubscribe/${token}?lang=en">`);
    expect(page).toContain('Unsubscribe me');
    expect(await status('jean@example.fr')).toBe('active');
    const post = await fetch(`${base}/unsubscribe/${token}`, ONE_CLICK);
    expect(post.status).toBe(200);
    expect(await post.text()).toContain('C’est fait');
    expect(await status('jean@example.fr')).toBe('unsubscribed');
    const history = await live.p.store.membership.history(await memberId('jean@example.fr'));
    expect(history.map((h) => [h.from, h.to, h.cause])).toEqual([['active', 'unsubscribed', 'one-click https']]);
    // Again: nothing changes, the page says it was already done.
    expect(await (await fetch(`${base}/unsubscribe/${token}`, ONE_CLICK)).text()).toContain('déjà');
    // One short mail ends it, however many POSTs.
    await waitFor(() => notices('jean@example.fr').length === 1, 'the unsubscribed notice to jean', 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(notices('jean@example.fr')).toHaveLength(1);
  });

  it('a forged token (another member\'s id with this mac, or a made-up mac) unsubscribes no one', { timeout: 60_000 }, async () => {
    const { token } = await linksOf('jean@example.fr');
    const marie = await memberId('marie@example.fr');
    const forged = token.replace(/^u-\d+-/, `u-${marie}-`);
    expect((await fetch(`${base}/unsubscribe/${forged}`, ONE_CLICK)).status).toBe(404);
    expect((await fetch(`${base}/unsubscribe/u-${marie}-aaaaaaaaaaaaaaaa`, ONE_CLICK)).status).toBe(404);
    expect(await status('marie@example.fr')).toBe('active');
  });

  it('a blank mail to the mailto unsubscribes; an auto-reply to it does not', { timeout: 60_000 }, async () => {
    const paul = await linksOf('paul@example.fr');
    const auto = buildMail({ from: 'paul@example.fr', to: paul.mailto, subject: 'Absence du bureau', body: 'Je suis absent.', headers: ['Auto-Submitted: auto-replied'] });
    await appendRaw(live.imap, auto.raw);
    await settled(live.p, auto.messageId, 30_000);
    expect(await status('paul@example.fr')).toBe('active');
    const marie = await linksOf('marie@example.fr');
    const blank = buildMail({ from: 'Marie <marie@example.fr>', to: marie.mailto, subject: 'unsubscribe', body: '' });
    await appendRaw(live.imap, blank.raw);
    await settled(live.p, blank.messageId, 30_000);
    expect(await status('marie@example.fr')).toBe('unsubscribed');
    await waitFor(() => notices('marie@example.fr').length === 1, 'the unsubscribed notice to marie', 30_000);
    expect(notices('paul@example.fr')).toEqual([]);
    const history = await live.p.store.membership.history(await memberId('marie@example.fr'));
    expect(history[0]?.cause).toMatch(/^mailto \(inbound \d+\)$/);
  });

  it('a hard bounce to the VERP address disables at once, even when the DSN names another address', { timeout: 60_000 }, async () => {
    const paul = await linksOf('paul@example.fr');
    const raw = dsn(paul.from, 'p.old-alias@relay.example.fr', '5.1.1');
    await appendRaw(live.imap, raw);
    await waitFor(async () => (await status('paul@example.fr')) === 'disabled', 'paul disabled', 30_000);
    const list = JSON.parse((await crieur('subscribers', 'list', '--json')).stdout) as { email: string; status: string; bounces: number; lastBounce: { what: string } | null }[];
    expect(list.find((s) => s.email === 'paul@example.fr')).toMatchObject({ status: 'disabled', bounces: 1, lastBounce: { what: 'hard 5.1.1' } });
  });

  it('soft bounces disable at the threshold (3), not before; /metrics counts bounces by kind', { timeout: 90_000 }, async () => {
    const sophie = await linksOf('sophie@example.fr');
    for (let i = 1; i <= 3; i++) {
      await appendRaw(live.imap, dsn(sophie.from, 'sophie@example.fr', '4.2.2'));
      await waitFor(async () => (await live.p.store.subscribers.get('sophie@example.fr'))!.bounces === i, `soft bounce ${i} counted`, 30_000);
      expect(await status('sophie@example.fr')).toBe(i < 3 ? 'active' : 'disabled');
    }
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^crieur_member_bounces_total\{kind="hard"\} 1$/m);
    expect(metrics).toMatch(/^crieur_member_bounces_total\{kind="soft"\} 3$/m);
  });

  it('the next announcement reaches only who is still active', { timeout: 300_000 }, async () => {
    const before = live.sink.messages.length;
    await announce('2027-02-25T18:00:00Z');
    await waitFor(() => live.sink.messages.length > before, 'the next announcement', 60_000);
    const to = live.sink.messages.slice(before).map((m) => m.envelope.to[0]);
    expect(to).toEqual(['zoe@example.fr']);
  });
});
});
