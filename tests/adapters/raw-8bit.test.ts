/**
 * Raw 8-bit text a message does not say how to read (src/adapters/raw-8bit.ts): header bytes outside encoded-words
 * that are not UTF-8, read in the charset the message declares or else Windows-1252; text parts without a charset
 * that are not UTF-8, read as Windows-1252; UTF-8 (RFC 6532) left as it is. Audit d: `from: J�r�me Lef�vre`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { readMail, readMailHeaders, mailparserReader } from '../../src/adapters/mailparser.ts';
import { declaredCharset, Raw8Bit, readBytes, usableCharset, type HeaderLine } from '../../src/adapters/raw-8bit.ts';
import { parseRawMessage } from '../../src/app/parse-message.ts';
import { formatParseResult } from '../../src/cli/format/parse-result.ts';
import { withoutControls as clean } from '../../src/core/text/controls.ts';
import type { ParseContext } from '../../src/types.ts';

/** A message from text, each part in the charset given (a header line's bytes are what the sender's client wrote). */
type Enc = BufferEncoding | 'windows-1252' | 'koi8-r' | 'iso-8859-15';
const bytes = (...chunks: [string, Enc][]) =>
  Buffer.concat(chunks.map(([text, enc]) => encode(text.replace(/\n/g, '\r\n'), enc)));
const WIN1252: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, 'œ': 0x9c, 'Œ': 0x8c };
const KOI8R: Record<string, number> = { т: 0xd4, е: 0xc5, с: 0xd3 };
function encode(text: string, enc: Enc): Buffer {
  if (enc === 'windows-1252') return Buffer.from([...text].map((c) => WIN1252[c] ?? c.charCodeAt(0)));
  if (enc === 'koi8-r') return Buffer.from([...text].map((c) => KOI8R[c] ?? c.charCodeAt(0)));
  if (enc === 'iso-8859-15') return Buffer.from([...text].map((c) => (c === '€' ? 0xa4 : c.charCodeAt(0))));
  return Buffer.from(text, enc);
}
/** mailsplit's header lines: byte strings. */
const line = (key: string, text: string, enc: Enc = 'latin1'): HeaderLine => ({ key, line: encode(text, enc).toString('latin1') });
const utf8 = (l: HeaderLine) => Buffer.from(l.line, 'latin1').toString('utf8');

const PLAIN = 'MIME-Version: 1.0\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n';

describe('Raw8Bit.headers (a header line in raw 8-bit, as mailsplit gives it)', () => {
  it('reads a line that is not UTF-8 as Windows-1252 when the message declares no charset, and says so', () => {
    const r = new Raw8Bit(bytes([`From: x@example.org\n${PLAIN}\nBonjour\n`, 'latin1']));
    const lines = [line('from', 'From: Jérôme Lefèvre <jerome@example.fr>'), line('subject', 'Subject: L’œil – 10 €', 'windows-1252'), line('to', 'To: talks@pgug.example.org')];
    r.headers(lines);
    expect(lines.map(utf8)).toEqual(['From: Jérôme Lefèvre <jerome@example.fr>', 'Subject: L’œil – 10 €', 'To: talks@pgug.example.org']);
    expect(r.defects).toEqual(['headers in raw 8-bit: read as windows-1252']);
  });

  it('leaves a valid UTF-8 line (RFC 6532) as it is, and says nothing', () => {
    const r = new Raw8Bit(bytes([`From: x@example.org\n${PLAIN}\nBonjour\n`, 'latin1']));
    const from = line('from', 'From: Jérôme Lefèvre <jérôme@exemple.fr>', 'utf8');
    const subject = line('subject', 'Subject: Proposition de conférence : « L’œil » 🐘', 'utf8');
    const before = [from.line, subject.line];
    r.headers([from, subject]);
    expect([from.line, subject.line]).toEqual(before);
    expect(utf8(subject)).toBe('Subject: Proposition de conférence : « L’œil » 🐘');
    expect(r.defects).toEqual([]);
  });

  it('leaves UTF-8 with a character cut short as UTF-8, not as Windows-1252 mojibake', () => {
    const cut = Buffer.concat([Buffer.from('From: Юникод запрещен'), Buffer.from([0xd1]), Buffer.from(' <h@example.org>')]).toString('latin1');
    const l = { key: 'from', line: cut };
    const r = new Raw8Bit(Buffer.from('From: h@example.org\r\n\r\nx\r\n'));
    r.headers([l]);
    expect(l.line).toBe(cut);
    expect(r.defects).toEqual([]);
  });

  it.each([
    ['the body’s charset', `Content-Type: text/plain; charset=ISO-8859-15\n\nCorps\n`, 'iso-8859-15', 'Subject: 10 €'],
    ['the first text part’s', `Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: image/png\n\n--b\nContent-Type: text/plain;\n\tcharset="iso-8859-15"\n\nCorps\n--b--\n`, 'iso-8859-15', 'Subject: 10 €'],
    ['utf-8 declared: the bytes are not UTF-8, Windows-1252', `Content-Type: text/plain; charset=utf-8\n\nCorps\n`, 'windows-1252', 'Subject: 10 ¤'],
    ['us-ascii declared: Windows-1252', `Content-Type: text/plain; charset=us-ascii\n\nCorps\n`, 'windows-1252', 'Subject: 10 ¤'],
    ['utf-7 declared (not ASCII-compatible): Windows-1252', `Content-Type: text/plain; charset=utf-7\n\nCorps\n`, 'windows-1252', 'Subject: 10 ¤'],
    ['utf-16 declared: Windows-1252', `Content-Type: text/plain; charset=utf-16le\n\nCorps\n`, 'windows-1252', 'Subject: 10 ¤'],
    ['an unknown charset: Windows-1252', `Content-Type: text/plain; charset=x-martian\n\nCorps\n`, 'windows-1252', 'Subject: 10 ¤'],
  ])('reads in %s', (_name, rest, said, subject) => {
    const r = new Raw8Bit(bytes([`From: x@example.org\nMIME-Version: 1.0\n${rest}`, 'latin1']));
    const l = line('subject', 'Subject: 10 €', 'iso-8859-15');
    r.headers([l]);
    expect(utf8(l)).toBe(subject);
    expect(r.defects[0]).toMatch(new RegExp(`^headers in raw 8-bit: read as ${said}`));
  });

  it('reads KOI8-R when the first text part declares it', () => {
    const raw = bytes(['From: x@example.org\nSubject: ', 'latin1'], ['тест', 'koi8-r'], ['\nContent-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain; charset=koi8-r\n\nx\n--b--\n', 'latin1']);
    const r = new Raw8Bit(raw);
    const l = { key: 'subject', line: Buffer.concat([Buffer.from('Subject: '), encode('тест', 'koi8-r')]).toString('latin1') };
    r.headers([l]);
    expect(utf8(l)).toBe('Subject: тест');
    expect(r.defects).toEqual(['headers in raw 8-bit: read as koi8-r, the charset the message declares']);
  });
});

describe('readBytes, declaredCharset, usableCharset', () => {
  it('reads line by line: a UTF-8 footer under a Windows-1252 body stays UTF-8', () => {
    const b = Buffer.concat([encode('Intervention – 20 min\n', 'windows-1252'), Buffer.from('-- \nListe « pgfr » ✓\n')]);
    expect(readBytes(b, 'windows-1252')).toBe('Intervention – 20 min\n-- \nListe « pgfr » ✓\n');
    expect(readBytes(Buffer.from('déjà UTF-8\n'), 'windows-1252')).toBeNull();
  });

  it('finds the declared charset in the header block, else in the first text part, and only there', () => {
    expect(declaredCharset(Buffer.from('Content-Type: text/plain; charset="ISO-8859-1"\r\n\r\nx'))).toBe('ISO-8859-1');
    expect(declaredCharset(Buffer.from('Content-Type: text/plain\r\n\r\nContent-Type: text/plain; charset=koi8-r\r\n'))).toBeNull();
    expect(declaredCharset(Buffer.from('Subject: x\r\n\r\nx'))).toBeNull();
    expect(usableCharset('iso-8859-1')).toBe('windows-1252'); // as the body is read (libmime, WHATWG)
    expect(usableCharset('GB2312')).not.toBeNull();
    expect(usableCharset('UTF-8')).toBeNull();
  });
});

describe('readMail and readMailHeaders', () => {
  const HEAD = 'To: talks@pgug.example.org\nMessage-ID: <a@exemple.fr>\nDate: Tue, 01 Dec 2026 09:00:00 +0100\n';

  it('raw Latin-1 headers, body declared ISO-8859-1: read as ISO-8859-1, in the fields and in the header map', async () => {
    const raw = bytes([`From: Jérôme Lefèvre <jerome@exemple.fr>\nSubject: Proposition de conférence : Réplication\n${HEAD}MIME-Version: 1.0\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\nRéplication logique.\n`, 'latin1']);
    for (const mail of [await readMail(raw), await readMailHeaders(raw)]) {
      expect(mail.from).toEqual({ name: 'Jérôme Lefèvre', email: 'jerome@exemple.fr' });
      expect(mail.subject).toBe('Proposition de conférence : Réplication');
      expect(mail.headers.subject).toEqual(['Proposition de conférence : Réplication']);
      expect(mail.headers.from).toEqual(['Jérôme Lefèvre <jerome@exemple.fr>']);
      expect(mail.defects).toEqual(['headers in raw 8-bit: read as iso-8859-1, the charset the message declares']);
    }
    expect((await readMail(raw)).text).toBe('Réplication logique.\n');
  });

  it('raw UTF-8 headers (RFC 6532) stay UTF-8, in the fields and in the header map, with no warning', async () => {
    const raw = bytes([`From: Hélène Dupont <hélène@exemple.fr>\nSubject: Proposition : « L’œil » 🐘\n${HEAD}${PLAIN}\nBonjour\n`, 'utf8']);
    for (const mail of [await readMail(raw), await readMailHeaders(raw)]) {
      expect(mail.subject).toBe('Proposition : « L’œil » 🐘');
      expect(mail.from).toEqual({ name: 'Hélène Dupont', email: 'hélène@exemple.fr' });
      expect(mail.headers.subject).toEqual(['Proposition : « L’œil » 🐘']);
      expect(mail.headers.from).toEqual(['Hélène Dupont <hélène@exemple.fr>']);
      expect(mail.defects).toEqual([]);
    }
  });

  it('mends each line alone: a UTF-8 From stays, a Windows-1252 Subject is read as such', async () => {
    const raw = bytes([`From: Hélène Dupont <h@exemple.fr>\n`, 'utf8'], ['Subject: L’œil\n', 'windows-1252'], [`${HEAD}${PLAIN}\nBonjour\n`, 'latin1']);
    const mail = await readMail(raw);
    expect(mail.from?.name).toBe('Hélène Dupont');
    expect(mail.subject).toBe('L’œil');
  });

  it.each([
    ['without a charset', 'Content-Type: text/plain', 'body in raw 8-bit without a charset: read as windows-1252'],
    ['declared us-ascii', 'Content-Type: text/plain; charset=us-ascii', 'body in raw 8-bit declared us-ascii: read as windows-1252'],
    ['with no Content-Type', 'X-Nothing: declared', 'body in raw 8-bit without a charset: read as windows-1252'],
    // a client or a list labelling Latin-1 text utf-8: mailparser gave a U+FFFD for every accented letter
    ['declared utf-8', 'Content-Type: text/plain; charset="UTF-8"', 'body in raw 8-bit declared utf-8 but not UTF-8: read as windows-1252'],
  ])('a body %s that is not UTF-8 is read as Windows-1252, and said', async (_name, ct, said) => {
    const raw = bytes([`From: a@exemple.fr\nSubject: s\n${HEAD}${ct}\n\n`, 'latin1'], ['L’œil : 12 000 € – « économisés »\n', 'windows-1252']);
    const mail = await readMail(raw);
    expect(mail.text).toBe('L’œil : 12 000 € – « économisés »\n');
    expect(mail.defects).toEqual([said]);
  });

  it('a body without a charset that is UTF-8 is UTF-8, and nothing is said', async () => {
    const mail = await readMail(bytes([`From: a@exemple.fr\nSubject: s\n${HEAD}${PLAIN}\nL’œil : 12 000 €\n`, 'utf8']));
    expect(mail.text).toBe('L’œil : 12 000 €\n');
    expect(mail.defects).toEqual([]);
  });

  it('a body declared utf-8 that is UTF-8 is read as before, byte-order mark and all, and nothing is said', async () => {
    const mail = await readMail(bytes([`From: a@exemple.fr\nSubject: s\n${HEAD}Content-Type: text/plain; charset=utf-8\n\n\ufeffL’œil : 12 000 €\n`, 'utf8']));
    expect(mail.text).toBe('\ufeffL’œil : 12 000 €\n');
    expect(mail.defects).toEqual([]);
  });

  it('a body declared utf-8 with one Latin-1 line among UTF-8 ones: that line alone is read as Windows-1252', async () => {
    const raw = bytes([`From: a@exemple.fr\nSubject: s\n${HEAD}Content-Type: text/plain; charset=utf-8\n\nRéplication « logique »\n`, 'utf8'], ['Jérôme\n', 'latin1']);
    const mail = await readMail(raw);
    expect(mail.text).toBe('Réplication « logique »\nJérôme\n');
  });

  it('an HTML part without a charset too', async () => {
    const raw = bytes([`From: a@exemple.fr\nSubject: s\n${HEAD}Content-Type: text/html\n\n`, 'latin1'], ['<p>Réplication – « logique »</p>\n', 'windows-1252']);
    const mail = await readMail(raw);
    expect(mail.html).toContain('<p>Réplication – « logique »</p>');
    expect(mail.text).toContain('Réplication – « logique »');
  });
});

// held-out audit 4: a webmail or a script labelling UTF-8 text with its default Latin-1 gave « prÃ©sentation »
describe('a body declared in a single-byte charset that is UTF-8', () => {
  const head = (ct: string, cte = '8bit') => `From: a@exemple.fr\nSubject: s\nMIME-Version: 1.0\nContent-Type: ${ct}\nContent-Transfer-Encoding: ${cte}\n\n`;
  it.each(['iso-8859-1', 'ISO-8859-15', 'windows-1252'])('declared %s: read as UTF-8, and said', async (cs) => {
    const mail = await readMail(bytes([head(`text/plain; charset="${cs}"`), 'latin1'], ['Je propose « Les statistiques étendues », 20 min.\n', 'utf8']));
    expect(mail.text).toBe('Je propose « Les statistiques étendues », 20 min.\n');
    expect(mail.defects).toEqual([`body declared ${cs.toLowerCase()} but written in UTF-8: read as UTF-8`]);
  });
  it('quoted-printable, in an HTML part', async () => {
    const qp = Buffer.from('<p>Pr\u00e9sentation</p>\n', 'utf8').toString('latin1').replace(/[\x80-\xff]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const mail = await readMail(bytes([head('text/html; charset=iso-8859-1', 'quoted-printable') + qp, 'latin1']));
    expect(mail.html).toContain('<p>Présentation</p>');
  });
  it('a body that is the Latin-1 it says is read as before, and nothing is said', async () => {
    const mail = await readMail(bytes([head('text/plain; charset=iso-8859-1'), 'latin1'], ['Réplication « logique » à 12 000 ¤\n', 'latin1']));
    expect(mail.text).toBe('Réplication « logique » à 12 000 ¤\n');
    expect(mail.defects).toEqual([]);
    const euro = await readMail(bytes([head('text/plain; charset=iso-8859-15'), 'latin1'], ['12 000 €\n', 'iso-8859-15']));
    expect(euro.text).toBe('12 000 €\n');
  });
  it.each(['iso-8859-1', 'ISO-8859-15', 'windows-1252', 'cp1251', 'latin2', 'iso-8859-7'])('an ASCII body declared %s is itself, every ASCII byte, and nothing is said', async (cs) => {
    // every byte but CR and LF (line ends), and NUL (cleaned from the text), in quoted-printable so that each is the part's
    const ascii = Array.from({ length: 128 }, (_v, b) => b).filter((b) => b !== 0 && b !== 0x0a && b !== 0x0d);
    const qp = ascii.map((b) => `=${b.toString(16).padStart(2, '0').toUpperCase()}`).join('=\n');
    const mail = await readMail(bytes([head(`text/plain; charset=${cs}`, 'quoted-printable') + `${qp}\nTitre : Index BRIN\n`, 'latin1']));
    const iconv = createRequire(import.meta.url)('iconv-lite') as { decode(b: Buffer, cs: string): string };
    expect(mail.text).toBe(clean(`${iconv.decode(Buffer.from(ascii), cs)}\nTitre : Index BRIN\n`));
    expect(mail.defects).toEqual([]);
  });
  it('a UTF-8 line under Latin-1 ones: that line alone is read as UTF-8', async () => {
    const raw = bytes([head('text/plain; charset=windows-1252'), 'latin1'], ['L’œil de Jérôme\n', 'windows-1252'], ['— envoyé par la liste « générale »\n', 'utf8']);
    const mail = await readMail(raw);
    expect(mail.text).toBe('L’œil de Jérôme\n— envoyé par la liste « générale »\n');
  });
});

describe('fixtures 180–182, 208: proposals in raw 8-bit, through crieur parse', () => {
  const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: [], secret: null };
  const fixture = (name: string) => readFileSync(new URL(`../fixtures/proposals/${name}`, import.meta.url));

  it.each([
    ['180-raw-8bit-latin1-headers-no-charset-fr.eml', 'Jérôme Lefèvre', 'Réplication logique', ['headers in raw 8-bit: read as windows-1252', 'body in raw 8-bit without a charset: read as windows-1252']],
    ['181-raw-8bit-cp1252-headers-no-charset-fr.eml', 'Gaëlle Le Bœuf', 'L’œil sur pg_stat_statements', ['headers in raw 8-bit: read as windows-1252', 'body in raw 8-bit without a charset: read as windows-1252']],
    ['182-raw-8bit-headers-outlook-declared-latin1-fr.eml', 'Loïc Cœurdevey', 'Sauvegardes « incrémentales » avec pg_basebackup', ['headers in raw 8-bit: read as iso-8859-1, the charset the message declares']],
    ['208-body-declared-utf8-written-latin1-fr.eml', 'Jérôme Lefèvre', 'Réplication logique sans arrêt', ['body in raw 8-bit declared utf-8 but not UTF-8: read as windows-1252']],
  ])('%s', async (name, from, title, warnings) => {
    const out = await parseRawMessage(fixture(name), ctx, mailparserReader);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.result.from?.name).toBe(from);
    expect(out.result.proposal?.title).toBe(title);
    expect(out.result.warnings).toEqual(expect.arrayContaining(warnings));
    const human = formatParseResult(out.result);
    expect(human).toContain(`from:      ${from} <`);
    expect(human).toContain(`title:     ${title}`);
    expect(human).not.toContain('\ufffd');
  });
});
