/** Small handcrafted messages for the rule tests: headers and a body in, a decoded Mail out. */
import { readMail } from '../../../src/adapters/mailparser.ts';
import type { Mail } from '../../../src/types.ts';

export interface Draft {
  from?: string;
  to?: string;
  subject?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Full MIME body with its Content-Type, replacing `body`. */
  mime?: { contentType: string; body: string };
}

export function raw(d: Draft): Buffer {
  const lines = [
    `From: ${d.from ?? 'Jean Dupont <jean.dupont@example.fr>'}`,
    `To: ${d.to ?? 'talks@pgug.example.org'}`,
    `Subject: ${d.subject ?? 'Bonjour'}`,
    'Date: Mon, 3 Jun 2024 10:00:00 +0200',
    `Message-ID: <${Math.random().toString(36).slice(2)}@example.fr>`,
    'MIME-Version: 1.0',
    ...Object.entries(d.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    `Content-Type: ${d.mime?.contentType ?? 'text/plain; charset=utf-8'}`,
    'Content-Transfer-Encoding: 8bit',
    '',
    d.mime?.body ?? d.body ?? 'Bonjour,\n\nà bientôt.\n',
  ];
  return Buffer.from(lines.join('\r\n').replace(/\r?\n/g, '\r\n'), 'utf8');
}

export function mail(d: Draft): Promise<Mail> {
  return readMail(raw(d));
}

/** A covering note and a text file attached (base64, as clients send it): the MIME of a proposal sent as a document. */
export function withAttachment(note: string, filename: string, type: string, doc: Buffer | string): Draft['mime'] {
  const b64 = Buffer.from(doc).toString('base64').replace(/.{76}/g, '$&\n');
  const body = `--b\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n${note}\n--b\nContent-Type: ${type}; name="${filename}"\nContent-Disposition: attachment; filename="${filename}"\nContent-Transfer-Encoding: base64\n\n${b64}\n--b--\n`;
  return { contentType: 'multipart/mixed; boundary="b"', body };
}

/** A multipart/report with a human part, a machine part of `type`, and the returned original. */
export function report(reportType: string, partType: string, fields: string, human = 'This is an automatically generated notice.'): Draft['mime'] {
  const b = 'BOUNDARY-42';
  return {
    contentType: `multipart/report; report-type=${reportType}; boundary="${b}"`,
    body: [
      `--${b}`,
      'Content-Type: text/plain; charset=us-ascii',
      '',
      human,
      `--${b}`,
      `Content-Type: ${partType}`,
      '',
      fields,
      `--${b}`,
      'Content-Type: message/rfc822',
      '',
      'From: talks@pgug.example.org',
      'To: ghost@example.invalid',
      'Subject: Accusé de réception',
      '',
      'Merci.',
      `--${b}--`,
      '',
    ].join('\n'),
  };
}
