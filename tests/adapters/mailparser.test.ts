import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import iconv from 'iconv-lite';
import libmime from 'libmime';
import { hasMailHeader, headerStart, parseOptions, readMail, readMailHeaders, withCrLineEnds } from '../../src/adapters/mailparser.ts';
import { withoutControls } from '../../src/core/text/controls.ts';
import { notMailReason } from '../../src/core/understand.ts';
import type { Mail } from '../../src/types.ts';
import { corpusMessages, hasCorpus } from '../support/corpus.ts';

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

  it('decodes every format=flowed text part itself (RFC 3676): an empty line after a line ending in a space ends the paragraph', async () => {
    // mailparser's decoder (libmime 5.6.4 decodeFlowed) joined « Bonjour, ␠⏎⏎Titre : … » into one line (held-out audit)
    const raw = Buffer.concat([
      Buffer.from(
        [
          'From: a@example.org',
          'Subject: s',
          'MIME-Version: 1.0',
          'Content-Type: multipart/mixed; boundary="b"',
          '',
          '--b',
          'Content-Type: text/plain; charset=utf-8; format=flowed',
          '',
          'Bonjour, ',
          '',
          'Titre : Index BRIN en pratique',
          'Durée : 30 minutes',
          '--b',
          'Content-Type: text/plain; charset=ISO-8859-1; format="Flowed"; DelSp=Yes',
          'Content-Transfer-Encoding: quoted-printable',
          '',
          'R=E9sum=E9 : des in=20',
          'dex minus=20',
          ' cules=20',
          '',
          '--=20',
          'Jean',
          '--b',
          'Content-Type: text/plain; format=flowed; name="notes.txt"',
          'Content-Disposition: attachment; filename="notes.txt"',
          '',
          'gard=C3=A9 ',
          '',
          'tel quel',
          '--b--',
          '',
        ].join('\r\n'),
      ),
    ]);
    const mail = await readMail(raw);
    expect(mail.text).toContain('Bonjour, \n\nTitre : Index BRIN en pratique\nDurée : 30 minutes');
    // DelSp: the space before each soft break goes, and the continuation's stuffing; the separator stays a line
    expect(mail.text).toContain('Résumé : des index minuscules \n\n-- \nJean');
    // an attachment is its bytes as sent
    expect(mail.parts.find((p) => p.filename === 'notes.txt')?.content.toString()).toBe('gard=C3=A9 \r\n\r\ntel quel');
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

  it.each([
    ['delivery-status', false],
    ['feedback-report', false],
    ['disposition-notification', false],
    ['x-unknown', true],
    [null, true],
  ] as const)('reads the message a %s report returns for its headers only when a rule claims that report first (whole: %s)', async (type, whole) => {
    const raw = Buffer.from(
      [
        'From: robot@example.org',
        'Subject: report',
        `Content-Type: multipart/report;${type ? ` report-type=${type};` : ''} boundary="b"`,
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'See the attached message.',
        '--b',
        'Content-Type: message/rfc822',
        '',
        'From: ana@example.org',
        'To: talks@pgug.example.org',
        'Subject: Proposition : partitionnement',
        'Content-Type: multipart/mixed; boundary="i"',
        '',
        '--i',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Titre : Partitionnement déclaratif en production',
        '--i',
        'Content-Type: application/pdf; name="slides.pdf"',
        'Content-Disposition: attachment; filename="slides.pdf"',
        '',
        '%PDF-1.4',
        '--i--',
        '--b--',
        '',
      ].join('\r\n'),
    );
    const inner = (await readMail(raw)).embedded[0]!;
    expect(inner.to).toEqual([{ name: null, email: 'talks@pgug.example.org' }]);
    expect(inner.subject).toBe('Proposition : partitionnement');
    expect(inner.text?.includes('Partitionnement déclaratif') ?? false).toBe(whole);
    expect(inner.parts.map((p) => p.filename)).toEqual(whole ? ['slides.pdf'] : []);
  });

  it('names each part by the SHA-256 of its decoded content (base64, quoted-printable, 8bit)', async () => {
    const pdf = Buffer.from('%PDF-1.4 des diapositives\n'.repeat(200));
    const raw = Buffer.from(
      [
        'From: ana@example.org',
        'Subject: slides',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Voici les diapositives.',
        '--b',
        'Content-Type: application/pdf; name="slides.pdf"',
        'Content-Disposition: attachment; filename="slides.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        pdf.toString('base64').replace(/.{76}/g, '$&\r\n'),
        '--b',
        'Content-Type: text/csv; name="votes.csv"',
        'Content-Disposition: attachment; filename="votes.csv"',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'nom;vote=0D',
        'L=C3=A9a;oui',
        '--b--',
        '',
      ].join('\r\n'),
    );
    const mail = await readMail(raw);
    expect(mail.parts.map((p) => p.filename)).toEqual(['slides.pdf', 'votes.csv']);
    for (const part of mail.parts) expect(part.sha256).toBe(createHash('sha256').update(part.content).digest('hex'));
    expect(mail.parts[0]!.content.equals(pdf)).toBe(true);
  });
});

describe('an encoded display name holding address syntax (audit e)', () => {
  // A sender that leaves <, >, « , » or a quote unencoded inside an RFC 2047 word: the address parser read the raw value
  // and took `script` for the address, the real one for part of the name (an ack parked with 501, a join unanswered).
  const headers = [
    'From: =?utf-8?q?Z=C3=B6e_<script>?= <zoe@example.net>',
    'To: =?utf-8?q?O=27Brien_<b>?= <obrien@example.net>, "=?utf-8?q?Al_<x>?=" <al@example.org>, =?utf-8?b?w4lsw6hu?= <elen@example.org>',
    'Cc: =?utf-8?q?Z=22o=C3=A9_<a,b>?= <zoe2@example.net>, =?utf-8?q?A_<q>?= =?utf-8?q?B?= <ab@example.org>',
    'Reply-To: =?utf-8?q?Support_(team)_<x>?= <support@example.org>',
    'Subject: abonner',
  ].join('\r\n');
  const expectAddresses = (mail: Mail) => {
    expect(mail.from).toEqual({ name: 'Zöe <script>', email: 'zoe@example.net' });
    expect(mail.to).toEqual([
      { name: "O'Brien <b>", email: 'obrien@example.net' },
      { name: 'Al <x>', email: 'al@example.org' },
      { name: 'Élèn', email: 'elen@example.org' },
    ]);
    expect(mail.cc).toEqual([
      { name: 'Z"oé <a,b>', email: 'zoe2@example.net' },
      { name: 'A <q>B', email: 'ab@example.org' },
    ]);
    expect(mail.replyTo).toEqual([{ name: 'Support (team) <x>', email: 'support@example.org' }]);
  };
  it('reads the address after the name, in the full read', async () => {
    expectAddresses(await readMail(Buffer.from(`${headers}\r\n\r\nabonner\r\n`)));
  });
  it('and in the header-only read', async () => {
    expectAddresses(await readMailHeaders(Buffer.from(`${headers}\r\n\r\nabonner\r\n`)));
  });
  it('an encoded word in a comment (the old « address (Name) » form) is the name as written, not in quotes', async () => {
    const raw = 'From: zoe@example.net (=?utf-8?q?Z=C3=B6e,_PG_<Paris>?=)\r\nTo: al@example.org (=?utf-8?q?Al_(x)?=)\r\nSubject: abonner\r\n\r\nabonner\r\n';
    for (const mail of [await readMail(Buffer.from(raw)), await readMailHeaders(Buffer.from(raw))]) {
      expect(mail.from).toEqual({ name: 'Zöe, PG <Paris>', email: 'zoe@example.net' });
      expect(mail.to).toEqual([{ name: 'Al (x)', email: 'al@example.org' }]);
    }
  });
});

describe('control characters (issue 11, defect 4: a NUL in a header failed in PostgreSQL)', () => {
  const FIXTURE = new URL('../fixtures/proposals/48-nul-byte-in-headers-fr.eml', import.meta.url);
  const C0 = /[\x00-\x08\x0b-\x1f]/;

  it('no decoded string keeps NUL, ESC or another C0 control but tab and newline', async () => {
    const raw = readFileSync(FIXTURE);
    expect(raw.includes(0)).toBe(true);
    const mail = await readMail(raw);
    expect(mail.subject).toBe('Proposition de conférence : VACUUM sans douleur');
    expect(mail.from).toEqual({ name: 'Camille Lefèvre', email: 'camille.lefevre@exemple.fr' });
    expect(mail.headers['x-mailer']).toEqual(['a script that wrote a NUL into its own header']);
    expect(mail.text).toContain('ses coûts : comment le régler');
    expect(mail.text).toContain("mesures à l'appui.[2J");
    expect(JSON.stringify({ ...mail, parts: [] })).not.toMatch(/\\u00[01][0-9a-f]/);
    for (const s of [mail.subject, mail.text ?? '', ...Object.values(mail.headers).flat()]) expect(s).not.toMatch(C0);
  });

  it('filenames, names and Message-IDs too; tabs and newlines stay', async () => {
    const raw = Buffer.from(
      [
        'From: "Bel\x07 Ami" <bel@example.org>',
        'Subject: a\tb',
        'Message-ID: <a\x00b@example.org>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary=XX',
        '',
        '--XX',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'ligne 1\n\tligne 2\x1b',
        '--XX',
        'Content-Type: application/pdf; name="sl\x00ides.pdf"',
        'Content-Disposition: attachment; filename="sl\x00ides.pdf"',
        '',
        '%PDF-1.4',
        '--XX--',
        '',
      ].join('\r\n'),
      'latin1',
    );
    const mail = await readMail(raw);
    expect(mail.from?.name).toBe('Bel Ami');
    expect(mail.subject).toBe('a\tb');
    expect(mail.messageId).toBe('<ab@example.org>');
    expect(mail.text).toBe('ligne 1\n\tligne 2');
    expect(mail.parts.map((p) => p.filename)).toEqual(['slides.pdf']);
  });
});

describe('a multipart with no boundary parameter (its body was lost, nothing said)', () => {
  const head = (ct: string) => `From: Ana <ana@example.org>\r\nTo: talks@pgug.example.org\r\nSubject: Proposition\r\nMIME-Version: 1.0\r\nContent-Type: ${ct}\r\n\r\n`;
  const text = 'Titre : VACUUM en profondeur\r\nDurée : 25 minutes\r\n';

  it.each([
    ['no parameter', 'multipart/alternative'],
    ['an empty one', 'multipart/alternative; boundary=""'],
    ['a cut one (« bo »)', 'multipart/alternative; charset=utf-8;\r\n\tbo'],
    // what the byte-level look-out (mayLackBoundary) must not pass over: upper case, a non-ASCII boundary
    ['no parameter, in capitals', 'MULTIPART/ALTERNATIVE'],
    ['no parameter, in mixed case (« MultiPart/ »)', 'MultiPart/Alternative'],
    ['a non-ASCII one', 'multipart/alternative; boundary="café"'],
  ])('its parts are split at the first delimiter line (%s), and that is said', async (_name, ct) => {
    const raw = Buffer.from(`${head(ct)}This is a multi-part message in MIME format.\r\n--=_Part_17.x\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${text}--=_Part_17.x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Titre : VACUUM</p>\r\n--=_Part_17.x--\r\n`);
    const mail = await readMail(raw);
    expect(mail.text).toBe('Titre : VACUUM en profondeur\nDurée : 25 minutes');
    expect(mail.html).toContain('<p>Titre : VACUUM</p>');
    expect(mail.text).not.toContain('multi-part message');
    expect(mail.defects).toEqual(['multipart/alternative with no boundary parameter: split at its first delimiter line, "--=_Part_17.x"']);
    // the header as written, in the full read and the header-only one
    expect(mail.headers['content-type']).toEqual((await readMailHeaders(raw)).headers['content-type']);
    expect(mail.headers['content-type']![0]).toBe(ct.replace(/\r\n\t/g, ' '));
  });

  it('a part with no header after the delimiter, met again later, is a part (a bounce without a boundary)', async () => {
    const raw = Buffer.from(`${head('multipart/report; report-type=delivery-status')}--B1/x\r\n\r\nUnrecoverable error.\r\n\r\n--B1/x\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\nFinal-Recipient: rfc822; bob@example.net\r\nStatus: 5.1.1\r\n\r\n--B1/x--\r\n`);
    const mail = await readMail(raw);
    expect(mail.text?.trim()).toBe('Unrecoverable error.');
    expect(mail.parts.map((p) => p.contentType)).toEqual(['message/delivery-status']);
    expect(mail.defects).toEqual(['multipart/report with no boundary parameter: split at its first delimiter line, "--B1/x"']);
  });

  it('with no delimiter line, its body is read as text/plain (a signature\'s « --Ana » is no delimiter)', async () => {
    const raw = Buffer.from(`${head('multipart/mixed; charset=utf-8')}${text}\r\nBonne journée,\r\n--Ana\r\n`, 'utf8');
    const mail = await readMail(raw);
    expect(mail.text).toBe('Titre : VACUUM en profondeur\nDurée : 25 minutes\n\nBonne journée,\n--Ana\n');
    expect(mail.parts).toEqual([]);
    expect(mail.defects).toEqual(['multipart/mixed with no boundary parameter: its body read as text/plain']);
  });

  it('inside a multipart that has one', async () => {
    const raw = Buffer.from(`${head('multipart/mixed; boundary="out"')}--out\r\nContent-Type: multipart/alternative\r\n\r\n--in\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}--in--\r\n--out\r\nContent-Type: application/pdf; name="slides.pdf"\r\nContent-Disposition: attachment; filename="slides.pdf"\r\n\r\n%PDF-1.4\r\n--out--\r\n`, 'utf8');
    const mail = await readMail(raw);
    expect(mail.text).toBe('Titre : VACUUM en profondeur\nDurée : 25 minutes');
    expect(mail.parts.map((p) => p.filename)).toEqual(['slides.pdf']);
    expect(mail.defects).toEqual(['multipart/alternative with no boundary parameter: split at its first delimiter line, "--in"']);
  });

  it('a multipart with its boundary is read as before, nothing said', async () => {
    const raw = Buffer.from(`${head('multipart/alternative; boundary="b"')}--b\r\nContent-Type: text/plain\r\n\r\nBonjour\r\n--b--\r\n`);
    const mail = await readMail(raw);
    expect(mail.text).toBe('Bonjour');
    expect(mail.defects).toEqual([]);
  });
});

describe('readMailHeaders', () => {
  it.each([
    ['CRLF', '\r\n', '\r\n'],
    ['LF', '\n', '\n'],
    ['a CRLF line then a bare LF', '\r\n', '\n'],
    ['a LF line then CRLF', '\n', '\r\n'],
  ])('keeps every header line up to the first empty line (%s), and no body line as a header', async (_name, eol, blank) => {
    const raw = Buffer.from(`From: ana@example.org${eol}Subject: =?UTF-8?Q?Propos=C3=A9?=${eol}${blank}X-Body: not a header${eol}${eol}Bonjour${eol}`);
    const head = await readMailHeaders(raw);
    expect(head.subject).toBe('Proposé');
    expect(head.from).toEqual({ name: null, email: 'ana@example.org' });
    expect(Object.keys(head.headers).sort()).toEqual(['from', 'subject']);
    expect(head.text).toBeNull();
  });

  it('takes the whole input as headers when there is no empty line', async () => {
    const head = await readMailHeaders(Buffer.from('From: ana@example.org\r\nSubject: seul'));
    expect(head.subject).toBe('seul');
  });
});

describe.skipIf(!hasCorpus)('the header-only read (mailparser\'s header code without its streams)', () => {
  /** The header fields of a Mail, every lazily decoded header read. mailparser dates an unreadable Date header now. */
  const fields = (m: Mail, now: number) => ({
    headers: Object.fromEntries(Object.keys(m.headers).map((k) => [k, m.headers[k]])),
    ...{ messageId: m.messageId, subject: m.subject, from: m.from, sender: m.sender, to: m.to, cc: m.cc, replyTo: m.replyTo },
    ...{ inReplyTo: m.inReplyTo, references: m.references },
    date: m.date && Math.abs(m.date.getTime() - now) < 60_000 ? 'now' : m.date,
  });

  it('gives the full read\'s header fields for every corpus message and proposal fixture', async () => {
    const dir = new URL('../fixtures/proposals/', import.meta.url).pathname;
    const raws = [...corpusMessages().map((m) => ({ name: m.id, raw: m.raw })), ...readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => ({ name: f, raw: readFileSync(join(dir, f)) }))];
    expect(raws.length).toBeGreaterThan(600);
    const differ: string[] = [];
    for (const { name, raw } of raws) {
      const now = Date.now();
      const full = await readMail(raw).then((m) => fields(m, now), (e: Error) => `unreadable: ${e.message}`);
      const head = await readMailHeaders(raw).then((m) => fields(m, now), (e: Error) => `unreadable: ${e.message}`);
      if (JSON.stringify(full) !== JSON.stringify(head)) differ.push(name);
    }
    expect(differ).toEqual([]);
  }, 120_000);

  it('hasMailHeader (crieur ingest) says of every corpus message and fixture what notMailReason says of its decoded headers', async () => {
    const dir = new URL('../fixtures/proposals/', import.meta.url).pathname;
    const raws = [
      ...corpusMessages().map((m) => ({ name: m.id, raw: m.raw })),
      ...readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => ({ name: f, raw: readFileSync(join(dir, f)) })),
      // what is not mail: text, a PDF's start, JSON, random bytes, a body with no header block
      ...['hello world\n', '%PDF-1.7\n%âãÏÓ\n1 0 obj\n', '{"from": "x@y"}\n', '\n\nFrom: after a blank line is a body\n'].map((t, i) => ({ name: `not-mail-${i}`, raw: Buffer.from(t, 'latin1') })),
      { name: 'random', raw: Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37 + 11) % 256)) },
    ];
    const differ: string[] = [];
    for (const { name, raw } of raws) {
      const decoded = await readMailHeaders(raw).then((m) => notMailReason(m) === null, () => false);
      if (hasMailHeader(raw) !== decoded) differ.push(`${name}: bytes ${hasMailHeader(raw)}, decoded ${decoded}`);
    }
    expect(differ).toEqual([]);
  }, 120_000);
});

describe.skipIf(!hasCorpus)('the full read (mailparser\'s MailParser deciding only the fields crieur reads)', () => {
  // The read gives mailparser only the header lines it maps or reads itself (From, Subject, Content-*…): a line it
  // needed and did not get would change a field, a part or a body here. cid: links are not rewritten (keepCidLinks).
  it('gives simpleParser\'s fields, bodies and parts for every corpus message and proposal fixture', async () => {
    const dir = new URL('../fixtures/proposals/', import.meta.url).pathname;
    const raws = [...corpusMessages().map((m) => ({ name: m.id, raw: m.raw })), ...readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => ({ name: f, raw: readFileSync(join(dir, f)) }))];
    // mailparser dates an unreadable Date header now (toMail keeps a valid date only)
    const asDate = (d: Date | null | undefined) => (!d || Number.isNaN(d.getTime()) ? null : Math.abs(d.getTime() - Date.now()) < 60_000 ? 'now' : d.getTime());
    const blankToNull = (s: string | false | undefined) => (typeof s === 'string' && s.trim() !== '' ? withoutControls(s) : null);
    const differ: string[] = [];
    const mended = new Set<string>();
    const unsplit = new Set<string>();
    const reflowed = new Set<string>();
    const relabelled = new Set<string>();
    const crRead = new Set<string>();
    let html = 0;
    let parts = 0;
    for (const { name, raw } of raws) {
      const ours = await readMail(raw).catch((e: Error) => `unreadable: ${e.message}`);
      // A message whose lines all end in a bare CR (the corpus's sisimai « mac » copies) is read with CRLF line ends and
      // says so (withCrLineEnds): simpleParser, which took it as one header line, is given the same lines.
      const start = headerStart(raw);
      const crLines = withCrLineEnds(start);
      if (crLines) crRead.add(name);
      const theirs = await simpleParser(crLines ?? start, { ...parseOptions(crLines ?? start), keepCidLinks: true }).catch((e: Error) => `unreadable: ${e.message}`);
      if (typeof ours === 'string' || typeof theirs === 'string') {
        if (ours !== theirs) differ.push(`${name}: ${String(ours).slice(0, 40)} / ${String(theirs).slice(0, 40)}`);
        continue;
      }
      const want = {
        subject: withoutControls(theirs.subject ?? ''),
        from: theirs.from?.value.find((v) => v.address)?.address ?? null,
        to: (Array.isArray(theirs.to) ? theirs.to : theirs.to ? [theirs.to] : []).flatMap((a) => a.value.map((v) => v.address ?? '')).length,
        date: asDate(theirs.date),
        text: ours.textFromHtml ? 'derived' : blankToNull(theirs.text),
        html: blankToNull(theirs.html),
        parts: theirs.attachments.map((a) => `${a.checksum} ${a.contentType.toLowerCase()} ${a.filename ?? ''} ${a.related ? 'related' : ''}`),
      };
      const got = {
        subject: ours.subject,
        from: ours.from?.email ?? null,
        to: want.to,
        date: asDate(ours.date),
        text: ours.textFromHtml ? 'derived' : ours.text,
        html: ours.html,
        parts: ours.parts.map((p) => `${p.sha256} ${p.contentType} ${p.filename ?? ''} ${p.related ? 'related' : ''}`),
      };
      // Raw 8-bit text the message does not say how to read (src/adapters/raw-8bit.ts) mailparser reads as UTF-8,
      // each such byte becoming U+FFFD; the read takes the charset declared or Windows-1252, and says so. There, and
      // only there, a field may differ from simpleParser's: one where simpleParser lost bytes, for one that lost fewer.
      if (ours.defects.some((d) => d.includes(' in raw 8-bit'))) {
        const lost = (s: string | null) => (s ?? '').split('\ufffd').length - 1;
        for (const k of ['subject', 'text', 'html'] as const) {
          if (got[k] !== want[k] && lost(got[k]) < lost(want[k])) {
            (want as Record<typeof k, string | null>)[k] = got[k];
            mended.add(name);
          }
        }
      }
      // A multipart with no boundary parameter (src/adapters/missing-boundary.ts) simpleParser reads nothing of; the read
      // splits it at its first delimiter line, or takes its body as text, and says so: there a text, an HTML body or
      // parts may be found where simpleParser had none, and nothing simpleParser read is lost.
      if (ours.defects.some((d) => d.includes(' with no boundary parameter: '))) {
        for (const k of ['text', 'html'] as const) {
          if (want[k] === null && got[k] !== null) {
            (want as Record<typeof k, string | null>)[k] = got[k];
            unsplit.add(name);
          }
        }
        if (want.parts.every((p) => got.parts.includes(p)) && got.parts.length > want.parts.length) {
          want.parts = got.parts;
          unsplit.add(name);
        }
      }
      // A format=flowed text part the read decodes itself (core/text/flowed.ts), where mailparser's decoder joined a line
      // ending in a space across the empty line after it, or into a « -- »: there the text may differ from
      // simpleParser's in its line breaks, and only there.
      const squeezed = (s: string | null) => (s ?? '').replace(/\s+/g, '');
      if (/format\s*=\s*"?flowed/i.test(raw.toString('latin1')) && got.text !== want.text && squeezed(got.text) === squeezed(want.text)) {
        want.text = got.text;
        reflowed.add(name);
      }
      // A text part that says a single-byte charset and is UTF-8 (src/adapters/raw-8bit.ts DECLARED_SINGLE_BYTE) the read
      // takes as UTF-8, and says so: there, and only there, a text or HTML body is simpleParser's read back into the bytes
      // it came from (in the charset it said) and read as UTF-8.
      const said = ours.defects.map((d) => /^body declared (\S+) but written in UTF-8/.exec(d)?.[1]).find((c) => c !== undefined);
      if (said) {
        for (const k of ['text', 'html'] as const) {
          if (got[k] !== want[k] && want[k] && got[k] === iconv.encode(want[k], libmime.normalizeCharset(said)).toString('utf8')) {
            (want as Record<typeof k, string | null>)[k] = got[k];
            relabelled.add(name);
          }
        }
      }
      if (JSON.stringify(got) !== JSON.stringify(want)) differ.push(name);
      if (ours.html) html++;
      parts += ours.parts.length;
    }
    expect(raws.length).toBeGreaterThan(600);
    // the comparison covered HTML bodies and parts, not only plain mail
    expect(html).toBeGreaterThan(50);
    expect(parts).toBeGreaterThan(200);
    expect(differ).toEqual([]);
    // the corpus's three bounces saved with classic Mac OS line ends, each read as its LF copy in bounces/ is
    expect(crRead.size).toBeGreaterThanOrEqual(3);
    // the corpus has such mail (Latin-1, GB2312 and Big5 headers, bodies without a charset), and so do fixtures 18x
    expect(mended.size).toBeGreaterThanOrEqual(10);
    // and multiparts with no boundary (a cut or unfolded parameter: cpython msg_25, sisimai's James bounce, otobo's…)
    expect(unsplit.size).toBeGreaterThanOrEqual(5);
    // and flowed text with a line ending in a space before an empty line (roundcube's list_01: « Attached image: ␠⏎⏎Remote image: »)
    expect([...reflowed]).toContain('mime/roundcube__list_01.eml');
    // and text labelled iso-8859-1 or windows-1251 that is UTF-8 (django-mailbox's « ✿ », otobo's U+FFFD test mail)
    expect([...relabelled]).toContain('lists/django-mailbox__message_with_utf8_char.eml');
  }, 120_000);
});
