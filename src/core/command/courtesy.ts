/**
 * A reply that says nothing but courtesy: « Merci ! », "Thanks!", « Merci beaucoup, bonne journée », "Thank you 👍",
 * « Super, merci ! », "Thanks for the quick answer, have a nice day" — with perhaps a greeting above and the writer's
 * name and signature below. Nothing to act on and nothing to tell anyone: an organizer thanking for a transcript was
 * sent the help (a reply to it could bounce back and forth), a speaker's thanks were relayed to every organizer.
 *
 * Strict on purpose: a question (« Merci, c'est pour quand ? »), a request (« merci de m'envoyer les slides »), a verb
 * (« Merci, accepté ») or any other words make the mail something else, read as before.
 */
import { isSignatureStart } from '../text/new-text.ts';
import { looksLikePersonName } from '../text/names.ts';
import { fold } from '../text/fold.ts';

const THANKS = String.raw`(?:(?:un )?(?:grand|gros|immense|enorme) merci|mille mercis?|merci|mercis|thanks|thank you|thx|ty|many thanks|cheers)`;
const THANKS_MORE = String.raw`(?: (?:beaucoup|bcp|bien|infiniment|encore|mille fois|a (?:toi|vous|tous|toutes|vous deux|tous les deux|tout le monde)|pour tout|a lot|so much|very much|again|a bunch|all|everyone|both|(?:to )?you(?: all| both| guys)?|guys|for everything))*`;
/**
 * « merci pour le retour », "thanks for the quick answer": thanks for something, in a few words that open no clause of
 * their own (« merci pour le retour mais je préfère refuser » says more). « merci de … » asks: not here.
 */
const FOR_WORD = String.raw`(?!(?:mais|but|je|j'|i|i'm|we|nous|on|vous|tu|il|elle|ils|elles|they|you|si|if|que|qu'|could|can|would|will|please|svp|stp|pourriez|pouvez|peux|est|is|sont|are|pas|not|sauf|unless|or|ou)(?![a-z]))[^ ]+`;
const THANKS_FOR = String.raw`(?: (?:pour|for) ${FOR_WORD}(?: ${FOR_WORD}){0,4})?`;
const TO_ALL = String.raw`(?: (?:a tous|a toutes|a vous|a toi|a vous deux|tout le monde|all|everyone|both|guys))?`;
const SIGN_OFF = String.raw`(?:(?:tres |bien )?(?:bonne|belle) (?:journee|soiree|fin de journee|semaine|fin de semaine|continuation|nuit|apres-midi)|bon (?:week-end|weekend|we|courage|apres-midi))${TO_ALL}|a (?:bientot|plus|\+|demain|tres vite|la prochaine|tout a l'heure|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)|see you(?: soon| there| then| thursday)?|(?:have a )?(?:nice|good|great|lovely) (?:day|evening|week|weekend)|talk soon|(?:bien )?cordialement|cdlt|bien a (?:vous|toi)|amities|amicalement|bises|best(?: regards| wishes)?|(?:kind |warm |warmest )?regards|all the best|take care|au plaisir`;
const ACK = String.raw`(?:c'est )?(?:super|parfait|top|genial|nickel|excellent|impec|impeccable|trop bien|tres bien|cool|great|perfect|awesome|nice|wonderful|bien recu|bien note|note|notee|c'est note|noted|got it|well received|ca marche|entendu|ok|okay|hate d'y etre|looking forward(?: to it)?|avec plaisir|with pleasure)`;
const GREET = String.raw`(?:bonjour|bonsoir|salut|hello|hi|hey|coucou|re|dear)(?: (?:a tous|a toutes|a vous|tout le monde|all|everyone|team|la team|l'equipe))?`;
const GREETING = new RegExp(String.raw`^${GREET}$`);
/** Whoever writes it; thanks for something and acknowledgements (« Parfait, merci ! ») only from an organizer (onlyCourtesy). */
const CLAUSE = new RegExp(String.raw`^(?:${THANKS}${THANKS_MORE}|${SIGN_OFF}|${GREET})$`);
const CLAUSE_OR_ACK = new RegExp(String.raw`^(?:(?:${ACK} )?${THANKS}${THANKS_MORE}${THANKS_FOR}|${SIGN_OFF}|${ACK}|${GREET})$`);
/** Between two courtesies: punctuation, « et », "and". */
const CLAUSES = /[,.;:!…()]+|\s(?:et|and|&)\s/;
/** An emoji and what joins or tints it (ZWJ, variation selector, skin tones): read-line.ts strips the same after a verb. */
export const EMOJI_CHAR = String.raw`\p{Extended_Pictographic}|\ufe0f|\u200d|[\u{1f3fb}-\u{1f3ff}]`;
const EMOJI = new RegExp(String.raw`${EMOJI_CHAR}|[:;]-?[)D]|<3`, 'gu');
/** Under the writer's name: a job title, a company, a phone — a few short lines. */
const MAX_SIGNATURE_LINES = 5;
const MAX_LINE = 120;

/** One clause of thanks, a greeting, a sign-off or an acknowledgement — perhaps naming whom (« Merci Claire »). */
function courteousClause(clause: string, acks: boolean): boolean {
  const words = clause.trim().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return true;
  // « Merci Claire », "Thanks Dim", « Bonjour Jean-Pierre »: a name after the words, in capitals
  for (let names = 0; names <= Math.min(2, words.length - 1); names++) {
    const kept = words.slice(0, words.length - names);
    const named = words.slice(words.length - names);
    if (names > 0 && !looksLikePersonName(named.join(' '))) break;
    if ((acks ? CLAUSE_OR_ACK : CLAUSE).test(fold(kept.join(' ')))) return true;
  }
  return false;
}

/** A line of nothing but courtesy (emoji aside); a question never is. */
export function courteousLine(line: string, acks = true): boolean {
  const t = line.trim();
  if (t === '' || t.length > MAX_LINE || /[?？]/.test(t)) return false;
  return t.replace(EMOJI, ' ').split(CLAUSES).every((c) => courteousClause(c, acks));
}

/** « Bonjour, », "Hi Dim,": a greeting alone opens a mail, it thanks nobody (a mail of nothing else was sent too soon). */
function greetingOnly(line: string): boolean {
  const clauses = line.replace(EMOJI, ' ').split(CLAUSES).map((c) => c.trim().split(/\s+/).filter((w) => w !== '')).filter((w) => w.length > 0);
  const greets = (words: string[]) => GREETING.test(fold(words.join(' '))) || (words.length > 1 && GREETING.test(fold(words[0]!)) && looksLikePersonName(words.slice(1).join(' ')));
  return clauses.length > 0 && clauses.every(greets);
}

/**
 * The new text (text/new-text.ts writtenLines: before the sign-off cut) is courtesy and nothing else: thanks, greetings,
 * sign-offs, the writer's name and a short signature under it — and, with `acks` (an organizer's reply), thanks for
 * something (« Merci pour le retour ») and acknowledgements (« Parfait, merci ! », "OK thanks", « Bien reçu »). A
 * speaker's « OK » or « Super ! » to a decision may be the assent the organizers wait for, and his « Merci beaucoup pour
 * la confirmation, à bientôt ! » is words for them: relayed as before. An empty text is not courtesy: it says nothing.
 */
export function onlyCourtesy(written: readonly string[], acks: boolean): boolean {
  const lines = written.map((l) => l.trim()).filter((l) => l !== '');
  let said = false;
  for (const [i, l] of lines.entries()) {
    if (isSignatureStart(l)) break;
    if (courteousLine(l, acks)) {
      said ||= !greetingOnly(l);
      continue;
    }
    if (!said || !looksLikePersonName(l)) return false;
    const below = lines.slice(i + 1);
    const end = below.findIndex(isSignatureStart);
    const signature = end >= 0 ? below.slice(0, end) : below;
    return signature.length <= MAX_SIGNATURE_LINES && signature.every((s) => s.length <= 60 && !/[?？]/.test(s) && !(s.split(/\s+/).length >= 6 && /[.!]$/.test(s)));
  }
  return said;
}
