/**
 * What the mailparser adapter leaves out of mailparser's own work (issue 12, decode): each cut is checked here to do
 * nothing else. tests/adapters/mailparser.test.ts compares the whole read with simpleParser's on the corpus.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { Duplex, PassThrough } from 'node:stream';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { endOnce, headerRecord, MAIL_FIELDS, PARSE_OPTIONS, readMail } from '../../src/adapters/mailparser.ts';

// the class the adapter extends: mailparser's CommonJS build, as the adapter requires it (an import gives its ESM build)
const { MailParser } = createRequire(import.meta.url)('mailparser') as { MailParser: { prototype: Record<string, (...a: never[]) => unknown> } };

const MULTIPART = [
  'From: ana@example.org',
  'To: talks@pgug.example.org',
  'Subject: slides',
  'Content-Type: multipart/mixed; boundary="b"',
  '',
  'A preamble nobody reads.',
  '--b',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Titre : Index BRIN =C3=A0 l=E2=80=99usage',
  '--b',
  'Content-Type: multipart/alternative; boundary="c"',
  '',
  '--c',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Deuxième texte',
  '--c',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Deuxième <b>HTML</b></p>',
  '--c--',
  'between',
  '--b',
  'Content-Type: application/pdf; name="slides.pdf"',
  'Content-Disposition: attachment; filename="slides.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('%PDF-1.4 diapositives').toString('base64'),
  '--b--',
  'An epilogue.',
  '',
].join('\r\n');

describe('a part decoder is ended once (endOnce)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a later end() with no argument does nothing, where Node built an ERR_STREAM_ALREADY_FINISHED error each time', async () => {
    const end = vi.spyOn(Duplex.prototype, 'end');
    const s = endOnce(new PassThrough());
    s.resume();
    s.end();
    await new Promise((r) => s.once('finish', r));
    s.end();
    s.end();
    expect(end).toHaveBeenCalledTimes(1);
    // with an argument (a chunk or a callback) it is Node's end, and says what Node says
    const said = await new Promise<Error | null | undefined>((r) => s.end((err?: Error | null) => r(err)));
    expect(said?.message).toMatch(/cannot call end after a stream was finished/i);
  });

  it('the read of a multipart calls no end() on a decoder already ended, and every part is read', async () => {
    const late: string[] = [];
    const real = Duplex.prototype.end;
    vi.spyOn(Duplex.prototype, 'end').mockImplementation(function (this: Duplex, ...args: unknown[]) {
      if (args.length === 0 && this.writableEnded) late.push(this.constructor.name);
      return (real as (...a: unknown[]) => Duplex).apply(this, args);
    });
    const mail = await readMail(Buffer.from(MULTIPART));
    expect(late).toEqual([]);
    expect(mail.text).toContain('Titre : Index BRIN à l’usage');
    expect(mail.text).toContain('Deuxième texte');
    expect(mail.html).toContain('<p>Deuxième <b>HTML</b></p>');
    expect(mail.parts.map((p) => [p.filename, p.content.toString()])).toEqual([['slides.pdf', '%PDF-1.4 diapositives']]);
  });
});

/** A forward whose message is inline (mailsplit parses it: mailparser writes its From… To lines above its text), with a related image. */
const FORWARD = [
  'From: =?utf-8?q?L=C3=A9a?= <lea@example.org>',
  'To: talks@pgug.example.org',
  'Subject: Fwd: proposition',
  'Content-Type: multipart/mixed; boundary="b"',
  'Content-Transfer-Encoding: 7bit',
  'Content-Disposition: inline',
  '',
  '--b',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Je transfère.',
  '--b',
  'Content-Type: message/rfc822',
  'Content-Disposition: inline',
  '',
  'From: "Ana, PG" <ana@example.org>',
  'To: Bob <bob@example.org>, carl@example.org',
  'Cc: =?utf-8?q?Z=C3=B6e?= <zoe@example.net>',
  'Subject: =?utf-8?q?Proposition_:_BRIN?=',
  'Date: Tue, 1 Dec 2026 10:00:00 +0100',
  'Content-Type: multipart/related; boundary="r"',
  '',
  '--r',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Titre : <img src="cid:logo@x"> BRIN</p>',
  '--r',
  'Content-Type: image/png; name="logo.png"',
  'Content-ID: <logo@x>',
  'Content-Transfer-Encoding: base64',
  '',
  'iVBORw0KGgo=',
  '--r--',
  '--b--',
  '',
].join('\r\n');

describe('header fields mailparser decodes (DECODED_FIELDS, PART_FIELDS)', () => {
  afterEach(() => vi.restoreAllMocks());

  it("an inline forward's header lines above its text, and a related part, are simpleParser's", async () => {
    const raw = Buffer.from(FORWARD);
    const theirs = await simpleParser(raw, { ...PARSE_OPTIONS, keepCidLinks: true });
    const ours = await readMail(raw);
    expect(theirs.text).toContain('From: "Ana, PG" <ana@example.org>\nSubject: Proposition : BRIN\nDate: Tue, 01 Dec 2026 09:00:00 GMT\nTo: "Bob" <bob@example.org>, carl@example.org\nCc: "Zöe" <zoe@example.net>');
    expect(ours.text).toBe(theirs.text);
    expect(theirs.html).toContain('<span class="mp_address_name">Ana, PG</span>');
    expect(ours.html).toBe(theirs.html);
    expect(theirs.attachments.map((a) => [a.contentType, a.related])).toEqual([['image/png', true]]);
    expect(ours.parts.map((p) => [p.contentType, p.related])).toEqual([['image/png', true]]);
    expect(ours.from).toEqual({ name: 'Léa', email: 'lea@example.org' });
    expect(ours.to).toEqual([{ name: null, email: 'talks@pgug.example.org' }]);
  });

  it("a part's Content-Type, Content-Transfer-Encoding and Content-Disposition are not decoded, nor the message's own address fields rendered as HTML and text", async () => {
    const decoded: string[][] = [];
    const processHeaders = MailParser.prototype.processHeaders!;
    vi.spyOn(MailParser.prototype, 'processHeaders').mockImplementation(function (this: unknown, lines: { key: string }[]) {
      decoded.push(lines.map((l) => l.key));
      return (processHeaders as (l: unknown) => unknown).call(this, lines);
    });
    const html = vi.spyOn(MailParser.prototype, 'getAddressesHTML');
    const text = vi.spyOn(MailParser.prototype, 'getAddressesText');
    await readMail(Buffer.from(FORWARD));
    // the message's block, then each part's (the forward's own block is a part's: its lines go above its text)
    expect(decoded[0]).toEqual(['from', 'to', 'subject', 'content-type']);
    expect(decoded.slice(1)).toEqual([[], [], ['from', 'to', 'cc', 'subject', 'date'], [], ['content-id']]);
    // the forward's From, To and Cc only
    expect(html).toHaveBeenCalledTimes(3);
    expect(text).toHaveBeenCalledTimes(3);
  });
});

describe("the header map's object (headerRecord)", () => {
  const HEADERS = [
    'X-Mailer: a',
    'From: =?utf-8?q?L=C3=A9a?= <lea@example.org>',
    'To: talks@pgug.example.org',
    'Received: from a',
    'Subject: =?utf-8?q?Proposition_=C3=A0_PGDay?=',
    'Received: from b',
    '1234: a name V8 would index',
    '',
    'text',
  ].join('\r\n');

  it('is an ordinary object: its prototype, the fields in order (a numeric name first, as before), an encoded one decoded when read', async () => {
    const { headers } = await readMail(Buffer.from(HEADERS));
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
    expect('received' in headers && String(headers)).toBe('[object Object]');
    expect(Object.keys(headers)).toEqual(['1234', 'x-mailer', 'from', 'to', 'received', 'subject']);
    expect(headers.received).toEqual(['from a', 'from b']);
    expect(headers.subject).toEqual(['Proposition à PGDay']);
    expect(JSON.stringify(headers)).toBe(
      '{"1234":["a name V8 would index"],"x-mailer":["a"],"from":["Léa <lea@example.org>"],"to":["talks@pgug.example.org"],"received":["from a","from b"],"subject":["Proposition à PGDay"]}',
    );
  });

  it('keeps a header named « __proto__ » as a header: the prototype stays, the line is in the keys and the JSON', async () => {
    for (const value of ['evil', '=?utf-8?q?=C3=A9vil?=']) {
      const { headers } = await readMail(Buffer.from(`From: a@b.example\r\n__proto__: ${value}\r\nSubject: hi\r\n\r\ntext`));
      expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
      expect(Object.keys(headers)).toEqual(['from', '__proto__', 'subject']);
      expect(Object.getOwnPropertyDescriptor(headers, '__proto__')?.enumerable).toBe(true);
      expect(JSON.parse(JSON.stringify(headers))).toEqual(JSON.parse(`{"from":["a@b.example"],"__proto__":["${value === 'evil' ? 'evil' : 'évil'}"],"subject":["hi"]}`));
    }
  });

  it('keeps its properties in a dictionary from the start (no hidden class per header name), with Object.prototype', () => {
    // %HasFastProperties needs V8's natives syntax: asked of a child process (the test workers run without it)
    const code = [
      "const { headerRecord } = await import('./src/adapters/mailparser.ts');",
      "const o = headerRecord(); o['x-a'] = [];",
      'console.log(JSON.stringify([%HasFastProperties(o), Object.getPrototypeOf(o) === Object.prototype, %HasFastProperties({})]));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual([false, true, true]);
    expect(Object.getPrototypeOf(headerRecord())).toBe(Object.prototype);
  });
});

describe("simpleParser's collection, with less work (MAIL_FIELDS, addresses)", () => {
  it("MAIL_FIELDS names each header's field as simpleParser's replace does, in its order", () => {
    const simple = ['subject', 'references', 'date', 'to', 'from', 'cc', 'bcc', 'message-id', 'in-reply-to', 'reply-to'];
    expect(MAIL_FIELDS).toEqual(simple.map((key) => [key, key.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())]));
  });

  it("address fields: a group's members in its place, an empty group and a bare name dropped, names cleaned and trimmed once, To lines in order", async () => {
    const raw = [
      'From: " " <ana@example.org>',
      'To: Team: "Bob\x07 B" <bob@example.org>, carl@example.org;, Empty:;, dora@example.org',
      'To: =?utf-8?q?_Z=C3=B6e_?= <zoe@example.net>, Just A Name',
      'Cc: "x" <x@example.org>',
      'Reply-To: <  r@example.org  >',
      'In-Reply-To: <a@b>',
      'Message-ID: <m@b>',
      'Subject: s',
      '',
      'text',
    ].join('\r\n').replace('\\x07', '\x07');
    const mail = await readMail(Buffer.from(raw));
    expect(mail.from).toEqual({ name: null, email: 'ana@example.org' });
    expect(mail.to).toEqual([
      { name: 'Bob B', email: 'bob@example.org' },
      { name: null, email: 'carl@example.org' },
      { name: null, email: 'dora@example.org' },
      { name: 'Zöe', email: 'zoe@example.net' },
    ]);
    expect(mail.cc).toEqual([{ name: 'x', email: 'x@example.org' }]);
    expect(mail.replyTo).toEqual([{ name: null, email: 'r@example.org' }]);
    expect([mail.subject, mail.messageId, mail.inReplyTo]).toEqual(['s', '<m@b>', '<a@b>']);
    expect(mail.defects).toEqual([]);
  });
});
