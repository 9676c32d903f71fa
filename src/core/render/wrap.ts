/**
 * Plain-text paragraphs for the text/plain part: written for a reader of text, so user text (an abstract)
 * is re-flowed to 72 columns and indented under its label instead of arriving as one 900-character line.
 */
export function wrapText(text: string, width = 72, indent = ''): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)
    .map((para) =>
      // A list's items (« - un », « 2. deux ») keep their own lines, each continued under its text; the other
      // lines of a paragraph are re-flowed.
      para
        .split(LIST_ITEM)
        .map((item) => {
          const flat = item.replace(/\s+/g, ' ').trim();
          const hang = ' '.repeat(LIST_MARKER.exec(flat)?.[0].length ?? 0);
          return wrapParagraph(flat, width - indent.length - hang.length)
            .map((l, i) => indent + (i === 0 ? '' : hang) + l)
            .join('\n');
        })
        .join('\n'),
    )
    .join(`\n${indent.trimEnd()}\n`);
}

/** An item of a list written in plain text: a dash, bullet or star, or a number with `.` or `)`, then a space. */
const LIST_MARKER = /^[ \t]*(?:[-*•–+]|\d{1,2}[.)])[ \t]+/;
const LIST_ITEM = /\n(?=[ \t]*(?:[-*•–+]|\d{1,2}[.)])[ \t]+\S)/;

/**
 * The words a line may be broken between. French puts a space inside « » and before : ; ? ! — a space no line may be
 * broken at (typographers set it unbreakable): « » au prochain meetup » alone at a line's start, or a line opening on
 * « : », read as a typo. Such a mark goes with the word before it, « with the word after it.
 */
export function breakableWords(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    const prev = out.length > 0 ? out[out.length - 1]! : null;
    if (prev !== null && (CLOSING.test(word) || OPENING.test(prev))) out[out.length - 1] = `${prev} ${word}`;
    else out.push(word);
  }
  return out;
}

/** A word that is only closing punctuation (« » », « : », « ?! », « », »): it stays after the word before it. */
const CLOSING = /^[»:;?!][»:;?!.,)\]]*$/;
/** A word ending on an opening guillemet (« « », « (« »): it stays before the word after it. */
const OPENING = /«$/;

function wrapParagraph(para: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of breakableWords(para.split(' '))) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * Every line of a finished text part within `width` columns: a longer line is broken between words, continued
 * under its own indentation (under the text of a `* ` or `- ` item, or of a numbered one: `  12. `). A single word
 * longer than the width (a URL) stays whole: breaking it would break the link.
 */
export function wrapLongLines(text: string, width = 72): string {
  return text
    .split('\n')
    .map((line) => {
      if ([...line].length <= width) return line;
      const lead = /^(\s*(?:[*-] |\d{1,3}[.)] )?)/.exec(line)![1]!;
      const indent = ' '.repeat(lead.length);
      const out: string[] = [];
      let cur = lead;
      let fresh = true;
      for (const word of breakableWords(line.slice(lead.length).split(/ +/))) {
        if (!fresh && [...cur].length + 1 + [...word].length > width) {
          out.push(cur);
          cur = indent + word;
        } else cur = fresh ? cur + word : `${cur} ${word}`;
        fresh = false;
      }
      out.push(cur);
      return out.join('\n');
    })
    .join('\n');
}

/**
 * A finished text part's slots (`slots`, a global pattern of sentinels) filled by `valueOf`, each line that held one
 * then wrapped as wrapLongLines wraps: the text was wrapped with the sentinel in place, and a member's unsubscribe link
 * or address, filled in per recipient, made « Se désabonner : <https://…> » a line of 90 columns. The link goes to a
 * line of its own, never broken.
 */
export function fillSlotLines(text: string, slots: RegExp, valueOf: (name: string) => string, width = 72): string {
  return text
    .split('\n')
    .map((line) => (line.search(slots) < 0 ? line : wrapLongLines(line.replace(slots, (_m, name: string) => valueOf(name)), width)))
    .join('\n');
}
