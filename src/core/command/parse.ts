/**
 * Reads the commands an organizer typed at the top of a reply: each of the first non-empty unquoted lines
 * that consists only of grammar words (with their arguments) and proposal refs counts; prose does not.
 * `Accept P-0007`, `OK`, `programmer 2025-06-12`, `P-0007: refuser` are commands; "ok, thanks!" is not.
 */
import { VERB_BY_WORD } from './grammar.ts';
import { unquotedText } from './unquote.ts';
import { proposalRef } from '../ref.ts';

export interface ParsedCommand {
  /** Normalised verbs in order; a verb with an argument is written `schedule 2025-06-12`. */
  verbs: string[];
  /** An explicit proposal ref in the command lines (`P-0007`), else null. */
  ref: string | null;
}

/** How many non-empty lines from the top may hold commands (a greeting line may come first). */
const HEAD_LINES = 3;
const REF = /^p-?(\d{1,6})$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The verbs and ref of one line, or null when a word on it is not part of the grammar. */
function parseLine(line: string): ParsedCommand | null {
  const words = line
    .split(/[\s,;:]+/)
    .map((w) => w.replace(/^[("'«*]+|[)"'».!*]+$/g, ''))
    .filter((w) => w !== '');
  const out: ParsedCommand = { verbs: [], ref: null };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const ref = REF.exec(w);
    if (ref) {
      out.ref ??= proposalRef(ref[1]!);
      continue;
    }
    const spec = VERB_BY_WORD.get(w.toLowerCase());
    if (!spec) return null;
    if (spec.arg === 'date') {
      const d = DATE.exec(words[i + 1] ?? '');
      if (!d || !validDate(d)) return null;
      out.verbs.push(`${spec.verb} ${words[i + 1]!}`);
      i++;
    } else {
      out.verbs.push(spec.verb);
    }
  }
  return out.verbs.length > 0 ? out : null;
}

function validDate(d: RegExpExecArray): boolean {
  const month = Number(d[2]);
  const day = Number(d[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

export function parseCommands(text: string | null): ParsedCommand {
  const out: ParsedCommand = { verbs: [], ref: null };
  if (!text) return out;
  const lines = unquotedText(text.slice(0, 20_000))
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, HEAD_LINES);
  for (const line of lines) {
    if (line.length > 200) continue;
    const c = parseLine(line);
    if (!c) continue;
    out.verbs.push(...c.verbs);
    out.ref ??= c.ref;
  }
  return out;
}
