/**
 * What a list post's author wrote, as a digest shows it: the quoted history (`>` lines, « Le … a écrit : »
 * attributions, Outlook header blocks) and the signature trimmed by the command reader's own reading of a reply
 * (core/text/new-text.ts, over text/quotes.ts and text/signature.ts), bounded; and a short excerpt of it for
 * the HTML digest.
 */
import { newTextLines } from '../text/new-text.ts';
import { stripQuotes } from '../text/quotes.ts';

/** The text and MIME digests carry the whole post; beyond this the archive link says where the rest is. */
export const BODY_MAX = 8_000;

export function postText(text: string | null): string {
  if (!text) return '';
  // The command reader's reading of a reply: what was written now, above the quote or between its lines, up to
  // the signature or the sign-off.
  let body = newTextLines(text).join('\n').trim();
  // A post that opens with a short "Merci !" reads as all sign-off to that reader: keep it, quotes still cut.
  if (body === '') body = stripQuotes(text).trim();
  body = body.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n');
  return body.length > BODY_MAX ? `${cutAtWord(body, BODY_MAX)} […]` : body;
}

export function excerpt(body: string, max: number): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${cutAtWord(flat, max)} …` : flat;
}

function cutAtWord(s: string, max: number): string {
  const cut = s.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd();
}
