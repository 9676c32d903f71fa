/**
 * The MIME digest (RFC 2046 §5.1.5): a multipart/mixed with the table of contents as text/plain, then a
 * multipart/digest holding each post as a message/rfc822 part — the stored raw bytes, byte-exact, so a reader
 * opens each one as the original mail (attachments, signatures and all). Header lines are nodemailer's own
 * encoders (RFC 2047 subjects and names); the body is assembled here because nodemailer would re-encode the
 * embedded messages (and message/rfc822 may not be base64-encoded: RFC 2046 §5.2.1).
 */
import { randomUUID } from 'node:crypto';
import MimeNode from 'nodemailer/lib/mime-node';
import * as qp from 'nodemailer/lib/qp';

export interface MimeDigestInput {
  headers: { from: string; to: string | { name: string; address: string }; subject: string; date: Date; messageId: string; replyTo?: string | null; extra?: Record<string, string> };
  /** The table of contents (plain text, UTF-8). */
  toc: string;
  /** The posts' raw messages, in digest order. */
  messages: readonly Buffer[];
}

const CRLF = '\r\n';

export function buildMimeDigest(input: MimeDigestInput): Buffer {
  const boundaryOk = (b: string) => !input.messages.some((m) => m.includes(`--${b}`));
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

  // A child of root, not a root of its own: a root would add Date, Message-ID and MIME-Version to the part.
  const toc = root.createChild('text/plain; charset=utf-8');
  toc.setHeader('Content-Transfer-Encoding', 'quoted-printable');

  const parts: Buffer[] = [];
  const push = (s: string) => parts.push(Buffer.from(s, 'utf8'));
  push(root.buildHeaders() + CRLF + CRLF);
  push(`--${outer}${CRLF}`);
  push(toc.buildHeaders() + CRLF + CRLF);
  push(qp.wrap(qp.encode(Buffer.from(input.toc.replace(/\r?\n/g, CRLF), 'utf8')), 76) + CRLF);
  push(`--${outer}${CRLF}Content-Type: multipart/digest; boundary="${inner}"${CRLF}${CRLF}`);
  for (const m of input.messages) {
    push(`--${inner}${CRLF}Content-Type: message/rfc822${CRLF}${CRLF}`);
    parts.push(m);
    // The CRLF before a boundary belongs to the boundary (RFC 2046 §5.1.1): the part's content is m exactly.
    push(CRLF);
  }
  push(`--${inner}--${CRLF}${CRLF}--${outer}--${CRLF}`);
  return Buffer.concat(parts);
}
