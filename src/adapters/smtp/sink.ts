/**
 * A recording SMTP listener (the one importer of smtp-server): tests point the sender at it, and the demo
 * uses it as "the internet", writing every mail it receives to a folder as .eml (+ .html and .txt parts) for
 * people to open. It can answer with a scripted reply (451 then 250, 550…) to DATA or to RCPT TO, to exercise retries,
 * parking and refused recipients.
 *
 * smtp-server sharp edges handled here: reverse DNS lookups of 127.0.0.1 are turned off (they stall each
 * connection on machines without a resolver); STARTTLS is disabled so that clients never try to upgrade;
 * auth is optional so the sender's URL may or may not carry credentials. It still waits ≈ 100 ms before its
 * greeting: senders must pool.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { readMail } from '../mailparser.ts';

export interface SinkEnvelope {
  from: string;
  to: string[];
}

export interface SinkMessage {
  envelope: SinkEnvelope;
  raw: Buffer;
}

export interface SinkReply {
  code: number;
  message: string;
}

export interface SinkOptions {
  port?: number;
  host?: string;
  /** Called for each accepted message, after it is recorded (and written to `dir`). */
  onMessage?: (m: SinkMessage) => void;
  /** Decides the reply to DATA: null (or a 2xx) accepts; a 4xx/5xx rejects and the message is not recorded. */
  respond?: (envelope: SinkEnvelope, raw: Buffer) => SinkReply | null;
  /** Decides the reply to RCPT TO, as a relay that checks recipients does: null accepts; a 4xx/5xx refuses that address. */
  respondRcpt?: (address: string) => SinkReply | null;
  /** Write each accepted message as `<n>-<slug>.eml`, `.html`, `.txt` here (created if missing). */
  dir?: string;
  /** Largest message accepted, in bytes (default 30 MB). */
  maxSize?: number;
  /** Wait this long before answering DATA (a slow or overloaded relay): the message counts once answered. */
  answerDelayMs?: number;
}

export interface SmtpSink {
  port: number;
  url: string;
  /** Accepted messages, in arrival order. */
  messages: SinkMessage[];
  /** Messages answered with a 4xx/5xx, with the reply given. */
  rejected: (SinkMessage & { reply: SinkReply })[];
  /** SMTP connections opened so far (a pooled sender reuses a few). */
  readonly connections: number;
  /** Resolves once at least n messages were accepted; rejects after timeoutMs. */
  waitFor(n: number, timeoutMs?: number): Promise<SinkMessage[]>;
  close(): Promise<void>;
}

/**
 * A local listener's plain-text options: no reverse DNS lookup, no TLS offered, any client (no AUTH asked), no log —
 * the demo's sink, and the tests' and benches' own listeners.
 */
export const PLAIN_LISTENER = { disableReverseLookup: true, authOptional: true, disabledCommands: ['STARTTLS'], hideSTARTTLS: true, logger: false } as const;

export async function startSmtpSink(opts: SinkOptions = {}): Promise<SmtpSink> {
  const host = opts.host ?? '127.0.0.1';
  const messages: SinkMessage[] = [];
  const rejected: (SinkMessage & { reply: SinkReply })[] = [];
  const waiters = new Set<() => void>();
  let seq = 0;
  let connections = 0;
  if (opts.dir) await mkdir(opts.dir, { recursive: true });

  const server = new SMTPServer({
    ...PLAIN_LISTENER,
    disabledCommands: [...PLAIN_LISTENER.disabledCommands],
    size: opts.maxSize ?? 30 * 1024 * 1024,
    onConnect(_session, cb) {
      connections++;
      cb();
    },
    onRcptTo(address, _session, cb) {
      const reply = opts.respondRcpt?.(address.address) ?? null;
      cb(reply && reply.code >= 400 ? replyError(reply) : undefined);
    },
    onAuth(_auth, _session, cb) {
      cb(null, { user: 'sink' });
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (err) => cb(err));
      stream.on('end', () => void delay(opts.answerDelayMs).then(() => {
        const raw = Buffer.concat(chunks);
        const envelope: SinkEnvelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        if (stream.sizeExceeded) return cb(replyError({ code: 552, message: '5.3.4 Message too big' }));
        const reply = opts.respond?.(envelope, raw) ?? null;
        if (reply && reply.code >= 400) {
          rejected.push({ envelope, raw, reply });
          return cb(replyError(reply));
        }
        const message = { envelope, raw };
        record(message, ++seq)
          .then(() => {
            messages.push(message);
            opts.onMessage?.(message);
            for (const w of waiters) w();
            cb(null, reply?.message ?? `queued as ${messages.length}`);
          })
          .catch((err: Error) => cb(replyError({ code: 451, message: `4.3.0 could not store the message: ${err.message}` })));
      }));
    },
  });

  const delay = (ms: number | undefined) => (ms ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve());

  async function record(m: SinkMessage, n: number): Promise<void> {
    if (!opts.dir) return;
    const mail = await readMail(m.raw);
    const base = join(opts.dir, `${String(n).padStart(4, '0')}-${slug(mail.subject)}`);
    await writeFile(`${base}.eml`, m.raw);
    if (mail.html !== null) await writeFile(`${base}.html`, mail.html);
    if (mail.text !== null && !mail.textFromHtml) await writeFile(`${base}.txt`, mail.text);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Errors after start (a client resetting its connection) must not crash the process.
  server.on('error', () => {});
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    url: `smtp://${host}:${port}`,
    messages,
    rejected,
    get connections() {
      return connections;
    },
    waitFor(n, timeoutMs = 5_000) {
      if (messages.length >= n) return Promise.resolve(messages);
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (messages.length < n) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(messages);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SMTP sink: ${messages.length} of ${n} messages after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function replyError(reply: SinkReply): Error & { responseCode: number } {
  return Object.assign(new Error(reply.message), { responseCode: reply.code });
}

/** « [P-0007] Proposition reçue : Réplication » → "p-0007-proposition-recue-replication". */
export function slug(subject: string): string {
  const s = subject
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s === '' ? 'message' : s;
}
