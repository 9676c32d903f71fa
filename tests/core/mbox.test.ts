/** mbox files read by `parse` and `ingest` (src/core/mbox.ts): message counts, From_ lines, >From unescaping. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMbox, splitMbox } from '../../src/core/mbox.ts';
import { corpusDir, hasCorpus } from '../support/corpus.ts';

describe('an mbox written here', () => {
  const mbox = Buffer.from(
    [
      'From speaker@example.fr Mon Nov  3 10:00:00 2025',
      'From: Jean <speaker@example.fr>',
      'Subject: Proposition',
      '',
      'Bonjour,',
      '>From the archives: a line escaped by the writer',
      '>>From a line that began with >From',
      'From Paris with love (an unescaped body line, no date: not a separator)',
      '',
      'From -',
      'From: other@example.org',
      'Subject: Second',
      '',
      'deux',
      '',
      'From MAILER-DAEMON Tue Nov  4 08:00:00 2025',
      'From: MAILER-DAEMON@mx.example.net',
      'Subject: Third',
      '',
      'trois',
      '',
    ].join('\n'),
  );

  it('is recognised by content; a message is not', () => {
    expect(isMbox(mbox)).toBe(true);
    expect(isMbox(Buffer.from('From: a@b.c\nSubject: x\n\nbody\n'))).toBe(false);
    expect(isMbox(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), mbox]))).toBe(true);
  });

  it('splits every message, drops From_ lines and the separating blank line, unescapes one >', () => {
    const messages = splitMbox(mbox).map((m) => m.toString('utf8'));
    expect(messages).toHaveLength(3);
    expect(messages[0]).toBe(
      'From: Jean <speaker@example.fr>\nSubject: Proposition\n\nBonjour,\nFrom the archives: a line escaped by the writer\n>From a line that began with >From\nFrom Paris with love (an unescaped body line, no date: not a separator)\n',
    );
    expect(messages[1]).toBe('From: other@example.org\nSubject: Second\n\ndeux\n');
    expect(messages[2]).toBe('From: MAILER-DAEMON@mx.example.net\nSubject: Third\n\ntrois\n');
  });

  it('keeps CRLF line ends and 8-bit bytes as they were', () => {
    const raw = Buffer.concat([Buffer.from('From a@b.c Mon Nov  3 10:00:00 2025\r\nSubject: \xe9t\xe9\r\n\r\nx\r\n', 'latin1')]);
    expect(splitMbox(raw)[0]!.equals(Buffer.from('Subject: \xe9t\xe9\r\n\r\nx\r\n', 'latin1'))).toBe(true);
  });
});

describe.skipIf(!hasCorpus)('the corpus mbox files', () => {
  it.each([
    ['lasuite-messages__messages.mbox', 3],
    ['mime4j__mbox.rlug.mbox', 5],
    ['mimekit__issue1189.mbox.mbox', 4],
    ['mimekit__simple.mbox.mbox', 3],
    ['mimekit__unmunged.mbox.mbox', 2],
    ['roundcube__import.mbox', 3],
    ['sisimai__mbox-0.mbox', 37],
    ['sisimai__mbox-1.mbox', 1],
    ['spamassassin__nice.mbox', 3],
  ])('%s holds %i messages, each with headers', (file, count) => {
    const raw = readFileSync(join(corpusDir(), 'mbox', file));
    expect(isMbox(raw)).toBe(true);
    const messages = splitMbox(raw);
    expect(messages).toHaveLength(count);
    for (const m of messages) expect(m.toString('latin1')).toMatch(/^[A-Za-z-]+:/);
  });

  it('roundcube: the >From line of the second message is unescaped', () => {
    const second = splitMbox(readFileSync(join(corpusDir(), 'mbox', 'roundcube__import.mbox')))[1]!.toString('latin1');
    expect(second).toMatch(/\r\nFrom me\r\n$/);
  });
});
