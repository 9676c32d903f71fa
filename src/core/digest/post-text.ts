/**
 * What a list post's author wrote, as a digest shows it: the quoted history (`>` lines, « Le … a écrit : »
 * attributions, Outlook header blocks) and the signature trimmed with the same helpers the command grammar and
 * the proposal reader use, bounded; and a short excerpt of it for the HTML digest.
 */
import { unquotedText } from '../command/unquote.ts';
import { stripQuotes } from '../text/quotes.ts';
import { stripSignature } from '../text/signature.ts';

/** The text and MIME digests carry the whole post; beyond this the archive link says where the rest is. */
export const BODY_MAX = 8_000;

export function postText(text: string | null): string {
  if (!text) return '';
  const t = text.replace(/\r\n?/g, '\n');
  // stripQuotes cuts at the first attribution; unquotedText also stops at a "-- " separator and drops
  // interleaved quotes; the signature helper removes the sign-off block that follows.
  const unquoted = unquotedText(stripQuotes(t), 2_000);
  let body = stripSignature(unquoted).body.trim();
  // A post that is only a quote with a line of answer under it would be emptied by a greedy cut: keep what
  // unquoting alone left then.
  if (body === '') body = unquoted.trim();
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
