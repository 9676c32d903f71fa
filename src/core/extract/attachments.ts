/**
 * User attachments (slides, a PDF abstract) as opposed to what mail clients attach by themselves: cid images
 * of an HTML body, signature logos, vCards, signatures, calendar stubs, TNEF wrappers and the alternative body.
 */
import type { AttachmentInfo, MailPart } from '../../types.ts';

const NOT_USER_TYPES = /^(application\/(pgp-signature|pkcs7-signature|x-pkcs7-signature|pgp-keys|ms-tnef|vnd\.ms-tnef)|message\/(rfc822|delivery-status|disposition-notification|global-headers)|text\/(x-vcard|vcard|calendar|rfc822-headers))$/;
const LOGO_NAME = /^(image\d{2,4}|logo|signature|sig|banner|outlook|facebook|twitter|linkedin|instagram|x|youtube|icon)[\w-]*\.(png|jpe?g|gif|bmp|svg)$/i;
/** Images under this size that are not explicitly attached are decorations (logos, social icons). */
const SMALL_IMAGE = 16 * 1024;

export function isUserAttachment(p: MailPart): boolean {
  if (p.related || NOT_USER_TYPES.test(p.contentType)) return false;
  if (p.contentType.startsWith('image/')) {
    if (p.disposition !== 'attachment') return false;
    if (p.filename && LOGO_NAME.test(p.filename) && p.size < 64 * 1024) return false;
    if (p.size < SMALL_IMAGE && (!p.filename || /^image\d/i.test(p.filename))) return false;
  }
  // bodies mailparser could not place (a second text/plain, an HTML alternative) carry no name
  if (!p.filename && (p.contentType.startsWith('text/') || p.disposition !== 'attachment')) return false;
  return true;
}

export function userAttachments(parts: readonly MailPart[]): AttachmentInfo[] {
  return parts.filter(isUserAttachment).map((p, i) => ({
    filename: p.filename ?? `attachment-${i + 1}`,
    contentType: p.contentType,
    size: p.size,
    sha256: p.sha256,
  }));
}

/**
 * Outlook's TNEF wrapper ("winmail.dat", application/ms-tnef): the files the speaker attached (slides, a PDF) are inside
 * it, where crieur does not read. Not listed as an attachment; the organizers are told instead.
 */
export function tnefWrapped(parts: readonly MailPart[]): boolean {
  return parts.some((p) => /^application\/(?:vnd\.)?ms-tnef$/.test(p.contentType) || /^winmail\.dat$/i.test(p.filename ?? ''));
}

/**
 * Attachments that look like slides or a written abstract: a proposal signal. The abstract may be a word processor's
 * document (« Proposition_meetup.docx », « resume-talk.odt » under « Voir pièce jointe »), as a PDF.
 */
export function hasSlides(parts: readonly MailPart[]): boolean {
  return parts.some(
    (p) =>
      !p.related &&
      (/^application\/(pdf|vnd\.oasis\.opendocument\.(?:presentation|text)|vnd\.openxmlformats-officedocument\.(?:presentationml\.presentation|wordprocessingml\.document)|vnd\.ms-powerpoint|msword|rtf|x-iwork-keynote)/.test(p.contentType) ||
        /\.(pdf|odp|pptx?|key|docx?|odt|rtf)$/i.test(p.filename ?? '')) &&
      /slide|pr[ée]sentation|talk|deck|abstract|r[ée]sum[ée]|proposal|proposition|conf/i.test(p.filename ?? ''),
  );
}

/** A text file attached (« proposition.md », abstract.txt): where a covering note may leave the proposal itself. */
const TEXT_DOCUMENT = /^text\/(?:plain|markdown|x-markdown)$/;
const TEXT_DOCUMENT_NAME = /\.(?:txt|md|markdown)$/i;
const MAX_DOCUMENT = 20_000;

/**
 * The first user attachment that is a plain-text or Markdown file, decoded: UTF-8 when it is valid UTF-8, else Windows-1252
 * (what a French Windows editor saves). Null when none is attached.
 */
export function attachedText(parts: readonly MailPart[]): { filename: string; text: string } | null {
  const p = parts.find((x) => isUserAttachment(x) && (TEXT_DOCUMENT.test(x.contentType) || TEXT_DOCUMENT_NAME.test(x.filename ?? '')));
  if (!p) return null;
  const bytes = p.content.subarray(0, MAX_DOCUMENT);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return { filename: p.filename ?? 'attachment', text: text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n') };
}

/** A covering note's words for « see the attachment » (folded): « en pièce jointe », « ci-joint », « le fichier texte joint », "attached". */
export const POINTS_TO_ATTACHMENT = /\b(?:pieces? jointes?|ci-jointe?s?|(?:fichier|document|texte)(?: [a-z]+)? joint|en pj|en p\.j\.|attached|attachment|enclosed)\b/;
