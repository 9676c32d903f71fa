/**
 * Durations as people write them: "45 min", "1h30", "5'", "20-minute talk", « une vingtaine de minutes »,
 * « trois quarts d'heure », "half an hour", "une heure". Word forms are a table (DURATION_WORDS); the
 * numeric forms are three regular expressions. Everything works on folded text (lower-case, no accents).
 */

/** Approximate quantities and fixed phrases, folded, longest first where one contains another. */
export const DURATION_WORDS: ReadonlyArray<readonly [string, number]> = [
  ["trois quarts d'heure", 45], ["trois-quarts d'heure", 45], ["3/4 d'heure", 45], ["3/4 h", 45], ["un quart d'heure", 15], ["quart d'heure", 15],
  // « une heure et demi » (the spelling people type), « une heure trente », « deux heures et demie »: before « une heure » / « deux heures »
  ['une heure et demie', 90], ['une heure et demi', 90], ['une heure trente', 90], ['une heure et quart', 75], ['une heure quinze', 75],
  ['deux heures et demie', 150], ['deux heures et demi', 150], ['une demi-heure', 30], ['une demi heure', 30], ['demi-heure', 30], ['une heure', 60], ['deux heures', 120],
  ['three quarters of an hour', 45], ['three-quarters of an hour', 45], ['quarter of an hour', 15], ['an hour and a half', 90], ['one hour and a half', 90],
  ['an hour and half', 90], ['one hour and half', 90], ['an hour and a quarter', 75], ['two and a half hours', 150],
  ['one and a half hours', 90], ['half an hour', 30], ['half-hour', 30], ['half hour', 30], ['an hour', 60], ['one hour', 60], ['two hours', 120],
  ['une dizaine de minutes', 10], ['une quinzaine de minutes', 15], ['une vingtaine de minutes', 20], ['une trentaine de minutes', 30],
  ['une quarantaine de minutes', 40], ['une cinquantaine de minutes', 50], ['une soixantaine de minutes', 60],
  ['une dizaine', 10], ['une quinzaine', 15], ['une vingtaine', 20], ['une trentaine', 30], ['une quarantaine', 40], ['une cinquantaine', 50],
];

/**
 * The word forms of the table that name minutes or hours (« une demi-heure », "a quarter of an hour", « trois quarts
 * d'heure »), as a regular expression's alternation — folded text, or text as written (an apostrophe either way): a
 * length offered in words reads as one in figures (« je peux faire une demi-heure sur « X » » — parse audit 13).
 */
export const LENGTH_IN_WORDS = `(?:${DURATION_WORDS.map(([w]) => w)
  .filter((w) => /\b(?:minutes|heures?|hours?)\b|\bhalf-hour\b/.test(w))
  .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/'/g, "['’]"))
  .join('|')})`;

/** Number words before "minutes"/"min" ("vingt minutes", "forty-five minutes"). */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['trois', 3], ['quatre', 4], ['cinq', 5], ['six', 6], ['sept', 7], ['huit', 8], ['neuf', 9], ['dix', 10], ['onze', 11], ['douze', 12], ['treize', 13],
  ['quatorze', 14], ['seize', 16], ['dix-sept', 17], ['dix sept', 17], ['dix-huit', 18], ['dix huit', 18], ['quinze', 15], ['vingt', 20], ['vingt-cinq', 25], ['vingt cinq', 25], ['trente', 30], ['trente-cinq', 35],
  ['quarante', 40], ['quarante-cinq', 45], ['quarante cinq', 45], ['cinquante', 50], ['soixante', 60],
  ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8], ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['thirteen', 13],
  ['fourteen', 14], ['sixteen', 16], ['seventeen', 17], ['eighteen', 18], ['fifteen', 15], ['twenty', 20], ['twenty-five', 25], ['twenty five', 25], ['thirty', 30], ['thirty-five', 35],
  ['forty', 40], ['forty-five', 45], ['forty five', 45], ['fifty', 50], ['sixty', 60],
]);

export interface DurationMatch {
  minutes: number;
  index: number;
  /** How many characters of the folded text the expression covers. */
  length: number;
  /** A range ("20 à 30 minutes"): the upper bound was kept. */
  range: boolean;
}

/** Vulgar fractions of an hour as folded text keeps them ("½ h", "¾ d'heure", "1/2 heure"), in minutes. */
const FRACTION_MINUTES: Readonly<Record<string, number>> = { '½': 30, '¼': 15, '¾': 45, '1/2': 30, '1/4': 15, '3/4': 45 };
const HOUR_WORD = "(?:h|hr|hrs|heures?|hours?)(?![a-z\\d])";
/**
 * "½ h", "une ½ heure", "¾ d'heure", "un ¼ d'heure", "3/4 of an hour", "1 ½ h", "1h½", "1 heure ½": an hour's fraction,
 * after whole hours or alone. Not a date ("1/2" without an hour word after it).
 */
const FRACTION = new RegExp(
  `(?<![\\d/.,])(?:([1-3])\\s*(?:${HOUR_WORD}\\s*(?:et\\s+|and\\s+)?)?)?(½|¼|¾|1/2|1/4|3/4)(?![\\d/])\\s*(?:d'|of an?\\s+)?(?:${HOUR_WORD})?`,
  'g',
);

/**
 * "20+10 min", « 25 + 5 minutes », « 20 min + 10 min de questions »: the unit is both numbers' (a talk and its
 * questions), the time asked for their sum. On one line, the plus written tight or spaced on both sides, or anyhow after
 * a first unit: "PostgreSQL 16+" ending a line over "30 minutes", or "PostgreSQL 12+ 20 min talk", is a version and up,
 * then the length.
 */
const SUM = /(?<![\d:.,+])(\d{1,3})(?:\+|[^\S\r\n]+\+[^\S\r\n]+|[^\S\r\n]*(?:minutes?|mins?|mn)[^\S\r\n]*\+[^\S\r\n]*)(\d{1,3})[^\S\r\n]*(?:minutes?|mins?|mn|'|′)(?![a-z])/g;
/** The unit in the speaker's own language too: « 30 Minuten », « 30 minutos », « 30 minuti » (a call's fields filled abroad). */
// « vingt bonnes minutes », « 20 petites minutes », "20ish minutes", "20-ish min": a word saying more or less, before the unit
const ABOUT = "(?:-?ish\\s*|(?:bonnes|petites|grosses|longues|courtes)\\s+)?";
const MINUTES = new RegExp(`(?<![\\d:.,])(\\d{1,3})(?:\\s*(?:-|–|a|à|to|ou|or)\\s*(\\d{1,3}))?\\s*(?:-\\s*)?${ABOUT}(?:minutes?|minuten|minutos|minuti|mins?|mn|m\\b|'|′|’(?!\\w))(?![a-z])`, 'g');
const HOURS = /(?<![\d:.,/])(\d)(?:[.,](\d))?\s*(?:-\s*)?(?:h|heures?|hours?|hrs?)(?:\s*(\d{2}))?(?![a-z\d])/g;
const WORDS = new RegExp(
  // Not after "vingt-", "dix-": "vingt-sept minutes" is not seven (compounds the table lacks are left unread).
  `(?<![a-z]|[a-z]-)(${[...NUMBER_WORDS.keys()].sort((a, b) => b.length - a.length).join('|')})[\\s-]*${ABOUT}(?:minutes?|mins?)\\b|(?<![a-z])(${DURATION_WORDS.map(([w]) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|')})`,
  'g',
);

/** An English session's name right after a length, two words at most between ("1 h hands-on workshop"). */
const SESSION_AFTER = /^[^\S\n]+(?:[a-z]+(?:-[a-z]+)*[^\S\n]+){0,2}?(?:talk|workshop|tutorial|presentation|session|demo|keynote|panel|masterclass|lab)s?\b/;

/** Every duration expression in folded text, in order. Clock times ("à 19h", "19:30") are not durations. */
export function durationsIn(folded: string): DurationMatch[] {
  const out: DurationMatch[] = [];
  // fractions of an hour first: what they cover ("1" of "1h½", "2 h" of "1/2 h", "an hour" of "3/4 of an hour") is theirs
  const taken: [number, number][] = [];
  for (const m of folded.matchAll(FRACTION)) {
    const part = FRACTION_MINUTES[m[2]!]!;
    // an hour word before the fraction ("1 heure ½") or after it ("½ h", "1½ h"): "1/2" alone is a date or a ratio
    const hourBefore = m[1] !== undefined && new RegExp(`^${m[1]}\\s*${HOUR_WORD}`).test(m[0]);
    if (!hourBefore && !new RegExp(`${HOUR_WORD}$`).test(m[0])) continue;
    // "11/2 h" is no "1 1/2 h": digits written together are one number
    if (m[1] !== undefined && !hourBefore && m[2]!.includes('/') && !/^\d\s/.test(m[0])) continue;
    out.push({ minutes: (m[1] !== undefined ? Number(m[1]) * 60 : 0) + part, index: m.index, length: m[0].length, range: false });
    taken.push([m.index, m.index + m[0].length]);
  }
  for (const m of folded.matchAll(SUM)) {
    const minutes = Number(m[1]) + Number(m[2]);
    if (Number(m[1]) < 1 || minutes > 240) continue;
    out.push({ minutes, index: m.index, length: m[0].length, range: false });
    taken.push([m.index, m.index + m[0].length]);
  }
  const free = (i: number) => !taken.some(([a, b]) => i >= a && i < b);
  for (const m of folded.matchAll(MINUTES)) {
    const lo = Number(m[1]);
    const hi = m[2] !== undefined ? Number(m[2]) : null;
    const minutes = hi !== null && hi > lo ? hi : lo;
    if (minutes < 1 || minutes > 240 || !free(m.index)) continue;
    // "a talk on 'What's new in PostgreSQL 18'": the quote after 18 closes the title, it is no 18'
    if (/['’]$/.test(m[0]) && quoteOpenAt(folded, m.index)) continue;
    if (/\dm$/.test(m[0]) && countedNounAfter(folded.slice(m.index + m[0].length, m.index + m[0].length + 40))) continue;
    out.push({ minutes, index: m.index, length: m[0].length, range: hi !== null && hi > lo });
  }
  for (const m of folded.matchAll(HOURS)) {
    const h = Number(m[1]);
    const tenth = m[2] !== undefined ? Number(m[2]) : 0;
    const min = m[3] !== undefined ? Number(m[3]) : 0;
    // "19h", "à 9h30": clock times; a talk lasts at most a few hours
    // "a 2-hour workshop": the hyphen makes it a length, never a clock time (« à 2h »)
    // (« à » folds to the English article: "a 1 hour workshop" is a length — an English hour word is no French clock time)
    // « un atelier de 1h30 », « une table ronde de 1h »: « de » after a session's name gives its length, not a time it starts at
    const sessionOf = /\b(?:talk|presentation|expose|intervention|conference|session|atelier|workshop|tutoriel|tutorial|table ronde|panel|creneau|slot|demo)s?(?:\s+[a-z]+)?\s+(?:de|d'une?)\s*$/;
    // "A 1 h hands-on workshop", "a 2h talk": a session's English name after it, adjectives between, makes it a length
    // (French names the session first: « un atelier de 1 h ») — parse audit 13 read « a » as « à 1 h », a time
    const sessionAfter = SESSION_AFTER.test(folded.slice(m.index + m[0].length, m.index + m[0].length + 50));
    const before = !m[0].includes('-') && !sessionAfter && !sessionOf.test(folded.slice(Math.max(0, m.index - 40), m.index)) && (/\b(?:hours?|hrs?)$/.test(m[0]) ? /\b(?:at|from|until)\s*$/ : /(?:a|vers|des|at|from|de|jusqu'a|until|avant|apres)\s*$/);
    if (h > 3 || min >= 60 || (before && before.test(folded.slice(Math.max(0, m.index - 12), m.index)))) continue;
    const minutes = h * 60 + tenth * 6 + min;
    if (minutes > 0 && free(m.index)) out.push({ minutes, index: m.index, length: m[0].length, range: false });
  }
  for (const m of folded.matchAll(WORDS)) {
    const minutes = m[1] !== undefined ? NUMBER_WORDS.get(m[1].replace(/\s+/, ' ')) : DURATION_WORDS.find(([w]) => w === m[2])?.[1];
    if (minutes !== undefined && free(m.index)) out.push({ minutes, index: m.index, length: m[0].length, range: false });
  }
  return rangesJoined(folded, out.sort((a, b) => a.index - b.index));
}

/**
 * Two lengths written as the ends of one range (folded): « entre une demi-heure et trois quarts d'heure », « de 20 minutes
 * à une demi-heure », "between half an hour and an hour", "from 20 minutes to half an hour" — one range, its upper bound
 * kept, as « 20 à 30 minutes » is (parse audit 12: the lower end was read alone, 30 for « … et trois quarts d'heure »).
 */
const RANGE_OPENING = /\b(?:entre|between|de|from)\s+(?:(?:environ|about|around|roughly)\s+)?$/;
const RANGE_JOIN: Readonly<Record<string, RegExp>> = { entre: /^\s+et\s+$/, between: /^\s+and\s+$/, de: /^\s+a\s+$/, from: /^\s+to\s+$/ };
function rangesJoined(folded: string, found: DurationMatch[]): DurationMatch[] {
  const out: DurationMatch[] = [];
  for (let i = 0; i < found.length; i++) {
    const a = found[i]!;
    const b = found[i + 1];
    const opening = RANGE_OPENING.exec(folded.slice(Math.max(0, a.index - 30), a.index));
    const word = opening ? /^[a-z]+/.exec(opening[0])![0] : null;
    if (b && word && RANGE_JOIN[word]!.test(folded.slice(a.index + a.length, b.index)) && b.minutes > a.minutes) {
      out.push({ minutes: b.minutes, index: a.index, length: b.index + b.length - a.index, range: true });
      i++;
    } else out.push(a);
  }
  return out;
}

/**
 * A bare "m" is minutes in "45m", "30m talk", "20m + questions"; before a noun it counts millions or metres: "50M
 * embeddings", "10M rows", « 3M de lignes », "200m of cable" (folded text: the capital is gone). Words that may follow
 * a length are let through.
 */
function countedNounAfter(after: string): boolean {
  const w = /^\s*(?:(?:de|d'|of)\s*)?([a-z][a-z&'-]*)/.exec(after);
  if (!w) return false;
  return !/^(?:talks?|slots?|presentations?|sessions?|lightning|expose|intervention|creneau|long|format|max|maximum|min|minimum|environ|approx|approximately|about|around|tops|or|ou|et|and|with|avec|plus|for|pour|including|incl|questions?|q&a|qa|demo|is|are|should|would|will|sera|serait|suffit|suffiront|ok|me|seems?|semble|sounds?)$/.test(w[1]!);
}

/**
 * Is a single quote open at `at` on its line? A quote opens after a space or a bracket, before a letter or a digit
 * ('Postgres 18'); one between two letters is an apostrophe (what's, l'index) and opens or closes nothing.
 */
function quoteOpenAt(folded: string, at: number): boolean {
  const line = folded.slice(folded.lastIndexOf('\n', at - 1) + 1, at);
  let open = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] !== "'" && line[i] !== '’') continue;
    const before = WORD_CHAR.test(line[i - 1] ?? ' ');
    const after = WORD_CHAR.test(line[i + 1] ?? ' ');
    if (!before && after) open = true;
    else if (before && !after) open = false;
  }
  return open;
}
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The first duration in a short value ("Durée : 20 min + questions"), or null. */
export function parseDuration(folded: string): DurationMatch | null {
  return durationsIn(folded)[0] ?? null;
}
