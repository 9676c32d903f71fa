/**
 * Inline forwards: "---------- Forwarded message ---------", "-------- Message transféré --------",
 * "Début du message réexpédié :", mutt's "----- Forwarded message from … -----", and Outlook's
 * "De : … Envoyé : … Objet :" block — in every language text/quoted-headers.ts lists, the quote reader's table. Splits
 * the text into the forwarder's note, the forwarded headers and the forwarded body, so that a proposal forwarded by an
 * organizer is credited to its author.
 */
import type { Address } from '../../types.ts';
import { EMAIL_IN_TEXT } from '../address.ts';
import { isHeaderBlockAt, quoteStart, MAX_SCAN } from './quotes.ts';
import { cleanName } from './names.ts';
import { FORWARD_PREFIX_SOURCE, REPLY_PREFIX_SOURCE } from './subject-prefixes.ts';
import { FORWARD_MARKER, HEADER_LINE, IS_CC, IS_FROM, IS_SUBJECT, ORIGINAL_MARKER } from './quoted-headers.ts';

const MUTT_START = /^-{3,}\s*forwarded message from (.+?)\s*-{3,}\s*$/i;
const MUTT_END = /^-{3,}\s*end (of )?forwarded message\s*-{3,}\s*$/i;
const EMAIL = EMAIL_IN_TEXT;

/** "---------- Forwarded message ---------", "Début du message réexpédié :", mutt's "----- Forwarded message from … -----". */
export function isForwardMarker(line: string): boolean {
  return FORWARD_MARKER.test(line) || MUTT_START.test(line);
}

export interface InlineForward {
  note: string;
  from: Address | null;
  subject: string | null;
  /** Who the forwarded message was copied to (its « Cc : » line): a co-speaker the text names is often there. */
  cc: Address[];
  body: string;
}

/** A subject that says "forward" (« TR : », "Fwd:", "WG:"), after any replies' prefixes (« RE : TR : », "AW: WG:"). */
export const FORWARD_SUBJECT = new RegExp(`^\\s*(?:${REPLY_PREFIX_SOURCE}\\s*)*${FORWARD_PREFIX_SOURCE}`, 'i');

export function parseAddress(value: string): Address | null {
  const m = EMAIL.exec(value);
  // Gmail's forward, read from its HTML, sets the sender's name in bold: « De : *Samia Benali* <samia@…> »
  const name = cleanName(value.replace(/\[mailto:[^\]]*\]|<[^>]*>|\([^)]*@[^)]*\)/g, '').replace(EMAIL, '').trim().replace(/^[*_]+|[*_]+$/g, ''));
  if (!m && !name) return null;
  return { name, email: m ? m[0] : '' };
}

/**
 * The people of a forwarded « Cc : » line: "Sonia Mercier <sonia@…>; Paul Roy <paul@…>" (Outlook), "a@…, B <b@…>"
 * (Gmail). A list is cut after each address only, so that « Dupont, Jean <jean@…> » stays one person.
 */
export function parseAddressList(value: string): Address[] {
  return value
    .split(/(?<=[>\])]|@[\w-]+(?:\.[\w-]+)+)\s*[;,]\s*/)
    .map((part) => (EMAIL.test(part) ? parseAddress(part) : null))
    .filter((a): a is Address => a !== null && a.email !== '');
}

export function findInlineForward(text: string, forwardHint: boolean): InlineForward | null {
  const lines = text.slice(0, MAX_SCAN).replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const mutt = MUTT_START.exec(line.trim());
    let start = -1;
    let from: Address | null = null;
    if (FORWARD_MARKER.test(line)) start = i + 1;
    else if (mutt) {
      start = i + 1;
      from = parseAddress(mutt[1]!);
    } else if (forwardHint && (ORIGINAL_MARKER.test(line) || isHeaderBlockAt(lines, i))) start = ORIGINAL_MARKER.test(line) ? i + 1 : i;
    if (start < 0) continue;
    // a marker deep in quoted history belongs to an older message, not to this one
    if (quoteStart(lines.slice(0, i)) < i) return null;
    return readForwarded(lines, i, start, from);
  }
  return null;
}

function readForwarded(lines: string[], markerAt: number, start: number, muttFrom: Address | null): InlineForward {
  let j = start;
  while (j < lines.length && (lines[j] ?? '').trim() === '') j++;
  let from = muttFrom;
  let subject: string | null = null;
  const cc: Address[] = [];
  let last: string | null = null;
  for (; j < lines.length; j++) {
    const l = (lines[j] ?? '').replace(/^>\s?/, '');
    if (l.trim() === '') break;
    const h = HEADER_LINE.exec(l);
    if (h) {
      last = h[1]!;
      const v = h[2]!.replace(/[*]+$/, '').trim();
      if (IS_FROM.test(last) && !from) from = parseAddress(v);
      else if (IS_SUBJECT.test(last)) subject = v;
      else if (IS_CC.test(last)) cc.push(...parseAddressList(v));
    } else if (last && IS_CC.test(last)) {
      cc.push(...parseAddressList(l)); // a long Cc line wrapped by the client
    } else if (last && IS_FROM.test(last) && from && !from.email) {
      const m = EMAIL.exec(l); // Outlook wraps "De : Jean Dupont\n[mailto:jean@x]"
      if (m) from = { name: from.name, email: m[0] };
    }
  }
  const rest = lines.slice(j);
  const end = rest.findIndex((l) => MUTT_END.test(l.trim()));
  let body = end >= 0 ? rest.slice(0, end) : rest;
  // Apple Mail and some webmails quote the whole forwarded message: unquote it one level
  if (body.some((l) => l.trim() !== '') && body.every((l) => l.trim() === '' || /^\s*>/.test(l))) body = body.map((l) => l.replace(/^\s*> ?/, ''));
  return { note: lines.slice(0, markerAt).join('\n').trim(), from, subject, cc, body: body.join('\n').trim() };
}
