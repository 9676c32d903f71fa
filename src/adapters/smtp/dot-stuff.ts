/**
 * SMTP DATA's transparency (RFC 5321 4.5.2) as nodemailer's DataStream does it — a dot opening a line doubled, a bare
 * CR or a bare LF made CRLF, a dot after a bare CR doubled too (SMTP smuggling) — but found with `indexOf` over the
 * line ends instead of a test of every byte in JavaScript: nodemailer's loop was 1 % of the worker's samples in
 * bench:ingest's profile (3.4 % with what it calls), ≈ 100 µs for an 18 KB acknowledgement, the scan ≈ 20 µs.
 *
 * The stream class is nodemailer's own (`nodemailer/lib/smtp-connection/data-stream`, a path of its exports map, the
 * module its SMTP connection imports): its `_transform` is replaced, once per process, by one giving the same bytes
 * (tests/smtp/dot-stuff.test.ts compares them on random input cut at random places, and on the corpus), and only when
 * it is still the version this was checked against — another nodemailer keeps its own loop (the test then fails, to be
 * looked at again).
 */
import { createHash } from 'node:crypto';
import DataStream from 'nodemailer/lib/smtp-connection/data-stream';

const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;
// What is inserted, shared as nodemailer shares them (only ever copied by Buffer.concat).
const INSERT_LF = Buffer.from('\n');
const INSERT_LF_DOT = Buffer.from('\n.');
const INSERT_CR = Buffer.from('\r');
const INSERT_DOT = Buffer.from('.');

/**
 * What goes before the byte at `i` whose previous byte is `prev` (false: the stream's first byte), in nodemailer's
 * order of tests: a byte after a bare CR (a dot there stuffed as at a line start), a bare LF, a dot opening a line.
 */
function insertAt(byte: number, prev: number | false): Buffer | null {
  if (prev === CR && byte !== LF) return byte === DOT ? INSERT_LF_DOT : INSERT_LF;
  if (byte === LF && prev !== CR) return INSERT_CR;
  if (byte === DOT && (prev === LF || prev === false)) return INSERT_DOT;
  return null;
}

/**
 * One chunk's bytes as nodemailer's DataStream writes them, `lastByte` the stream's byte before the chunk (false at its
 * start): the chunk itself when nothing is inserted. Only a chunk's first byte, the bytes after a CR and the LFs and
 * the bytes after them can take an insertion, so only they are looked at.
 */
export function stuffChunk(chunk: Buffer, lastByte: number | false): Buffer {
  const len = chunk.length;
  let parts: Buffer[] | null = null;
  let outLen = 0;
  let lastPos = 0;
  const at = (i: number) => {
    const insert = insertAt(chunk[i]!, i === 0 ? lastByte : chunk[i - 1]!);
    if (insert === null) return;
    parts ??= [];
    if (i > lastPos) {
      parts.push(chunk.subarray(lastPos, i));
      outLen += i - lastPos;
    }
    parts.push(insert);
    outLen += insert.length;
    lastPos = i;
  };
  at(0);
  let done = 0; // the last position looked at: each is looked at once, in order
  let cr = chunk.indexOf(CR);
  let lf = chunk.indexOf(LF);
  while (cr !== -1 || lf !== -1) {
    if (lf === -1 || (cr !== -1 && cr < lf)) {
      const next = cr + 1;
      if (next < len && next > done) at((done = next));
      cr = chunk.indexOf(CR, cr + 1);
    } else {
      if (lf > done) at((done = lf));
      const next = lf + 1;
      if (next < len) at((done = next));
      lf = chunk.indexOf(LF, lf + 1);
    }
  }
  if (parts === null) return chunk;
  const list = parts as Buffer[];
  if (lastPos < len) {
    list.push(chunk.subarray(lastPos));
    outLen += len - lastPos;
  }
  return Buffer.concat(list, outLen);
}

interface DataStreamState {
  inByteCount: number;
  outByteCount: number;
  lastByte: number | false;
  push(chunk: Buffer): boolean;
}

/** DataStream's `_transform` over stuffChunk: the same counts, the same last byte, the same chunks pushed. */
function transform(this: DataStreamState, chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
  if (!chunk || !chunk.length) return done();
  const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  this.inByteCount += bytes.length;
  const out = stuffChunk(bytes, this.lastByte);
  this.outByteCount += out.length;
  this.push(out);
  this.lastByte = bytes[bytes.length - 1]!;
  done();
}

/** The sha256 of the `_transform` source this replaces (nodemailer 10.6.0's, with the bare-CR rule). */
const CHECKED = 'f9011076cfb9b81d6f382bca2d600bc9fe9d40bbe0d4bed9a0563aab27e8d4d5';

const proto = DataStream.prototype as unknown as { _transform: (...args: unknown[]) => void };
/** nodemailer's own `_transform`, as found at load (tests compare against it). */
export const nodemailerTransform = proto._transform;
export const fingerprint = (fn: (...args: unknown[]) => void) => createHash('sha256').update(fn.toString()).digest('hex');

/** Whether nodemailer's DataStream now stuffs with stuffChunk (false: its `_transform` was not the one checked). */
export const dotStuffingInstalled: boolean = (() => {
  if (fingerprint(nodemailerTransform) !== CHECKED) return false;
  proto._transform = transform as unknown as (...args: unknown[]) => void;
  return true;
})();
