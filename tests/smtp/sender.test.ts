import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRaw } from '../../src/adapters/smtp/build-raw.ts';
import { classifySmtpError, SmtpSendError } from '../../src/adapters/smtp/errors.ts';
import { createSender, eightBit } from '../../src/adapters/smtp/sender.ts';
import type { Sender } from '../../src/app/sender.ts';
import { composeMessage } from '../../src/core/compose/message.ts';
import { slug } from '../../src/adapters/smtp/sink.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  // senders first: the sink's close waits for open connections
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function sink(opts: Parameters<typeof startSmtpSink>[0] = {}): Promise<SmtpSink> {
  const s = await startSmtpSink(opts);
  cleanup.push(() => s.close());
  return s;
}
function sender(url: string, pool = 3): Sender {
  const s = createSender(url, { pool, timeoutMs: 5_000 });
  cleanup.push(() => s.close());
  return s;
}
function raw(subject: string, to = 'jean@example.fr'): Promise<Buffer> {
  return buildRaw(
    composeMessage({
      from: 'PostgreSQL Paris <talks@pgug.example.org>',
      to,
      subject,
      html: `<p>${subject}</p>`,
      text: `${subject}\n`,
      messageId: `<${Math.random().toString(36).slice(2)}@pgug.example.org>`,
      date: new Date('2013-11-28T18:00:00Z'),
      autoSubmitted: 'auto-replied',
    }),
  );
}
const envelope = { from: 'bounces@pgug.example.org', to: ['jean@example.fr'] };

describe('BODY=8BITMIME (RFC 6152)', () => {
  it('a message is 8-bit when any byte is over 127, as the byte loop it replaces said (every byte value, at every place)', () => {
    const loop = (raw: Buffer) => raw.some((b) => b > 0x7f);
    for (let b = 0; b < 256; b++) {
      for (const len of [1, 7, 64, 200]) {
        for (const at of [0, len >> 1, len - 1]) {
          const raw = Buffer.alloc(len, 0x61);
          raw[at] = b;
          expect(eightBit(raw), `${b} at ${at} of ${len}`).toBe(loop(raw));
        }
      }
    }
    expect(eightBit(Buffer.alloc(0))).toBe(false);
    expect(eightBit(Buffer.from('Subject: =?UTF-8?Q?=C3=A9?=\r\n\r\nbody\r\n'))).toBe(false);
    expect(eightBit(Buffer.from('Subject: é\r\n'))).toBe(true);
    // a slice of a larger buffer is read within its own bounds
    const big = Buffer.from('abc\xffdef', 'latin1');
    expect(eightBit(big.subarray(0, 3))).toBe(false);
    expect(eightBit(big.subarray(2, 5))).toBe(true);
  });

  it('is announced for a message with 8-bit bytes (a MIME digest of posts as received), not for a 7-bit one', async () => {
    const { SMTPServer } = await import('smtp-server');
    const bodies: (string | undefined)[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disableReverseLookup: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onMailFrom(address, _session, cb) {
        bodies.push((address.args as Record<string, string> | false) ? (address.args as Record<string, string>).BODY : undefined);
        cb();
      },
      onData(stream, _session, cb) {
        stream.resume();
        stream.on('end', () => cb());
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.server.address() as { port: number }).port;
    const tx = sender(`smtp://127.0.0.1:${port}`, 1);
    await tx.send(await raw('Sept bits'), envelope);
    await tx.send(Buffer.from('From: a@example.org\r\nTo: jean@example.fr\r\nSubject: digest\r\nContent-Transfer-Encoding: 8bit\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBonjour à tous\r\n', 'utf8'), envelope);
    expect(bodies).toEqual([undefined, '8BITMIME']);
  });
});

describe('sender → sink over real SMTP', () => {
  it('delivers the very bytes it was given, over a small pool of connections', async () => {
    const s = await sink();
    const tx = sender(s.url, 3);
    await tx.verify();
    const messages = await Promise.all(Array.from({ length: 40 }, (_, i) => raw(`Message ${i} — réplication`)));
    const results = await Promise.all(messages.map((m) => tx.send(m, envelope)));
    await s.waitFor(40, 5_000);
    expect(results.every((r) => r.response.startsWith('250'))).toBe(true);
    const received = new Set(s.messages.map((m) => m.raw.toString('base64')));
    for (const m of messages) expect(received.has(m.toString('base64'))).toBe(true);
    expect(s.messages[0]!.envelope).toEqual(envelope);
    // pooled: verify() opens its own connection, the 40 mails share at most the pool's 3
    // (unpooled, each would pay smtp-server's 100 ms greeting delay on a connection of its own)
    expect(s.connections).toBeGreaterThan(1);
    expect(s.connections).toBeLessThanOrEqual(4);
  });

  it('451 then 250: a transient failure, then delivery', async () => {
    let calls = 0;
    const s = await sink({ respond: () => (++calls === 1 ? { code: 451, message: '4.7.1 Greylisted, try again later' } : null) });
    const tx = sender(s.url);
    const m = await raw('greylisted');
    const err = await tx.send(m, envelope).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SmtpSendError);
    expect(err).toMatchObject({ code: 'ESMTP_TRANSIENT', responseCode: 451 });
    expect((err as SmtpSendError).response).toMatch(/^451 .*Greylisted, try again later/);
    expect(s.messages).toHaveLength(0);
    expect(s.rejected).toHaveLength(1);

    const ok = await tx.send(m, envelope);
    expect(ok.response).toMatch(/^250/);
    expect(s.messages).toHaveLength(1);
    expect(s.messages[0]!.raw.equals(m)).toBe(true);
  });

  it('550: a permanent failure carrying the server answer', async () => {
    const s = await sink({ respond: (env) => ({ code: 550, message: `5.1.1 <${env.to[0]}>: Recipient address rejected: User unknown` }) });
    const tx = sender(s.url);
    await expect(tx.send(await raw('ghost'), { from: envelope.from, to: ['ghost@example.invalid'] })).rejects.toMatchObject({
      code: 'ESMTP_PERMANENT',
      responseCode: 550,
      response: expect.stringMatching(/^550 5\.1\.1 <ghost@example\.invalid>: Recipient address rejected: User unknown/),
    });
  });

  it('connection refused is transient', async () => {
    const s = await startSmtpSink();
    const url = s.url;
    await s.close();
    const tx = sender(url);
    const err = await tx.send(await raw('nobody home'), envelope).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ESMTP_TRANSIENT', responseCode: null });
    await expect(tx.verify()).rejects.toMatchObject({ code: 'ESMTP_TRANSIENT' });
  });

  it('a closed sender refuses to send', async () => {
    const s = await sink();
    const tx = createSender(s.url);
    await tx.close();
    await expect(tx.send(await raw('late'), envelope)).rejects.toMatchObject({ code: 'ESMTP_TRANSIENT' });
  });
});

describe('sink writing to a folder (the demo outbox)', () => {
  it('writes <n>-<slug>.eml with the bytes, and the HTML and text parts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crieur-outbox-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const s = await sink({ dir });
    const tx = sender(s.url, 1);
    const m = await raw('[P-0007] Proposition reçue : Réplication logique');
    await tx.send(m, envelope);
    await tx.send(await raw('Ünïcode / only ?!'), envelope);
    expect((await readdir(dir)).sort()).toEqual([
      '0001-p-0007-proposition-recue-replication-logique.eml',
      '0001-p-0007-proposition-recue-replication-logique.html',
      '0001-p-0007-proposition-recue-replication-logique.txt',
      '0002-unicode-only.eml',
      '0002-unicode-only.html',
      '0002-unicode-only.txt',
    ]);
    expect((await readFile(join(dir, '0001-p-0007-proposition-recue-replication-logique.eml'))).equals(m)).toBe(true);
    expect(await readFile(join(dir, '0001-p-0007-proposition-recue-replication-logique.html'), 'utf8')).toContain('<p>[P-0007] Proposition reçue');
  });

  it('waitFor times out with a count', async () => {
    const s = await sink();
    await expect(s.waitFor(1, 50)).rejects.toThrow(/0 of 1 messages after 50 ms/);
  });
});

describe('classifySmtpError', () => {
  it.each([
    [{ code: 'EENVELOPE', responseCode: 550, response: '550 no' }, 'ESMTP_PERMANENT', 550],
    [{ code: 'EMESSAGE', responseCode: 552, response: '552 too big' }, 'ESMTP_PERMANENT', 552],
    [{ code: 'EENVELOPE', responseCode: 452, response: '452 mailbox full' }, 'ESMTP_TRANSIENT', 452],
    [{ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }, 'ESMTP_TRANSIENT', null],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, 'ESMTP_TRANSIENT', null],
    // A refused login is about crieur's session, not the message: every mail waits for the fix (audit M, as Postfix's
    // smtp_sasl_auth_soft_bounce), rather than each being parked — tests/faults/audit-m-smtp.test.ts.
    [{ code: 'EAUTH', responseCode: 535, response: '535 bad credentials' }, 'ESMTP_TRANSIENT', 535],
    [{ code: 'EENVELOPE', message: 'No recipients defined' }, 'ESMTP_PERMANENT', null],
    [new Error('something odd'), 'ESMTP_TRANSIENT', null],
  ])('%o → %s', (err, code, responseCode) => {
    const e = classifySmtpError(err);
    expect(e.code).toBe(code);
    expect(e.responseCode).toBe(responseCode);
  });
});

describe('slug', () => {
  it.each([
    ['[P-0007] Proposition reçue : Réplication', 'p-0007-proposition-recue-replication'],
    ['', 'message'],
    ['???', 'message'],
    ['x'.repeat(100), 'x'.repeat(60)],
  ])('%s', (subject, expected) => {
    expect(slug(subject)).toBe(expected);
  });
});
