/**
 * The sender's DATA goes through the fast dot-stuffing (src/adapters/smtp/dot-stuff.ts), review of f14ec65: its tests
 * import dot-stuff.ts themselves and compare the two transforms, so none would notice the sender no longer installing
 * it, nor nodemailer's connection using a DataStream other than the one patched (a second copy of the class: the patch
 * inert, the CPU back). This file imports the sender alone, counts the patched transform's calls during a real send to
 * an smtp-server listener, and checks a line opening on a dot still arrives stuffed (the listener unstuffs it).
 */
import { createHash } from 'node:crypto';
import DataStream from 'nodemailer/lib/smtp-connection/data-stream';
import { describe, expect, it } from 'vitest';
import { createSender } from '../../src/adapters/smtp/sender.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';

/** nodemailer 10.6.0's own `_transform` (dot-stuff.ts CHECKED): what the class has when nothing patched it. */
const NODEMAILER_OWN = 'f9011076cfb9b81d6f382bca2d600bc9fe9d40bbe0d4bed9a0563aab27e8d4d5';
type Transform = (this: unknown, chunk: Buffer, encoding: string, done: () => void) => void;
const proto = DataStream.prototype as unknown as { _transform: Transform };

describe("the sender's DATA stream", () => {
  it('is stuffed by the patched transform once the sender is loaded: called for the mail, a dot line stuffed on the wire', async () => {
    const installed = proto._transform;
    expect(createHash('sha256').update(installed.toString()).digest('hex')).not.toBe(NODEMAILER_OWN);
    let calls = 0;
    let bytes = 0;
    proto._transform = function (this: unknown, chunk: Buffer, encoding: string, done: () => void) {
      calls++;
      bytes += chunk.length;
      return installed.call(this, chunk, encoding, done);
    };
    const sink = await startSmtpSink();
    const sender = createSender(sink.url, { pool: 1, timeoutMs: 5_000 });
    try {
      const raw = Buffer.from(`From: a@example.org\r\nTo: b@example.org\r\nSubject: dots\r\n\r\n${'x'.repeat(70_000)}\r\n.\r\n.hidden\r\nend\r\n`);
      await sender.send(raw, { from: 'a@example.org', to: ['b@example.org'] });
      const [got] = await sink.waitFor(1);
      // smtp-server takes one dot off a line opening on one: « . » and « .hidden » arrived as sent, so they went « .. ».
      expect(got!.raw.equals(raw)).toBe(true);
      expect(calls).toBeGreaterThanOrEqual(2); // the sender's 64 KiB slices
      expect(bytes).toBe(raw.length);
    } finally {
      proto._transform = installed;
      await sender.close();
      await sink.close();
    }
  });
});
