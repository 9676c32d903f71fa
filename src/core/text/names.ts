/**
 * Display-name cleaning: what mail clients and directories put in From: is not what we print on a programme.
 * "Raman, Priya" → "Priya Raman", "DUPONT Jean" → "Jean Dupont", '"Jean Dupont (via Google Groups)"' → "Jean Dupont".
 */
import { boundedMemo } from '../bounded-memo.ts';
import { type Phrases, phraseRegExp } from './phrases.ts';

/** Lower-case particles keep their case inside a name ("Charles de Gaulle", "Ludwig van Beethoven"). */
const PARTICLES = new Set(['de', 'du', 'des', 'la', 'le', 'van', 'von', 'der', 'den', 'di', 'da', 'del', 'dos', 'y', "d'"]);

function isUpperWord(w: string): boolean {
  return /\p{Lu}{2,}/u.test(w) && !/\p{Ll}/u.test(w);
}

/** "DUPONT" → "Dupont", "JEAN-PIERRE" → "Jean-Pierre", "O'BRIEN" → "O'Brien". */
export function capitalize(word: string): string {
  return word.toLowerCase().replace(/(^|[-'’\s])(\p{Ll})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

function capitalizeName(words: string[]): string {
  return words.map((w, i) => (i > 0 && PARTICLES.has(w.toLowerCase()) ? w.toLowerCase() : capitalize(w))).join(' ');
}

/** A cleaned display name, or null when there is no usable name (empty, or only an address). */
/**
 * A title before a name (followed by at least two words: "Dr Who" alone stays); German ones joined by a hyphen: "Dr.-Ing.",
 * "Dipl.-Inf."; French and English civilities written out or cut — « M. Pierre Vidal » (with its dot: « M Pierre » may be
 * an initial), « Monsieur », « Madame », "Miss", "Mx" (parse audit 12: « M. Pierre Vidal » was a speaker's name); « M. et
 * Mme Martin » names a household (speakers.ts HOUSEHOLD), not a person after a title.
 */
const HONORIFIC = /^(?:(?:dr|dipl)\.?-\p{L}{2,5}\.?|dr|prof|pr|mrs|mr|ms|mx|miss|mme|mlle|m(?=\.)|monsieur|madame|mademoiselle|docteur|professeur|professor)\.?\s+(?!(?:et|and|&)\s)(?=\p{L}[\p{L}'’.-]*\s+\p{L})/iu;
/** Degrees after a name: ", PhD", " Ph.D.", ", MD", ", MSc". */
const POSTNOMINALS = /(?:,?\s+(?:ph\.?\s?d\.?|m\.?d\.?|msc|m\.sc\.|mba|dsc|d\.sc\.|hdr))+\.?$/i;

const QUOTE_MARKS = `"'“”‘’«»`;
const isQuote = (c: string | undefined) => c !== undefined && QUOTE_MARKS.includes(c);
const hasQuote = (s: string) => [...s].some(isQuote);

/**
 * Quotes around the whole name go (« "Jean Dupont" », a stray one at an end too); one that closes a nickname inside
 * stays: « Robert "Bob" » was cut to « Robert "Bob », « Jeanne "JM" » to « Jeanne "JM ».
 */
function unquote(raw: string): string {
  let s = raw.trim();
  for (;;) {
    const first = s[0];
    const last = s[s.length - 1];
    if (s.length >= 2 && isQuote(first) && isQuote(last)) s = s.slice(1, -1).trim();
    else if (isQuote(first) && !hasQuote(s.slice(1))) s = s.slice(1).trim();
    else if (isQuote(last) && !hasQuote(s.slice(0, -1))) s = s.slice(0, -1).trim();
    else return s;
  }
}

/**
 * An emoji as it is written: a pictograph, a flag's letters or a skin tone, then what joins or modifies it (ZWJ, VS16, a
 * keycap) — "👍🏽", "🇫🇷", "🏳️‍🌈" whole. A ZWJ alone is a script's own (Sinhala « ශ්‍රී »): it stays (review of parse audit
 * 9: « Marc Lenoir 🏽 » kept the tone, « ශ්‍රියානි » was cut in two).
 */
const EMOJI_CHAR = String.raw`(?:(?![©®™])\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier})`;
const EMOJI = new RegExp(`${EMOJI_CHAR}(?:${EMOJI_CHAR}|\\u200d|\\ufe0f|\\u20e3)*`, 'gu');

/** Emoji set as a line's bullet (« 📌 "Title" », « ⏱️ 25 min », « 📝 Abstract… »), and the spaces after them. */
const LEADING_EMOJI = new RegExp(`^([ \\t]*)${EMOJI_CHAR}(?:${EMOJI_CHAR}|\\u200d|\\ufe0f|\\u20e3|[ \\t])*(?=\\S)`, 'gmu');

/**
 * The text without the emoji that open its lines as bullets (parse audit 10: « 📌 "Serverless Postgres…" » was no title
 * line, « ⏱️ 25 min » no length line). Lines stay where they are: a line of emoji alone is kept.
 */
export function leadingEmojiOff(text: string): string {
  return text.replace(LEADING_EMOJI, '$1');
}

/**
 * One mail's names are cleaned again and again (issue 12): the sender's display name by the source's readers, by
 * findSpeakers five times over (who speaks, a company's address, a fuller name signed, the co-signers) and by
 * understand for the result's From — two calls in three over tests/fixtures/proposals cleaned a string cleaned before
 * in the same mail. The answer is the string's alone (a string, nothing to share mutably): kept by the exact string for
 * the last NAME_MEMO names up to MEMO_NAME characters (a longer one, a sentence's fragment or a hostile one, is cleaned
 * each time).
 */
const NAME_MEMO = 256;
const MEMO_NAME = 200;
const nameKept = boundedMemo(readName, NAME_MEMO);

export function cleanName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  return raw.length <= MEMO_NAME ? nameKept(raw) : readName(raw);
}

function readName(raw: string): string | null {
  // "Marc Lenoir 🐘": emoji dress a name, they are no part of it (parse audit 9)
  let s = raw.replace(/[\u00a0\s]+/g, ' ').replace(EMOJI, ' ').replace(/\s+/g, ' ').trim();
  s = unquote(s);
  // list gateways and directories decorate names: "Jean (via Google Groups)", "Jean via LinkedIn", "[EXT] Jean"
  s = s.replace(/\s*\((?:via|par)\s[^)]*\)\s*$/i, '').replace(/\s+(?:via|par l'interm[ée]diaire de)\s+\S.*$/i, '');
  s = s.replace(/^\[[^\]]{1,20}\]\s*/, '').replace(/\s*\([^)]*\)\s*$/, '').replace(/\s*<[^>]*>\s*$/, '');
  // a company directory's mark for outsiders after the name: « Anna WEBER - EXT », "Jean Dupont | External", « … [Externe] »
  // — set apart by a space before the dash: a hyphen joins a name (« Dupont-Ext », « Marie-Externe » keep theirs)
  s = s.replace(/(?:\s+[-–]|\s*\|)\s*(?:ext|external|externe|extern|prestataire|contractor)\.?\s*$|\s*\[(?:ext|external|externe|extern)\]\s*$/i, '');
  // "Jean Dupont - Société Exemple", "Anna Weber | Acme Data", « Paul Roy – DSI »: the employer or the team a directory adds
  // after a spaced dash or a bar (parse audit 9); a name's own hyphen is never spaced
  const apart = /^(.+?)(?:\s+[-–—]\s+|\s*\|\s*)\S.*$/u.exec(s);
  if (apart && apart[1]!.trim().split(/\s+/).length >= 2 && looksLikePersonName(unquote(apart[1]!))) s = apart[1]!.trim();
  s = unquote(s);
  // "Dr. Jane Smith, PhD", « Pr Jean Martin », "Prof. Ana Souza": honorifics and degrees are no part of the name
  s = s.replace(HONORIFIC, '').replace(POSTNOMINALS, '').trim();
  if (s === '' || (/@/.test(s) && !/\s/.test(s))) return null;
  // "jean.dupont", "marie_curie": an address's local part put as the display name, its words parted by dots or underscores
  // (each word capitalised as well: "Marc.Lenoir" — parse audit 9 read « Marc »; "Vitamart.ca", "Helicopter_flight_simulator"
  // are a site's or a robot's name, left as written)
  if (/^\p{Ll}{2,}(?:[._]\p{Ll}{2,})+$|^\p{Lu}\p{Ll}+(?:[._]\p{Lu}\p{Ll}+)+$/u.test(s)) return capitalizeName(s.split(/[._]/));
  // directory order "Last, First" (one comma, short sides, no company-like suffix)
  const comma = /^([^,]{1,40}),\s*([^,]{1,40})$/.exec(s);
  if (comma && comma[1]!.split(' ').length <= 3 && comma[2]!.split(' ').length <= 3 && !/\b(inc|ltd|llc|sa|sas|gmbh|phd|jr|sr)\b\.?$/i.test(comma[2]!)) {
    s = `${comma[2]!.trim()} ${comma[1]!.trim()}`;
  }
  const words = s.split(' ').filter((w) => w !== '');
  if (words.every((w) => isUpperWord(w) || !/\p{L}/u.test(w))) return capitalizeName(words);
  if (words.every((w) => w === w.toLowerCase()) && words.length <= 4 && words.every((w) => /^\p{Ll}/u.test(w))) return capitalizeName(words);
  // "DUPONT Jean" (surname first, in capitals, as French administrations write it) → "Jean Dupont"
  const upperLead: string[] = [];
  let i = 0;
  while (i < words.length && (isUpperWord(words[i]!) || (upperLead.length > 0 && PARTICLES.has(words[i]!.toLowerCase())))) upperLead.push(words[i++]!);
  const rest = words.slice(i);
  // two capitals alone are initials or an acronym ("JP Martin", "PG Vendor News", « RH Société »), not a surname —
  // unless they read as a syllable, a vowel and a consonant: the short surnames French directories write first
  // (« LE Minh », « DO Anh », « LY Thomas », « WU Jun »)
  const surname = upperLead.some((w) => {
    const letters = w.normalize('NFD').replace(/[^\p{L}]/gu, '').toUpperCase();
    return letters.length >= 3 || (letters.length === 2 && /[AEIOUY]/.test(letters) && /[^AEIOUY]/.test(letters));
  });
  if (surname && rest.length > 0 && rest.every((w) => !isUpperWord(w))) {
    return [...rest, capitalizeName(upperLead)].join(' ');
  }
  // "Jean DUPONT" → "Jean Dupont"; two capitals, quoted or not, are initials (« Jeanne "JM" Martin »), counted in letters
  return words.map((w) => (isUpperWord(w) && w.replace(/[^\p{L}]/gu, '').length > 2 ? capitalize(w) : w)).join(' ');
}

/** Local parts that name a role or a robot, not a person (info@, cfp@, noreply@): no name is made of them. */
const ROLE_MAILBOXES: Phrases = [
  'info', 'contact', 'admin', 'noreply', 'no-reply', 'postmaster', 'webmaster', 'hello', 'bonjour', 'team', 'support', 'talks?', 'cfp', 'orga',
  'secretariat', 'mail',
];
const ROLE_MAILBOX = phraseRegExp('ROLE_MAILBOXES', ROLE_MAILBOXES, 'i', '^', '$');

/** `jean.dupont@x` → "Jean Dupont"; null when the local part does not look like a person (info@, j2x9@…). */
export function nameFromLocalPart(email: string): string | null {
  const local = email.split('@')[0]?.split('+')[0] ?? '';
  // digits between letters (« x9k2@ », "j2x9@", "a1b2c3@"): a generated identifier — its letters read as initials made
  // "X K", a speaker nobody is called (parse audit 9); digits only after the name ("pierre.martin42") are a suffix
  if (/\p{L}\d+\p{L}/u.test(local)) return null;
  const words = local
    .replace(/\d+/g, ' ')
    .split(/[._\s]+/)
    .filter((w) => w.length > 0);
  // letters alone are initials, no name: "j.d@", "x_k@" (one next to a word, "j_martin42", is one)
  if (words.length === 0 || words.join('').length < 2 || words.every((w) => w.length < 2)) return null;
  if (words.length === 1 && ROLE_MAILBOX.test(words[0]!)) return null;
  return capitalizeName(words);
}

/** What a job title says ("Lead Database Engineer", « Responsable des bases de données », "CTO"): its words, by language. */
const JOB_TITLE_WORDS: Phrases = {
  en: [
    'engineer', 'developer', 'dba', 'administrator', 'admin', 'architect', 'consultant', 'manager', 'director', 'officer', 'analyst', 'head\\s+of',
    'lead', 'cto', 'ceo', 'coo', 'cio', 'vp', 'founder', 'co-?founder', 'intern',
  ],
  fr: [
    'ing[ée]nieure?', 'd[ée]veloppeu(?:r|se)', 'administrat(?:eur|rice)', 'architecte', 'responsable', 'directeur', 'directrice', 'chef(?:fe)?\\s+de',
    'charg[ée]e?\\s+de', 'stagiaire', 'fondat(?:eur|rice)', 'g[ée]rante?', 'pr[ée]sidente?',
  ],
};
export const JOB_TITLE = phraseRegExp('JOB_TITLE_WORDS', JOB_TITLE_WORDS, 'i', '\\b', '\\b');

/**
 * Words a sentence opens on before a name, capitalised there but no part of it: « Avec Pauline Simon (pauline@…), on
 * aimerait présenter … », "With Tom Becker we would like to …" name a co-speaker, not a person called « Avec Pauline ».
 */
const NOT_A_NAME_OPENER = /^(?:avec|with|et|and|pour|for|par|by|from|chez|selon|via|sans|without|aupres|together|along)$/i;

/** Does a line look like a person's name: 1–4 capitalised words, no digits, no address, no sentence. */
export function looksLikePersonName(line: string): boolean {
  const t = line.trim();
  if (t.length < 2 || t.length > 50 || /[\d@:;!?/|]/.test(t) || /[.,]$/.test(t)) return false;
  const words = t.split(/\s+/);
  if (words.length > 4 || (words.length > 1 && NOT_A_NAME_OPENER.test(words[0]!.normalize('NFD').replace(/\p{M}/gu, '')))) return false;
  // « den », « del », « dos », « ter », « ten » stand right before the surname (« Bram van den Broek », « Lucía del Río »,
  // « João dos Santos », « Anne ten Brink »); elsewhere they are a title's words: "Top ten Postgres Settings", « Banco dos
  // Dados Abertos » (review of parse audit 11)
  return words.every((w, i) => /^(\p{Lu}[\p{L}'’.-]*|de|du|des|la|le|van|von|der|di|da|d'\p{L}+)$/u.test(w) || (/^(?:den|del|dos|ter|ten)$/.test(w) && i === words.length - 2));
}
