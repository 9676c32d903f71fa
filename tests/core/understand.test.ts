import { describe, expect, it } from 'vitest';
import { parseRawMessage } from '../../src/app/parse-message.ts';
import { mailparserReader } from '../../src/adapters/mailparser.ts';
import { notMailReason } from '../../src/core/understand.ts';
import { hasHeader } from '../../src/core/classify/signals.ts';
import type { Mail, ParseContext } from '../../src/types.ts';
import { mail as draftMail } from './classify/build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };
const msg = (head: string, body = 'Bonjour.') => Buffer.from(`${head}\r\n\r\n${body}\r\n`);

describe('understand', () => {
  it('cleans the From display name as it cleans speakers', async () => {
    const o = await parseRawMessage(msg('From: "Raman, Priya" <priya@example.com>\r\nSubject: hello\r\nMessage-ID: <a@b>'), ctx, mailparserReader);
    expect(o.ok && o.result.from).toEqual({ name: 'Priya Raman', email: 'priya@example.com' });
  });

  it('says when there is no Message-ID', async () => {
    const o = await parseRawMessage(msg('From: a@example.org\r\nSubject: hello'), ctx, mailparserReader);
    expect(o.ok && o.result.messageId).toBeNull();
    expect(o.ok && o.result.warnings).toContain('no Message-ID header');
  });

  it.each([
    ['empty input', Buffer.alloc(0), /empty input/],
    ['bytes with no header', Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n'), /not a mail message/],
  ])('refuses %s with a reason', async (_n, raw, re) => {
    const o = await parseRawMessage(raw, ctx, mailparserReader);
    expect(o.ok).toBe(false);
    expect(!o.ok && o.error).toMatch(re);
  });

  it('asks whether a header is there without reading its value (a value is decoded when first read)', async () => {
    const m: Mail = await draftMail({ subject: '=?UTF-8?Q?Propos=C3=A9?=' });
    let reads = 0;
    const headers = { ...m.headers };
    Object.defineProperty(headers, 'subject', { enumerable: true, get: () => (reads++, ['Proposé']) });
    const watched = { ...m, headers };
    expect(notMailReason(watched)).toBeNull();
    expect(hasHeader(watched, 'subject')).toBe(true);
    expect(hasHeader(watched, 'constructor')).toBe(false);
    expect(reads).toBe(0);
  });
});
