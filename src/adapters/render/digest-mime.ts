/**
 * The MIME digest (RFC 2046 §5.1.5): a multipart/mixed with the table of contents as text/plain, then a
 * multipart/digest holding each post as a message/rfc822 part — the stored raw bytes, byte-exact but for line ends
 * written CRLF (crlfLines), so a reader opens each one as the original mail (attachments, signatures and all). Header lines are nodemailer's own
 * encoders (RFC 2047 subjects and names); the body is assembled here because nodemailer would re-encode the
 * embedded messages (and message/rfc822 may not be base64-encoded: RFC 2046 §5.2.1).
 */
import { randomUUID } from 'node:crypto';
import MimeNode from 'nodemailer/lib/mime-node';
import * as qp from 'nodemailer/lib/qp';
import { escapeFromLines } from '../smtp/build-raw.ts';

export interface MimeDigestInput {
  headers: { from: string; to: string | { name: string; address: string }; subject: string; date: Date; messageId: string; replyTo?: string | null; extra?: Record<string, string> };
  /** The table of contents (plain text, UTF-8). */
  toc: string;
  /** The posts' raw messages, in digest order. */
  messages: readonly Buffer[];
}

const CRLF = '\r\n';

export function buildMimeDigest(input: MimeDigestInput): Buffer {
  const messages = input.messages.map((m) => crlfLines(transferEncoding(m) === 'binary' ? fitLines(m) : m));
  const boundaryOk = (b: string) => !messages.some((m) => m.includes(`--${b}`));
  let base = randomUUID().replace(/-/g, '');
  // A random boundary found inside a post would cut it: draw again (never happens in practice; cheap to check).
  for (let i = 0; i < 5 && !(boundaryOk(`mix-${base}`) && boundaryOk(`dig-${base}`)); i++) base = randomUUID().replace(/-/g, '');
  const outer = `mix-${base}`;
  const inner = `dig-${base}`;

  const root = new MimeNode(`multipart/mixed; boundary="${outer}"`);
  const h = input.headers;
  root.setHeader('From', h.from);
  root.setHeader('To', typeof h.to === 'string' ? h.to : [{ name: h.to.name, address: h.to.address }]);
  if (h.replyTo) root.setHeader('Reply-To', h.replyTo);
  root.setHeader('Subject', h.subject);
  root.setHeader('Date', h.date.toUTCString().replace(/GMT/, '+0000'));
  root.setHeader('Message-ID', h.messageId);
  for (const [k, v] of Object.entries(h.extra ?? {})) root.setHeader(k, v.replace(/[\r\n]+/g, ' '));
  // A post is kept as it came, 8-bit bodies (and RFC 6532 headers) included: such a part, and the multiparts around
  // it, say so (RFC 2045 §6.2, §6.4: 7bit, the default, promises ASCII lines of at most 998 octets) — a
  // message/rfc822 part may not be re-encoded (RFC 2046 §5.2.1).
  const encodings = messages.map(transferEncoding);
  const widest = encodings.includes('binary') ? 'binary' : encodings.includes('8bit') ? '8bit' : null;
  if (widest) root.setHeader('Content-Transfer-Encoding', widest);

  // A child of root, not a root of its own: a root would add Date, Message-ID and MIME-Version to the part.
  const toc = root.createChild('text/plain; charset=utf-8');
  toc.setHeader('Content-Transfer-Encoding', 'quoted-printable');

  const parts: Buffer[] = [];
  const push = (s: string) => parts.push(Buffer.from(s, 'utf8'));
  push(root.buildHeaders() + CRLF + CRLF);
  push(`--${outer}${CRLF}`);
  push(toc.buildHeaders() + CRLF + CRLF);
  push(escapeFromLines(qp.wrap(qp.encode(Buffer.from(input.toc.replace(/\r?\n/g, CRLF), 'utf8')), 76)) + CRLF);
  push(`--${outer}${CRLF}Content-Type: multipart/digest;${CRLF} boundary="${inner}"${CRLF}${widest ? `Content-Transfer-Encoding: ${widest}${CRLF}` : ''}${CRLF}`);
  messages.forEach((m, i) => {
    const enc = encodings[i];
    push(`--${inner}${CRLF}Content-Type: message/rfc822${CRLF}${enc ? `Content-Transfer-Encoding: ${enc}${CRLF}` : ''}${CRLF}`);
    parts.push(m);
    // The CRLF before a boundary belongs to the boundary (RFC 2046 §5.1.1): the part's content is m exactly.
    push(CRLF);
  });
  push(`--${inner}--${CRLF}${CRLF}--${outer}--${CRLF}`);
  return Buffer.concat(parts);
}

/**
 * A post with a line over 998 octets (an HTML part some mailer sent 8bit on one line; Postfix passes lines up to
 * 2,048) made the digest `binary`, which no relay takes over DATA: RFC 5322 §2.1.1 and RFC 5321 §4.5.3.1.6 cap a line
 * at 998 octets, binary needs BINARYMIME and BDAT (RFC 3030), which the sender does not speak, and Exim's smtp transport
 * refuses such a message (« message has lines too long for transport ») — the member's digest bounced, and the bounce
 * counted against them. A message/rfc822 part may not be re-encoded as a whole (RFC 2046 §5.2.1), its leaves may: each
 * leaf sent 7bit, 8bit or binary with such a line is re-encoded quoted-printable (lines of 76), its headers, the other
 * parts and the multiparts' structure kept byte for byte. A leaf already base64 or quoted-printable is left as it came.
 */
export function fitLines(m: Buffer): Buffer {
  return Buffer.from(fitEntity(m.toString('latin1')), 'latin1');
}

const LONG_LINE = /[^\r\n]{999}/;

function fitEntity(s: string): string {
  // a part with no header lines starts with its blank line
  const blank = /^\r?\n/.exec(s) ?? /\r?\n\r?\n/.exec(s);
  if (!blank || !LONG_LINE.test(s.slice(blank.index))) return s;
  const head = s.slice(0, blank.index);
  const gap = blank[0];
  const body = s.slice(blank.index + gap.length);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const type = (/^content-type:[ \t]*([^;\s]+)/im.exec(unfolded)?.[1] ?? 'text/plain').toLowerCase();
  if (type === 'message/rfc822') return head + gap + fitEntity(body);
  if (type.startsWith('multipart/')) {
    const b = /^content-type:.*?;[ \t]*boundary[ \t]*=[ \t]*(?:"([^"]+)"|([^;\s]+))/im.exec(unfolded);
    const boundary = b?.[1] ?? b?.[2];
    if (!boundary) return s;
    // Delimiter lines (RFC 2046 §5.1.1) split the body; what lies between two is a part, from after its line's end.
    const delimiter = new RegExp(`((?:^|\\r?\\n)--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*(?:\\r?\\n|$))`);
    const pieces = body.split(delimiter);
    // pieces: preamble, delimiter, part, delimiter, part, …, closing delimiter, epilogue
    for (let i = 2; i < pieces.length; i += 2) if (!/--[ \t]*(?:\r?\n)?$/.test(pieces[i - 1]!)) pieces[i] = fitEntity(pieces[i]!);
    return head + gap + pieces.join('');
  }
  const cte = (/^content-transfer-encoding:[ \t]*([^\s;]+)/im.exec(unfolded)?.[1] ?? '7bit').toLowerCase();
  if (cte !== '7bit' && cte !== '8bit' && cte !== 'binary') return s;
  const encoded = escapeFromLines(qp.wrap(qp.encode(Buffer.from(body, 'latin1')), 76)).replace(/\r?\n/g, CRLF);
  const cteLine = /^content-transfer-encoding:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/im;
  const qpLine = 'Content-Transfer-Encoding: quoted-printable';
  const newHead = cteLine.test(head) ? head.replace(cteLine, qpLine) : head === '' ? `${qpLine}${CRLF}` : `${head}${CRLF}${qpLine}`;
  return newHead + gap + encoded;
}

/**
 * A post's line ends in canonical form, CRLF (RFC 5322 §2.1, RFC 2046 §4.1.1). A post read from a Maildir or an MTA's
 * pipe (`|crieur ingest`) is stored with the bare LFs it came with, and a classic Mac client's with bare CRs: kept so,
 * the digest's own CRLF lines and the post's bare ones were mixed in one message (every digest of the corpus's list
 * traffic had them) — the `.eml` of `crieur digest --out` was not the message a member gets (the SMTP client rewrites
 * each line end to CRLF on the wire), and a tool that reads the outbox row or that file (a signer, a relay that
 * refuses bare LFs, as Postfix's `smtpd_forbid_bare_newline`) saw a message no client would send. Only the line ends
 * change; a post already in CRLF is returned as it is, the same Buffer.
 */
export function crlfLines(m: Buffer): Buffer {
  let bare = false;
  for (let i = 0; i < m.length && !bare; i++) {
    if (m[i] === 0x0d) bare = m[i + 1] !== 0x0a;
    else if (m[i] === 0x0a) bare = i === 0 || m[i - 1] !== 0x0d;
  }
  return bare ? Buffer.from(m.toString('latin1').replace(/\r\n|\r|\n/g, CRLF), 'latin1') : m;
}

/** What a stored message's bytes need declared: null (7bit: ASCII, lines ≤ 998 octets), `8bit`, or `binary`. */
function transferEncoding(m: Buffer): '8bit' | 'binary' | null {
  let eight = false;
  let line = 0;
  for (const b of m) {
    if (b === 0x0a) line = 0;
    else if (b !== 0x0d && ++line > 998) return 'binary';
    if (b > 0x7f) eight = true;
  }
  return eight ? '8bit' : null;
}
