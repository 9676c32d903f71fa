/**
 * One typed line is one line, even when the mail client cut it. Gmail hard-wraps its text/plain alternative at 78
 * columns (no format=flowed), Outlook's plain text at 76, older clients at 72 — and the reader reads text/plain
 * (apply-commands and the classifier hand it `mail.text` alone). An audit's « P-0082, P-0083, …, P-0090 : refuser »
 * arrived as a ref list ending in « : » and « refuser » alone below it: the bare verb declined the notice's own
 * proposal and left the named ones untouched; a long `refuser <raison>`, `question <texte>` or speaker's
 * `Titre : <titre>` lost its tail to the comment.
 *
 * A line is joined to the one above it when
 * - the line above is a ref list still waiting for its verb (« P-0082, …, P-0090 : », "P-0003 and"), and this one is
 *   a verb with no ref of its own (blank lines between aside) or goes on with refs: a bare verb under an unfinished
 *   ref list never acts on the token's own proposal — the two lines are one command;
 * - the line above is a command whose ref list ends open (« refuser P-0082, …, P-0089, ») and this one starts with a ref;
 * - the text is hard-wrapped (no line of it a wrapper would have cut), the line above is a command or a title
 *   (`Titre : …`), it is as long as a wrapped line (the first word of this one would not have fitted within 72–80
 *   columns) and does not end a sentence, and this one reads as its tail: it starts in lower case or with a digit,
 *   and is no command, label, greeting, sign-off, PS or sentence of its own (a subject pronoun, unless the line above
 *   ends with a comma), nor an aside in parentheses. A capital stays a new line: a comment under a reason is the organizers', and
 *   must not reach the speaker as part of it.
 * Prose is never joined: the comment keeps the writer's lines.
 */
import { MAX_LINE, readLine, type LineContext } from './read-line.ts';
import { isGreeting, isSignOff } from '../text/new-text.ts';
import { matchLabel } from '../extract/fields.ts';
import { isQuoteLine } from '../text/quotes.ts';

/** The narrowest and the widest wrap width of the clients that hard-wrap. */
const WRAP_MIN = 72;
const WRAP_MAX = 80;
// One way only to read each ref and each separator: "P 1" read as p, space, -, space two ways made a line of 30 refs
// (a reply anyone holding a token can send) take minutes to match (a review: 110 s for 172 characters).
const REF = String.raw`[*_]*\[?p\s?(?:-\s?)?\d{1,6}\]?[*_]*`;
/** Between two refs: a punctuation separator, or spaces with perhaps « et » / "and" — never two ways to read the same spaces. */
const LIST_SEP = String.raw`(?:\s*[,;&]\s*|\s+(?:(?:et|and)\s+)?)`;
/** Refs alone, the verb still to come: « P-0082, P-0083, …, P-0090 : », "P-0003 and", « P-7 ». */
const REFS_ONLY = new RegExp(`^(?:[-•·]\\s+)?${REF}(?:${LIST_SEP}${REF})*\\s*(?:[:：,;&]|\\bet|\\band)?$`, 'i');
/** A ref list left open at the end of a line: "accept P-0003, P-0004,". */
const LIST_OPEN = new RegExp(`${REF}\\s*(?:[,;&]|\\bet|\\band)$`, 'i');
const STARTS_WITH_REF = new RegExp(`^${REF}(?![\\w-])`, 'i');
/** How a wrapped tail starts: a word in lower case, a number. */
const TAIL_START = /^[\p{Ll}\d]/u;
/**
 * What starts a sentence or an aside of its own, even in lower case: a subject pronoun (« je vous envoie les slides… »
 * under a title), a PS (« ps pour les orgas : … » under a reason). Joined, the writer's comment would reach the speaker
 * as part of the reason, or the next sentence become part of the title (a review found both).
 */
const OWN_START = /^(?:(?:je|j['’]|nous|on|vous|tu|il|elle|ils|elles|i|i['’]m|we|you|he|she|they)(?![\p{L}\d])|p\.?\s?s\b|n\.?\s?b\b)/iu;

export function joinWrapped(lines: readonly string[], ref: LineContext): string[] {
  // a line a wrapper would have cut (longer than the widest width, a space where it cuts): this text is not hard-wrapped
  const hardWrapped = !lines.some((l) => {
    const t = l.trim();
    return t.length > WRAP_MAX && t.lastIndexOf(' ', WRAP_MIN) > 0;
  });
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    let logical = lines[i]!;
    let physical = logical;
    let j = i + 1;
    while (logical.trim() !== '') {
      let k = j;
      while (k < lines.length && lines[k]!.trim() === '') k++;
      if (k >= lines.length || !continues(logical.trim(), physical.trim(), lines[k]!, k === j, hardWrapped, ref)) break;
      logical = `${logical.trimEnd()} ${lines[k]!.trim()}`;
      physical = lines[k]!;
      j = k + 1;
    }
    out.push(logical);
    i = j;
  }
  return out;
}

/** Does `next` go on with the logical line `line` (whose last physical line is `last`)? */
function continues(line: string, last: string, next: string, adjacent: boolean, hardWrapped: boolean, ref: LineContext): boolean {
  const n = next.trim();
  if (isQuoteLine(next) || line.length + 1 + n.length > MAX_LINE) return false;
  if (REFS_ONLY.test(line)) {
    const alone = readLine(n, ref);
    if (alone.kind === 'commands' && alone.commands.every((c) => c.ref === null)) return true;
    return adjacent && STARTS_WITH_REF.test(n);
  }
  if (!adjacent) return false;
  if (LIST_OPEN.test(line) && STARTS_WITH_REF.test(n) && readLine(line, ref).kind !== 'prose') return true;
  if (!hardWrapped) return false;
  const firstWord = n.split(/\s/)[0]!;
  if (last.length > WRAP_MAX || last.length + 1 + firstWord.length <= WRAP_MIN || /[.!?？…]$/.test(last)) return false;
  // a subject pronoun opens a sentence of its own — not after a comma, where the writer's sentence goes on (« …en
  // janvier, » over « on préfère attendre la rentrée » is one reason, cut by Outlook at 76)
  const ownSentence = OWN_START.test(n) && !(/,$/.test(last) && !/^(?:p\.?\s?s|n\.?\s?b)\b/i.test(n));
  if (!TAIL_START.test(n) || ownSentence || isSignOff(n) || isGreeting(n) || matchLabel(n) || readLine(n, ref).kind === 'commands') return false;
  if (readLine(line, ref).kind !== 'prose') return true;
  const label = matchLabel(line);
  return label?.field === 'title' && label.inline.trim() !== '';
}
