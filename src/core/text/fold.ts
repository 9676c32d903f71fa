/** Small text helpers shared by extraction and scoring: accent folding, line splitting, bounded samples. */
import { Buffer } from 'node:buffer';
import { boundedMemo } from '../bounded-memo.ts';

/**
 * Lower-case, accents removed, typographic apostrophes made plain: for matching words, never for output.
 *
 * foldAny's answer, computed for less. A string of ASCII only (nearly three calls in four, over half the characters, in a
 * pass of the corpus) is its own NFD with no combining mark, and the only apostrophe foldAny makes plain in ASCII is the
 * backquote: lower-casing it and replacing that is the same, without ICU's normalizer and two pattern scans. UTF-8 takes
 * one byte a code unit exactly when every unit is below 0x80 (a lone surrogate takes three), and Buffer.byteLength
 * counts that in C++: a pattern such as /[^\0-\x7f]/ was as dear, interpreted, as the normalizer it spares.
 */
export function fold(s: string): string {
  if (Buffer.byteLength(s, 'utf8') !== s.length) return s.length <= MEMO_LENGTH ? foldKept(s) : foldAny(s);
  const lower = s.toLowerCase();
  return lower.includes('`') ? lower.replaceAll('`', "'") : lower;
}

/**
 * Some 120 readers fold, and a string with other characters than ASCII is often one folded a few calls before — the
 * same line or text sample read by the next rule (issue 12: half those calls, a third of their characters, in a pass of
 * the corpus): the last FOLD_MEMO answers are kept, for strings up to MEMO_LENGTH characters (a longer one is folded
 * each time, so the memo holds at most FOLD_MEMO × MEMO_LENGTH characters of each). Not for ASCII: hashing the key
 * costs about what folding it does.
 */
const FOLD_MEMO = 64;
const MEMO_LENGTH = 4000;
const foldKept = boundedMemo(foldAny, FOLD_MEMO);

/** The definition, for any string: canonical decomposition, the combining diacritics (U+0300–U+036F) dropped. */
function foldAny(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .toLowerCase();
}

/** LF lines, CRs gone, non-breaking spaces made plain (Outlook puts them before every French colon). */
export function toLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').replace(/[\u00a0\u202f\u2007]/g, ' ').split('\n');
}

/** Collapse inner whitespace and trim. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Strip one pair of surrounding quotes of any kind: «…», "…", “…”, '…', ‘…’. */
export function unquote(s: string): string {
  const t = s.trim();
  const m = /^(?:«\s*|"|“|”|„|'|‘|’)([\s\S]*?)(?:\s*»|"|”|“|'|’)$/.exec(t);
  return m ? m[1]!.trim() : t;
}

/**
 * Where a mail client's text/plain shows an inline image by a placeholder: Outlook's « [cid:image001.png@01DA2B3C.4D5E6F70] »,
 * Gmail's « [image: schema.png] ». Nobody typed them: they are left out of what the writer wrote (an abstract).
 */
// The blanks before it are taken from the first of a run only (the lookbehind): `[ \t]*\[` tried at every blank of a long
// run on a line with a bracket was quadratic — a sender's 80,000 blanks took 3 s.
const IMAGE_PLACEHOLDER = /(?:(?<![ \t])[ \t]+)?\[(?:cid:[^\]\s]{1,200}|image:[^\]\n]{0,200})\][ \t]*/gi;

export function withoutImagePlaceholders(text: string): string {
  if (!text.includes('[')) return text;
  return text
    .replace(IMAGE_PLACEHOLDER, (m) => (/^[ \t]/.test(m) && /[ \t]$/.test(m) ? ' ' : ''))
    .replace(/\n[ \t]*\n(?:[ \t]*\n)+/g, '\n\n')
    .trim();
}
