/**
 * DKIM: with `dkim` configured, what crieur sends is signed (nodemailer's signer on the pooled sender) and the
 * signature verifies against the published key; the doctor's check matches the key file against the selector's
 * TXT record, and says so when DNS cannot be reached. The resolver is injected: a DNS server that answers with our
 * own record, or cannot be reached, is a fault a real part here cannot produce.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.ts';
import { checkDkim, dkimOption } from '../../src/adapters/smtp/dkim.ts';
import { createSender } from '../../src/adapters/smtp/sender.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const dir = mkdtempSync(join(tmpdir(), 'crieur-dkim-'));
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const keyFile = join(dir, 'dkim.pem');
writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const config = configSchema.parse({ dkim: { domain: 'pgug.example.org', selector: 'crieur', keyFile } });
const record = (name: string) => (name === 'crieur._domainkey.pgug.example.org' ? Promise.resolve([[`v=DKIM1; k=rsa; p=${p}`]]) : Promise.reject(Object.assign(new Error('nx'), { code: 'ENOTFOUND' })));

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('DKIM', () => {
  it('signs what the sender sends, and the signature verifies against the published key', async () => {
    const sender = createSender(sink.url, { pool: 1, ...dkimOption(config) });
    const raw = Buffer.from('From: talks@pgug.example.org\r\nTo: jean@example.fr\r\nSubject: Réunion\r\nMessage-ID: <a1.b@pgug.example.org>\r\nDate: Mon, 30 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBonjour.\r\n');
    await sender.send(raw, { from: 'bounces@pgug.example.org', to: ['jean@example.fr'] });
    await sender.close();
    const got = sink.messages.at(-1)!.raw;
    const unfolded = got.toString().replace(/\r\n[ \t]+/g, ' ');
    expect(unfolded).toMatch(/^DKIM-Signature: .*\bd=pgug\.example\.org;.*\bs=crieur;/m);
    const result = (await dkimVerify(got, { resolver: (name: string, type: string) => (type === 'TXT' ? record(name) : Promise.reject(new Error(type))) })) as { results: { status: { result: string } }[] };
    expect(result.results[0]?.status.result).toBe('pass');
  });

  // Held-out audit: nodemailer's signed header list has List-Unsubscribe but not List-Unsubscribe-Post, and RFC 8058 §4
  // wants both covered before a mailbox provider acts on a one-click unsubscribe.
  it("a member's mail: the signature covers List-Unsubscribe and List-Unsubscribe-Post, and verifies", async () => {
    const sender = createSender(sink.url, { pool: 1, ...dkimOption(config) });
    const raw = Buffer.from(
      'From: talks@pgug.example.org\r\nTo: jean@example.fr\r\nSubject: Meetup\r\nMessage-ID: <a2.b@pgug.example.org>\r\nDate: Mon, 30 Nov 2026 10:00:00 +0000\r\n' +
        'List-Id: <members.pgug.example.org>\r\nList-Unsubscribe: <mailto:talks+u-1-abc@pgug.example.org?subject=unsubscribe>, <https://pgug.example.org/unsubscribe/u-1-abc>\r\n' +
        'List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBonjour.\r\n',
    );
    await sender.send(raw, { from: 'bounces@pgug.example.org', to: ['jean@example.fr'] });
    await sender.close();
    const got = sink.messages.at(-1)!.raw;
    const h = /^DKIM-Signature: .*?\bh=([^;]+);/m.exec(got.toString().replace(/\r\n[ \t]+/g, ' '))![1]!.replace(/\s+/g, '').toLowerCase().split(':');
    expect(h).toEqual(expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post', 'list-id', 'from', 'subject']));
    const result = (await dkimVerify(got, { resolver: (name: string, type: string) => (type === 'TXT' ? record(name) : Promise.reject(new Error(type))) })) as { results: { status: { result: string } }[] };
    expect(result.results[0]?.status.result).toBe('pass');
  });

  it('doctor: matches the key file against the selector, fails on another key, says so when DNS is unreachable', async () => {
    expect(await checkDkim(config, record as never)).toMatch(/matches/);
    const other = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    await expect(checkDkim(config, (() => Promise.resolve([[`v=DKIM1; p=${other}`]])) as never)).rejects.toThrow(/another key/);
    await expect(checkDkim(config, (() => Promise.reject(Object.assign(new Error('nx'), { code: 'ENOTFOUND' }))) as never)).rejects.toThrow(/no DKIM record/);
    expect(await checkDkim(config, (() => Promise.reject(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))) as never)).toMatch(/DNS not reachable/);
  });

  it('a missing or unreadable key file is bad configuration (78)', () => {
    const bad = configSchema.parse({ dkim: { domain: 'x.org', selector: 's', keyFile: join(dir, 'missing.pem') } });
    expect(() => dkimOption(bad)).toThrow(expect.objectContaining({ exitCode: 78 }));
  });
});
