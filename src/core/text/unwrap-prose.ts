/**
 * Paragraphs a mail client hard-wrapped, joined back into the lines their writer typed. Gmail's text/plain cuts
 * lines at 78 columns, Thunderbird and Mutt at 72, Outlook at 76: a proposal's description kept those breaks, and
 * every place that shows it (the acknowledgement's HTML turns each into a <br>, its text part re-wraps at 72 under
 * them, the announcement, `crieur parse`'s JSON) showed a ragged paragraph, its sentences cut in two.
 *
 * A break is the client's when the next line's first word would not have fitted on the line at the width the text
 * was wrapped at (estimated from the text's own lines: the longest line of 60–80 columns, seen more than once near
 * that length). A line that ends short of it was ended by its writer and keeps its break, as do list items, a line
 * announcing what follows (« Déroulé : ») unless a lower-case word goes on, blank lines. Where no width shows (a short text), a long line ending on no
 * punctuation whose next line goes on in lower case is a sentence the client cut.
 */

/** A line opening a list item: « - », « * », « • », « 1. », « 2) », « a) ». */
const LIST_ITEM = /^\s*(?:[-*•·–—>+]\s|\d{1,2}[.)]\s|[a-z][.)]\s)/i;
/** The widths mail clients wrap at, and how many columns short of the width a wrapped line may end. */
const MIN_WIDTH = 60;
const MAX_WIDTH = 80;
const NARROWEST_WRAP = 72;

/** The column the text was hard-wrapped at, or null when its lines do not show one. */
export function wrapWidth(lines: readonly string[]): number | null {
  // trimmed: an indented block (Mutt's under « Abstract: ») is wrapped at the same width its lines are read at here
  const lengths = lines.map((l) => l.trim().length).filter((n) => n > 0);
  const fitting = lengths.filter((n) => n <= MAX_WIDTH);
  if (fitting.length < 3) return null;
  const width = Math.max(...fitting);
  if (width < MIN_WIDTH) return null;
  // Wrapped text has several lines close to its width; a text of whole-paragraph lines has most lines far beyond it.
  const near = fitting.filter((n) => n >= width - 15).length;
  const beyond = lengths.filter((n) => n > MAX_WIDTH + 20).length;
  return near >= 2 && beyond * 4 <= lengths.length ? width : null;
}

/** `text` with its client-made line breaks removed (see above); `width` defaults to the one its own lines show. */
export function unwrapProse(text: string, width: number | null = wrapWidth(text.split('\n')), firstColumn = 0): string {
  const out: string[] = [];
  // the last line as the client wrote it: the width applies to it, not to the paragraph joined so far (the first one
  // began at firstColumn, after its label)
  let last: string | null = null;
  let column = firstColumn;
  for (const line of text.split('\n')) {
    if (last !== null && joins(last, line, width, column)) out[out.length - 1] = `${out[out.length - 1]!.trimEnd()} ${line.trim()}`;
    else out.push(line);
    if (last !== null) column = 0;
    last = line;
  }
  return out.join('\n');
}

/**
 * Where a labelled value began on its line: « Résumé : Trois ans de… » puts the description's first line 9 columns
 * in, and the client wrapped the whole line. 0 when the value is not at the end of that line.
 */
export function valueColumn(labelLine: string | undefined, value: string): number {
  const first = value.trimStart().split('\n', 1)[0]!.trimEnd();
  const line = (labelLine ?? '').trimEnd();
  return first !== '' && line.endsWith(first) ? line.trimStart().length - first.length : 0;
}

/** Does `next` continue the paragraph of `line`, on a line the client broke? */
function joins(line: string, next: string, width: number | null, column: number): boolean {
  const t = next.trim();
  if (t === '' || line.trim() === '' || LIST_ITEM.test(next)) return false;
  const end = column + line.trim().length;
  const firstWord = t.split(/\s+/, 1)[0]!;
  // the writer's own line ends where the next word would still have fitted; after a colon (« Déroulé : » over its
  // points) only a sentence going on in lower case was cut there (« …sur une base de 4 To :\nle découpage… »)
  const announces = /[:：]\s*$/.test(line);
  if (width !== null && end <= width && end + 1 + firstWord.length > width && (!announces || /^\p{Ll}/u.test(t))) return true;
  // a sentence cut mid-way where the width cannot be told (a short text, a first line shortened by the label taken off
  // it): a long line ending on no punctuation, the next going on in lower case
  if (end < MIN_WIDTH || /[.!?;:…»"”)]\s*$/.test(line)) return false;
  if (/^\p{Ll}/u.test(t)) return true;
  // …and one cut before a capitalised word (a name: "…two years of running⏎Citus for a…") when that word would not
  // have fitted at the narrowest width clients wrap at (Thunderbird's and Mutt's 72): no writer's line ends there
  return width === null && /^\p{Lu}/u.test(t) && end + 1 + firstWord.length > NARROWEST_WRAP;
}
