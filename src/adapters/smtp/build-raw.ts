/**
 * The outbox stores each mail as the exact RFC 5322 bytes that go over SMTP, built once here, so that a
 * retry after a crash or a 4xx sends the very same message (same Message-ID, same boundaries, same Date).
 * nodemailer's MailComposer does the MIME work: RFC 2047 encoded-words for non-ASCII headers, UTF-8
 * quoted-printable bodies (we ask for QP; it would otherwise pick base64 for accent-heavy French text).
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingMessage } from '../../core/compose/message.ts';

export async function buildRaw(msg: OutgoingMessage): Promise<Buffer> {
  const composer = new MailComposer({
    ...msg,
    // The envelope is the outbox row's business (envelopeFrom, recipient); never derive it from headers.
    // CRLF everywhere: SMTP's line ending, and what DKIM signers and mailparser expect byte for byte.
    newline: 'windows',
  });
  return composer.compile().build();
}
