/**
 * The talk's duration: from a "Durée :" field, else from a sentence that talks about the talk's length
 * ("ça durerait une vingtaine de minutes", "a 30-minute slot"), never from any number in an abstract
 * ("VACUUM went from 3 hours to 10 minutes" is not a duration request).
 */
import { fold } from '../text/fold.ts';
import { durationsIn, parseDuration, type DurationMatch } from './durations.ts';

const CUE = /\b(duree|durer|dure|durera|durerait|dureront|length|long|last|lasts|lasting|slot|creneau|format|talk|presentation|expose|intervention|conference|lightning|eclair|session|temps de parole|prendrait|would take|take|takes|need|needs|besoin|faut|faudrait|prend|prendra|compter|prevoir|plan for|environ|about|approximately|around)\b/;

/** Sentences where minutes and hours measure something else: a query, a backup, an outage, a before/after. */
const ANTI =
  /\b(au lieu|instead|reduit|reduced|passe de|passes de|went from|down to|gagne|saved|faster|plus rapide|temps de reponse|response time|latence|latency|requetes?|query|queries|took|prenait|prenaient|durait|timeout|toutes les|every|chaque|par jour|per day|per hour|par heure|ago|il y a|depuis|since|uptime|downtime|interruption|panne|outage|vacuum|backups?|sauvegardes?|restaurations?|restore|lag|retard|avant|before|apres|after|mois|month|semaine|week|an|ans|year|years)\b|\b(de|from) \d[^.]{0,30}\b(a|to) \d/;

export interface DurationFound {
  minutes: number;
  range: boolean;
  source: 'field' | 'prose';
}

/** "Durée : 20" (a bare number in a duration field means minutes). */
export function durationFromField(value: string): DurationFound | null {
  const f = fold(value);
  const m = parseDuration(f);
  if (m) return { minutes: m.minutes, range: m.range, source: 'field' };
  const bare = /^\s*(\d{1,3})\s*$/.exec(f);
  if (bare && Number(bare[1]) > 0 && Number(bare[1]) <= 240) return { minutes: Number(bare[1]), range: false, source: 'field' };
  return null;
}

/**
 * The first duration in `texts` (searched in order) that sits in a sentence about length, or stands alone. With
 * `aboutTheTalk` (an abstract), only one in a sentence that names the talk's length and nothing else taking time.
 */
export function durationFromProse(texts: readonly string[], opts: { aboutTheTalk?: boolean } = {}): DurationFound | null {
  for (const text of texts) {
    const f = fold(text.slice(0, 8000));
    for (const m of durationsIn(f)) {
      if (opts.aboutTheTalk ? namesTheTalksLength(f, m) : qualifies(f, m)) return { minutes: m.minutes, range: m.range, source: 'prose' };
    }
  }
  return null;
}

/** What a sentence stating the talk's own length says (folded): the talk, its slot, its duration. */
const TALK_LENGTH = /\b(duree|durer|dure|durera|durerait|dureront|duration|length|slot|creneau|talk|presentation|expose|intervention|conference|lightning|eclair|temps de parole|format)\b/;

function namesTheTalksLength(f: string, m: DurationMatch): boolean {
  const sentence = sentenceAround(f, m);
  return TALK_LENGTH.test(sentence) && !ANTI.test(sentence);
}

function sentenceAround(f: string, m: DurationMatch): string {
  const before = f.lastIndexOf('\n', m.index);
  const startSentence = Math.max(before, lastSentenceEnd(f, m.index)) + 1;
  let end = f.slice(m.index).search(/[.!?](\s|$)|\n/);
  end = end < 0 ? f.length : m.index + end;
  return f.slice(startSentence, end);
}

function qualifies(f: string, m: DurationMatch): boolean {
  const before = f.lastIndexOf('\n', m.index);
  const startSentence = Math.max(before, lastSentenceEnd(f, m.index)) + 1;
  const sentence = sentenceAround(f, m);
  if (CUE.test(sentence)) return true;
  // "Une trentaine de minutes me semble bien", "20 minutes should be enough": the duration is the subject
  if (f.slice(startSentence, m.index).trim() === '') return true;
  // otherwise a stated duration counts unless the sentence is about something else that takes time
  if (!ANTI.test(sentence)) return true;
  // "20 minutes" / "(45 min + questions)" on a line of its own
  const lineStart = before + 1;
  const lineEnd = f.indexOf('\n', m.index);
  return f.slice(lineStart, lineEnd < 0 ? f.length : lineEnd).trim().length <= 30;
}

/** "ca. 35 minutes", « env. 30 min », "approx. 20": the period of an abbreviation ends no sentence (folded text). */
const ABBREVIATION = /\b(?:ca|env|approx|appr|c|cf|resp|max|min|mn)\.(?=\s)/g;

function lastSentenceEnd(f: string, at: number): number {
  const from = Math.max(0, at - 300);
  // same length: the abbreviations' periods become spaces, positions are unchanged
  const head = f.slice(from, at).replace(ABBREVIATION, (a) => `${a.slice(0, -1)} `);
  const r = /[.!?]\s(?!.*[.!?]\s)/s.exec(head);
  return r ? from + r.index + 1 : -1;
}
