/**
 * RFC 4180 CSV, as spreadsheets and meetup sites export it: quoted fields with doubled quotes and line breaks
 * inside, CRLF or LF. The separator is the one Excel's `sep=;` first line names (that line is not a row), else the
 * one the header row has most of among `,` `;` (French Excel) and tab (Excel's "Unicode text"). Blank lines before
 * the header row are skipped.
 */
export type CsvSeparator = ',' | ';' | '\t' | '|';

/** A CSV file's rows, each with the line of the file it starts on (1-based; a quoted field may span lines). */
export interface CsvTable {
  separator: CsvSeparator;
  /** The header row (empty when the file has no row at all) and its line. */
  header: string[];
  headerLine: number;
  rows: { line: number; cells: string[] }[];
  /**
   * The line of a quote that is never closed, when there is one: from it to the end of the file everything was read
   * into one cell (RFC 4180 has no end for it), so the rows after it are not rows. A roster import refuses such a
   * file rather than lose those people silently, as listmonk's CSV reader does.
   */
  unclosedQuoteLine?: number;
}

const SEP_LINE = /^\s*"?sep=([,;\t|])"?[,;\t]*\s*$/i;

export function csvTable(input: string): CsvTable {
  const text = input.replace(/^\uFEFF/, '');
  const lines = lineStarts(text);
  let i = 0;
  // Blank: nothing but spaces and separators (a spreadsheet's empty row is `,,,`).
  const blank = (k: number) => /^[\s,;]*$/.test(lineText(text, lines, k));
  while (i < lines.length && blank(i)) i++;
  let separator: CsvSeparator | null = null;
  const excel = i < lines.length ? SEP_LINE.exec(lineText(text, lines, i)) : null;
  if (excel) {
    separator = excel[1] as CsvSeparator;
    i++;
    while (i < lines.length && blank(i)) i++;
  }
  if (i >= lines.length) return { separator: separator ?? ',', header: [], headerLine: lines.length, rows: [] };
  separator ??= guessSeparator(lineText(text, lines, i));
  const { rows: records, unclosedQuoteLine } = parseRecords(text, lines[i]!, i + 1, separator);
  const [first, ...rows] = records;
  return { separator, header: first?.cells ?? [], headerLine: first?.line ?? i + 1, rows, ...(unclosedQuoteLine === undefined ? {} : { unclosedQuoteLine }) };
}

/** Every row, the header row first (see csvTable). */
export function parseCsv(text: string): string[][] {
  const t = csvTable(text);
  return t.header.length === 0 && t.rows.length === 0 ? [] : [t.header, ...t.rows.map((r) => r.cells)];
}

/** The separator a header row uses most, outside quotes; a comma when it has none (one column). */
function guessSeparator(line: string): CsvSeparator {
  const unquoted = line.replace(/"(?:[^"]|"")*"/g, '');
  const count = (c: string) => unquoted.split(c).length - 1;
  const candidates: CsvSeparator[] = [',', ';', '\t'];
  return candidates.reduce((best, c) => (count(c) > count(best) ? c : best), ',' as CsvSeparator);
}

/** Offsets of the lines of `text` (CRLF, LF or CR), for line numbers and the header's search. */
function lineStarts(text: string): number[] {
  const starts = text.length === 0 ? [] : [0];
  for (const m of text.matchAll(/\r\n|\n|\r/g)) if (m.index + m[0].length < text.length) starts.push(m.index + m[0].length);
  return starts;
}

function lineText(text: string, starts: number[], k: number): string {
  const end = k + 1 < starts.length ? starts[k + 1]! : text.length;
  return text.slice(starts[k], end).replace(/\r?\n$|\r$/, '');
}

function parseRecords(text: string, from: number, firstLine: number, sep: CsvSeparator): { rows: { line: number; cells: string[] }[]; unclosedQuoteLine?: number } {
  const rows: { line: number; cells: string[] }[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let quoteLine = firstLine;
  let line = firstLine;
  let rowLine = firstLine;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push({ line: rowLine, cells: row });
      line++;
      rowLine = line;
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push({ line: rowLine, cells: row });
  }
  return quoted ? { rows, unclosedQuoteLine: quoteLine } : { rows };
}

/**
 * A CSV file's bytes as text. Excel's French default is Windows-1252, a meetup site's export UTF-8, Excel's "Unicode
 * text" UTF-16 with a BOM: UTF-8 when the bytes are valid UTF-8 (ASCII included), UTF-16 by its BOM, else
 * Windows-1252 (a superset of ISO-8859-1 for the letters people write), so that "Françoise" stays Françoise.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // By hand: Node's TextDecoder reads 'windows-1252' as ISO-8859-1 (0x80 gives U+0080, not €).
    let text = '';
    for (const b of bytes) text += b >= 0x80 && b <= 0x9f ? (CP1252_80_9F[b - 0x80] ?? '\ufffd') : String.fromCharCode(b);
    return { text, encoding: 'windows-1252' };
  }
}

/** Windows-1252's 0x80–0x9F (ISO-8859-1's C1 controls there): €, ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ, Ž, ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ. */
const CP1252_80_9F = [
  '€', '\ufffd', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\ufffd', 'Ž', '\ufffd',
  '\ufffd', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\ufffd', 'ž', 'Ÿ',
];
