/**
 * Audit M: an SMTP connection lost after the whole message was sent, before the server's reply (RFC 1047). The
 * server may have accepted it; sending it again delivers it twice. The sender calls that ESMTP_UNCERTAIN, and the
 * outbox parks the row with a reason saying so — as it parks a row whose sender died mid-transaction — instead of
 * retrying it. A connection lost *before* the message was all sent is still an ordinary transient failure.
 * (Before: « ECONNECTION: Connection closed unexpectedly » was ESMTP_TRANSIENT, retried 3 s later: every mail twice.)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createSender } from '../../src/adapters/smtp/sender.ts';
import { PLAIN_LISTENER } from '../../src/adapters/smtp/sink.ts';
import type { Sender } from '../../src/app/sender.ts';
import { proposalMail, runCrieur, sleep, spawnCrieur, useChildServices, waitUntil } from '../support/crieur-process.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { REDIS_URL } from '../support/services.ts';

interface Listener {
  url: string;
  /** Every DATA the listener read, whole or cut, by recipient. */
  received: { to: string; bytes: number }[];
  /** `after`: drop the connection once the whole message was read (no reply); `during`: at its first chunk; null: answer 250. */
  drop: 'after' | 'during' | null;
  close(): Promise<void>;
}

async function listener(): Promise<Listener> {
  const sockets = new Map<string, Socket>();
  const l: Listener = { received: [], drop: null, url: '', close: async () => undefined };
  const server = new SMTPServer({
    ...PLAIN_LISTENER,
    disabledCommands: [...PLAIN_LISTENER.disabledCommands],
    size: 50 * 1024 * 1024,
    onConnect(session, cb) {
      cb();
      // smtp-server hands no socket to its hooks; the connection object holds it under the session's id.
      for (const c of (server as unknown as { connections: Set<{ id: string; _socket: Socket }> }).connections) sockets.set(c.id, c._socket);
      void session;
    },
    onData(stream, session, cb) {
      const to = session.envelope.rcptTo.map((r) => r.address).join(',');
      let bytes = 0;
      const mode = l.drop;
      stream.on('data', (c: Buffer) => {
        bytes += c.length;
        if (mode === 'during') {
          l.received.push({ to, bytes });
          sockets.get(session.id)?.destroy();
        }
      });
      stream.on('end', () => {
        if (mode === 'during') return;
        l.received.push({ to, bytes });
        if (mode === 'after') return void sockets.get(session.id)?.destroy();
        cb(null, 'queued');
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  l.url = `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  l.close = () => new Promise<void>((r) => server.close(() => r()));
  return l;
}

const message = (size = 2_000) =>
  Buffer.from(`From: a@example.org\r\nTo: b@example.org\r\nSubject: t\r\nMessage-ID: <${Math.random()}@example.org>\r\n\r\n${'x'.repeat(size)}\r\n`);
const envelope = { from: 'bounces@pgug.example.org', to: ['jean@example.fr'] };

describe('the sender, a connection lost around the final dot', () => {
  let l: Listener;
  let tx: Sender;
  afterEach(async () => {
    await tx?.close();
    await l?.close();
  });

  it('after the whole message went out, no reply: ESMTP_UNCERTAIN, saying it may have been delivered', async () => {
    l = await listener();
    l.drop = 'after';
    tx = createSender(l.url, { pool: 1, timeoutMs: 5_000 });
    const err = await tx.send(message(), envelope).catch((e: unknown) => e);
    expect(l.received).toHaveLength(1);
    expect(err).toMatchObject({ code: 'ESMTP_UNCERTAIN', responseCode: null, message: expect.stringMatching(/may have been delivered/) as unknown });
  });

  it('while the message was still going out (30 MB: more than the loopback socket buffers): an ordinary transient failure', async () => {
    l = await listener();
    l.drop = 'during';
    tx = createSender(l.url, { pool: 1, timeoutMs: 5_000 });
    const err = await tx.send(message(30 * 1024 * 1024), envelope).catch((e: unknown) => e);
    expect(l.received.length).toBeGreaterThan(0);
    expect(err).toMatchObject({ code: 'ESMTP_TRANSIENT' });
  });

  it('and the next message on the same sender goes out normally', async () => {
    l = await listener();
    l.drop = 'after';
    tx = createSender(l.url, { pool: 1, timeoutMs: 5_000 });
    await tx.send(message(), envelope).catch(() => undefined);
    l.drop = null;
    await expect(tx.send(message(), envelope)).resolves.toMatchObject({ response: expect.stringMatching(/^250/) as unknown });
  });
});

describe('crieur start, the relay dropping the connection after DATA', () => {
  const svc = useChildServices('audit-m-smtp', ['orga@pgug.example.org']);
  let l: Listener;
  afterAll(async () => {
    await l?.close();
  });

  it('parks the acknowledgement and the notice as possibly delivered, and never sends them a second time', { timeout: 90_000 }, async () => {
    l = await listener();
    l.drop = 'after';
    const configFile = svc.box.writeConfig(
      {
        ...(await import('yaml')).parse((await import('node:fs')).readFileSync(svc.configFile, 'utf8')),
        smtp: { url: l.url, pool: 2 },
        delivery: { retryMinutes: [0.05] },
      },
      'drop.config.yaml',
    );
    const child = spawnCrieur(['start', '--config', configFile], { dir: svc.box.dir, name: 'drop-after-data' });
    await child.waitForLog('inbox caught up; watching', 60_000);
    await svc.imap.append('INBOX', proposalMail(1, 'drop'));
    await waitUntil(() => l.received.length >= 2, 30_000, 'the acknowledgement and the notice reach DATA');
    l.drop = null;
    // Past the retry delay (3 s), the recovery sweep (1 s) and the send lease (3 s): a resend would show by now.
    await sleep(10_000);
    const perRecipient = new Map<string, number>();
    for (const r of l.received) perRecipient.set(r.to, (perRecipient.get(r.to) ?? 0) + 1);
    // Only the mails of that proposal: the organizers' undelivered summary (a new row) may follow.
    expect(perRecipient.get('speaker1.drop@example.fr')).toBe(1);
    const rows = await svc.db.query<{ recipient: string; status: string; last_error: string }>(
      `SELECT recipient, status, last_error FROM outbox WHERE subject_ref NOT LIKE 'undelivered%' ORDER BY id`,
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r).toMatchObject({ status: 'failed', last_error: expect.stringMatching(/may have been delivered/) as unknown });
    const parked = child.logs().filter((x) => x.msg === 'mail parked');
    expect(parked).toHaveLength(2);
    expect(child.logs().filter((x) => x.msg === 'job failed: will retry')).toEqual([]);
    expect(await child.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});

describe('crieur start, a relay that takes longer than the send lease to answer the final dot', () => {
  const svc = useChildServices('audit-m-slow', ['orga@pgug.example.org']);

  it('keeps the rows leased while it waits: not parked as interrupted, each mail sent once and marked sent', { timeout: 90_000 }, async () => {
    // 7 s to answer, a 2 s lease, the sweep every second: before, the sweep parked both rows « interrupted during the
    // SMTP transaction » mid-wait (and the daily summary could report mail that was being delivered).
    const slow = await startSmtpSink({ answerDelayMs: 7_000 });
    try {
      const base = (await import('yaml')).parse(readFileSync(svc.configFile, 'utf8')) as Record<string, Record<string, unknown>>;
      const configFile = svc.box.writeConfig({ ...base, smtp: { url: slow.url, pool: 2 }, queue: { ...base.queue, sendLeaseSeconds: 2 } }, 'slow.config.yaml');
      const child = spawnCrieur(['start', '--config', configFile], { dir: svc.box.dir, name: 'slow-relay' });
      await child.waitForLog('inbox caught up; watching', 60_000);
      await svc.imap.append('INBOX', proposalMail(1, 'slow'));
      await slow.waitFor(2, 40_000);
      await sleep(3_000);
      expect(child.logs().filter((x) => /interrupted during SMTP parked/.test(x.msg ?? ''))).toEqual([]);
      const rows = await svc.db.query<{ status: string }>(`SELECT status FROM outbox WHERE subject_ref NOT LIKE 'undelivered%'`);
      expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
      expect(slow.messages).toHaveLength(2);
      expect(await child.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    } finally {
      await slow.close();
    }
  });
});

describe('TLS that cannot work, said with its fix (audit M: before, « ESOCKET: self-signed certificate », an OpenSSL code path, and doctor said « start the mail server »)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crieur-audit-m-tls-'));
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of closers) await c();
    rmSync(dir, { recursive: true, force: true });
  });

  async function selfSigned(): Promise<string> {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-days', '2', '-subj', '/CN=mail.example.org'], { stdio: 'ignore' });
    const server = new SMTPServer({ secure: true, key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')), authOptional: true, disableReverseLookup: true, logger: false, onData: (s, _x, cb) => s.resume().on('end', () => cb()) });
    server.on('error', () => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    closers.push(() => new Promise<void>((r) => server.close(() => r())));
    return `smtps://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  }

  it('a self-signed certificate: not trusted, the fix names ?tls.rejectUnauthorized=false; with it, the mail goes', async () => {
    const url = await selfSigned();
    const tx = createSender(url, { pool: 1, timeoutMs: 5_000 });
    const err = await tx.send(message(), envelope).catch((e: unknown) => e);
    await tx.close();
    expect(err).toMatchObject({ code: 'ESMTP_TRANSIENT', message: expect.stringMatching(/^the server's TLS certificate is not trusted \(/) as unknown, fix: expect.stringMatching(/\?tls\.rejectUnauthorized=false/) as unknown });
    const ok = createSender(`${url}?tls.rejectUnauthorized=false`, { pool: 1, timeoutMs: 5_000 });
    await expect(ok.send(message(), envelope)).resolves.toMatchObject({ response: expect.stringMatching(/^250/) as unknown });
    await ok.close();
  });

  it('smtps:// to a server that starts in plain text: says to use smtp://', async () => {
    const plain = await startSmtpSink();
    closers.push(() => plain.close());
    const tx = createSender(plain.url.replace('smtp://', 'smtps://'), { pool: 1, timeoutMs: 5_000 });
    const err = await tx.send(message(), envelope).catch((e: unknown) => e);
    await tx.close();
    expect(err).toMatchObject({ message: expect.stringMatching(/^the server does not speak TLS on connection/) as unknown, fix: expect.stringMatching(/takes smtp:\/\//) as unknown });
    expect((err as Error).message).not.toMatch(/openssl|SSL routines/);
  });

  it('crieur doctor prints that fix, not « start the mail server »', { timeout: 60_000 }, async () => {
    const url = await selfSigned();
    const r = await runCrieur(['doctor'], { dir, cwd: dir, env: { CRIEUR_SMTP_URL: url, CRIEUR_SECRET: 'audit-m-secret-0123456789abcdef' }, timeoutMs: 50_000 });
    const line = r.stdout.split('\n').findIndex((l) => /^FAIL\s+smtp/.test(l));
    expect(r.stdout.split('\n')[line]).toMatch(/TLS certificate is not trusted/);
    expect(r.stdout.split('\n')[line]).toMatch(/ — fix: .*\?tls\.rejectUnauthorized=false/);
  });
});

describe('a relay that refuses the login (530, 535): every mail waits for the fix instead of being parked as refused', () => {
  // Before: « EAUTH: Invalid login: 535 … » and « 530 Error: authentication Required » were ESMTP_PERMANENT, so a relay
  // password rotated under a running crieur parked every acknowledgement at once (a `crieur failed retry --all` after
  // the fix), and doctor's fix said « start the mail server ». Postfix soft-bounces these (smtp_sasl_auth_soft_bounce).
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of closers) await c();
  });
  async function relay(): Promise<number> {
    const server = new SMTPServer({
      disableReverseLookup: true,
      authOptional: false,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      hideSTARTTLS: true,
      logger: false,
      onAuth: (auth, _s, cb) => (auth.password === 'good' ? cb(null, { user: auth.username }) : cb(new Error('Invalid username or password'))),
      onData: (st, _x, cb) => st.resume().on('end', () => cb()),
    });
    server.on('error', () => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    closers.push(() => new Promise<void>((r) => server.close(() => r())));
    return (server.server.address() as { port: number }).port;
  }

  it.each([
    ['no credentials: 530 authentication required', (p: number) => `smtp://127.0.0.1:${p}`, 530],
    ['a wrong password: 535', (p: number) => `smtp://u:wrong@127.0.0.1:${p}`, 535],
  ])('%s → ESMTP_TRANSIENT, with the fix naming smtp.url', async (_name, url, code) => {
    const port = await relay();
    const tx = createSender(url(port), { pool: 1, timeoutMs: 5_000 });
    const err = await tx.send(message(), envelope).catch((e: unknown) => e);
    await tx.close();
    expect(err).toMatchObject({ code: 'ESMTP_TRANSIENT', responseCode: code, fix: expect.stringMatching(/user and password in smtp\.url/) as unknown });
    const ok = createSender(`smtp://u:good@127.0.0.1:${port}`, { pool: 1, timeoutMs: 5_000 });
    await expect(ok.send(message(), envelope)).resolves.toMatchObject({ response: expect.stringMatching(/^250/) as unknown });
    await ok.close();
  });

  it('crieur doctor says so with that fix, and exits 78 (the configuration)', { timeout: 60_000 }, async () => {
    const port = await relay();
    const dir = mkdtempSync(join(tmpdir(), 'crieur-audit-m-auth-'));
    closers.push(async () => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(
      join(dir, 'crieur.config.yaml'),
      `addresses: { proposals: talks@pgug.example.org, from: talks@pgug.example.org, bounces: bounces@pgug.example.org }\norganizers: [orga@pgug.example.org]\n`,
    );
    for (const d of ['new', 'cur', 'tmp']) mkdirSync(join(dir, 'Maildir', d), { recursive: true });
    const env = { CRIEUR_SMTP_URL: `smtp://u:wrong@127.0.0.1:${port}`, CRIEUR_SECRET: 'audit-m-secret-0123456789abcdef', CRIEUR_INBOX_URL: `maildir://${dir}/Maildir`, CRIEUR_REDIS_URL: REDIS_URL };
    const r = await runCrieur(['doctor'], { dir, cwd: dir, env, timeoutMs: 50_000 });
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => /^FAIL\s+smtp/.test(l));
    expect(lines[at]).toMatch(/ — fix: .*user and password in smtp\.url/);
    expect(lines.filter((l) => l.startsWith('FAIL'))).toHaveLength(1);
    expect(r.code).toBe(78);
  });
});
