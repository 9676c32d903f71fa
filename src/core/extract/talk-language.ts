/**
 * The language a talk would be given in: stated ("Langue : anglais", "in English", « en anglais »),
 * else the language the proposal is written in.
 */
import type { Language } from '../../types.ts';

const NAMES: ReadonlyArray<readonly [RegExp, Language]> = [
  // a "Langue :" value in the speaker's own language: Englisch, inglés, inglese; Französisch, francés, francese
  [/\b(anglais|english|anglophone|englisch|ingles|inglese)\b/, 'en'],
  [/\b(francais|french|francophone|franzosisch|frances|francese)\b/, 'fr'],
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

/** A language stated in prose, or null. What is said of the mail's own language ("Sorry for writing in English") is left out. */
export function languageStated(folded: string): StatedLanguage | null {
  const all = withoutFallback(withoutMailLanguage(folded));
  // « Le support sera en anglais mais je présenterai en français », "slides in English, talk in French": the slides'
  // language is the talk's only when nothing else is said
  const spoken = withoutSlidesLanguage(all);
  return statedIn(spoken) ?? statedIn(all);
}

/** "in French or English", « en anglais ou français »: the second language named without its own « en », "in" (folded). */
const EITHER = /\b(?:en|in) (?:francais|french|anglais|english),? (?:ou|or|and|et|\/) (?:en |in )?(?:francais|french|anglais|english)\b/;

function statedIn(text: string): StatedLanguage | null {
  const hits = STATED.map(([re, lang]) => ({ lang, m: re.exec(text) })).filter((h) => h.m !== null);
  if (hits.length === 0) return null;
  hits.sort((a, b) => a.m!.index - b.m!.index);
  return { language: hits[0]!.lang, ambiguous: hits.length > 1 || EITHER.test(text) };
}

/**
 * Words of a clause offering another language besides (folded): « Je peux aussi le faire en anglais si besoin », "I
 * can also give it in French if you prefer" — the talk is in the other one, the mail's unless a clause says.
 */
const FALLBACK =
  /\b(?:peux|pourrais|pouvons|pourrions|can|could)\b[^.]{0,60}?\b(?:aussi|egalement|also|as well)\b|\b(?:si besoin|au besoin|si necessaire|si vous preferez|sinon|if needed|if necessary|if you prefer|if required|if that helps|otherwise)\b/;

/** The text without its clauses that offer a language as a fallback (`text` is withoutMailLanguage's). */
function withoutFallback(text: string): string {
  return text
    .split(/\. /)
    .filter((c) => !FALLBACK.test(c))
    .join('. ');
}

/** Words of a clause about the slides (folded), and of one about speaking, which a clause about the talk as given has. */
const ABOUT_THE_SLIDES = /\b(?:support|supports|slides|transparents|diapos?|diapositives|deck)\b/;
const SPEAKING = /\b(?:present\w*|parle\w*|speak\w*|talk\w*|donne\w*|animer\w*|deliver\w*|oral\w*|voix)\b/;

/** The text without its clauses about the slides alone (`text` is withoutMailLanguage's: clauses joined by ". "). */
function withoutSlidesLanguage(text: string): string {
  return text
    .split(/[.!?;,]\s+|\s(?=(?:but|mais)\s)/)
    .filter((c) => !(ABOUT_THE_SLIDES.test(c) && !SPEAKING.test(c)))
    .join('. ');
}

/** Words of a clause about the mail itself: writing it, the message, an apology (folded). */
const ABOUT_THE_MAIL = /\b(?:writ\w*|wrote|typ(?:e|es|ed|ing)|ecri\w*|j'ecris|redige\w*|tape\w*|mail|e-mail|email|message|courriel|sorry|apologi\w*|excuse\w*|pardon\w*|desolee?s?)\b/;
/**
 * Words of a clause about the talk: it, its slides, giving it. Speaking, not speakers: "Writing in English since the
 * organizers are not all French speakers" is about the mail (people who speak a language, not a talk given in one).
 */
const ABOUT_THE_TALK =
  /\b(?:talk|lightning|presentation|present\w*|expose|intervention|session|slides|transparents|conference|give it|donner|deliver\w*|speak(?!ers?\b)\w*|parler|animer|it would be|it will be|it could be|ce serait|ca serait|ce sera)\b/;

/**
 * The text without its clauses about the mail's own language: « Sorry for writing in English, I'm on a QWERTY
 * laptop », « Désolé, je vous écris en anglais » say nothing of the talk, "The talk itself would be in French" does.
 * Clauses end at a sentence's end, a comma or a semicolon, and before "but" / « mais »; whitespace is made single.
 */
function withoutMailLanguage(folded: string): string {
  return folded
    .split(/[.!?;,]\s+|\n\s*\n|\s(?=(?:but|mais)\s)/)
    .map((c) => c.replace(/\s+/g, ' ').trim())
    .filter((c) => !(ABOUT_THE_MAIL.test(c) && !ABOUT_THE_TALK.test(c)))
    .join('. ');
}
