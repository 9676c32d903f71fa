/**
 * The talk's duration: from a "Durée :" field, else from a sentence that talks about the talk's length
 * ("ça durerait une vingtaine de minutes", "a 30-minute slot"), never from any number in an abstract
 * ("VACUUM went from 3 hours to 10 minutes" is not a duration request).
 */
import { fold } from '../text/fold.ts';
import { durationsIn, parseDuration, type DurationMatch } from './durations.ts';

/**
 * Words of a sentence about the talk's length — a shortened version is the talk ("a condensed 25-minute version", « une
 * version courte », « une version de 20 minutes », "a 30-minute version"), the topic offered is too (« Je propose ce sujet pour 30 minutes : comment nous mesurons la latence »), not one
 * spoken of (« Sur ce sujet, notre première restauration avait pris 4 heures, la dernière 20 minutes »).
 */
const CUE = /\b((?:short|shorter|condensed|cut-down|abridged|compact|reduced) version|version (?:de|of) \d{1,3} ?(?:minutes?|mins?|mn)|\d{1,3}[ -]?(?:minutes?|mins?|mn) version|version (?:courte|condensee|reduite|raccourcie|abregee|allegee)|duree|durer|dure|durera|durerait|dureront|length|long|last|lasts|lasting|slot|creneau|format|talk|presentation|expose|intervention|conference|lightning|eclair|session|atelier|workshop|tutoriel|tutorial|table ronde|panel|(?<!\b(?:sur|on|about|de|of) (?:ce|cet|le|this|that|the) )(?:sujet|topic)|temps de parole|prendrait|would take|take|takes|need|needs|besoin|faut|faudrait|prend|prendra|compter|compte|comptez|comptons|prevoir|prevois|plan for|environ|about|approximately|around|avec (?:les )?questions|questions comprises|y compris (?:les )?questions|(?:including|with|plus|incl\.?) (?:the )?(?:questions|q&a))\b/;

/** What may open a sentence whose subject is its length: nothing, or « une petite », « une bonne », "a good", "a short" (folded). */
const LEADS_A_LENGTH = /^\s*(?:(?:une?|a|an)\s+(?:(?:petite?|bonne|grosse|small|good|short|solid)\s+)?)?$/;

/** Sentences where minutes and hours measure something else: a query, a backup, an outage, a before/after, a journey (« à 10 petites minutes de la salle », « une heure trente de route », "10 minutes from the venue" — review of eda2c7a, 35c7b39). */
const ANTI =
  /\b(au lieu|instead|reduit|reduced|passe de|passes de|went from|down to|gagne|saved|faster|plus rapide|temps de reponse|response time|latence|latency|requetes?|query|queries|took|prenait|prenaient|durait|timeout|toutes les|every|chaque|par jour|per day|per hour|par heure|ago|il y a|depuis|since|uptime|downtime|interruption|panne|outage|vacuum|backups?|sauvegardes?|restaurations?|restore|lag|retard|avant|before|apres|after|mois|month|semaine|week|an|ans|year|years|a pied|en voiture|en train|en metro|en velo|de route|de trajet|de marche|de train|de transport|trajet|de la salle|de la gare|du lieu|from the venue|from the station|walk(?![- ]?through)|walking|(?:minutes?|mins?) drive|driving|by train|by car|by bike|commute|away)\b|\b(de|from) \d[^.]{0,30}\b(a|to) \d/;

/**
 * A length governed by a verb of speaking (folded): « je pourrais raconter ça en 25-30 min », « parler pendant une
 * vingtaine de minutes », "I can tell the story in 20 minutes", "present it in 30 min". The verb in its base form (an
 * offer, not "I presented it in 40 min"), then its object, then en / in / pendant / for right before the length.
 */
// The object may be the talk's quoted title, whatever its length and punctuation: « je peux présenter « Index partiels :
// moins, c'est mieux » en une demi-heure », "I'd present "TimescaleDB for industrial sensors" in 30 minutes" (parse audit 13).
const SPOKEN =
  /\b(?:raconter|parler|presenter|exposer|expliquer|montrer|couvrir|derouler|faire|tell|talk|present|cover|explain|show|speak|walk (?:you )?through|do)\b(?:[^.,;:!?\n()]{0,40}?\s|\s+(?:(?:ce|cet|cette|le|la|l'|mon|ma|un|une|this|the|my|a|an)\s*)?(?:[\w'-]+\s+){0,2}?[«"“][^«»"“”\n]{1,120}[»"”]\s+)?(?:en|in|within|pendant|durant|for|sur)\s+(?:environ\s+|about\s+|around\s+|roughly\s+|approximately\s+)?$/;

/**
 * A length offered on a subject (folded): "I can do half an hour on "X"", « je peux faire vingt minutes sur « X » » — the
 * length the object of do / give / faire, then what it is about (score.ts DIRECT reads the offer; parse audit 13).
 */
const DONE = /\b(?:do|give|faire|donner)\s+(?:a\s+|an\s+|about\s+|around\s+|environ\s+)?$/;

function spokenLength(f: string, m: DurationMatch): boolean {
  const before = f.slice(Math.max(0, m.index - 80), m.index);
  return SPOKEN.test(f.slice(Math.max(0, m.index - 200), m.index)) || (DONE.test(before) && /^\s+(?:on|about|sur)\s/.test(f.slice(m.index + m.length, m.index + m.length + 8)));
}

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
  // « Durée : 0:45 », "1:30", "00:45:00": hours and minutes as a clock writes a length (a field says it is one)
  const clock = /^\s*(\d{1,2}):([0-5]\d)(?::00)?\s*$/.exec(f);
  if (clock) {
    const minutes = Number(clock[1]) * 60 + Number(clock[2]);
    return minutes > 0 && minutes <= 240 ? { minutes, range: false, source: 'field' } : null;
  }
  const bare = /^\s*(\d{1,3})\s*$/.exec(f);
  if (bare && Number(bare[1]) > 0 && Number(bare[1]) <= 240) return { minutes: Number(bare[1]), range: false, source: 'field' };
  return null;
}

/**
 * The first duration in `texts` (searched in order) that sits in a sentence about length, or stands alone. With
 * `aboutTheTalk` (an abstract), only one in a sentence that names the talk's length and nothing else taking time.
 * One that describes another event ("I gave it at PGDay last year (50 min slot)") counts only when no other does:
 * "For your meetup I'd do a condensed 25-minute version" is the length asked for.
 */
export function durationFromProse(texts: readonly string[], opts: { aboutTheTalk?: boolean } = {}): DurationFound | null {
  let plain: DurationFound | null = null;
  let elsewhere: DurationFound | null = null;
  for (const text of texts) {
    const f = fold(text.slice(0, 8000));
    for (const m of durationsIn(f)) {
      if (!(opts.aboutTheTalk ? namesTheTalksLength(f, m) || spokenLength(f, m) || isWholeSentence(f, m) : qualifies(f, m) || spokenLength(f, m))) continue;
      const found: DurationFound = { minutes: m.minutes, range: m.range, source: 'prose' };
      // "je pourrais raconter ça en 25-30 min": said of the telling, whatever else the sentence dates
      if (spokenLength(f, m)) return found;
      const own = statesTheTalksOwnLength(f, m);
      if (describesAnotherEvent(f, m, own)) elsewhere ??= found;
      // "It is a 40 minute talk. I need 5 minutes to set up my laptop.": the talk's own length beats an incidental one
      else if (own) return found;
      else plain ??= found;
    }
  }
  return plain ?? elsewhere;
}

/**
 * The duration is said of the talk as a whole (folded): "a 40 minute talk", "a 40-minute presentation", « un talk de
 * 40 minutes », "the talk is 40 minutes", « l'exposé durerait 40 minutes ».
 */
function statesTheTalksOwnLength(f: string, m: DurationMatch): boolean {
  const after = f.slice(m.index, m.index + 60);
  if (/^[^\s,;:.()]+(?:[\s-]+(?:minutes?|mins?|mn|hours?|heures?))?[\s-]+(?:long[\s-]+)?(?:lightning[\s-]+)?(?:talk|presentation|session|expose|intervention|conference|atelier|workshop|tutoriel|tutorial|table ronde|panel)\b/.test(after)) return true;
  const before = f.slice(Math.max(0, m.index - 60), m.index);
  return /\b(?:talk|presentation|expose|intervention|conference|atelier|workshop|tutoriel|tutorial|table ronde|panel)s? (?:(?:de|of|d'|in) ?|(?:is|will be|would be|lasts|will last|would last|takes|will take|would take|dure|durera|durerait|fait|fera|ferait) )(?:about |around |approximately |environ |a peu pres )?$/.test(before);
}

/**
 * Said of a talk given before or somewhere else (folded): "I gave", « je l'ai présenté », "last year", "the full
 * version", "at PGConf". Not "was": "the slot I was offered" is this meetup's.
 */
const ANOTHER_EVENT =
  /\b(?:(?:i|we)(?: have|'ve)? (?:gave|given|presented|did it|did this|did that)|gave (?:it|this|that|the|a|an)|(?:j'ai|nous avons|on a|je l'ai|nous l'avons|on l'a) (?:donne|presente|fait|joue)e?s?|(?:last|previous) (?:year|month|time|edition|week)|l'an (?:dernier|passe)|l'annee (?:derniere|passee)|l'edition precedente|la derniere fois|full version|long version|longer version|original version|complete version|version (?:complete|longue|originale|initiale|integrale)|elsewhere|ailleurs|(?:at|au|a la|a) (?:pgday|pgconf|pgsession|pg ?day|fosdem|devoxx|pycon|kubecon|posette)|(?:another|other|une autre|d'autres) (?:conference|event|meetup)s?)\b/;

/**
 * Does the duration describe another event? Read in the parenthesis holding it when that says so ("(the full
 * version I gave was 50 min)"), else in its clause of the sentence, asides left out ("I gave X last year (50 min
 * slot)" — the aside is the clause's). The talk's own length (`own`: "a 40 minute talk") ends its phrase at the
 * next comma: "It is a 40 minute talk, an updated version of the one I gave at FOSDEM" — the apposition after it
 * tells of the other talk, not of this length.
 */
function describesAnotherEvent(f: string, m: DurationMatch, own = false): boolean {
  // a sentence wrapped over lines is one sentence here (same length: positions hold); a blank line still ends it
  const { text, at } = sentenceWithOffset(f.replace(/([^\n])\n(?=[^\n])/g, '$1 '), m);
  const paren = enclosingParenthesis(text, at);
  if (paren && ANOTHER_EVENT.test(text.slice(paren[0] + 1, paren[1]))) return true;
  const pos = paren ? paren[0] : at;
  // the asides blanked, same length: positions hold
  const flat = text.replace(/\([^()]*\)?/g, (a) => ' '.repeat(a.length));
  // "I gave it at P2D2 (50 min) and (I'd) happily do a 30-minute version for you", « et j'aimerais en faire … »: « et » /
  // "and" before an offer of what the writer would, could or can do now opens a clause of its own
  const cut = /;|:\s|,\s+(?:but|and|so|whereas|while|mais|et|donc|alors que|tandis que)\b|\s(?:but|mais|whereas|tandis que)\s|\s(?:and|et)\s+(?=(?:(?:i|we|je|nous|on)\s+|j'|i(?=')|we(?='))?(?:would|could|can|will|'d|'ll|pourrais|pourrions|peux|pouvons|voudrais|aimerais|serais|ferais|propose)\b)/g;
  let from = 0;
  let to = flat.length;
  for (const c of flat.matchAll(cut)) {
    if (c.index < pos) from = c.index + c[0].length;
    else if (c.index >= pos) {
      to = c.index;
      break;
    }
  }
  if (own) {
    const comma = flat.indexOf(',', pos);
    if (comma >= 0 && comma < to) to = comma;
  }
  return ANOTHER_EVENT.test(flat.slice(from, to));
}

/** The (innermost) parenthesis around `at` in `text`: [open, close] indexes, or null. */
function enclosingParenthesis(text: string, at: number): [number, number] | null {
  const open = text.lastIndexOf('(', at);
  if (open < 0 || text.lastIndexOf(')', at) > open) return null;
  const close = text.indexOf(')', at);
  return [open, close < 0 ? text.length : close];
}

/** What a sentence stating the talk's own length says (folded): the talk, its slot, its duration. */
// a workshop, a panel or a round table is a session of the meetup too: its length is the slot asked for (parse audit 11)
const TALK_LENGTH = /\b(duree|durer|dure|durera|durerait|dureront|duration|length|slot|creneau|talk|presentation|expose|intervention|conference|lightning|eclair|temps de parole|format|atelier|workshop|tutoriel|tutorial|table ronde|panel)\b/;

function namesTheTalksLength(f: string, m: DurationMatch): boolean {
  const sentence = sentenceAround(f, m);
  return TALK_LENGTH.test(sentence) && !ANTI.test(withoutQuotes(sentenceAround(withoutDuration(f, m), m)));
}

/**
 * The sentence without its quoted phrases: a title's words are its topic ("I'd do "Vacuum internals" in 25 minutes"),
 * not something else taking time. Single quotes open after a space and close before one (apostrophes stay).
 */
function withoutQuotes(sentence: string): string {
  return sentence.replace(/«[^»\n]*»|"[^"\n]*"|“[^”\n]*”|(?<![\p{L}\p{N}])'(?:[^'\n]|(?<=\p{L})'(?=\p{L}))*'(?![\p{L}\p{N}])/gu, ' ');
}

/** The text with the duration's own words blanked (same length: positions hold). */
function withoutDuration(f: string, m: DurationMatch): string {
  return f.slice(0, m.index) + ' '.repeat(m.length) + f.slice(m.index + m.length);
}

function sentenceAround(f: string, m: DurationMatch): string {
  return sentenceWithOffset(f, m).text;
}

/** The sentence holding the duration, and the duration's position in it. */
function sentenceWithOffset(f: string, m: DurationMatch): { text: string; at: number } {
  const before = f.lastIndexOf('\n', m.index);
  const startSentence = Math.max(before, lastSentenceEnd(f, m.index)) + 1;
  let end = f.slice(m.index).search(/[.!?](\s|$)|\n/);
  end = end < 0 ? f.length : m.index + end;
  return { text: f.slice(startSentence, end), at: m.index - startSentence };
}

/** Words that only soften a length (folded): "about 30 minutes", « environ 20 min », "~25". */
const APPROX = /(?:about|around|approximately|approx\.?|roughly|environ|env\.?|ca\.?|~)/;
const ALONE = new RegExp(`^[\\s.,;:!()~-]*(?:${APPROX.source}[\\s.]*)?$`);

/**
 * "(30 min)", "(~25 minutes)": the length is all its parenthesis holds, and the parenthesis ends its clause (« … mars
 * (30 min) : », "pgBackRest (~25 minutes), restores…", "an LT (5'): "). Inside a clause it measures the word before it:
 * "the rollback plan (10 min) was never used" says nothing of the talk.
 */
function aloneInParenthesis(f: string, m: DurationMatch): boolean {
  const before = f.slice(Math.max(0, m.index - 16), m.index);
  const open = before.lastIndexOf('(');
  return open >= 0 && ALONE.test(before.slice(open + 1)) && /^\s*\)\s*(?:[.,;:!?–—-]|\n|$)/.test(f.slice(m.index + m.length)) && m.minutes <= 120;
}

/** « …et les limites. 30 minutes. », "Environ 20 minutes.": a sentence that is the length and nothing else. */
function isWholeSentence(f: string, m: DurationMatch): boolean {
  const { text, at } = sentenceWithOffset(f, m);
  return ALONE.test(text.slice(0, at)) && ALONE.test(text.slice(at + m.length)) && m.minutes <= 120;
}

function qualifies(f: string, m: DurationMatch): boolean {
  const before = f.lastIndexOf('\n', m.index);
  const startSentence = Math.max(before, lastSentenceEnd(f, m.index)) + 1;
  const sentence = sentenceAround(f, m);
  if (CUE.test(sentence)) return true;
  // a sentence the client hard-wrapped goes on past the line's end: « …, 25 minutes⏎environ. »
  if (CUE.test(sentenceAround(softWrapsJoined(f), m))) return true;
  // "Une trentaine de minutes me semble bien", "20 minutes should be enough": the duration is the subject
  // (« Une petite demi-heure suffira », "A good half hour will do": an article and a word of more or less before it)
  if (LEADS_A_LENGTH.test(f.slice(startSentence, m.index))) return true;
  // "I would like to show how we use pgBadger every week to find regressions, 20 minutes.": set after a comma at the end
  // of its sentence, the length is said of what the sentence offers, whatever else in it takes time
  if (/,\s*(?:(?:about|around|approximately|approx\.?|roughly|environ|env\.?|ca\.?|~)\s*)?$/.test(f.slice(Math.max(0, m.index - 20), m.index)) && /^\s*(?:[.!]|\n|$)/.test(f.slice(m.index + m.length))) return true;
  // « voici ma proposition : « pgBackRest en multi-dépôts », 30 min, retour de deux ans de production »: set right after
  // a quoted title, the length is that title's, whatever the rest of the sentence says takes time (« deux ans »)
  if (/[»"”]\s*(?:[,–—-]|\()\s*(?:(?:about|around|approximately|approx\.?|roughly|environ|env\.?|ca\.?|~)\s*)?$/.test(f.slice(Math.max(0, m.index - 20), m.index))) return true;
  // « présenter Barman lors du meetup de mars (30 min) : sauvegardes, restauration… »: a length alone in its parenthesis is
  // the talk's, whatever the sentence's topic takes time for
  if (aloneInParenthesis(f, m)) return true;
  // otherwise a stated duration counts unless the sentence is about something else that takes time — read without the
  // duration's own words ("half an hour", "a quarter of an hour" hold « an », a year)
  if (!ANTI.test(withoutQuotes(sentenceAround(withoutDuration(f, m), m)))) return true;
  // "20 minutes" / "(45 min + questions)" on a line of its own
  const lineStart = before + 1;
  const lineEnd = f.indexOf('\n', m.index);
  return f.slice(lineStart, lineEnd < 0 ? f.length : lineEnd).trim().length <= 30;
}

/**
 * The text with the client's soft wraps joined: a line break after a long line (60 columns or more: Gmail wraps at 78,
 * Thunderbird at 72) and before more text is a space. Short lines (« Titre : … », « Format : talk ») and blank lines
 * still end what they hold. Same length: positions hold. One pass over the line breaks, kept for the text last asked
 * about (qualifies asks once per duration found): a lookbehind over each position's line was quadratic in a line's
 * length, and run again for each duration — a body of 800 « 1h30 » on one line took 16 s to extract.
 */
function softWrapsJoined(f: string): string {
  if (f === joinedFor) return joined;
  const parts: string[] = [];
  let from = 0;
  let lineStart = 0;
  for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) {
    if (i - lineStart >= 60 && i + 1 < f.length && f[i + 1] !== '\n') {
      parts.push(f.slice(from, i), ' ');
      from = i + 1;
    }
    lineStart = i + 1;
  }
  parts.push(f.slice(from));
  joinedFor = f;
  joined = parts.join('');
  return joined;
}
let joinedFor: string | null = null;
let joined = '';

/** "ca. 35 minutes", « env. 30 min », "approx. 20": the period of an abbreviation ends no sentence (folded text). */
const ABBREVIATION = /\b(?:ca|env|approx|appr|c|cf|resp|max|min|mn)\.(?=\s)/g;

function lastSentenceEnd(f: string, at: number): number {
  const from = Math.max(0, at - 300);
  // same length: the abbreviations' periods become spaces, positions are unchanged
  const head = f.slice(from, at).replace(ABBREVIATION, (a) => `${a.slice(0, -1)} `);
  const r = /[.!?]\s(?!.*[.!?]\s)/s.exec(head);
  return r ? from + r.index + 1 : -1;
}
