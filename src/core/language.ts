/**
 * Language of a text: fr, en, or null when unsure. Stopword counts decide the common case in microseconds;
 * franc (trigrams) is asked only when they do not, so that a German or Latvian mail comes out null rather
 * than forced into French or English. Reads a bounded sample: the first lines decide.
 */
import { franc } from 'franc-min';
import type { Language } from '../types.ts';

const SAMPLE = 2000;
/** franc's cost grows with its input; a few hundred characters are enough for two candidate languages. */
const FRANC_SAMPLE = 400;
/** Comparing with a handful of Latin-script neighbours is 3× cheaper than with all of franc-min's 82 languages. */
const FRANC_ONLY = ['fra', 'eng', 'deu', 'spa', 'ita', 'por', 'nld', 'ron', 'pol'];
const FR = new Set(
  'le la les des une un est pour avec dans je vous nous sur pas que qui du au aux et ce cette mais ou donc sont mon ma mes votre vos notre nos merci bonjour cordialement tres plus il elle ils on en par'.split(' '),
);
const EN = new Set('the and is for with this that you we of to in it be are my your our thanks hello regards would like can will not have has at on an from'.split(' '));
/** Words in both lists ("on", "en") count for neither. */
const WORD = /[a-zà-ÿ']+/g;

export function detectLanguage(text: string | null): Language | null {
  if (!text) return null;
  const sample = text
    .slice(0, SAMPLE)
    .split('\n')
    .filter((l) => !/^\s*>/.test(l))
    .join('\n')
    .toLowerCase();
  let fr = 0;
  let en = 0;
  let words = 0;
  // match() gives the words as strings: no match object per word (this runs on every message).
  for (const raw of sample.match(WORD) ?? []) {
    const w = raw[1] === "'" && raw[0]! >= 'a' && raw[0]! <= 'z' ? raw.slice(2) : raw; // l'équipe → équipe
    words++;
    const f = FR.has(w);
    const e = EN.has(w);
    if (f && !e) fr++;
    else if (e && !f) en++;
  }
  const hits = fr + en;
  if (hits >= 3 && hits / Math.max(words, 1) >= 0.06) {
    if (fr >= 1.5 * en) return 'fr';
    if (en >= 1.5 * fr) return 'en';
  }
  if (words < 4) return null;
  // plenty of words and almost no French or English function words: another language (or code, or logs)
  if (words >= 30 && hits / words < 0.05) return null;
  if (/[^\u0000-\u024f\s\u2000-\u206f\u20ac]/.test(sample.slice(0, 400))) return null; // another script
  const guess = franc(sample.slice(0, FRANC_SAMPLE), { minLength: 16, only: FRANC_ONLY });
  return guess === 'fra' ? 'fr' : guess === 'eng' ? 'en' : null;
}
