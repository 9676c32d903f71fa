/**
 * commands.requireDkim's check, with DKIM signatures made here (nodemailer's dkim option) and a resolver passed
 * in (no DNS on this machine): a signature of the From domain passes, a forged body or another domain does not;
 * an Authentication-Results header counts only from a trusted authserv-id.
 */
import { generateKeyPairSync } from 'node:crypto';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { createMailAuthCheck } from '../../src/adapters/mail-auth.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const P = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const resolver = async (name: string, type: string) => {
  if (type === 'TXT' && name === 'sel._domainkey.example.org') return [[`v=DKIM1; k=rsa; p=${P}`]];
  const err = new Error(`no ${type} for ${name}`) as Error & { code: string };
  err.code = 'ENOTFOUND';
  throw err;
};

async function signed(from: string, domain: string, body = 'accept\n'): Promise<Buffer> {
  const t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'crlf' });
  const info = await t.sendMail({
    from,
    to: 'talks+o-p0007-t6h-aaaaaaaaaaaaaaaa@pgug.example.org',
    subject: 'Re: [P-0007]',
    text: body,
    dkim: { domainName: domain, keySelector: 'sel', privateKey: PEM },
  });
  return info.message as Buffer;
}

describe('mail authentication for organizer commands', () => {
  const check = createMailAuthCheck({ trustedAuthserv: ['mx.pgug.example.org'], resolver });

  it('a DKIM signature of the From domain passes', async () => {
    expect(await check(await signed('dim@example.org', 'example.org'), 'example.org')).toBe(true);
  });

  it('a body changed after signing fails', async () => {
    const raw = (await signed('dim@example.org', 'example.org')).toString('latin1').replace('accept', 'decline');
    expect(await check(Buffer.from(raw, 'latin1'), 'example.org')).toBe(false);
  });

  it('no signature, or a signature whose key is not published, fails', async () => {
    const t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'crlf' });
    const plain = (await t.sendMail({ from: 'dim@example.org', to: 'x@pgug.example.org', subject: 's', text: 'accept' })).message as Buffer;
    expect(await check(plain, 'example.org')).toBe(false);
    expect(await check(await signed('mallory@evil.example', 'evil.example'), 'evil.example')).toBe(false);
  });

  it('a signature of another domain does not vouch for the From domain', async () => {
    expect(await check(await signed('dim@other.example', 'example.org'), 'other.example')).toBe(false);
  });

  it('Authentication-Results counts only from a trusted authserv-id, for the From domain', async () => {
    const head = (ar: string) => Buffer.from(`Authentication-Results: ${ar}\r\nFrom: dim@example.org\r\nSubject: x\r\n\r\naccept\r\n`);
    expect(await check(head('mx.pgug.example.org; dkim=pass header.d=example.org; spf=none'), 'example.org')).toBe(true);
    expect(await check(head('mx.pgug.example.org;\r\n dmarc=pass (p=reject) header.from=example.org'), 'example.org')).toBe(true);
    expect(await check(head('mx.evil.example; dkim=pass header.d=example.org'), 'example.org')).toBe(false);
    expect(await check(head('mx.pgug.example.org; dkim=fail header.d=example.org'), 'example.org')).toBe(false);
    expect(await check(head('mx.pgug.example.org; dkim=pass header.d=evil.example'), 'example.org')).toBe(false);
  });
});
