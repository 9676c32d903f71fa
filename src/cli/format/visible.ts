/**
 * Text from mail (a Subject, a display name, an abstract) reaches the operator's terminal through every
 * human-readable printer. A sender controls those bytes: an ESC sequence can retitle the window, hide or
 * rewrite the lines above, a bare CR overwrite the start of a line, a bidi override reverse what is read.
 * Each is shown as an escape (`\x1b`, `\r`, `\u202e`) so the operator sees what was sent and the terminal
 * acts on none of it. JSON output is printed through jsonText: JSON.stringify escapes C0 controls, jsonText the rest.
 */

/** C0 controls but tab, DEL, C1 controls, and the Unicode bidi embeddings/overrides/isolates. */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u001b': '\\x1b', '\u0000': '\\0' };

function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One field on one line: every control character escaped, newlines included. */
export function visible(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/** A multi-line text (an abstract, an error message): its lines kept, everything else escaped in each. */
export function visibleLines(text: string): string[] {
  return text.split(/\r?\n/).map(visible);
}

/** What JSON.stringify leaves raw but a terminal may act on: DEL, C1 controls (CSI is U+009B), bidi marks, line separators. */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** `--json` output: JSON.stringify's text with those characters as \uXXXX escapes — the same value to a JSON reader. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
