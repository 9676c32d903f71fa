/**
 * Audit K (held-out replies written by real mail clients, run end to end before any fix): the rules each wrong answer
 * showed missing. Every test fails without its rule.
 */
import { describe, expect, it } from 'vitest';
import { readMail } from '../../../src/adapters/mailparser.ts';
import { authenticate } from '../../../src/core/command/authenticate.ts';
import { mintToken } from '../../../src/core/tokens.ts';

describe('a Message-ID folded inside by the client (S62)', () => {
  it('References folded in the middle of the token still authenticate the reply', async () => {
    const now = new Date('2026-12-01T16:00:00Z');
    const token = mintToken('k-secret', { purpose: 'organizer', ref: 'P-0061' }, 'dim@example.org', now);
    const id = `${token}.eb548346d2bf@pgug.example.org`;
    const raw = [
      'From: Dimitri Fontaine <dim@example.org>',
      'To: talks@pgug.example.org',
      'Subject: RE: [P-0061] Nouvelle proposition',
      'Message-ID: <x@outlook.example>',
      `References: <${id.slice(0, 12)}`,
      ` ${id.slice(12)}>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Accepter',
      '',
    ].join('\r\n');
    const m = await readMail(Buffer.from(raw));
    expect(m.references).toEqual([`<${id}>`]);
    const auth = authenticate(m, { secret: 'k-secret', organizers: ['dim@example.org'], now, maxAgeDays: 120 });
    expect(auth).toMatchObject({ ok: true, role: 'organizer', token: { ref: 'P-0061' } });
  });

  it('In-Reply-To is its bracketed id, not the words around it', async () => {
    const raw = 'From: a@example.org\r\nTo: b@example.org\r\nSubject: x\r\nIn-Reply-To: Your message of Tue, 1 Dec 2026\r\n <abc@example.org>\r\n\r\nhi\r\n';
    expect((await readMail(Buffer.from(raw))).inReplyTo).toBe('<abc@example.org>');
  });
});
