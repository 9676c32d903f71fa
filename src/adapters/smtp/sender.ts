/**
 * The one importer of nodemailer's transports: sends prebuilt raw messages (outbox rows) over a pooled SMTP
 * connection. Pooled because opening a connection costs a greeting round trip — smtp-server even waits a
 * hard-coded 100 ms before its greeting, capping an unpooled sender at ≈ 10 msg/s. Raw because the bytes
 * were built once when queued (build-raw.ts): nodemailer must not recompose them.
 */
import { isAscii } from 'node:buffer';
import { Readable } from 'node:stream';
import nodemailer from 'nodemailer';
import DKIM from 'nodemailer/lib/dkim';
import MimeNode from 'nodemailer/lib/mime-node';
import type { Sender } from '../../app/sender.ts';
// nodemailer's DATA dot-stuffing by line-end scans instead of its byte loop (same bytes): patched in at load.
import './dot-stuff.ts';
import { classifySmtpError, SmtpSendError } from './errors.ts';
import { createSlots } from './slots.ts';

/** RFC 5321 4.5.3.2: a client waits at least 5 minutes for a reply to a command, 10 for the reply to the final dot. */
const REPLY_TIMEOUT_MS = 10 * 60_000;

/** Where one send stands: whether nodemailer has read the whole message into the transaction (its final dot follows). */
interface Progress {
  handedOver: boolean;
}
/** The slice the connection pulls at a time: what is left unsent when the message counts as handed over is small. */
const SLICE = 64 * 1024;

/**
 * The message's bytes as MimeNode streams a raw message (its LastNewline stage: a message that does not end with a
 * line break gets one), in slices pulled as the connection writes: handed as one chunk, the stream would end at the
 * first write, long before a large message is on the wire.
 */
function* slices(raw: Buffer): Generator<Buffer> {
  for (let i = 0; i < raw.length; i += SLICE) yield raw.subarray(i, i + SLICE);
  const last = raw.length > 0 ? raw[raw.length - 1] : -1;
  if (last === 0x0d) yield Buffer.from('\n');
  else if (last !== 0x0a) yield Buffer.from('\r\n');
}

/** What nodemailer's pool reads of a queued mail (smtp-pool, pool-resource): its data and its compiled message. */
interface PoolMail {
  data: Record<string, unknown>;
  message: {
    getEnvelope(): Record<string, unknown>;
    messageId(): string;
    getHeader(key: string): string;
    createReadStream(): Readable;
  };
}
interface Pool {
  send(mail: PoolMail, callback: (err: Error | null, info?: { response?: string }) => void): boolean;
}

/** One MimeNode as the envelope's reader: setEnvelope is sendMail's own parsing of `envelope` (addresses, punycode). */
const envelopeNode = new MimeNode(false, { baseBoundary: 'envelope' }) as unknown as {
  setEnvelope(envelope: Record<string, unknown>): void;
  _envelope: Record<string, unknown>;
};
function parsedEnvelope(envelope: Record<string, unknown>): Record<string, unknown> {
  envelopeNode.setEnvelope(envelope);
  return envelopeNode._envelope;
}

/**
 * A raw message as the pool queues it, without sendMail's compile: sendMail builds a MailComposer tree for a raw
 * message (a MimeNode, its addresses parsed, a random boundary and Message-ID drawn, X-Mailer and list headers set,
 * all unused: the bytes go as they are) and runs its plugin steps (2 % of the worker's CPU in bench/ingest's profile).
 * Each read of the message (the pool reads it again when it requeues it on another connection) is tracked anew: its
 * end is the moment the whole message was handed to the connection.
 */
function poolMail(raw: Buffer, envelope: Record<string, unknown>, progress: Progress): PoolMail {
  const parsed = parsedEnvelope(envelope);
  return {
    data: {},
    message: {
      // This mail's own object, as its MimeNode's was (setEnvelope makes a new one at each call).
      getEnvelope: () => parsed,
      messageId: () => '',
      getHeader: () => '',
      createReadStream() {
        const output = Readable.from(slices(raw), { objectMode: false });
        output.on('end', () => (progress.handedOver = true));
        return output;
      },
    },
  };
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
  // sent, which would hide from the stream whether the message itself went out.
  const signer = opts.dkim ? new DKIM(opts.dkim) : null;
  // A failure with no reply after the message was wholly handed to the connection (its final dot follows at once)
  // may have been delivered: the connection dropped, or timed out, while the server was answering (RFC 1047). The
  // message's stream says when it has all been read (poolMail).
  const pool = (transport as unknown as { transporter: Pool }).transporter;
  const sendRaw = (raw: Buffer, envelope: Record<string, unknown>, progress: Progress) =>
    new Promise<{ response?: string }>((resolve, reject) => {
      pool.send(poolMail(raw, envelope, progress), (err, info) => (err ? reject(err) : resolve(info ?? {})));
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
        const info = await sendRaw(bytes, to, progress);
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

/**
 * Whether a message has a byte over 127 (most of crieur's mail is quoted-printable or base64: none): Node's native
 * check, where a loop over every byte in JavaScript was 0.2 % of the worker's samples in bench:ingest's profile.
 */
export function eightBit(raw: Buffer): boolean {
  return !isAscii(raw);
}
