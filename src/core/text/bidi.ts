/**
 * User text set on a line beside crieur's own words (« علي ‮ evil — 5 minutes », a title before the date in a
 * Subject) must not reorder them: an explicit direction override (U+202E RLO), embedding (U+202A–U+202D) or isolate
 * (U+2066–U+2068) left open in a name runs on to the end of its paragraph, and « 5 minutes » after it reads
 * « setunim 5 ». closeBidi ends each one the value opened, line by line (a line break ends them in text already),
 * with its terminator — PDF (U+202C) for an embedding or override, PDI (U+2069) for an isolate — in the order the
 * Unicode Bidirectional Algorithm (UAX #9, X6a–X7) pairs them. The characters the writer typed are kept, so an
 * intended right-to-left override still shows inside the value; nothing is added to text that opens none.
 */

const OPENERS = /[\u202a-\u202e\u2066-\u2068]/;
const EMBEDDING = new Set(['\u202a', '\u202b', '\u202d', '\u202e']);
const ISOLATE = new Set(['\u2066', '\u2067', '\u2068']);
const PDF = '\u202c';
const PDI = '\u2069';

export function closeBidi(s: string): string {
  if (!OPENERS.test(s)) return s;
  return s.split('\n').map(closeLine).join('\n');
}

function closeLine(line: string): string {
  if (!OPENERS.test(line)) return line;
  const open: string[] = [];
  for (const c of line) {
    if (EMBEDDING.has(c)) open.push(PDF);
    else if (ISOLATE.has(c)) open.push(PDI);
    else if (c === PDF) {
      // a PDF closes the last embedding, not across an isolate still open (X7)
      if (open[open.length - 1] === PDF) open.pop();
    } else if (c === PDI) {
      // a PDI closes its isolate and every embedding opened inside it (X6a); with no isolate open it matches nothing
      const at = open.lastIndexOf(PDI);
      if (at >= 0) open.length = at;
    }
  }
  // a trailing \r stays last, after the terminators
  const cr = line.endsWith('\r') ? '\r' : '';
  return (cr ? line.slice(0, -1) : line) + open.reverse().join('') + cr;
}
