/**
 * An SMTP refusal at send time, read as a bounce of the member it was addressed to — or not. Mailman 3's outgoing
 * runner registers every permanent (5xx) failure of a recipient as a bounce, as it would a DSN; crieur does too, with
 * one guard: a refusal about crieur's own session, its relay's policy or the message itself (« 554 5.7.1 Relay access
 * denied », « 552 5.3.4 message too big », « 554 5.7.1 spam ») would be refused for every member alike, and scoring it
 * would disable the roster one member at a time — the campaign's pause after failures in a row is for that.
 *
 * Counted (hard: a 5xx is permanent, as a 5.x.x DSN is):
 *  - an enhanced status about the address (X.1.x addressing, X.2.x mailbox, X.4.x routing: 5.1.1 user unknown,
 *    5.2.1 mailbox disabled, 5.4.4 unable to route), at whatever step it came;
 *  - a refusal of RCPT TO — the relay refusing that recipient — with no enhanced status or an undefined one (X.0.x):
 *    « 550 Unrouteable address », « 550 no such user ».
 * Not counted: 4xx (retried, like an MTA's queue), the session refusals of RFC 4954 (530, 534, 535, 538), and X.3.x
 * (mail system), X.5.x (protocol), X.6.x (content), X.7.x (security and policy) at any step. Nor a refusal of crieur's
 * envelope sender — at MAIL FROM, or X.1.7 / X.1.8 (the sender's address, RFC 3463), or Postfix's « Sender address
 * rejected », which it reports at RCPT TO (smtpd_delay_reject): the VERP sender differs per member, so a relay refusing
 * its domain refuses every member alike, and scoring it would disable the whole roster.
 * Pure: the adapter says which command was refused (nodemailer's `command`).
 */

export interface SmtpRefusal {
  /** The reply code (550), null when no server answered. */
  responseCode: number | null;
  /** The server's reply as received ("550 5.1.1 <ghost@x>: Recipient address rejected"). */
  response: string | null;
  /** The SMTP command the reply answered (`RCPT TO`, `DATA`…), null when unknown. */
  command: string | null;
}

/** Enhanced status subjects (RFC 3463 §3) that speak of the recipient's address or mailbox, not the message. */
const ABOUT_THE_ADDRESS = new Set([1, 2, 4]);
/** Replies about crieur's own session (RFC 4954): never a member's doing. */
const SESSION = new Set([530, 534, 535, 538]);
/** Enhanced statuses about the sender's address (RFC 3463: X.1.7 bad sender's mailbox syntax, X.1.8 bad sender's system). */
const ABOUT_THE_SENDER = new Set(['1.7', '1.8']);
/** The sender refused, in words (Postfix's restriction class; Exim's and others' « sender verify failed »). */
const SENDER_REFUSED = /\bsender (?:address )?(?:rejected|refused|denied|verify failed)\b|\bsender verification failed\b/i;

/** The reply's enhanced status code (RFC 3463) of its own class, wherever the server put it (qmail: `(#5.1.1)`). */
export function enhancedStatus(response: string | null, responseCode: number): string | null {
  const cls = String(responseCode)[0];
  for (const m of (response ?? '').matchAll(/(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.])/g)) if (m[1] === cls) return `${m[1]}.${m[2]}.${m[3]}`;
  return null;
}

/** The bounce a send-time refusal makes of its recipient, or null when it is not about them. */
export function refusalBounce(r: SmtpRefusal): { kind: 'hard'; status: string } | null {
  const code = r.responseCode;
  if (code === null || code < 500 || code > 599 || SESSION.has(code)) return null;
  if (/^MAIL\b/i.test(r.command ?? '') || SENDER_REFUSED.test(r.response ?? '')) return null;
  const status = enhancedStatus(r.response, code);
  if (status !== null && ABOUT_THE_SENDER.has(status.split('.').slice(1).join('.'))) return null;
  const subject = status === null ? null : Number(status.split('.')[1]);
  const atRcpt = /^RCPT\b/i.test(r.command ?? '');
  if (subject !== null && ABOUT_THE_ADDRESS.has(subject)) return { kind: 'hard', status: status! };
  if (atRcpt && (subject === null || subject === 0)) return { kind: 'hard', status: status ?? `5.0.0` };
  return null;
}
