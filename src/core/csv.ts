/**
 * RFC 4180 CSV, as spreadsheets and meetup sites export it: quoted fields with doubled quotes and line breaks
 * inside, CRLF or LF, a `;` separator when the header row has more of those than commas (French Excel).
 */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
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
