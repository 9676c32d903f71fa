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
  /** What the operator should change, when waiting will not help (a TLS mismatch): `crieur doctor` prints it. */
  fix?: string;
  /** The server's reply code (451, 550…), null when no server answered. */
  readonly responseCode: number | null;
  /** The server's full reply ("550 5.1.1 <ghost@…>: no such user"), null when no server answered. */
  readonly response: string | null;
  /** The command the reply refused (`RCPT TO`: the relay refused the recipient; `DATA`…), null when unknown. */
  readonly command: string | null;

  constructor(code: SmtpErrorCode, message: string, responseCode: number | null, response: string | null, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'SmtpSendError';
    this.code = code;
    this.responseCode = responseCode;
    this.response = response;
    const command = (cause as { command?: unknown } | null | undefined)?.command;
    this.command = typeof command === 'string' ? command : null;
  }
}

/** nodemailer error codes that no retry fixes when no server reply code says otherwise. */
const PERMANENT_WITHOUT_REPLY = new Set(['EENVELOPE', 'EMESSAGE', 'ESTREAM']);

/**
 * TLS failures that no retry fixes, in words, with the fix: Node's (OpenSSL's) own are codes and library paths
 * (« 80ECE1F7…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/… »).
 */
const TLS_CAUSES: readonly { test: RegExp; cause: string; fix: string }[] = [
  {
    test: /SELF_SIGNED|CERT_|UNABLE_TO_(VERIFY|GET_ISSUER)|ALTNAME|self[- ]signed certificate|certificate has expired|unable to verify the first certificate/i,
    cause: "the server's TLS certificate is not trusted",
    fix: 'give the mail server a certificate for its name from a known authority, or accept this one: add ?tls.rejectUnauthorized=false to smtp.url',
  },
  {
    test: /WRONG_VERSION_NUMBER|wrong version number|packet length too long|unknown protocol/i,
    cause: 'the server does not speak TLS on connection',
    fix: 'smtps:// is for TLS from the first byte (port 465); a server that starts in plain text (ports 25, 587) takes smtp://, upgraded with STARTTLS',
  },
];

/**
 * Replies about crieur's session, not about the message (RFC 4954: 530 authentication required — or STARTTLS first —,
 * 534 mechanism too weak, 535 credentials invalid, 538 encryption required; nodemailer's EAUTH): every mail would be
 * refused alike until the configuration changes, so they wait for it, as Postfix's smtp_sasl_auth_soft_bounce does,
 * instead of each being parked as refused by the server.
 */
const SESSION_REFUSALS = new Set([530, 534, 535, 538]);
const LOGIN_FIX = "the mail server refused crieur's login, or requires one: set its user and password in smtp.url (smtp://USER:PASSWORD@HOST:587, or CRIEUR_SMTP_URL)";
const TLS_FIRST_FIX = 'the mail server requires TLS first: use smtps:// (port 465), or smtp:// without ?ignoreTLS=true so that STARTTLS is used';

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
  const tls = responseCode === null ? TLS_CAUSES.find((t) => t.test.test(`${(err as { originalCode?: string }).originalCode ?? ''} ${what}`)) : undefined;
  if (tls) {
    const out = new SmtpSendError('ESMTP_TRANSIENT', `${tls.cause} (${(err as { originalCode?: string }).originalCode ?? e.code ?? 'TLS'})`, null, null, err);
    out.fix = tls.fix;
    return out;
  }
  if (e.code === 'EAUTH' || (responseCode !== null && SESSION_REFUSALS.has(responseCode))) {
    const out = new SmtpSendError('ESMTP_TRANSIENT', said, responseCode, response, err);
    out.fix = /STARTTLS|TLS|encryption/i.test(response ?? what) ? TLS_FIRST_FIX : LOGIN_FIX;
    return out;
  }
  if (responseCode === null && at.messageSent) return new SmtpSendError('ESMTP_UNCERTAIN', `${said} — ${POSSIBLY_DELIVERED}`, null, response, err);
  return new SmtpSendError(code, said, responseCode, response, err);
}

/**
 * A deferral as the outbox kept it (its error line, the server's reply or null), said again for the operator: whether
 * it is the configuration's (a refused login: every mail waits for the fix), no server answered, or a server deferred it.
 */
export function explainStoredDeferral(error: string, response: string | null): { kind: 'configuration' | 'unreachable' | 'deferred'; fix: string | null } {
  const code = /^([A-Z][A-Z_]+): /.exec(error)?.[1];
  const responseCode = response !== null && /^\d{3}\b/.test(response) ? Number(response.slice(0, 3)) : undefined;
  const e = classifySmtpError({ message: code ? error.slice(code.length + 2) : error, code, responseCode, response: response ?? undefined });
  if (code === 'EAUTH' || (responseCode !== undefined && SESSION_REFUSALS.has(responseCode))) return { kind: 'configuration', fix: e.fix ?? LOGIN_FIX };
  if (response === null) return { kind: 'unreachable', fix: e.fix ?? null };
  return { kind: 'deferred', fix: null };
}
