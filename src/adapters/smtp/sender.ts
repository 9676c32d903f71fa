/**
 * The one importer of nodemailer's transports: sends prebuilt raw messages (outbox rows) over a pooled SMTP
 * connection. Pooled because opening a connection costs a greeting round trip — smtp-server even waits a
 * hard-coded 100 ms before its greeting, capping an unpooled sender at ≈ 10 msg/s. Raw because the bytes
 * were built once when queued (build-raw.ts): nodemailer must not recompose them.
 */
import nodemailer from 'nodemailer';
import type { Sender } from '../../app/sender.ts';
import { classifySmtpError, SmtpSendError } from './errors.ts';
import { createSlots } from './slots.ts';

export interface SenderOptions {
  /** Pooled connections: a number, or true for nodemailer's default (5). Pooling is always on. */
  pool?: number | boolean;
  /** Milliseconds to wait for a connection, a greeting, or any socket activity (default 30 s). */
  timeoutMs?: number;
  /**
   * DKIM-sign every message with nodemailer's signer (it signs raw messages too, as they go out). Signing at send
   * rather than when queued keeps the outbox's bytes unsigned: a key rotated while mail waits is still right.
   */
  dkim?: { domainName: string; keySelector: string; privateKey: string };
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
    socketTimeout: timeout * 2,
    ...(opts.dkim ? { dkim: opts.dkim } : {}),
  });
  let closed = false;
  const slots = createSlots(maxConnections);

  return {
    connections: maxConnections,
    reserve: (n) => slots.acquire(n),
    async send(raw, envelope) {
      if (closed) throw new SmtpSendError('ESMTP_TRANSIENT', 'sender is closed', null, null);
      if (envelope.to.length === 0) throw new SmtpSendError('ESMTP_PERMANENT', 'no recipient', null, null);
      try {
        const info = await transport.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw });
        return { response: String(info.response ?? '').trim() };
      } catch (err) {
        throw classifySmtpError(err);
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
