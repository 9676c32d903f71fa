import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import DataStream from 'nodemailer/lib/smtp-connection/data-stream';
import { describe, expect, it } from 'vitest';
import { dotStuffingInstalled, fingerprint, nodemailerTransform, stuffChunk } from '../../src/adapters/smtp/dot-stuff.ts';
import { createSender } from '../../src/adapters/smtp/sender.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';

type Stream = InstanceType<typeof DataStream> & { _transform: unknown };

type Transform = (this: unknown, chunk: Buffer, encoding: string, done: () => void) => void;
const proto = DataStream.prototype as unknown as { _transform: Transform; _flush: (this: unknown, done: () => void) => void };

/**
 * The bytes a DataStream writes for `chunks` (its final dot included), with its counts; `own`: nodemailer's loop.
 * Run on the stream's state without the stream (both transforms call back at once): the corpus in seconds.
 */
function through(chunks: Buffer[], own: boolean) {
  const out: Buffer[] = [];
  const s = { inByteCount: 0, outByteCount: 0, lastByte: false as number | false, push: (c: Buffer) => out.push(c) };
  const transform = own ? (nodemailerTransform as unknown as Transform) : proto._transform;
  for (const c of chunks) transform.call(s, c, 'buffer', () => undefined);
  proto._flush.call(s, () => undefined);
  return { bytes: digest(Buffer.concat(out)), inByteCount: s.inByteCount, outByteCount: s.outByteCount, lastByte: s.lastByte };
}
/** Output compared by its hash: vitest compares buffers byte by byte, minutes over the corpus. */
const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The same through a real stream (the stream's own bookkeeping around `_transform`). */
async function streamed(chunks: Buffer[], own: boolean) {
  const s = new DataStream() as Stream;
  if (own) s._transform = nodemailerTransform;
  const out: Buffer[] = [];
  s.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise((r) => s.on('end', r));
  for (const c of chunks) s.write(c);
  s.end();
  await ended;
  return { bytes: Buffer.concat(out), inByteCount: s.inByteCount, outByteCount: s.outByteCount, lastByte: s.lastByte };
}

/** Cuts `buf` at `n` random places (empty pieces included). */
function cut(buf: Buffer, n: number, rnd: () => number): Buffer[] {
  const at = Array.from({ length: n }, () => Math.floor(rnd() * (buf.length + 1))).sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const a of [...at, buf.length]) {
    pieces.push(buf.subarray(from, a));
    from = a;
  }
  return pieces;
}
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe("DATA dot-stuffing by line-end scans (nodemailer's DataStream, same bytes)", () => {
  it('is installed on the nodemailer this was checked against (another version keeps its own loop: look again)', () => {
    expect(dotStuffingInstalled).toBe(true);
    expect(fingerprint(nodemailerTransform)).toBe('f9011076cfb9b81d6f382bca2d600bc9fe9d40bbe0d4bed9a0563aab27e8d4d5');
    expect((DataStream.prototype as unknown as { _transform: unknown })._transform).not.toBe(nodemailerTransform);
  });

  it.each([
    ['', []],
    ['.', []],
    ['.\r\n..\r\n.', []],
    ['a\nb\rc\r\nd', []],
    ['\r.\r\r\n\n.\n\r', []],
    ['line\r\n.hidden\r\n\r\n.\r\n', [6, 7]],
    ['x\r', [2]],
    ['x\r.y', [2]],
    ['x\n.y', [2]],
    ['.\n', [0, 1, 1]],
  ])('%j cut at %j', async (text, at) => {
    const buf = Buffer.from(text, 'latin1');
    const pieces: Buffer[] = [];
    let from = 0;
    for (const a of [...at, buf.length]) {
      pieces.push(buf.subarray(from, a));
      from = a;
    }
    expect(through(pieces, false)).toEqual(through(pieces, true));
    expect(await streamed(pieces, false)).toEqual(await streamed(pieces, true));
  });

  it('random bytes of CR, LF, dots and letters, cut at random places', () => {
    const rnd = rng(12);
    const alphabet = [0x0d, 0x0a, 0x2e, 0x61, 0x20];
    for (let round = 0; round < 400; round++) {
      const buf = Buffer.from(Array.from({ length: Math.floor(rnd() * 200) }, () => alphabet[Math.floor(rnd() * alphabet.length)]!));
      const pieces = cut(buf, Math.floor(rnd() * 6), rnd);
      expect(through(pieces, false), JSON.stringify(buf.toString('latin1'))).toEqual(through(pieces, true));
    }
  });

  it('every corpus message and fixture, whole and cut at random places, and as the sender slices it (64 KiB)', () => {
    const rnd = rng(7);
    const root = process.env.CRIEUR_CORPUS ?? join(import.meta.dirname, '../../../shared/corpus');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (name.endsWith('.eml')) files.push(p);
      }
    };
    walk(join(import.meta.dirname, '../fixtures'));
    try {
      walk(root);
    } catch {
      // no corpus on this machine: the fixtures alone
    }
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) {
      const buf = readFileSync(f);
      const slices = [];
      for (let i = 0; i < buf.length; i += 64 * 1024) slices.push(buf.subarray(i, i + 64 * 1024));
      for (const pieces of [[buf], slices, cut(buf, 3, rnd)]) expect(through(pieces, false), f).toEqual(through(pieces, true));
    }
  });

  it('gives back the chunk itself when nothing is inserted (no copy)', () => {
    const buf = Buffer.from('a.b\r\n c.\r\nd');
    expect(stuffChunk(buf, 0x0a)).toBe(buf);
    expect(stuffChunk(Buffer.from('.x'), 0x0a).toString()).toBe('..x');
  });

  it('is what the sender sends: lines opening on a dot and bare line ends arrive as nodemailer sent them', async () => {
    const sink = await startSmtpSink();
    const sender = createSender(sink.url, { pool: 1, timeoutMs: 5_000 });
    try {
      const raw = Buffer.from('From: a@example.org\r\nTo: b@example.org\r\nSubject: dots\r\n\r\n.one\r\ntwo\n.three\r.\r\n..\r\n');
      await sender.send(raw, { from: 'a@example.org', to: ['b@example.org'] });
      const got = await sink.waitFor(1);
      expect(got[0]!.raw.toString('latin1')).toBe('From: a@example.org\r\nTo: b@example.org\r\nSubject: dots\r\n\r\n.one\r\ntwo\r\n.three\r\n.\r\n..\r\n');
    } finally {
      await sender.close();
      await sink.close();
    }
  });
});
