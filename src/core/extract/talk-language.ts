/**
 * The language a talk would be given in: stated ("Langue : anglais", "in English", « en anglais »),
 * else the language the proposal is written in.
 */
import type { Language } from '../../types.ts';

const NAMES: ReadonlyArray<readonly [RegExp, Language]> = [
  [/\b(anglais|english|anglophone)\b/, 'en'],
  [/\b(francais|french|francophone)\b/, 'fr'],
];
/** Codes are read only when no language is named: "en" is also a French preposition. */
const CODES: ReadonlyArray<readonly [RegExp, Language]> = [
  [/^\W*(en|eng|gb|uk|us)\b/, 'en'],
  [/^\W*(fr|fra)\b/, 'fr'],
];
const STATED: ReadonlyArray<readonly [RegExp, Language]> = [
  [/\b(en|in) (anglais|english)\b|\benglish[- ](speaking|language)\b|\bin english\b/, 'en'],
  [/\b(en|in) (francais|french)\b|\bfrench[- ](speaking|language)\b/, 'fr'],
];

/** A "Langue :" value ("anglais", "EN", "French (or English)"): the first language it names. */
export function languageFromValue(folded: string): Language | null {
  let best: { lang: Language; at: number } | null = null;
  for (const [re, lang] of NAMES) {
    const m = re.exec(folded);
    if (m && (!best || m.index < best.at)) best = { lang, at: m.index };
  }
  if (best) return best.lang;
  return CODES.find(([re]) => re.test(folded))?.[1] ?? null;
}

export interface StatedLanguage {
  language: Language;
  /** Both languages were named ("en français ou en anglais"). */
  ambiguous: boolean;
}

/** A language stated in prose, or null. */
export function languageStated(folded: string): StatedLanguage | null {
  const hits = STATED.map(([re, lang]) => ({ lang, m: re.exec(folded) })).filter((h) => h.m !== null);
  if (hits.length === 0) return null;
  hits.sort((a, b) => a.m!.index - b.m!.index);
  return { language: hits[0]!.lang, ambiguous: hits.length > 1 };
}
