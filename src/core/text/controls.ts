/**
 * Text decoded from a message, made safe to store and to print: C0 control characters other than tab and
 * newline removed (NUL, ESC, bare CR, BEL…) and lone UTF-16 surrogates replaced by U+FFFD. PostgreSQL refuses
 * NUL in text and jsonb (`unsupported Unicode escape sequence`, 22P05) and lone surrogates in jsonb; a
 * terminal obeys ESC and CR. Applied once, where decoded strings are assigned (src/adapters/mailparser.ts).
 */

const CONTROLS = /[\x00-\x08\x0b-\x1f]/g;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units, no u flag). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Anything either pattern could touch: most decoded text has none, and one scan without lookarounds says so. */
const SUSPECT = /[\x00-\x08\x0b-\x1f\ud800-\udfff]/;

/** Could withoutControls change this text? One scan, for callers that clean many strings of one text (header lines). */
export function mayHoldControls(s: string): boolean {
  return SUSPECT.test(s);
}

export function withoutControls(s: string): string {
  if (!SUSPECT.test(s)) return s;
  return s.replace(CONTROLS, '').replace(LONE_SURROGATE, '\ufffd');
}
