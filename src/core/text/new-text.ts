/**
 * The part of a reply its author wrote *now*, as lines: what the command reader reads. Quoted history goes (">"
 * lines, "Le … a écrit :" / "On … wrote:" attributions — Gmail wraps them over two lines —, Outlook's "De : …
 * Envoyé : … Objet :" block, "-----Original Message-----"), and the text ends at a signature ("-- ", "Envoyé de
 * mon iPhone", "Get Outlook for iOS") or a closing line ("Merci,", "Cordialement", "Best,"): what follows a
 * sign-off is a name and a phone number, never a command.
 *
 * An inline reply (nothing written above the quote, answers between quoted lines) is read from the unquoted
 * lines under the attribution. HTML-only mail arrives as html-to-text output: its non-breaking spaces, "&nbsp;"
 * remnants, zero-width and bidi characters are normalised here, once, so the reader sees plain lines.
 */
import { isQuoteLine, quoteStart, MAX_SCAN } from './quotes.ts';
import { CLOSING, DELIMITER, MOBILE } from './signature.ts';
import { GREETING } from '../extract/abstract.ts';
import { isForwardMarker } from './forward.ts';

/** Mobile and webmail footers beyond the ones proposal extraction knows ("Envoyé depuis Outlook", "Sent via …"). */
const FOOTER = /^(envoy[ée] (de|depuis|avec|à partir de|a partir de)\s|sent (from|with|via)\s|get outlook for\b|obtenir outlook pour\b|t[ée]l[ée]charger outlook\b)/i;
/**
 * The first line of a legal notice a company's server or a signature appends: "CONFIDENTIALITY NOTICE: …", "This e-mail
 * and any attachments are confidential…", « Ce message et ses pièces jointes sont confidentiels… », « Avertissement : … »,
 * "Please consider the environment before printing this e-mail". Nobody writes a command or a message under it; an
 * audit's « Accept » over a name and such a notice had the notice relayed to the other organizers as a comment.
 * A label alone is no notice: "Disclaimer: I work for the vendor", « Avertissement : il a déjà annulé deux fois »,
 * "Confidential: please keep this between us" are the writer's words (a digest cut a post there, a reply lost its
 * message) — what follows the label must speak as a notice does (confidentiality, intended recipients, attachments…),
 * and a sentence about "this message" must say two of those things ("This message is confidential until the CFP
 * closes: …" is a speaker's).
 */
const NOTICE_LABEL =
  /^(?:(?:confidentiality|legal|privacy)\s+(?:notice|statement|disclaimer)|(?:e-?mail\s+)?disclaimer|confidential(?:ity)?|avertissement(?:\s+l[ée]gal)?|avis\s+(?:de\s+confidentialit[ée]|juridique|l[ée]gal)|mentions?\s+l[ée]gales?|clause\s+de\s+confidentialit[ée]|confidentialit[ée])\s*[:：]/i;
const NOTICE_SENTENCE =
  /^(?:(?:this|the\s+information\s+(?:contained\s+)?in\s+this)\s+(?:e-?mail|message|communication|transmission)\b.{0,80}\b(?:confidential|privileged|intended\s+(?:solely\s+|only\s+)?for)|(?:ce|le\s+pr[ée]sent)\s+(?:message|courriel|mail|e-?mail)\b.{0,80}\b(?:confidentiel|destin[ée]s?\s+(?:exclusivement|uniquement)|[ée]tablis?\s+[àa]\s+l'intention))/i;
const ENVIRONMENT = /^(?:please\s+consider\s+the\s+environment|pensez\s+[àa]\s+l['’]environnement|merci\s+de\s+penser\s+[àa]\s+l['’]environnement|avant\s+d['’]imprimer)/i;
/** What a legal notice speaks of. */
const NOTICE_WORDS =
  /confidenti|privil[eè]g|intended|addressee|destinataire|recipient|attachments?|pi[èe]ces?\s+jointes?|unauthori[sz]ed|non\s+autoris|prohibited|interdite?s?|notify\s+the\s+sender/gi;

function isLegalNotice(t: string): boolean {
  if (ENVIRONMENT.test(t)) return true;
  const label = NOTICE_LABEL.exec(t);
  if (label) {
    const after = t.slice(label[0].length).trim();
    // « DISCLAIMER: » alone over its text, or a label followed by a notice's words
    return after === '' || new RegExp(NOTICE_WORDS.source, 'i').test(after);
  }
  if (!NOTICE_SENTENCE.test(t)) return false;
  const said = new Set((t.match(NOTICE_WORDS) ?? []).map((w) => w.toLowerCase().slice(0, 6)));
  return said.size >= 2;
}

/** A greeting is a short line ("Bonjour,", "Hi Dim,"). */
export const MAX_GREETING = 60;
/** A closing formula is a short line; "Merci beaucoup pour la relecture des slides, c'est noté" is a sentence. */
const MAX_CLOSING = 40;

/** Characters that never belong in a command line or a transcript: C0/C1 controls, zero-width, bidi overrides. */
export const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** One line as the reader sees it: controls gone, every kind of space made plain, HTML entity remnants decoded. */
export function cleanLine(line: string): string {
  return line
    .normalize('NFC')
    .replace(/\t/g, ' ')
    .replace(INVISIBLE, '')
    .replace(/&(nbsp|#160|#xa0);?/gi, ' ')
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/\s+$/, '');
}

/** Is this line where the writer stopped (signature, mobile footer, sign-off)? */
export function isSignOff(line: string): boolean {
  return isSignatureStart(line) || isClosing(line.trim());
}

/** "Merci,", "Cordialement", "Best," — a closing formula (the writer's name follows). */
function isClosing(line: string): boolean {
  const bare = line.trim().replace(/^[*_]+|[*_]+$/g, '').trim();
  if (bare.length <= MAX_CLOSING && CLOSING.test(bare)) return true;
  // « Merci / Thanks, », "Thanks / Merci," — a bilingual closing, each half one
  const halves = bare.split(/\s+\/\s+/);
  return halves.length === 2 && halves.every((h) => h.length <= MAX_CLOSING && CLOSING.test(h));
}

/**
 * The lines the author wrote in this message, top to bottom, cleaned; [] when there are none. `said`: a line that
 * reads as more than a closing — the command reader's (« Merci beaucoup, je confirme ma venue. » opens as "Merci
 * beaucoup…" closes, and a speaker's only line was cut as his sign-off: nothing confirmed, nothing relayed).
 */
export function newTextLines(text: string | null, said?: (line: string) => boolean): string[] {
  return untilSignOff(writtenLines(text), said);
}

/** Where a signature starts for good: "-- ", a mobile or webmail footer (not a closing formula, which is words). */
export function isSignatureStart(line: string): boolean {
  const t = line.trim();
  return DELIMITER.test(line) || DELIMITER.test(t) || MOBILE.test(t) || FOOTER.test(t) || isLegalNotice(t);
}

/**
 * The new text's lines before anything is cut at a closing or a signature: newTextLines without the sign-off rule, for
 * telling a mail that says only « Merci ! » (courtesy: no answer) from one with no new text at all.
 */
export function writtenLines(text: string | null): string[] {
  if (!text) return [];
  const lines = text.slice(0, MAX_SCAN).replace(/\r\n?/g, '\n').split('\n').map(cleanLine);
  const start = historyStart(lines);
  // A forward under a note (« Début du message réexpédié : ») is someone else's mail, not the writer's new text.
  const forward = lines.slice(0, start).findIndex(isForwardMarker);
  const top = lines.slice(0, forward >= 0 ? forward : start).filter((l, i) => !isQuoteLine(l) && !isAddressAttribution(lines, i));
  const written = top.filter((l) => l.trim() !== '');
  // "Bonjour," or "Réponses dans le texte :" alone above the quote still means the answers are inline
  const onlyPreamble = written.length > 0 && written.length <= 2 && written.every((l) => isPreamble(l.trim()));
  if ((written.length > 0 && !onlyPreamble) || start >= lines.length) return withoutRule(top);
  const inline = inlineAnswers(lines, start);
  return inline.some((l) => l.trim() !== '') ? [...top, ...inline] : withoutRule(top);
}

/**
 * html-to-text draws the <hr> an HTML client puts above the quoted header block (Outlook on the web) as a rule of dashes:
 * it closes the history's separator, nothing the writer said (« Merci pour la réactivité ! » over it was no courtesy).
 */
function withoutRule(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && RULE.test(lines[end - 1]!)) end--;
  return end === lines.length ? lines : lines.slice(0, end);
}
const RULE = /^\s*([-_=*~─]{3,})?\s*$/;

/**
 * Where the quoted history starts. "Réponse dans le texte :" right above an attribution ends with a colon as an
 * attribution's first line does, and was taken for one: an introduction there is the writer's, the history below it.
 */
function historyStart(lines: readonly string[]): number {
  const start = quoteStart(lines);
  if (start >= lines.length || !isPreamble(lines[start]!.trim()) || isGreeting(lines[start]!.trim())) return start;
  const below = quoteStart(lines.slice(start + 1));
  return below < lines.length - start - 1 ? start + 1 + below : start;
}

/** An introduction to answers written between the quoted lines: "Réponse dans le texte :", "See my answers below." */
const INLINE_INTRO = /\b(?:ci-dessous|dans le texte|entre les lignes|below|inline|in-line|interleaved)\b|[:：]$/i;
const MAX_INTRO = 80;

/** "Réponse dans le texte :", "Voir ma réponse ci-dessous.", "My answers:": a short line announcing answers. */
export function introducesAnswers(line: string): boolean {
  return line.length <= MAX_INTRO && INLINE_INTRO.test(line);
}

/**
 * mutt's and other clients' own attribution formats (« * PostgreSQL Paris <talks+…@…> [2026-11-30 11:02 +0100]: »,
 * "Jean <j@x> (30/11/2026):"): a line naming an address and ending with a colon, right above the quote. An audit's
 * mutt reply had it relayed to the other organizers as the writer's comment, token address included.
 */
function isAddressAttribution(lines: readonly string[], i: number): boolean {
  const l = lines[i]!.trim();
  if (l.length > 200 || !/[:：]$/.test(l) || !/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.test(l)) return false;
  let j = i + 1;
  while (j < lines.length && lines[j]!.trim() === '') j++;
  return j < lines.length && isQuoteLine(lines[j]!);
}

/** "Bonjour,", "Hi Dim," — and the French "Re," (hello again) that opens a second mail of the day. */
export function isGreeting(line: string): boolean {
  return line.length <= MAX_GREETING && (GREETING.test(line) || /^re\s*[,!]?$/i.test(line));
}

/** Does a sentence follow (a question, or a line longer than a name, a title or a phone number)? */
function writtenAfter(lines: readonly string[]): boolean {
  return lines.some((l) => {
    const t = l.trim();
    return !isSignOff(t) && (/[?？]$/.test(t) || t.length > 60 || (t.split(/\s+/).length >= 6 && /[.!]$/.test(t)));
  });
}

/** A line that only opens a reply: a greeting, or a short introduction to the answers. */
function isPreamble(line: string): boolean {
  return isGreeting(line) || introducesAnswers(line);
}

/**
 * Interleaved answers: under an attribution line, the unquoted lines between the quoted ones, up to the next
 * quoted history (an older attribution, a separator). Only after an attribution: an Outlook header block quotes
 * nothing with ">", so its "answers" would be the quoted mail itself.
 */
function inlineAnswers(lines: readonly string[], start: number): string[] {
  let i = start;
  // the attribution may be wrapped over three lines: it ends at the first line ending with a colon
  const last = Math.min(lines.length, start + 3);
  while (i < last && !/[:：]\s*$/.test(lines[i] ?? '')) i++;
  if (i >= last) return [];
  const after = lines.slice(i + 1);
  if (!after.some((l) => isQuoteLine(l))) return [];
  const end = quoteStart(after);
  return after.slice(0, end).filter((l) => !isQuoteLine(l));
}

function untilSignOff(lines: readonly string[], said?: (line: string) => boolean): string[] {
  const out: string[] = [];
  for (const [i, l] of lines.entries()) {
    // a closing formula that goes on into what the reader takes for more (« Thanks again, accepted. »)
    if (!isSignatureStart(l) && isClosing(l) && said?.(l)) {
      out.push(l);
      continue;
    }
    // « Merci ! » on top of a question opens the message rather than closing it: a closing ends the text only
    // after something was written, or when only a name or a signature follows it.
    if (isSignOff(l) && (!isClosing(l) || out.some((o) => o.trim() !== '' && !isGreeting(o.trim())) || !writtenAfter(lines.slice(i + 1)))) break;
    out.push(l);
  }
  // html-to-text draws the <hr> above a quoted header block as a rule of dashes
  while (out.length > 0 && RULE.test(out[out.length - 1]!)) out.pop();
  return out;
}
