/**
 * What the mailparser adapter leaves out of mailparser's own work (issue 12, decode): each cut is checked here to do
 * nothing else. tests/adapters/mailparser.test.ts compares the whole read with simpleParser's on the corpus.
 */
import { Duplex, PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { endOnce, readMail } from '../../src/adapters/mailparser.ts';

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

