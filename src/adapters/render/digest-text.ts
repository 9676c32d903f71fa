/**
 * The plain-text digest in RFC 1153 form, so that digest-bursting readers (formail -ds, Mailman's and mutt's
 * digest splitters) cut it back into its messages: a preamble with the table of contents, a line of 70
 * hyphens, then each message with its own Date/From/Subject/Message-ID header lines, a blank line, its text, and
 * a line of 30 hyphens with a blank line on either side; the trailer « End of … Digest » and a line of
 * asterisks. A body line that starts with a hyphen is stuffed with "- " (RFC 934 encapsulation), so no text of
 * a post can pass for a separator.
 */
import { DateTime } from 'luxon';
import type { DigestData } from '../../core/digest/build.ts';
import { answersLabel, contextLabel, countsLabel, periodLabel, topicsHeading } from '../../core/digest/template-data.ts';
import { cleanName } from '../../core/text/names.ts';
import { wrapLongLines } from '../../core/render/wrap.ts';
import type { Language } from '../../types.ts';

export const MESSAGE_SEPARATOR = '-'.repeat(30);
const PREAMBLE_SEPARATOR = '-'.repeat(70);
/** The preamble's lines (the table of contents) are wrapped to this width; the posts keep their own lines. */
const TEXT_WIDTH = 72;

/** « Résumé de la liste generale du samedi 28 au lundi 30 novembre 2026 »: the period in words, as readers see it. */
export function digestTitle(d: DigestData, locale: Language, tz: string): string {
  const period = periodLabel(d, locale, tz);
  return locale === 'fr' ? `Résumé de la liste ${d.list.name} ${period}` : `${d.list.name} Digest ${period}`;
}

/** `unsubscribe`: the member's link (or its slot), shown in the preamble, which the MIME digest also carries. */
export function renderDigestText(d: DigestData, ctx: { locale: Language; timezone: string; groupName: string; unsubscribe?: string | null }): string {
  const { locale, timezone: tz } = ctx;
  const fr = locale === 'fr';
  const out: string[] = [];
  const title = digestTitle(d, locale, tz);
  out.push(title, countsLabel(d, locale), '');
  out.push(fr ? `Pour écrire à la liste : ${d.list.address}` : `To post to the list: ${d.list.address}`);
  if (d.archiveUrl) out.push(fr ? `Archives : ${d.archiveUrl}` : `Archive: ${d.archiveUrl}`);
  if (ctx.unsubscribe) out.push(fr ? `Pour vous désabonner : <${ctx.unsubscribe}>` : `To unsubscribe: <${ctx.unsubscribe}>`);
  out.push('', `${topicsHeading(d, locale, tz)}${fr ? ' :' : ':'}`, '');
  for (const t of d.threads) {
    const context = contextLabel(t, locale, tz);
    for (const e of t.entries) {
      // wrapped as the rest of a text part is, continued under the subject: a subject with its poster's name and
      // address ran to 100 columns and more
      out.push(wrapLongLines(`  ${String(e.number).padStart(3)}. ${oneLine(e.subject) || (fr ? '(sans objet)' : '(no subject)')} (${oneLine(e.fromLabel)})`, TEXT_WIDTH));
    }
    if (context) out.push(wrapLongLines(`       [${context}]`, TEXT_WIDTH));
  }
  out.push('', PREAMBLE_SEPARATOR, '');
  const blocks: string[] = [];
  for (const t of d.threads) {
    for (const e of t.entries) {
      const lines = [`Date: ${DateTime.fromJSDate(e.sentAt, { zone: tz }).toRFC2822()}`, `From: ${fromHeader(e)}`, `Subject: ${oneLine(e.subject)}`];
      if (e.messageId) lines.push(`Message-ID: ${oneLine(e.messageId)}`);
      lines.push('');
      if (e.answers) lines.push(`[${answersLabel(e.answers, locale, tz)}]`, '');
      lines.push(...stuff(e.body || (fr ? '(message sans texte)' : '(no text)')));
      if (e.archiveUrl) lines.push('', `<${e.archiveUrl}>`);
      blocks.push(lines.join('\n'));
    }
  }
  out.push(blocks.join(`\n\n${MESSAGE_SEPARATOR}\n\n`));
  const end = fr ? `Fin du résumé de la liste ${d.list.name} ${periodLabel(d, locale, tz)}` : `End of ${title}`;
  out.push('', MESSAGE_SEPARATOR, '', end, '*'.repeat(Math.min(end.length, 72)), '');
  return out.join('\n');
}

/**
 * The From line of a message as a digest burster hands it to a mail client: an RFC 5322 mailbox, so a display name
 * with a special (« Support, ACME », « Jean @ Home », « <b>Jean</b> », « Jean D. Dupont ») is quoted — bare, the
 * burst message's From named another address, or several (the table of contents keeps the label as people read it).
 */
function fromHeader(e: { fromLabel: string; fromName: string | null; fromEmail: string | null }): string {
  const name = e.fromName === null ? null : cleanName(oneLine(e.fromName));
  if (!name || !e.fromEmail) return oneLine(e.fromLabel);
  // atext (RFC 5322 §3.2.3, with RFC 6532's non-ASCII) and the spaces between words: a phrase that needs no quotes
  const phrase = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ \u0080-\u{10ffff}]+$/u.test(name) ? name : `"${name.replace(/["\\]/g, '\\$&')}"`;
  return `${phrase} <${oneLine(e.fromEmail)}>`;
}

function stuff(body: string): string[] {
  return body.split('\n').map((l) => (l.startsWith('-') ? `- ${l}` : l));
}

function oneLine(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ').trim();
}
