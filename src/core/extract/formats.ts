/**
 * Talk format: "lightning" in all the ways people write it (« éclair », "LT", and the misspellings
 * "ligthning", "lighting talk", "lightening talk"), else a regular talk. Exact synonyms are a table;
 * misspellings are caught by edit distance to "lightning" so that a typo nobody listed still counts.
 */
import type { TalkFormat } from '../../types.ts';

/** Folded phrases that name a lightning talk wherever they appear. */
export const LIGHTNING_PHRASES: readonly string[] = [
  'lightning', 'lightning-talk', 'eclair', 'presentation eclair', 'conference eclair', 'talk eclair', 'expose eclair',
  'flash talk', 'flash-talk', 'talk flash', 'presentation flash', 'quickie', 'rapid talk', 'pecha kucha', 'pechakucha', 'ignite talk',
  // « une présentation courte sur les advisory locks », « un talk court », « une courte intervention »: the short format by its
  // French name (a length stated beyond a lightning talk's still makes it a talk: extract/index.ts LIGHTNING_MAX)
  'presentation courte', 'courte presentation', 'talk court', 'expose court', 'court expose', 'intervention courte', 'courte intervention',
];
/** Folded phrases that name a regular talk (used for an explicit "Format : talk" value). */
export const TALK_PHRASES: readonly string[] = ['talk', 'conference', 'presentation', 'expose', 'session', 'long', 'regular', 'standard', 'full'];

/** Optimal-string-alignment distance (Damerau: a swap of neighbours counts 1), capped for speed. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

const WORD = /[a-z]+/g;

/** Does folded text name a lightning talk? `original` (unfolded) is needed for the capitalised token "LT". */
export function mentionsLightning(folded: string, original: string): boolean {
  for (const p of LIGHTNING_PHRASES) {
    const i = folded.indexOf(p);
    if (i >= 0 && !/[a-z]/.test(folded[i - 1] ?? '') && !/[a-z]/.test(folded[i + p.length] ?? '')) return true;
  }
  // "[LT]", "LT :", "un LT", "an LT", "LTs" — upper-case only: "lt" in prose is something else
  if (/(^|[\s[(])LTs?(?=$|[\s\]):,.!-])/.test(original)) return true;
  // misspellings: a word close to "lightning", followed by "talk", or very close on its own
  for (const m of folded.matchAll(WORD)) {
    const w = m[0];
    if (w.length < 7 || w.length > 11 || w[0] !== 'l') continue;
    const dist = editDistance(w, 'lightning', 2);
    if (dist === 0) return true;
    const next = folded.slice(m.index + w.length, m.index + w.length + 7);
    if (dist <= 2 && /^[\s-]*talks?\b/.test(next)) return true;
    if (dist === 1 && w !== 'lighting') return true;
  }
  return false;
}

const TALK_PHRASE = new RegExp(`(^|[^a-z])(?:${TALK_PHRASES.join('|')})([^a-z]|$)`);

/** Format named by a "Format :" value, or null when the value names neither. */
export function formatFromValue(folded: string, original: string): TalkFormat | null {
  if (mentionsLightning(folded, original)) return 'lightning';
  if (TALK_PHRASE.test(folded)) return 'talk';
  return null;
}
