/**
 * Enhanced status codes (RFC 3463) read or derived from free text, for bounces that carry no DSN part:
 * an explicit `5.1.1` wins; else a basic SMTP reply code (`550 …`) refined by what the text says; else
 * the words alone ("user unknown", "mailbox full"…), the way bounce parsers like sisimai do.
 */

import { phraseRegExp } from '../text/phrases.ts';
import { DELAY_PHRASES, GAVE_UP_PHRASES, STATUS_REASONS } from './mta-phrases.ts';

// Only failure classes are read from prose: "2.0.12" in a text is a version number, not a success code.
const ENHANCED = /(?<![\d.])([45]\.\d{1,3}\.\d{1,3})(?!\.?\d)/;
// A reply code is trusted at a line start, after "said:"/"error:"-like words, or before an enhanced code; it is
// followed by a space, "-" (a continued reply), the line's end, or ":" as Yahoo and qmail-era MTAs write it
// ("554: delivery error: dd This user doesn't have a yahoo.fr account").
const BASIC = /(?:^|\n|said:|error:|reason:|response:|;|code:|\(|#)\s*([45][0-5]\d)(?=[\s:-]|$)/i;

/** What the words say, most specific first (mta-phrases.ts). Each pattern is a plain alternation: linear on any input. */
const REASONS: ReadonlyArray<readonly [RegExp, string, string]> = STATUS_REASONS.map(
  (r) => [phraseRegExp(`STATUS_REASONS ${r.permanent}`, r.phrases, 'i'), r.permanent, r.transient] as const,
);
const DELAY = phraseRegExp('DELAY_PHRASES', DELAY_PHRASES, 'i');

export function isDelayText(text: string): boolean {
  return DELAY.test(text);
}

const GAVE_UP = phraseRegExp('GAVE_UP_PHRASES', GAVE_UP_PHRASES, 'i');

/** The notice says delivery was given up (GAVE_UP_PHRASES): failed, even over a 4.x.x reply it quotes. */
export function isGaveUpText(text: string): boolean {
  return GAVE_UP.test(text);
}

export function enhancedStatus(text: string): string | null {
  return ENHANCED.exec(text)?.[1] ?? null;
}

/** `transient`: the notice says delivery is only delayed, so words map to 4.x.x codes. */
export function statusFromText(text: string, transient = false): string | null {
  const enhanced = enhancedStatus(text);
  if (enhanced) return enhanced;
  const basic = BASIC.exec(text)?.[1] ?? null;
  const klass = basic ? basic[0]! : transient ? '4' : '5';
  for (const [re, permanent, temporary] of REASONS) {
    if (re.test(text)) return klass === '4' ? temporary : permanent;
  }
  if (basic) return BASIC_DEFAULTS[basic] ?? `${klass}.0.0`;
  return transient ? '4.0.0' : null;
}

/** RFC 3463 §3 pairings for the reply codes whose meaning is unambiguous. */
const BASIC_DEFAULTS: Record<string, string> = {
  '421': '4.4.2',
  '450': '4.2.0',
  '451': '4.3.0',
  '452': '4.2.2',
  '550': '5.1.1',
  '551': '5.1.6',
  '552': '5.2.2',
  '553': '5.1.3',
  '554': '5.0.0',
};
