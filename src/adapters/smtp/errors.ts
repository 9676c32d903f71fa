/**
 * An SMTP delivery failure, classified once at the adapter (STYLE: adapters classify, the worker decides):
 * ESMTP_TRANSIENT for 4xx answers and connection trouble (refused, timeout, reset, DNS) — try again later;
 * ESMTP_PERMANENT for 5xx answers and messages nodemailer refuses to send — retrying cannot help;
 * ESMTP_UNCERTAIN for a connection lost (or timed out) with no reply after the whole message was sent: the server may
 * have accepted it (RFC 1047) — sending it again could deliver it twice.
 */
export type SmtpErrorCode = 'ESMTP_TRANSIENT' | 'ESMTP_PERMANENT' | 'ESMTP_UNCERTAIN';

/** What an ESMTP_UNCERTAIN failure says after the connection's own words: the doubt, and what to do about it. */
export const POSSIBLY_DELIVERED =
  'no reply after the whole message was sent: it may have been delivered — check with the recipient before `crieur failed retry`';

export class SmtpSendError extends Error {
  readonly code: SmtpErrorCode;
  /** The server's reply code (451, 550…), null when no server answered. */
  readonly responseCode: number | null;
  /** The server's full reply ("550 5.1.1 <ghost@…>: no such user"), null when no server answered. */
  readonly response: string | null;

  constructor(code: SmtpErrorCode, message: string, responseCode: number | null, response: string | null, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'SmtpSendError';
    this.code = code;
    this.responseCode = responseCode;
    this.response = response;
  }
}

/** nodemailer error codes that no retry fixes when no server reply code says otherwise. */
const PERMANENT_WITHOUT_REPLY = new Set(['EENVELOPE', 'EMESSAGE', 'ESTREAM']);

/** `messageSent`: the message was wholly handed to the connection before the failure (its final dot followed). */
export function classifySmtpError(err: unknown, at: { messageSent?: boolean } = {}): SmtpSendError {
  if (err instanceof SmtpSendError) return err;
  const e = (err ?? {}) as { message?: string; code?: string; responseCode?: number; response?: string };
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const response = typeof e.response === 'string' ? e.response.trim() : null;
  let code: SmtpErrorCode;
  if (responseCode !== null && responseCode >= 500) code = 'ESMTP_PERMANENT';
  else if (responseCode !== null && responseCode >= 400) code = 'ESMTP_TRANSIENT';
  else code = e.code && PERMANENT_WITHOUT_REPLY.has(e.code) ? 'ESMTP_PERMANENT' : 'ESMTP_TRANSIENT';
  const what = e.message ?? String(err);
  const said = e.code ? `${e.code}: ${what}` : what;
  if (responseCode === null && at.messageSent) return new SmtpSendError('ESMTP_UNCERTAIN', `${said} — ${POSSIBLY_DELIVERED}`, null, response, err);
  return new SmtpSendError(code, said, responseCode, response, err);
}
