import { describe, expect, it } from 'vitest';
import { headerStart, readMail } from '../../src/adapters/mailparser.ts';

const MSG = 'From: a@example.org\r\nSubject: Bonjour\r\nMessage-ID: <x@example.org>\r\n\r\nCorps\r\n';

describe('headerStart', () => {
  it.each([
    ['no prefix', MSG],
    ['leading blank lines', `\n\n${MSG}`],
    ['leading whitespace-only lines (exchange1 in the corpus)', `   \t \n \r\n${MSG}`],
    ['an mbox envelope line', `From a@example.org Mon Jan  1 00:00:00 2024\n${MSG}`],
  ])('%s: headers are read', async (_name, text) => {
    const mail = await readMail(Buffer.from(text));
    expect(mail.subject).toBe('Bonjour');
    expect(mail.messageId).toBe('<x@example.org>');
    expect(mail.from?.email).toBe('a@example.org');
  });

  it('leaves a normal message as the same buffer', () => {
    const raw = Buffer.from(MSG);
    expect(headerStart(raw)).toBe(raw);
  });

  it('does not take a From: header for an envelope line', () => {
    const raw = Buffer.from(MSG);
    expect(headerStart(raw).toString()).toBe(MSG);
  });
});

describe('readMail', () => {
  it('derives text from HTML-only mail and says so', async () => {
    const raw = Buffer.from('From: a@example.org\r\nSubject: s\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<h2>Titre</h2><p>Résumé du talk</p>\r\n');
    const mail = await readMail(raw);
    expect(mail.textFromHtml).toBe(true);
    expect(mail.text).toContain('Titre');
    expect(mail.text).toContain('Résumé du talk');
  });

  it('decodes ISO-8859-1 bodies and RFC 2047 subjects', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: a@example.org\r\nSubject: =?ISO-8859-1?Q?Dur=E9e?=\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'),
      Buffer.from([0xe9, 0x74, 0xe9, 0x0d, 0x0a]),
    ]);
    const mail = await readMail(raw);
    expect(mail.subject).toBe('Durée');
    expect(mail.text?.trim()).toBe('été');
    expect(mail.textFromHtml).toBe(false);
  });

  it('keeps delivery-status parts as parts and decodes attached messages', async () => {
    const raw = Buffer.from(
      [
        'From: MAILER-DAEMON@example.org',
        'Subject: Undelivered Mail Returned to Sender',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'I could not deliver.',
        '--b',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example.org',
        '',
        'Final-Recipient: rfc822; ghost@example.invalid',
        'Action: failed',
        'Status: 5.1.1',
        '--b',
        'Content-Type: message/rfc822',
        '',
        'From: talks@example.org',
        'Subject: original',
        '',
        'hello',
        '--b--',
        '',
      ].join('\r\n'),
    );
    const mail = await readMail(raw);
    expect(mail.parts.map((p) => p.contentType)).toContain('message/delivery-status');
    expect(mail.embedded[0]?.subject).toBe('original');
  });
});
