/**
 * What a YAML syntax error in the configuration file says. The parser names the place it gave up: for a quote
 * or a bracket never closed that is the end of the file (a line past the last one) or the next key's line, not
 * the line to correct. So the line where it opened is named too, found in the parser's own token tree (CST):
 * a quoted scalar that runs on without its closing quote, a flow collection (`[`, `{`) without its end.
 * Nothing of the file is quoted (the parser's excerpt may be the secret's line): its first line only, and the
 * opening character.
 */
import { Parser } from 'yaml';

interface Opened {
  offset: number;
  char: string;
  what: string;
}

export function yamlErrorText(err: unknown, text: string): string {
  // The first line only: the parser's excerpt of the file after it may be the secret's line.
  const cause = String((err as Error)?.message ?? err).split('\n')[0]!.replace(/:\s*$/, '');
  const pos = (err as { pos?: [number, number] }).pos;
  const reported = /at line (\d+), column \d+$/.exec(cause);
  const opened = pos !== undefined ? lastUnclosedBefore(text, pos[0]) : undefined;
  if (opened !== undefined) {
    const { line, col } = lineCol(text, opened.offset);
    if (reported === null || Number(reported[1]) !== line) {
      return `${cause}: the ${opened.what} ${opened.char} opened at line ${line}, column ${col} is never closed — correct line ${line}`;
    }
  }
  return `${cause} — correct that line`;
}

function lastUnclosedBefore(text: string, offset: number): Opened | undefined {
  let found: Opened | undefined;
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    const tok = node as { type?: string; offset?: number; source?: string; start?: unknown; end?: unknown };
    const at = tok.offset;
    if (typeof at === 'number' && at < offset && (found === undefined || at >= found.offset)) {
      const open = unclosed(tok);
      if (open !== undefined) found = { offset: at, ...open };
    }
    for (const value of Object.values(tok)) if (typeof value === 'object') visit(value);
  };
  try {
    for (const token of new Parser().parse(text)) visit(token);
  } catch {
    return undefined;
  }
  return found;
}

function unclosed(tok: { type?: string; source?: string; start?: unknown; end?: unknown }): Omit<Opened, 'offset'> | undefined {
  const source = tok.source ?? '';
  if (tok.type === 'double-quoted-scalar' && !/^"(?:[^"\\]|\\[\s\S])*"$/.test(source)) return { char: '"', what: 'quote' };
  if (tok.type === 'single-quoted-scalar' && !/^'(?:[^']|'')*'$/.test(source)) return { char: "'", what: 'quote' };
  if (tok.type === 'flow-collection') {
    const start = (tok.start as { source?: string } | undefined)?.source;
    const ends = Array.isArray(tok.end) ? (tok.end as { type?: string }[]) : [];
    if (!ends.some((e) => e.type === 'flow-seq-end' || e.type === 'flow-map-end')) {
      return { char: start === '{' ? '{' : '[', what: 'bracket' };
    }
  }
  return undefined;
}

function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - (before.lastIndexOf('\n') + 1) + 1 };
}
