/**
 * Plain-text paragraphs for the text/plain part: written for a reader of text, so user text (an abstract)
 * is re-flowed to 72 columns and indented under its label instead of arriving as one 900-character line.
 */
export function wrapText(text: string, width = 72, indent = ''): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)
    .map((para) => wrapParagraph(para.replace(/\s+/g, ' '), width - indent.length).map((l) => indent + l).join('\n'))
    .join(`\n${indent.trimEnd()}\n`);
}

function wrapParagraph(para: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of para.split(' ')) {
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
