import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { splitLines } from '../../src/adapters/split-lines.ts';
import { corpusMessages, hasCorpus } from '../support/corpus.ts';

const require = createRequire(import.meta.url);
type Item = { type: string; value?: Buffer; node?: { getHeaders(): Buffer; contentType?: unknown; multipart?: unknown } };
type SplitterStream = NodeJS.ReadWriteStream & { _transform: unknown };
const { Splitter } = require('@zone-eu/mailsplit') as { Splitter: new () => SplitterStream };

/** What a splitter hands on for `raw` written in pieces of `size` bytes: each chunk's type, bytes and node, or its error. */
function split(raw: Buffer, size: number, fast: boolean): Promise<string[]> {
  const splitter = new Splitter();
  if (fast) splitter._transform = splitLines;
  const out: string[] = [];
  return new Promise((resolve) => {
    splitter.on('data', (d: Item) => {
      const node = d.type === 'node' && d.node ? `${String(d.node.contentType)}|${String(d.node.multipart)}|${d.node.getHeaders().toString('latin1')}` : '';
      out.push(`${d.type}:${d.value ? d.value.toString('latin1') : ''}${node}`);
    });
    splitter.on('error', (err: Error) => resolve([...out, `error:${err.message}`]));
    splitter.on('end', () => resolve(out));
    for (let i = 0; i < raw.length; i += size) splitter.write(raw.subarray(i, i + size));
    splitter.end();
  });
}

async function same(raw: Buffer, sizes: number[]): Promise<void> {
  for (const size of sizes) expect(await split(raw, size, true), `pieces of ${size}`).toEqual(await split(raw, size, false));
}

const MULTIPART = Buffer.from(
  [
    'From: a@example.org', 'Content-Type: multipart/mixed; boundary="b1"', '', 'preamble', '--b1', 'Content-Type: text/plain', '',
    'line one\r', 'line two', '', '--b1', 'Content-Type: multipart/alternative; boundary=b2', '', '--b2', '', 'inner\r\n\r', '--b2--  ',
    '--b1--', 'epilogue',
  ].join('\r\n') + '\r\n\n\rtrailing without line end',
  'latin1',
);

describe('splitLines (mailsplit _transform with memchr line search)', () => {
  it('hands on what mailsplit does for a multipart message, written whole and in pieces cut inside every line end', async () => {
    await same(MULTIPART, [MULTIPART.length, 1, 2, 3, 5, 7, 13, 64]);
  });

  it('does so for lines longer than the yield batch and the pending-line bound, and LF-only and CR-only text', async () => {
    const long = Buffer.concat([Buffer.from('Subject: x\n\n'), Buffer.alloc(70_000, 0x61), Buffer.from('\n'), Buffer.alloc(40_000, 0x0a), Buffer.from('a\rb\rc')]);
    await same(long, [long.length, 1000, 16 * 1024, 65_537]);
  });

  it.skipIf(!hasCorpus)('hands on what mailsplit does for every corpus message, whole and in pieces of 1 KB and 77 bytes', async () => {
    const messages = corpusMessages();
    expect(messages.length).toBeGreaterThan(500);
    for (const m of messages) await same(m.raw, [m.raw.length, 1024, 77]);
  }, 120_000);
});
