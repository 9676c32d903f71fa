/**
 * Quoted-history removal: what the sender wrote in *this* message, without the earlier mail their client
 * appended (">" lines, "On … wrote:" / "Le … a écrit :" attributions, Outlook's "-----Original Message-----"
 * and "De : … Envoyé : … Objet :" header blocks).
 *
 * Forward markers ("---------- Forwarded message ---------", "Début du message réexpédié :") are NOT cut
 * here: a forwarded proposal's content is the point of the message. See forward.ts to split those.
 * Scans are bounded (MAX_SCAN) so that a 10 MB text body costs no more than a normal one.
 */

import { HEADER_FROM, HEADER_SENT, HEADER_SUBJECT, IS_SUBJECT, ORIGINAL_SEPARATOR } from './quoted-headers.ts';

/** Bodies longer than this are cut before scanning: nobody writes a proposal in 50 KB. */
export const MAX_SCAN = 40_000;

/** One line that, alone, starts the quoted history. */
const SEPARATOR_LINE: readonly RegExp[] = [
  ORIGINAL_SEPARATOR, // "-----Original Message-----", « -----Ursprüngliche Nachricht----- »
  /^_{10,}\s*$/, // Outlook's rule above its header block
];

/**
 * Attribution: "On Mon, 3 Mar 2025 at 10:00, Jean <j@x> wrote:", "Le lun. 3 mars 2025 à 10:00, Jean a écrit :".
 * Clients wrap it over up to three lines, so it is tested on a line and its next two joined.
 */
const ATTRIBUTION =
  /^(on|le|am|el|il|op|em|w dniu)\b.{0,300}?\b(wrote|writes|a [ée]crit|schrieb|escribi[óo]|ha scritto|schreef|escreveu|napisa[łl]\(?a?\)?)\s*:\s*$/i;
/** A bare "Jean Dupont <j@x> a écrit :" / "j@x wrote:" line (no leading date). */
const BARE_ATTRIBUTION = /^.{0,120}(@|>).{0,80}\b(wrote|a [ée]crit|schrieb)\s*:\s*$/i;

/** A finished sentence: « … dès 18h30. », "… instead of 45?" — not a wrapped attribution's first line (« Le lun. 30 nov. »). */
const SENTENCE_END = /(?:[!?]|\p{L}{4,}\.|\d\.)\s*$/u;


export function isQuoteLine(line: string): boolean {
  return /^\s*>/.test(line);
}

/**
 * Is `lines[i]` the first line of an Outlook "De : … Envoyé : … Objet :" block — "From:/De :/Von:" then, within a few
 * lines, "Sent:/Envoyé :/Date :/Datum:" and "Subject:/Objet :/Betreff:" (text/quoted-headers.ts has the languages)?
 * GMX and Web.de open theirs on the date: « Gesendet: … » / « Envoyé: … » over « Von: » / « De: », then « Betreff: » /
 * « Objet: », its « Von: » / « De: » naming an address (audit AE: a GMX reply's quoted notice was relayed to the other
 * organizers as the writer's comment).
 */
export function isHeaderBlockAt(lines: readonly string[], i: number): boolean {
  const first = lines[i] ?? '';
  const dateFirst = !HEADER_FROM.test(first);
  if (dateFirst && !HEADER_SENT.test(first)) return false;
  let sent = dateFirst;
  let from = !dateFirst;
  for (let j = i + 1; j < Math.min(lines.length, i + 7); j++) {
    const l = lines[j] ?? '';
    if (HEADER_SENT.test(l)) sent = true;
    // (its « De: » names an address: « Date : 14 janvier / De : 19h à 21h / Sujet : … » is a schedule written as labels)
    else if (dateFirst && HEADER_FROM.test(l)) from = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.test(l);
    else if (HEADER_SUBJECT.test(l)) return sent && from;
  }
  return false;
}

/** A line naming an address; a date and time as Notes writes them (« 03/12/2026 09:12 », « 03.12.2026 09:12 »). */
const ADDRESS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const NOTES_DATE = /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\s+\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*(?:AM|PM))?$/i;
const NOTES_TO = /^(?:to|[àa]|an|pour|para|aan)$/i;

/**
 * HCL (Lotus) Notes' header block: the author's name and address, the date and time under it, then its labels on lines
 * of their own (« To » over the address, « cc », « Subject » over the subject), nothing quoted with « > » (audit AE's
 * check: a Notes reply's quoted notice, or a speaker's acknowledgement, was relayed to the organizers as the writer's).
 */
function isNotesBlockAt(lines: readonly string[], i: number): boolean {
  const l = (lines[i] ?? '').trim();
  // (asked of every line before the history: ADDRESS tries each word of a line as an address's start, and most lines
  // hold no « @ » — the same answer without the scan, issue 12)
  if (l.length > 200 || !l.includes('@') || !ADDRESS.test(l)) return false;
  const d = nextNonEmpty(lines, i + 1);
  if (!NOTES_DATE.test((lines[d] ?? '').trim())) return false;
  let to = false;
  for (let j = d + 1; j < Math.min(lines.length, d + 10); j++) {
    const t = (lines[j] ?? '').trim();
    if (NOTES_TO.test(t)) to = true;
    else if (IS_SUBJECT.test(t)) return to;
  }
  return false;
}

/** Index of the line where quoted history starts, or lines.length when there is none. */
export function quoteStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    if (SEPARATOR_LINE.some((r) => r.test(line))) {
      // an underscore rule only counts when a header block follows it
      if (line.startsWith('_') && !isHeaderBlockAt(lines, nextNonEmpty(lines, i + 1))) continue;
      return i;
    }
    if (isHeaderBlockAt(lines, i) || isNotesBlockAt(lines, i)) return i;
    if (line.length < 400 && /[:：]\s*$/.test(line)) {
      for (let n = 1; n <= 3; n++) {
        const cand = wrapped(lines, i, n);
        if (cand === null) break;
        if (ATTRIBUTION.test(cand) || BARE_ATTRIBUTION.test(cand)) return i;
      }
    } else if (wrappedAttribution(lines, i) > 1) return i;
  }
  return lines.length;
}

/**
 * How many lines the attribution starting at line i spans: 2 or 3 when a client wrapped it before its colon (Gmail's
 * « On Tue, Dec 1, 2026 at 10:02 PM PostgreSQL Paris » over « <talks+…@…> wrote: »), else 1. Whoever reads what
 * follows the history's first line (bodyLanguage) skips them all: the second line is the client's too.
 */
export function attributionLines(lines: readonly string[], i: number): number {
  return Math.max(1, wrappedAttribution(lines, i));
}

/** A wrapped attribution whose colon is on a following line: its number of lines (2 or 3), else 0. */
function wrappedAttribution(lines: readonly string[], i: number): number {
  const line = (lines[i] ?? '').trim();
  // its first line is never a finished sentence: « Le 14 janvier me va très bien, je serai là dès 18h30. » right
  // above the attribution is the writer's
  if (!/^(on|le|am)\b/i.test(line) || line.length >= 300 || SENTENCE_END.test(line) || /[:：]\s*$/.test(line)) return 0;
  for (let n = 2; n <= 3; n++) {
    const cand = wrapped(lines, i, n);
    if (cand === null) break;
    if (ATTRIBUTION.test(cand)) return n;
  }
  return 0;
}

/**
 * Lines i.. i+n−1 joined as one wrapped attribution, or null across a blank line: an attribution never has one, and
 * « Le 14 janvier me va. », a blank line, then the real attribution is the writer's sentence over the history.
 */
function wrapped(lines: readonly string[], i: number, n: number): string | null {
  const parts = lines.slice(i, i + n).map((l) => (l ?? '').trim());
  return parts.slice(1).some((p) => p === '') ? null : parts.join(' ');
}

function nextNonEmpty(lines: readonly string[], from: number): number {
  let i = from;
  while (i < lines.length && (lines[i] ?? '').trim() === '') i++;
  return i;
}

/** The text without quoted history: ">" lines dropped, everything from the first attribution/separator cut. */
export function stripQuotes(text: string): string {
  const lines = text.slice(0, MAX_SCAN).replace(/\r\n?/g, '\n').split('\n');
  const end = quoteStart(lines);
  return lines
    .slice(0, end)
    .filter((l) => !isQuoteLine(l))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A reply written under the quote (bottom-posting: mutt, the PostgreSQL lists' custom): the new text after the last
 * quoted line, its own quotes removed. Empty when nothing is quoted with `>` (Outlook's header blocks quote nothing
 * that way, and their new text is on top).
 */
export function textBelowQuote(text: string): string {
  const lines = text.slice(0, MAX_SCAN).replace(/\r\n?/g, '\n').split('\n');
  let last = -1;
  for (let k = quoteStart(lines); k < lines.length; k++) if (isQuoteLine(lines[k]!)) last = k;
  return last < 0 ? '' : stripQuotes(lines.slice(last + 1).join('\n'));
}

