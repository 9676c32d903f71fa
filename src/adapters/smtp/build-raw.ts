/**
 * The outbox stores each mail as the exact RFC 5322 bytes that go over SMTP, built once here, so that a
 * retry after a crash or a 4xx sends the very same message (same Message-ID, same boundaries, same Date).
 * nodemailer's MailComposer does the MIME work: RFC 2047 encoded-words for non-ASCII headers, UTF-8
 * quoted-printable bodies (we ask for QP; it would otherwise pick base64 for accent-heavy French text).
 *
 * The tree is serialized here, synchronously, with nodemailer's own encoders (headers by MimeNode.buildHeaders,
 * bodies by its qp/base64 functions) instead of its stream pipeline: our parts are strings already in memory,
 * and the streams (a pipeline, an AbortSignal and a DOMException per part) made composing a proposal's two
 * mails cost ~3.4 ms of CPU, measured with bench/ingest's profile. tests/smtp/build-raw.test.ts checks that
 * the bytes equal MailComposer's own build.
 */
import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import * as qp from 'nodemailer/lib/qp';
import * as base64 from 'nodemailer/lib/base64';
import type { OutgoingMessage } from '../../core/compose/message.ts';

/** The parts of nodemailer's MimeNode this serializer reads (public methods and fields of its tree). */
interface Node {
  multipart: string | false;
  boundary: string;
  childNodes: Node[];
  content?: unknown;
  contentType?: string;
  buildHeaders(): string;
  getTransferEncoding(): string | false;
}

/** The composed tree, before serialization: also what the test compares against nodemailer's build. */
export function compileMessage(msg: OutgoingMessage): ReturnType<MailComposer['compile']> {
  // The envelope is the outbox row's business (envelopeFrom, recipient); never derive it from headers.
  // CRLF everywhere: SMTP's line ending, and what DKIM signers and mailparser expect byte for byte.
  // baseBoundary from the cached random pool: MimeNode would call randomBytes for each message otherwise.
  return new MailComposer({ ...msg, newline: 'windows', baseBoundary: randomUUID().replace(/-/g, '') } as ConstructorParameters<typeof MailComposer>[0]).compile();
}

export async function buildRaw(msg: OutgoingMessage): Promise<Buffer> {
  return serialize(compileMessage(msg));
}

/** MimeNode.stream's output, without streams. Only in-memory string or Buffer content (what we compose). */
export function serialize(root: unknown): Buffer {
  const out: string[] = [];
  const walk = (node: Node) => {
    out.push(node.buildHeaders(), '\r\n\r\n');
    if (node.content !== undefined && node.content !== null && node.content !== '') {
      if (typeof node.content !== 'string' && !Buffer.isBuffer(node.content)) throw new TypeError('buildRaw: only string or Buffer content');
      const bytes = Buffer.isBuffer(node.content) ? node.content : Buffer.from(node.content);
      const te = node.getTransferEncoding();
      if (te === 'quoted-printable') out.push(qp.wrap(qp.encode(bytes), 76));
      else if (te === 'base64') out.push(base64.wrap(base64.encode(bytes), 76));
      else out.push(bytes.toString('utf8'));
    }
    if (node.multipart) {
      node.childNodes.forEach((child, i) => {
        out.push(`${i > 0 ? '\r\n' : ''}--${node.boundary}\r\n`);
        walk(child);
      });
      out.push(`\r\n--${node.boundary}--\r\n`);
    }
  };
  walk(root as Node);
  // newline: 'windows' — every line end CRLF, as nodemailer's LeWindows stage does.
  return Buffer.from(out.join('').replace(/\r?\n/g, '\r\n'), 'utf8');
}
