/**
 * RFC 3676 format=flowed text, decoded: the lines a client soft-broke joined back into its writer's paragraphs.
 *
 * Done here rather than by mailparser's decoder (libmime's decodeFlowed), which looked for a soft break at the last
 * non-empty piece of a paragraph, so an empty line after a line ending in a space was skipped: « Bonjour, ␠⏎⏎Titre :
 * Index BRIN » came out « Bonjour, Titre : Index BRIN », the labelled field never seen; a line before « -- » took the
 * signature separator into its paragraph too.
 *
 * Per line, in this order (RFC 3676 §4):
 * - its quote depth is the count of leading « > » (§4.5); one space after them, or a leading space on an unquoted
 *   line, is space-stuffing and removed (§4.4);
 * - it is flowed when what is left ends in a space, but for the signature separator « -- » (§4.3);
 * - a flowed line joins the next one when both have the same depth; with DelSp=yes its trailing space is removed
 *   first (§4.1). A flowed line before a line of another depth is fixed (§4.5), and so here is one before an empty line
 *   or the signature separator: neither is ever flowed text's continuation (a generator trims the space before a hard
 *   break, §4.2), so such a space was typed, and the empty line is kept as the paragraph break its writer made.
 * Quoted paragraphs keep their first line's quote prefix as written. Line ends come out as « \n », and the last line has
 * none.
 */

/** The signature separator, without its quote prefix and stuffing (RFC 3676 §4.3). */
const SIG_SEP = '-- ';

type Line = { depth: number; prefix: string; content: string };

function readLine(raw: string): Line {
  let depth = 0;
  while (raw.charCodeAt(depth) === 0x3e /* > */) depth++;
  // the one space after the quote marks, or opening an unquoted line, is stuffing (§4.4, §4.5)
  const stuffed = raw.charCodeAt(depth) === 0x20;
  return { depth, prefix: raw.slice(0, stuffed ? depth + 1 : depth), content: raw.slice(stuffed ? depth + 1 : depth) };
}

function isFlowed(line: Line): boolean {
  return line.content.endsWith(' ') && line.content !== SIG_SEP;
}

export function decodeFlowed(text: string, delSp: boolean): string {
  const raw = text.split(/\r?\n/);
  // the empty string after the last line break is no line: the text ends without that break, as mailparser's decoder
  // gave it (mailparser puts a part's text and the next one's together with a break of its own)
  if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop();
  const lines = raw.map(readLine);
  const out: string[] = [];
  // the paragraph being joined: its pieces (joined once at its end: a long soft-wrapped body stays linear)
  let pieces: string[] = [];
  let head: Line | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    head ??= line;
    const next = lines[i + 1];
    const joins = isFlowed(line) && next !== undefined && next.depth === line.depth && next.content !== '' && next.content !== SIG_SEP;
    pieces.push(joins && delSp ? line.content.slice(0, -1) : line.content);
    if (joins) continue;
    // a quoted paragraph keeps its prefix as written (« > », « >> »); an unquoted one loses its stuffing
    out.push((head.depth > 0 ? head.prefix : '') + pieces.join(''));
    pieces = [];
    head = null;
  }
  return out.join('\n');
}
