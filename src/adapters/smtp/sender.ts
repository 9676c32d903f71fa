/**
 * The one importer of nodemailer's transports: sends prebuilt raw messages (outbox rows) over a pooled SMTP
 * connection. Pooled because opening a connection costs a greeting round trip — smtp-server even waits a
 * hard-coded 100 ms before its greeting, capping an unpooled sender at ≈ 10 msg/s. Raw because the bytes
 * were built once when queued (build-raw.ts): nodemailer must not recompose them.
 */
import { Readable } from 'node:stream';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import DKIM from 'nodemailer/lib/dkim';
import type { Sender } from '../../app/sender.ts';
import { classifySmtpError, SmtpSendError } from './errors.ts';
import { createSlots } from './slots.ts';

/** RFC 5321 4.5.3.2: a client waits at least 5 minutes for a reply to a command, 10 for the reply to the final dot. */
const REPLY_TIMEOUT_MS = 10 * 60_000;

/** Where one send stands: whether nodemailer has read the whole message into the transaction (its final dot follows). */
interface Progress {
  handedOver: boolean;
}
/** The key of mail.data that carries a send's Progress to the stream plugin. */
const PROGRESS = 'crieurProgress';
/** The slice the connection pulls at a time: what is left unsent when the message counts as handed over is small. */
const SLICE = 64 * 1024;

async function* slices(input: Readable): AsyncGenerator<Buffer> {
  for await (const chunk of input) {
    const b = chunk as Buffer;
    for (let i = 0; i < b.length; i += SLICE) yield b.subarray(i, i + SLICE);
  }
}

export interface SenderOptions {
  /** Pooled connections: a number, or true for nodemailer's default (5). Pooling is always on. */
  pool?: number | boolean;
  /** Milliseconds to wait for a connection or a greeting (default 30 s). */
  timeoutMs?: number;
  /**
   * Milliseconds to wait for a reply once connected (default 10 min, RFC 5321 4.5.3.2): a relay that scans the
   * message before answering its final dot must not be given up on — the mail would then be in doubt.
   */
  replyTimeoutMs?: number;
  /**
   * DKIM-sign every message with nodemailer's signer (it signs raw messages too, as they go out). Signing at send
   * rather than when queued keeps the outbox's bytes unsigned: a key rotated while mail waits is still right.
   */
  dkim?: { domainName: string; keySelector: string; privateKey: string; headerFieldNames?: string };
}

/** `smtp://user:pass@host:port` or `smtps://…`; query parameters pass through to nodemailer (`?ignoreTLS=true`). */
/** The Sender port over nodemailer's pool. */
export function createSender(url: string, opts: SenderOptions = {}): Sender {
  const maxConnections = typeof opts.pool === 'number' ? opts.pool : 5;
  const timeout = opts.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    pool: true,
    url,
    maxConnections,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: opts.replyTimeoutMs ?? REPLY_TIMEOUT_MS,
  });
  // Signed here, not by the transport's own `dkim` option: its signer reads the whole message before anything is
  // sent, which would hide from the plugin below whether the message itself went out.
  const signer = opts.dkim ? new DKIM(opts.dkim) : null;
  // A failure with no reply after the message was wholly handed to the connection (its final dot follows at once)
  // may have been delivered: the connection dropped, or timed out, while the server was answering (RFC 1047). The
  // last stream stage the connection reads from says when the message has all been read. Applied at every read:
  // a message nodemailer requeues on another pooled connection (nothing of it read) is tracked again.
  transport.use('stream', (mail, done) => {
    const progress = (mail.data as Record<string, unknown>)[PROGRESS] as Progress | undefined;
    if (progress) {
      mail.message.processFunc((input: Readable) => {
        // In slices, pulled as the connection writes: nodemailer hands a raw message over as one chunk, which would
        // end this stream at the first write, long before a large message is on the wire.
        const output = Readable.from(slices(input), { objectMode: false });
        output.on('end', () => (progress.handedOver = true));
        return output;
      });
    }
    done();
  });
  let closed = false;
  const slots = createSlots(maxConnections);

  return {
    connections: maxConnections,
    reserve: (n) => slots.acquire(n),
    reserveWithin: (n, ms) => slots.acquireWithin(n, ms),
    async send(raw, envelope) {
      if (closed) throw new SmtpSendError('ESMTP_TRANSIENT', 'sender is closed', null, null);
      if (envelope.to.length === 0) throw new SmtpSendError('ESMTP_PERMANENT', 'no recipient', null, null);
      const progress: Progress = { handedOver: false };
      try {
        const bytes = signer ? await signed(signer, raw) : raw;
        // RFC 6152: bytes over 127 outside a 7bit encoding (a MIME digest carries its posts as received) are announced as
        // BODY=8BITMIME where the relay offers it; nodemailer says so only when told (it never reads a raw message)
        const to = { from: envelope.from, to: envelope.to, ...(eightBit(bytes) ? { use8BitMime: true } : {}) };
        const info = await transport.sendMail({ envelope: to, raw: bytes, [PROGRESS]: progress } as SendMailOptions);
        return { response: String(info.response ?? '').trim() };
      } catch (err) {
        throw classifySmtpError(err, { messageSent: progress.handedOver });
      }
    },
    async verify() {
      try {
        await transport.verify();
      } catch (err) {
        throw classifySmtpError(err);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      transport.close();
    },
  };
}

async function signed(signer: DKIM, raw: Buffer): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of signer.sign(raw)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Whether a message has a byte over 127 (most of crieur's mail is quoted-printable or base64: none). */
function eightBit(raw: Buffer): boolean {
  for (let i = 0; i < raw.length; i++) if (raw[i]! > 0x7f) return true;
  return false;
}
