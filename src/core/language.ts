/**
 * Language of a text: fr, en, or null when unsure. Stopword counts decide the common case in microseconds;
 * franc (trigrams) is asked only when they do not, so that a German or Latvian mail comes out null rather
 * than forced into French or English. Reads a bounded sample: the first lines decide.
 */
import { franc } from 'franc-min';
import type { Language } from '../types.ts';
import { attributionLines, isQuoteLine, quoteStart } from './text/quotes.ts';
import { DISCLAIMER } from './text/signature.ts';

const SAMPLE = 2000;
/** franc's cost grows with its input; a few hundred characters are enough for two candidate languages. */
const FRANC_SAMPLE = 400;
/** Comparing with a handful of Latin-script neighbours is 3× cheaper than with all of franc-min's 82 languages. */
const FRANC_ONLY = ['fra', 'eng', 'deu', 'spa', 'ita', 'por', 'nld', 'ron', 'pol'];
// with the labels of a proposal's form, as typed (« Titre : … Durée : 1h »: a form says little else, and franc guessed English)
const FR = new Set(
  'le la les des une un est pour avec dans je vous nous sur pas que qui du au aux et ce cette mais ou donc sont mon ma mes votre vos notre nos merci bonjour cordialement tres plus il elle ils on en par titre durée résumé langue'.split(' '),
);
// "I can do 20 minutes on "…". Let me know.": a short English note has few of the words above (franc read it as French)
const EN = new Set(
  'the and is for with this that you we of to in it be are my your our thanks hello regards would like can will not have has at on an from let know if about but just also could should what there was were been do does did any how who when which they their them these those than then into title abstract length'.split(' ').concat(["i'd", "i'm", "i'll", "i've"]),
);
/**
 * Function words of the neighbouring languages our mail also comes in (German, Dutch, Spanish, Italian, Portuguese),
 * none a French or English word: "in", "an", "will", "so" are German too, and a German out-of-office has as many of
 * them as a short English text. Where these outnumber the winner's, the stopwords do not decide.
 */
const OTHER = new Set(
  'der die das und ist nicht ich sie auf für zu dem ein eine einen wir ihre ihnen bei nach auch sich wird werden bin habe bitte vielen dank het een ik niet voor zijn wij uw naar ook bij tot graag los las por para una del estoy gracias hasta muy pero como della gli alla sono grazie questo anche não uma obrigado até você'.split(
    ' ',
  ),
);
/** The English first person with its verb contracted: words of EN (a bare "i" is as often code's loop variable). */
const ENGLISH_I = /^i'(?:d|m|ll|ve)$/;
/** Words in both lists ("on", "en") count for neither. ß, œ, æ are letters: "Grüßen" is one word, not "grü" and "en". */
const WORD = /[a-zß-ÿœæ']+/g;

/**
 * Below this many words, what the author wrote above the quote ("Thanks, see you there", "acept P-0003") speaks
 * for its language only through its function words; without them franc would guess from a few trigrams.
 */
const SHORT_OWN = 20;

interface Votes {
  fr: number;
  en: number;
  /** Function words of another language (OTHER). */
  other: number;
  words: number;
  /** The lower-cased sample the votes were counted on. */
  sample: string;
}

/** Stopword votes over a text's bounded sample, ">" lines left out. */
function votes(text: string): Votes {
  const sample = text
    .slice(0, SAMPLE)
    .split('\n')
    .filter((l) => !/^\s*>/.test(l))
    .join('\n')
    .toLowerCase();
  let fr = 0;
  let en = 0;
  let other = 0;
  let words = 0;
  // match() gives the words as strings: no match object per word (this runs on every message).
  for (const raw of sample.match(WORD) ?? []) {
    // l'équipe → équipe; we'll, it's, you're → we, it, you (an English contraction counts as its pronoun)
    const k = raw.indexOf("'");
    // (but "i'd", "i'm", "i'll", "i've" are the English pronoun, not an elided « i' »: parse audit 9 read "I'd like to
    // present "…", 30 minutes." as French, its pronoun counted as "d")
    const w = k < 0 ? raw : ENGLISH_I.test(raw) ? raw : k === 1 && raw[0]! >= 'a' && raw[0]! <= 'z' ? raw.slice(2) : raw.slice(0, k);
    words++;
    const f = FR.has(w);
    const e = EN.has(w);
    if (f && !e) fr++;
    else if (e && !f) en++;
    else if (!f && OTHER.has(w)) other++;
  }
  return { fr, en, other, words, sample };
}

/** What the function words alone say, or null when they do not decide. */
function byStopwords({ fr, en, other, words }: Votes): Language | null {
  const hits = fr + en;
  if (other >= Math.max(fr, en)) return null;
  if (hits >= 3 && hits / Math.max(words, 1) >= 0.06) {
    if (fr >= 1.5 * en) return 'fr';
    if (en >= 1.5 * fr) return 'en';
  }
  return null;
}

function decide(v: Votes): Language | null {
  const byWords = byStopwords(v);
  if (byWords) return byWords;
  const { fr, en, words, sample } = v;
  const hits = fr + en;
  if (words < 4) return null;
  // plenty of words and almost no French or English function words: another language (or code, or logs)
  if (words >= 30 && hits / words < 0.05) return null;
  if (/[^\u0000-\u024f\s\u2000-\u206f\u20ac]/.test(sample.slice(0, 400))) return null; // another script
  const guess = franc(sample.slice(0, FRANC_SAMPLE), { minLength: 16, only: FRANC_ONLY });
  return guess === 'fra' ? 'fr' : guess === 'eng' ? 'en' : null;
}

export function detectLanguage(text: string | null): Language | null {
  if (!text) return null;
  return decide(votes(text));
}

/**
 * A list manager's footer: a rule (« -- », Mailman's underscores, groups.io's « -=-=- ») over a line about the list or the
 * subscription ("… mailing list", Google Groups' "You received this message because you are subscribed to…", « Vous
 * recevez ce message, car vous êtes abonné… »). A person's own signature is theirs and stays.
 */
const FOOTER_RULE = /^(?:-- ?|_{20,}|(?:-=){5,}-?)\s*$/;
const FOOTER_LINE = /\bmailing list\b|\bliste de diffusion\b|\bsubscribed to\b|\babonn[ée]e?s? (?:au|à la) (?:groupe|liste)\b/i;
/** Words the author must have written above a footer for it to be cut: below that, the footer is all there is to read. */
const ABOVE_FOOTER_WORDS = 4;

/** The lines above a list's footer, when the author wrote some: an English footer is no part of a French post. */
function aboveFooter(lines: string[]): string[] {
  for (let i = 0; i < lines.length; i++) {
    if (!FOOTER_RULE.test(lines[i]!)) continue;
    const next = lines.slice(i + 1, i + 3).find((l) => l.trim() !== '') ?? '';
    if (!FOOTER_LINE.test(next)) continue;
    const above = lines.slice(0, i);
    return holdsWords(above.filter((a) => !isQuoteLine(a)), ABOVE_FOOTER_WORDS) ? above : lines;
  }
  return lines;
}

/**
 * The lines without the legal notices that end them (« Ce message et toutes les pièces jointes sont confidentiels… »,
 * "This e-mail is intended solely for…"): a company's, in its own language, often longer than what its employee wrote —
 * an English proposal from a French bank read fr. Kept when nothing else is written.
 */
function withoutLegalNotices(lines: string[]): string[] {
  let end = lines.length;
  for (;;) {
    while (end > 0 && lines[end - 1]!.trim() === '') end--;
    let start = end;
    while (start > 0 && lines[start - 1]!.trim() !== '') start--;
    if (start === 0 || start === end || !DISCLAIMER.test(lines.slice(start, end).join(' '))) break;
    end = start;
  }
  const kept = lines.slice(0, end);
  return holdsWords(kept, ABOVE_FOOTER_WORDS) ? kept : lines;
}

/** WORD with a position of its own, read by holdsWords alone. */
const EACH_WORD = new RegExp(WORD.source, 'g');

/**
 * Do the lines hold `n` words (WORD: no word spans two lines, so as many as their join)? Counted up to `n` only: every
 * message's sample was matched whole for it, ≈ 300 strings made to be counted, where a few words at its top answer
 * (issue 12).
 */
function holdsWords(lines: readonly string[], n: number): boolean {
  let count = 0;
  for (const line of lines) {
    EACH_WORD.lastIndex = 0;
    while (EACH_WORD.exec(line) !== null) if (++count >= n) return true;
  }
  return false;
}

/**
 * Language of a message's body as its author wrote it: the text above the quoted history (">" lines, "Le … a
 * écrit :" / "On … wrote:" attributions, Outlook's "De : … Envoyé : … Objet :" block, "-----Original
 * Message-----"), so that a short English reply over a French thread is English.
 * A short text of the author's decides only by its function words ("Sounds good, see you on Thursday" → en,
 * "Merci, je serai là" → fr: words of one language and none of the other suffice there); when it has none ("OK",
 * "schedule next meetup"), or the author wrote nothing (a forward whose own text is empty, an inline reply), the
 * rest of the body is read. A list's footer is not the author's text. Reads the same bounded sample as detectLanguage: quoted history that
 * starts beyond it is not looked for.
 */
export function bodyLanguage(text: string | null): Language | null {
  if (!text) return null;
  const lines = withoutLegalNotices(aboveFooter(text.slice(0, SAMPLE).replace(/\r\n?/g, '\n').split('\n')));
  const start = quoteStart(lines);
  if (start >= lines.length) return detectLanguage(lines.join('\n'));
  const own = votes(lines.slice(0, start).filter((l) => !isQuoteLine(l)).join('\n'));
  if (own.words >= SHORT_OWN) return decide(own);
  const byWords = byStopwords(own) ?? (own.other >= Math.max(own.fr, own.en) ? null : own.fr > 0 && own.en === 0 ? 'fr' : own.en > 0 && own.fr === 0 ? 'en' : null);
  if (byWords) return byWords;
  // The author wrote (almost) nothing that tells: the rest of the body is the best guess. First its unquoted lines
  // (answers inline under an attribution, a forward's or Outlook's unquoted history) when their function words
  // decide or they are many.
  // Below the line where the history starts: that line is the client's attribution ("On … wrote:"), in the language
  // of the writer's mail client, not of anything written — an English Apple Mail over a French thread said en.
  // Gmail wraps a long attribution before its colon: its second line (« <talks+s-p0002-ujv-…@…> wrote: », a reply
  // token's letters) is no one's words either — franc read them as French, and an English speaker's « help » got a
  // French answer, as chance and the token's letters had it.
  const unquoted = votes(lines.slice(start + attributionLines(lines, start)).filter((l) => !isQuoteLine(l)).join('\n'));
  const byUnquoted = byStopwords(unquoted);
  if (byUnquoted || unquoted.words >= SHORT_OWN) return byUnquoted ?? decide(unquoted);
  // What is quoted with ">" is the mail answered — crieur's own, as often as not: it tells the language of whoever
  // wrote that, not of this author. Too little of their own: no language (the group's is then used).
  return decide(unquoted);
}
