/**
 * One line of a reply against the grammar: commands (`P-0007 accept`, `refuser : trop proche du sujet de mars`,
 * `accept P-0003, P-0004`), an attempt that was not understood (`acept P-0003`), or prose ("OK, I'll check the
 * slides") — where reading stops. The line shape is `[ref] [override] VERB [refs] [:] [argument]`, the ref on
 * either side of the verb.
 *
 * When is a verb with words after it a command? It depends on the argument the verb takes (grammar.ts): a verb
 * that takes none must stand alone ("ok merci", "Accept my apologies" are prose); a verb that takes text keeps
 * what follows unless it reads as a sentence about the verb ("Refuser serait dommage", "Note that…",
 * "decline?"); a date verb reads its date.
 */
import type { Command, CommandRole, Verb } from './types.ts';
import { ACCEPTED_AS, heardAs, PHRASES_LONGEST_FIRST, SINGLE_WORDS, SPEC_OF, WORDS, type VerbSpec } from './grammar.ts';
import { readDate, type DateReference } from './dates.ts';
import { proposalRef } from '../ref.ts';
import { fold } from '../text/fold.ts';
import { editDistance } from '../extract/formats.ts';
import { matchLabel } from '../extract/fields.ts';
import { courteousLine, EMOJI_CHAR } from './courtesy.ts';

const EMOJI_CHARS = new RegExp(EMOJI_CHAR, 'gu');

export type LineReading = { kind: 'commands'; commands: Command[] } | { kind: 'unknown' } | { kind: 'prose' };

/** What a line is read against: the date reference, and whose reply it is when known (grammar.ts heardAs). */
export type LineContext = DateReference & { role?: CommandRole | undefined };

/** Longer lines are prose: nobody types a command and two hundred characters of reason on one line by mistake. */
export const MAX_LINE = 300;
const REF = /^\[?p\s?-?\s?(\d{1,6})\]?(?![\w-])/;
const REF_LIST_SEP = /^\s*(?:,|;|&|\bet\b|\band\b)?\s*/;
// « Accepter ! Super sujet. », "Decline! Off-topic.": an exclamation mark before the rest separates it as a full stop does
const SEP = /^\s*(?:[:：\-–—,;]\s*|[.!]+\s+)?/;
const LIST_MARKER = /^(?:[-•·–>]\s+|\d{1,2}[.)]\s+)/;
/**
 * "Décision : accepter", "Réponse : refuser", « Ma décision : accepter », "Final decision: decline": a label before the
 * verb, as a form would have it — the writer's own (« ma », "our") or final one says no more.
 */
const VERB_LABEL = /^(?:(?:ma|mon|notre|my|our|final|the)\s+)?(?:d[ée]cision|decision|r[ée]ponse|answer|verdict|choix|choice)(?:\s+finale?)?\s*[:：]\s*(?=\S)/i;
/**
 * « OK pour moi, on accepte. », « Ok de mon côté, refuser : hors sujet »: the writer's own yes before the decision is an
 * assent too (audit W's accepted nothing); « Ok pour moi » alone stays prose (audit f), and so does what no verb follows.
 * "Oui, je confirme", "Yes, I confirm", « OK, je confirme », « Oui je confirme »: an assent before a speaker's verb says
 * nothing more than the verb (a speaker's « Ok, je confirme ! » was relayed as a message and the talk left unconfirmed,
 * with no answer to tell him). Before an organizer's verb it makes the line prose (« Oui, ok » answers a message).
 * Good news received is one too: « Bien reçu, je confirme. », « Super nouvelle, je confirme ! », "Great news! I confirm.",
 * "Thanks for accepting, I confirm." (audit W: each relayed as a message, the talk left unconfirmed). So is the writer's
 * « c'est bon pour moi », « ça me va », « pas de souci », "works for me", "all good" — and assents may follow one another
 * (« Oui, c'est bon pour moi, je confirme ma venue. », « Oui oui je confirme »: audit X, relayed unconfirmed). A regret or an
 * apology before a speaker's verb too: "Hello, sorry but I have to withdraw my talk.", « Désolé, je retire ma proposition ».
 * And the writer's say put first (audit Y: "For me it's ok, accept." relayed, nothing decided): « Pour moi c'est bon, refuser
 * : hors sujet », "It's fine with me, I confirm."
 * The regret said as a sentence too (audit Z: « Je suis désolé mais je dois retirer ma proposition : … » was relayed, the talk
 * left in, where « Désolé, je retire… » withdrew it): « je suis (vraiment) désolé(e) », "I'm (really) sorry (but)".
 * A dash closes an assent as a comma does, and "sounds great" is "sounds good" (audit AA: "Sounds great — accept." was
 * relayed, nothing decided).
 * "Count me in" is one, and "I'm afraid" a regret (audit AB: "Yes, count me in — confirmed." and "Hi, I'm afraid I have to
 * withdraw, sorry for the late notice." were relayed, the talk left as it was).
 * "LGTM" / "SGTM" (looks / sounds good to me), a reviewer's yes, are too (audit AD: "LGTM, accept" was relayed, nothing
 * decided); alone they decide nothing, as « OK » does not. "Sounds good to me — accept." as "Looks good to me" (audit AD2).
 * "LGTM from me, accept", "Looks good to me too — accept." say the same (review of audit AD: relayed, nothing decided).
 */
/**
 * « Pas de souci », "no problem", "no worries" (folded or not): an assent before a decision (ASSENT, YES) and courtesy after a
 * verb (COURTESY) — one table for the three.
 */
const NO_TROUBLE = String.raw`(?:pas de|aucun|sans) (?:soucis?|probl[èe]me)|no (?:problem|worries)`;
/**
 * « +1 », « +1 pour Lucie », "+1 for me": the writer's vote, agreeing (with the other organizer named), before the decision
 * (audit AE2 11: « +1 pour Lucie, accepter. » under Lucie's quoted « Accepter » was relayed, nothing decided). One word after
 * « pour » / "for" / « avec » / "with" — a name, « moi » / "me" — not an article or a format (« +1 pour le lightning, … »,
 * « +1 pour lightning, accepter » keep the format's say: prose).
 */
const PLUS_ONE = String.raw`\+1(?:\s+(?:pour|for|avec|with)\s+(?!(?:le|la|les|l|un|une|ce|cette|the|a|an|this|that|lightning|talk|[ée]clair|format|attente|waitlist)(?![^\s,.!;:]))[^\s,.!;:?]+)?`;
const ASSENT =
  new RegExp(String.raw`^(?:(?:(?:ok|okay)\s*,?\s*(?:pour moi|de mon c[ôo]t[ée]|for me|on my (?:side|end)|from my side)\s*[,!.]|(?:oui|yes|yep|si|ok|okay|parfait|super|d['’]accord|great|perfect|sure|(?:c['’]est\s+)?(?:bien\s+)?not[ée]|entendu|tr[èe]s bien|avec plaisir|with pleasure|noted|got it|absolutely|bien s[ûu]r|of course|sounds (?:good|great|fine)(?: to (?:me|us))?(?: too| as well)?|[çc]a marche|g[ée]nial|excellent|awesome|wonderful|fantastic|brilliant|nice|yay|formidable|bien re[çc]u|re[çc]u|top|cool|chouette|c['’]est (?:tout |tr[èe]s )?(?:bon|parfait|nickel|super|top|ok)(?: pour (?:moi|nous)| de (?:mon|notre) c[ôo]t[ée])?|nickel|[çc]a (?:me|nous) va(?: tr[èe]s bien| parfaitement)?|(?:that )?works for (?:me|us)|that works|all good|looks (?:good|great|fine)(?: to (?:me|us))?(?: too| as well)?|(?:pour moi|for me)\s*,?\s*(?:c['’]est|it['’]s|it is)\s+(?:ok|okay|bon|good|fine)|it['’]s (?:ok|okay|fine|good) (?:for|with) (?:me|us)|${NO_TROUBLE}|(?:(?:quelle|une|tr[èe]s|super|bonne|excellente|great|good|excellent|wonderful|fantastic|what)\s+)+(?:nouvelle|news)|(?:thanks|thank you|merci) (?:for accepting(?: my talk)?|for the good news|pour la (?:bonne )?nouvelle|pour l['’]acceptation)|count (?:me|us) in|${PLUS_ONE}|(?:lgtm|sgtm)(?:\s+(?:from|for) (?:me|us))?)\s*(?:[,!.]|[—–]|-(?=\s))|(?:oui|yes|ok|okay)\s+(?=[^\s!.,;:?])|(?:malheureusement|unfortunately|h[ée]las|(?:i['’]m|i am|we['’]re|we are) afraid(?: that)?|(?:(?:je suis|nous sommes|i['’]m|i am|we['’]re|we are)\s+)?(?:(?:so|really|very|truly|terribly|vraiment|tr[èe]s|sinc[èe]rement)\s+)?(?:sorry|d[ée]sol[ée]e?s?|navr[ée]e?s?))(?:\s*,)?(?:\s+(?:but|mais))?\s*,?)\s*)+(?=\S)`, 'i');
/**
 * Between the wish or the obligation and the verb: « je dois malheureusement retirer… », « je vais hélas devoir retirer… »,
 * "I unfortunately have to withdraw…" (an audit's « Je dois malheureusement retirer ma proposition, mon employeur… » was
 * relayed as a message, the talk left in, where « Malheureusement je dois retirer… » withdrew it).
 */
const REGRET = String.raw`(?:malheureusement|h[ée]las|donc|finalement|unfortunately|sadly|regrettably|therefore)`;
/**
 * « Je souhaite retirer ma proposition », "Please withdraw my proposal", "I'd like to confirm my participation": a wish or a
 * request before a speaker's verb naming the talk says the verb (two audit replies were relayed as messages, the talk
 * left in the programme). Only before a verb and its object (grammar.ts: « retirer ma proposition »): « je souhaite
 * retirer la partie sur Citus » or "please confirm the date" are still the writer's sentence.
 */
const WISH = new RegExp(
  String.raw`^(?:please|kindly|merci de|je souhaite|je souhaiterais|je voudrais|je pr[ée]f[èe]re|je vais|je dois|nous souhaitons|nous voudrions|nous pr[ée]f[ée]rons|nous devons|nous allons|je suis (?:au regret|oblig[ée]e?|contraint(?:e)?) de|je me vois (?:oblig[ée]e?|contraint(?:e)?) de|(?:je suis (?:au regret|oblig[ée]e?|contraint(?:e)?)|je me vois (?:oblig[ée]e?|contraint(?:e)?)) d['’](?=[aeiouyhéè])|i['’]d like to|i would like to|i want to|i wish to|i['’]d prefer to|i['’]m going to|we['’]d like to|we would like to|we want to|we have to|we need to|(?:i['’]m afraid )?i (?:${REGRET}\s+)?(?:have|need) to|i must|i['’]ll (?:${REGRET}\s+)?have to)(?:\s*,?\s*${REGRET}\s*,?)?(?:\s+devoir)?(?:\s+|(?<=d['’]))(?=\S)`,
  'i',
);
/**
 * « Malheureusement je ne pourrai pas venir le 28, je dois me retirer. », "I'm sorry, I won't be able to make it after all.
 * Please withdraw my talk.", « Désolé mais je ne pourrai pas venir, je retire ma proposition. »: the speaker saying he
 * cannot come, then his withdrawal, is the withdrawal with its reason (audit AB: three such replies relayed, the talk
 * left in). Folded; only before what reads as a withdrawal alone (readOne) — « je ne pourrai pas venir le 28, pouvez-vous
 * me programmer en février ? » stays a message.
 */
const UNABLE =
  /^(?:je ne (?:pourrai|peux|pourrais|serai) (?:finalement |malheureusement |helas |donc )?(?:pas|plus) (?:venir|etre (?:la|presente?|disponible)|participer|assurer (?:mon|le|ce) (?:talk|expose|creneau))|i (?:won't|will not|can't|cannot|can no longer|am not|'m not) (?:be able to |be )?(?:make it|come|attend|be there|present|available))(?: (?:finalement|after all|le (?:jeudi )?\d{1,2}(?:er)?(?: [a-z]+)?|on the \d{1,2}(?:st|nd|rd|th)?|ce jour-la|ce soir-la|that day|that evening|that night))*\s*(?:[,;:]|[.!]\s|[—–]|-\s)\s*(?=\S)/;
/** « ok P-0004 », « OK, [P-12] »: `ok` before a ref accepts that proposal (README: a line may name a ref). */
const OK_REF = /^(?:ok|okay)\s*[,.!]?\s*\[?p\s?-?\s?\d{1,6}\]?(?![\w-])/;
/**
 * « Merci, accepté », "Thanks, declined.", « Merci, je confirme »: thanks before a verb say nothing more than the verb —
 * but for the grammar's aloneWords (« Merci, ok » is thanks) and verbs whose argument follows (« Merci, note … »,
 * "Thanks, schedule…" read on as a sentence: prose).
 */
const THANKED = /^(?:merci|thanks|thank you|many thanks)(?:\s+(?:beaucoup|bien|encore|a lot|so much|again))?\s*[,!.]+\s*(?=\S)/i;
/**
 * « Bonjour, je confirme. », « Bonjour à tous, accepté. », "Hi all, accepted.", "Hello, confirmed!": a greeting on the verb's
 * own line, before its comma, says nothing more than the verb (audit X: a mobile reply's « Bonjour, je confirme. » was
 * relayed as a message, the talk left unconfirmed, where the same greeting on a line of its own confirmed). A name or
 * « à tous » / "all" may follow it; the punctuation after it is needed (« Salut tu peux regarder » is prose anyway).
 */
const GREETING = /^(?:bonjour|bonsoir|salut|coucou|hello|hi|hey|dear|good (?:morning|afternoon|evening)|morning|greetings)(?:\s+(?:[àa] tous|tout le monde|[\p{L}'’-]+(?:\s+[\p{L}'’-]+)?))?\s*[,!.]+\s*(?=\S)/iu;
/** "« confirmer »", "“accept”": a verb copied from crieur's mail with its quotation marks. */
const QUOTED = /^[«"“'‘]\s*([^«»"“”]+?)\s*[»"”'’]\s*([.!]*)$/;
/**
 * Courtesy after a verb that takes nothing ("Je confirme, merci !", "Confirmé ! Merci beaucoup, à bientôt.", "Je retire
 * ma proposition, désolé.", "Accepté 👍", "Accepted, thanks!", « Je confirme avec plaisir »): still the verb alone — but for the grammar's aloneWords
 * ("ok merci" is thanks). Folded, emoji off; any number of them, with punctuation; nothing at all is courtesy too.
 */
// (audit AC2: "Confirmed — see you on January 28th." was relayed unconfirmed: the evening's day after "see you", as THERE
// reads it after "I'll be there" — "on January 28th", "on the 28th of January", "on Thursday", "Thursday"; a month's or a
// weekday's name, not any word: "see you someday", "on the 28th of never", "on probably January 28" are messages — review of audit AC)
// (audit X: « Oui, je confirme ! Merci pour l'acceptation. » was relayed unconfirmed: thanks for the news are courtesy too;
// audit AB: an apology for the trouble too, « désolé pour le dérangement », "sorry for the late notice")
// (review of audit AD: « Accepté, pas de souci. », « On prend, pas de souci. » decided nothing — « pas » opened a reservation;
// "I confirm, see you on Thursday the 28th!" was relayed unconfirmed — the weekday took no day after it)
/** An English month's name, whole or cut short; a weekday's (COURTESY's « see you on … »). */
const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const WEEKDAY = String.raw`(?:mon|tues|wednes|thurs|fri|satur|sun)day`;
const COURTESY = new RegExp(String.raw`^(?:[\s,.;:!]*(?:merci(?: beaucoup| bien| a vous| encore)?(?: (?:pour|de) (?:l'acceptation|l'invitation|la bonne nouvelle|votre retour|ton retour|votre reponse|ta reponse|votre confiance))?|(?:thanks?|thank you)(?: very much| so much| a lot)? for (?:accepting(?: my (?:talk|proposal))?|the good news|having me|the invitation|the invite|the opportunity|your reply|getting back to me)|thanks?(?: a lot| again)?|thank you(?: very much)?|please|pls|svp|stp|s'il (?:vous|te) plait|cheers|(?:desolee?|sorry|navree?)(?: (?:pour|for|about) (?:le |la |les |l'|the |any |this |all the )?(?:derangement|contretemps|gene|desagrement|inconvenience|trouble|late notice|short notice|last-minute change|change of plans?|that))?|a (?:tres )?(?:bientot|vite)|see you(?: very soon| soon| there| then)?(?: on (?:the )?\d{1,2}(?:st|nd|rd|th)?(?: of ${MONTH})?| on (?:${WEEKDAY},? )?${MONTH}\.? \d{1,2}(?:st|nd|rd|th)?| on ${WEEKDAY}(?:,? (?:the )?\d{1,2}(?:st|nd|rd|th)?(?: of ${MONTH})?)?| ${WEEKDAY})?|${NO_TROUBLE}|bonne (?:journee|soiree)|cordialement|best|regards|bien a vous|hate d'y etre|au plaisir|a (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?: (?:soir|prochain))?(?: \d{1,2}(?:er)?(?: (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre))?)?|looking forward(?: to it)?|avec (?:(?:un )?grand |beaucoup de )?plaisir|with (?:great )?pleasure|volontiers|gladly|happily))*[\s,.;:!]*$`);
/** Nothing but courtesy (COURTESY), emoji aside: « merci ! », "thanks 👍", « merci beaucoup, à bientôt ». */
// (audit AD2: « Oui je confirme, à jeudi 28 ! » relayed unconfirmed: « à jeudi » was courtesy, not with its day — as "see you on
// Thursday the 28th" is)
function courtesyOnly(rest: string): boolean {
  return COURTESY.test(withoutEmoji(rest));
}

/** « Confirmé de mon côté », « C'est confirmé pour moi », "Confirmed on my end": the speaker speaking for himself. */
const FOR_MYSELF = /^[\s,.;:!]*(?:de mon cote|de notre cote|pour ma part|pour moi|pour nous|on my side|on my end|from my side|for me|for us)(?![\p{L}\d])/u;
const FOR_MYSELF_THEN = new RegExp(String.raw`${FOR_MYSELF.source}\s*(?:[,;:\-–—]|[.!](?=\s))\s*(?=\S)`, 'u');
function forMyselfOnly(rest: string): boolean {
  const f = withoutEmoji(rest);
  return FOR_MYSELF.test(f) && COURTESY.test(f.replace(FOR_MYSELF, ''));
}

/**
 * « C'est confirmé, je serai là. », « Confirmé, nous serons bien présents ! », "Confirmed, I'll be there.": after a
 * confirmation, saying one will come is the confirmation again (an audit's was relayed as a message, the speaker left
 * unconfirmed). Not « je serai là à 19h30 si… »: anything after it but courtesy keeps the line a message.
 */
// (audit Y: "Yes I confirm, I will come." relayed unconfirmed: coming, attending, « je viendrai » say it too)
// (audit AB: "Confirming — I'll be there on the 28th." and « je confirme, vous pouvez compter sur moi. » relayed unconfirmed:
// the evening's day after it, and the speaker saying he can be counted on)
const THERE = /^[\s,.;:!\-–—]*(?:(?:et )?(?:je serai|nous serons|on sera)(?: bien)? (?:la|presente?s?)|(?:et )?(?:je viendrai|nous viendrons|on viendra)(?: bien)?|(?:and )?(?:i'll|i will|we'll|we will) (?:definitely |certainly )?(?:be there|be present|come|attend)|(?:et )?(?:vous pouvez|tu peux|on peut) compter sur (?:moi|nous)|(?:and )?you can count on (?:me|us)|count (?:me|us) in)(?:\s+(?:le (?:jeudi )?\d{1,2}(?:er)?(?: [a-z]+)?|jeudi(?: soir)?|on (?:the )?\d{1,2}(?:st|nd|rd|th)?(?: of [a-z]+)?|on thursday|on [a-z]+ \d{1,2}(?:st|nd|rd|th)?))?(?![\p{L}\d])/u;
function thereOnly(rest: string): boolean {
  const f = withoutEmoji(rest);
  return THERE.test(f) && COURTESY.test(f.replace(THERE, ''));
}

/** The rest is one of the verb's qualifiers (grammar.ts), with perhaps courtesy after it. */
function qualifiedOnly(rest: string, spec: VerbSpec): boolean {
  const f = withoutEmoji(rest).replace(/^[\s,;:.\-–—]+/, '');
  const q = spec.qualifiers?.find((w) => f.startsWith(w) && wordEnds(f, w.length));
  return q !== undefined && COURTESY.test(f.slice(q.length));
}

/** What follows one of the verb's qualifiers opening `rest` (« plutôt, 45 min… » → « , 45 min… »); null when none opens it. */
function afterQualifier(rest: string, spec: VerbSpec): string | null {
  const f = foldKeepLength(rest);
  const q = spec.qualifiers?.find((w) => f.startsWith(w) && wordEnds(f, w.length));
  return q === undefined ? null : rest.slice(q.length);
}
/** A please right after a verb taking nothing, before its remark's separator. */
const POLITE = /^(?:please|pls|plz|svp|stp|s['’]il (?:vous|te) pla[iî]t)(?![\p{L}\d])/iu;
/** A separator opening what follows, as SEP reads one after the verb. */
const SEPARATED = /^\s*(?:[:：\-–—,;(]|[.!]\s)/;

function withoutEmoji(rest: string): string {
  return fold(rest).replace(EMOJI_CHARS, '');
}

/**
 * The text a verb line ending with a colon announced, written under it (read.ts: « Refuser : » over the reason), read
 * as it would be on the line after the colon: courtesy alone is no text (« Refuser : » / « Merci ! »), and a decline's
 * reason that asks or hedges (« à voir avec Claire », "…, what do you think?") is the writer wondering: nothing acts.
 */
export function announcedText(verb: Verb, text: string): { text: string | null } | 'wonders' {
  const spec = SPEC_OF.get(verb);
  if (!spec || spec.arg === 'none' || spec.arg === 'date' || courtesyOnly(text)) return { text: null };
  if (spec.arg === 'text' && (wonders(text) || holdsBack(text))) return 'wonders';
  return { text: text.trim() };
}

/**
 * « Question pour l'orateur : peut-il venir avec un collègue ? », "Question for the speaker: …": whom the question is for,
 * before its colon — the speaker read « pour l'orateur : peut-il… » in the question relayed to him.
 */
// (audit AB: « Question pour l'orateur : » over the question sent the speaker « pour l'orateur : »: whom it is for may end the
// line, the question then written under it, as under « Question : »)
const ADDRESSEE =
  /^(?:(?:pour|[àa]|aux|for|to)\s+)?(?:l['’]|les\s+|le\s+|la\s+|the\s+)?(?:orat(?:eur|rice)s?|intervenant(?:e)?s?|speakers?|speakeuses?|auteur(?:e)?s?|authors?|presenters?)\s*[:：]\s*(?=\S|$)|^(?:pour|[àa]|for|to)\s+(?:lui|eux|elles?|him|her|them)\s*[:：]\s*(?=\S|$)/i;

/** Words that make "verb + words" a sentence about the verb rather than the verb with its text. */
const SENTENCE_NEXT = new Set([
  'is', 'was', 'were', 'would', 'will', 'could', 'should', 'might', 'may', 'seems', 'sounds', 'looks', 'that', 'to', 'me', 'you', 'him', 'her',
  'them', 'us', 'if', 'whether', 'est', 'serait', 'sera', 'etait', 'semble', 'parait', 'te', 'nous', 'vous', 'lui', 'leur', 'si', 'que',
  "qu'il", "qu'elle", "c'est", 'ne', "n'est", 'pas', 'not', 'ou', 'or', 'and', 'et', 'but', 'mais',
]);

/** "Note the Cc: headers", "Note also…": English sentences that start with the word `note`. */
const NOTE_SENTENCE = new Set(['the', 'this', 'these', 'those', 'also', 'how', 'what', 'which', 'it', 'its', 'there', 'here', 'your', 'my', 'our', 'down']);
// « Question pour vous deux : … », « Question entre nous : … », "Ask everyone: …": a question for the other organizers, as
// "Question for the team:" is — whom it is for, when it is the speaker, went first (ADDRESSEE); audit AD: « Question pour vous
// deux : quelqu'un le connaît ? » was mailed to the speaker; « Question à Lucie : … », « Question aux orgas : on le prend ? »
// too (review of audit AD: mailed to the speaker) — « Question à l'orateur : » still asks (ADDRESSEE)
const ASK_NOT_A_QUESTION = new Set(['me', 'us', 'him', 'her', 'them', 'to', 'that', 'if', 'whether', 'around', 'for', 'about', 'away', 'moi', 'nous', 'lui', 'leur', 'si', 'pour', 'entre', 'a', 'au', 'aux', 'everyone', 'everybody', 'all']);

/** Lower-case, accents off, one character for one character, so positions in the folded line index the line. */
function foldKeepLength(s: string): string {
  let out = '';
  for (const ch of s) {
    const f = fold(ch);
    out += f.length === ch.length ? f : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
  }
  return out;
}

/** `*accept*`, `_P-0007_`, `**refuser** : …`: emphasis html-to-text or a webmail left around words. */
function unmark(s: string): string {
  return s.replace(/(^|\s)[*_]+(?=\S)/g, '$1').replace(/(?<=\S)[*_]+(?=\s|$|[:：,.;!?])/g, '');
}

function wordEnds(f: string, at: number): boolean {
  return !/[\p{L}\p{N}'’]/u.test(f[at] ?? '');
}

function phraseAt(f: string, at: number): string | null {
  return PHRASES_LONGEST_FIRST.find((p) => f.startsWith(p, at) && wordEnds(f, at + p.length)) ?? null;
}

export function readLine(line: string, ref: LineContext): LineReading {
  const raw = line.replace(GREETING, '');
  // "accept, schedule 2027-01-28", "decline P-0004; accept P-0005": several commands on a line, only when every
  // piece is one — else "decline P-0004" would take "accept P-0005" for its reason, and "ok, I'll check" is prose
  // (not at « et » / "and": SPEC says one command a line, and « Accepter et programmer le 17 décembre » is left undecided,
  // its transcript saying so — audit Y, tests/e2e/commands-audit-t.test.ts 34b)
  if (/[,;]/.test(raw)) {
    const pieces = raw.split(/[,;]/).map((p) => p.trim()).filter((p) => p !== '');
    const read = pieces.map((p) => readOne(p, ref));
    if (pieces.length > 1 && read.every((r) => r.kind === 'commands')) {
      // (« Je confirme, je viendrai. »: the same act said twice is one)
      const all = read.flatMap((r) => (r.kind === 'commands' ? r.commands : []));
      return { kind: 'commands', commands: withoutAssent(pieces, all.filter((c, i) => !all.slice(0, i).some((d) => sameCommand(c, d)))) };
    }
  }
  // "Accepted. Let's put it on the Jan 28 meetup.", « Accepté. Programmer le 28/01. »: sentences that are each a command, as
  // pieces between commas are (audit Z)
  if (/[.!]\s+\S/.test(raw)) {
    const pieces = raw.split(/(?<=[.!])\s+/).map((p) => p.trim()).filter((p) => p !== '');
    const read = pieces.map((p) => readLine(p, ref));
    if (pieces.length > 1 && read.every((r) => r.kind === 'commands')) {
      const all = read.flatMap((r) => (r.kind === 'commands' ? r.commands : []));
      return { kind: 'commands', commands: withoutAssent(pieces, all.filter((c, i) => !all.slice(0, i).some((d) => sameCommand(c, d)))) };
    }
  }
  // « Confirmer / Confirm », "withdraw / retirer": one verb written in both languages is that verb, once
  const halves = raw.split(/\s+\/\s+/);
  if (halves.length === 2) {
    const [a, b] = halves.map((h) => readOne(h, ref));
    if (a?.kind === 'commands' && b?.kind === 'commands' && a.commands.length === 1 && b.commands.length === 1 && sameCommand(a.commands[0]!, b.commands[0]!)) return a;
  }
  return readOne(raw, ref);
}

/** The decisions an « OK, » before them agrees with rather than adds to. */
const DECISIONS: ReadonlySet<Verb> = new Set(['accept', 'decline', 'waitlist']);
/**
 * Before the format an acceptance takes (folded): « mais » / "but" / « plutôt » / "rather", and « seulement » / « uniquement »
 * / "only" after « mais » / "but" — past a separator (« On accepte, mais en lightning ») or right after the verb (« accepter
 * mais seulement en lightning »; not « plutôt » there: « accepter plutôt en lightning » is rare and reads either way).
 */
const FORMAT_INSTEAD = /^(?:(?:mais|but)(?:\s+(?:seulement|uniquement|only))?|plutot|rather)\s+/;
const FORMAT_ONLY = /^(?:mais|but)(?:\s+(?:seulement|uniquement|only))?\s+/;
/** The conditional mood (folded): a format weighed, not chosen (« en lightning, ce serait trop court », "it would drag"). */
const WEIGHED = /\b(?:(?:se|fe|au|pour|vaud|faud|conviend|i)rai(?:en)?t|would|could|might)\b/;
/** The organizer's verbs an assent may come before (« Oui, accepter », « D'accord, programmer le 12/03 »). */
const ASSENTED_DECISIONS: ReadonlySet<Verb> = new Set(['accept', 'decline', 'waitlist', 'schedule']);
/** The assents (ASSENT, folded) that say yes to the decision after them. */
const YES = new RegExp(String.raw`^(?:oui|yes|yep|ok|okay|d'accord|parfait|perfect|super|great|tres bien|sure|absolutely|bien sur|of course|ca marche|sounds (?:good|great|fine)|excellent|genial|c'est (?:tout |tres )?(?:bon|parfait|nickel|super|top|ok)|nickel|ca (?:me|nous) va|(?:that )?works for|that works|all good|looks (?:good|great|fine)|(?:pour moi|for me),? (?:c'est|it's|it is) (?:ok|okay|bon|good|fine)|it's (?:ok|okay|fine|good) (?:for|with) (?:me|us)|${NO_TROUBLE}|${PLUS_ONE}|lgtm|sgtm)(?![\p{L}\d])`, 'u');

/**
 * « OK, refuser : trop commercial », "ok, accepted": a first piece that is only the accept verb's alone-word (ok) is
 * the writer agreeing before the decision that follows, not an acceptance of its own — the line declined *and*
 * accepted, or accepted twice. Before anything else it keeps its meaning: « OK, programmer le 10/12 » accepts, then
 * schedules (scheduling needs the acceptance).
 */
function withoutAssent(pieces: readonly string[], commands: Command[]): Command[] {
  const [first, ...rest] = commands;
  const alone = SPEC_OF.get('accept')?.aloneWords ?? [];
  const assent = first?.verb === 'accept' && first.ref === null && !first.override && alone.includes(fold(pieces[0]!).replace(/[\s.!]+$/, ''));
  if (!assent) return commands;
  if (rest.some((c) => c.ref === null && DECISIONS.has(c.verb))) return rest;
  // « OK, refuser P-0004 »: agreeing, in P-0004's own thread; accepting the thread's proposal if P-0004 is another one.
  // Only the token tells (withoutAssentTo, when the mail is applied).
  return rest.some((c) => DECISIONS.has(c.verb)) ? [{ ...first, assent: true }, ...rest] : commands;
}

/**
 * The commands of a mail whose token names `tokenRef`, an « OK, » (withoutAssent) dropped where the decision after it is
 * about that same proposal: « OK, refuser P-0004 : trop commercial » in P-0004's thread accepted P-0004 — the speaker
 * told to confirm — and the decline was then refused (an accepted talk is not declined).
 */
export function withoutAssentTo(commands: readonly Command[], tokenRef: string): Command[] {
  return commands.filter((c, i) => !(c.assent && commands.slice(i + 1).some((d) => DECISIONS.has(d.verb) && (d.ref ?? tokenRef) === tokenRef)));
}

const sameCommand = (a: Command, b: Command) => a.verb === b.verb && a.ref === b.ref && a.override === b.override && a.text === null && b.text === null && a.date === null && b.date === null;

/** `afterUnable`: the line's rest past an inability (UNABLE), read once — not again for another inability. */
function readOne(raw: string, dateRef: LineContext, afterUnable = false): LineReading {
  const line = raw.trim();
  const listed = unmark(line).trim().replace(LIST_MARKER, '').replace(VERB_LABEL, '');
  // « ok P-0004 », « OK, P-0004 »: the accept verb naming its proposal, not an assent before what follows
  const assented = ASSENT.test(listed) && !OK_REF.test(fold(listed));
  const unassented = assented ? listed.replace(ASSENT, '') : listed;
  // (one inability, then the withdrawal: the rest is not searched for another one — review of audit AB, a line of
  // « Je ne pourrai pas venir, » said again and again took 17 s to read at 50,000 characters, one call per repetition)
  if (dateRef.role === 'speaker' && !afterUnable) {
    const unable = UNABLE.exec(foldKeepLength(unassented));
    if (unable) {
      // (« Je ne pourrai finalement pas venir le 28, désolé. Je dois retirer ma proposition. »: an apology closing its sentence
      // between them, as one before the verb — audit AF1 44 was relayed, the talk left in)
      const after = unassented.slice(unable[0].length);
      const sorry = APOLOGY.exec(foldKeepLength(after));
      const r = readOne(sorry ? after.slice(sorry[0].length) : after, dateRef, true);
      if (r.kind === 'commands' && r.commands.length > 0 && r.commands.every((c) => c.verb === 'withdraw' && c.ref === null)) {
        // why, for the organizers, as the rest of a withdrawal's sentence goes to them
        const why = unassented.slice(0, unable[0].length).replace(/[\s,;:.!—–-]+$/, '');
        return { kind: 'commands', commands: r.commands.map((c) => ({ ...c, text: c.text ?? why, line })) };
      }
    }
  }
  const thanked = THANKED.test(unassented);
  const unwished = unquoteVerb(unassented.replace(THANKED, ''));
  const afterWish = withoutWish(unwished, dateRef.role);
  // « Je dois me retirer : … », "I have to pull out, my company…": the wish or the obligation made the verb a sentence
  const wished = afterWish !== unwished;
  const pleased = withoutPlease(afterWish, dateRef.role);
  const s = withoutToBeDone(pleased, dateRef.role);
  // « à programmer … »: a plan unless it names its date (« Accepter, à programmer en mars » decides nothing)
  const toBeDone = s !== pleased;
  if (s === '' || s.length > MAX_LINE) return { kind: 'prose' };
  // « C'est tout bon pour moi, je serai là. », "Great, I'll be there!": a speaker saying he will come, and nothing but
  // courtesy after it, confirms as it does after « je confirme » (THERE; audit Z: relayed, the talk left unconfirmed)
  if (dateRef.role === 'speaker' && thereOnly(s)) {
    return { kind: 'commands', commands: [{ verb: 'confirm', ref: null, override: false, text: null, date: null, nextEvent: false, eventId: null, problem: null, line, word: s.trim() }] };
  }
  const f = foldKeepLength(s);
  let pos = 0;
  const skip = (re: RegExp): string => {
    const m = re.exec(f.slice(pos));
    if (m) pos += m[0].length;
    return m ? m[0] : '';
  };

  // "P-0007 accept", "P-0003, P-0004 : accepter": refs before the verb
  const leading: string[] = [];
  for (;;) {
    const save = pos;
    if (leading.length > 0) skip(REF_LIST_SEP);
    const lead = REF.exec(f.slice(pos));
    if (!lead) {
      pos = save;
      break;
    }
    leading.push(proposalRef(lead[1]!));
    pos += lead[0].length;
  }
  if (leading.length > 0) skip(SEP);
  // « P-0004 : please decline, … »: a request after the refs, as before a verb alone (withoutPlease; audit Y2)
  const request = leading.length > 0 ? PLEASE.exec(s.slice(pos)) : null;
  if (request && withoutPlease(s.slice(pos), dateRef.role) !== s.slice(pos)) pos += request[0].length;
  let override = false;
  let phrase = phraseAt(f, pos);
  if (phrase && WORDS.get(phrase)?.kind === 'override') {
    override = true;
    pos += phrase.length;
    skip(/^\s*:?\s*/);
    phrase = phraseAt(f, pos);
  }
  const target = phrase ? WORDS.get(phrase) : undefined;
  if (!phrase || !target || target.kind !== 'verb') {
    // "Noted, thanks!" is one letter from `note`, and courtesy (courtesy.ts): not an attempt
    return leading.length > 0 || override || (misspelt(f.slice(pos)) && !courteousLine(s)) ? { kind: 'unknown' } : { kind: 'prose' };
  }
  const spec = target.spec;
  const heard = heardAs(spec, phrase, dateRef.role);
  if (heard !== 'verb') return heard === 'unknown' ? { kind: 'unknown' } : { kind: 'prose' };
  // Assent before a speaker's answer, or an organizer's decision said by its verb (« Oui, accepter », « D'accord, refuser :
  // hors sujet », as « OK, accepté »): an organizer's "Oui, ok" answers a message, it does not accept a talk.
  // (a yes, not an acknowledgement: « Noté, accepter » answers what was said)
  const yes = assented && YES.test(fold(listed));
  if (assented && spec.role !== 'speaker' && !(yes && ASSENTED_DECISIONS.has(spec.verb) && !spec.aloneWords?.includes(phrase))) return { kind: 'prose' };
  if (thanked && (spec.aloneWords?.includes(phrase) || spec.arg === 'date' || spec.arg === 'text-required')) return { kind: 'prose' };
  // « Noté, merci ! », « Noté. »: the participle acknowledges (an organizer's thanks for a transcript), it notes nothing
  const word = s.slice(pos, pos + phrase.length);
  if (spec.verb === 'note' && /é$/i.test(word) && courtesyOnly(s.slice(pos + phrase.length))) return { kind: 'prose' };
  pos += phrase.length;

  const refs: string[] = [];
  for (;;) {
    const save = pos;
    skip(refs.length === 0 ? /^\s*/ : REF_LIST_SEP);
    const m = REF.exec(f.slice(pos));
    if (!m) {
      pos = save;
      break;
    }
    refs.push(proposalRef(m[1]!));
    pos += m[0].length;
  }
  const attempted = leading.length > 0 || override || refs.length > 0;
  if (leading.length > 0 && refs.length > 0) return { kind: 'unknown' };
  let separated = skip(SEP).trim() !== '';
  let rest = s.slice(pos).trim();
  // "schedule 28/01 P-0007": a ref after the argument, for verbs whose argument cannot contain one
  if (spec.arg === 'none' || spec.arg === 'date') {
    const tail = /\s*[([]?\s*\bp\s?-?\s?(\d{1,6})\s*[)\]]?$/.exec(foldKeepLength(rest));
    if (tail && leading.length === 0 && refs.length === 0) {
      refs.push(proposalRef(tail[1]!));
      rest = rest.slice(0, tail.index).trim();
    }
  }
  // « Accepter (très bon sujet pour les débutants) », « Refuser (hors sujet) »: what follows the verb in parentheses, as
  // after a comma — a remark, a reason (without its parentheses), courtesy; read by the same rules
  const aside = /^\(([^()]+)\)[\s.!]*$/.exec(rest);
  if (aside) {
    rest = aside[1]!.trim();
    separated = true;
  }
  const targets = [...leading, ...refs];
  const make = (c: Partial<Command>): LineReading => ({
    kind: 'commands',
    commands: (targets.length > 0 ? targets : [null]).map((r) => ({
      verb: spec.verb,
      ref: r,
      override,
      text: null,
      date: null,
      nextEvent: false,
      eventId: null,
      problem: null,
      line,
      word,
      ...c,
    })),
  });

  // « Validé de mon côté, en lightning talk. », « Refusé pour moi : hors sujet »: the writer's own say, then past its separator
  // what follows the decision as it would right after the verb (a format, a remark, a reason) — audit AD2 decided nothing,
  // and the speaker was sent « pour moi : hors sujet » as his reason
  if (DECISIONS.has(spec.verb) && !spec.aloneWords?.includes(phrase) && !separated) {
    const mine = FOR_MYSELF_THEN.exec(foldKeepLength(rest));
    if (mine) {
      rest = rest.slice(mine[0].length).trim();
      separated = true;
    }
  }
  // "status?" and "help?" ask for what they name; "accept?" wonders
  const bare = rest.replace(spec.verb === 'status' || spec.verb === 'help' ? /[\s.!?]+$/ : /[\s.!]+$/, '');
  switch (spec.arg) {
    case 'none':
      if (bare === '' || (!spec.aloneWords?.includes(phrase) && courtesyOnly(rest))) return make({});
      // « En attente pour l'instant », "Waitlist for now": what the verb's state is by nature (grammar.ts qualifiers)
      if (qualifiedOnly(rest, spec)) return make({});
      // « Accepté pour moi », « OK de mon côté », "Waitlist on my end": an organizer's decision, said for himself
      // (not `ok`: « Ok pour moi » answers a message relayed to the organizers as well as a notice — prose, audit f)
      if ((spec.role === 'speaker' || (DECISIONS.has(spec.verb) && !spec.aloneWords?.includes(phrase))) && forMyselfOnly(rest)) return make({});
      if (spec.verb === 'confirm' && thereOnly(rest)) return make({});
      // « Accepter en lightning talk », "Accept as a lightning talk": accepted, in that format (grammar.ts ACCEPTED_AS); then
      // courtesy or a remark, never a question, a condition or a deferral (remarkOnly)
      if (spec.verb === 'accept' && !spec.aloneWords?.includes(phrase)) {
        // (« On accepte, mais en lightning talk : 30 minutes c'est long », "Accept, but as a lightning talk": past its separator, the
        // « mais » / "but" / « plutôt » is the format instead of the proposed one, not a reservation — audit AA 21)
        // (« accepter mais seulement en lightning », "accept but only as a lightning talk": the format only, with or without the
        // comma — audit AE: relayed, nothing decided; « seulement si … » stays a condition: what follows the format is read below)
        const said = withoutEmoji(rest).replace(/^[\s,;:.\-–—]+/, '');
        const fr = said.replace(separated ? FORMAT_INSTEAD : FORMAT_ONLY, '');
        const as = [...ACCEPTED_AS.keys()].find((w) => fr.startsWith(w) && wordEnds(fr, w.length));
        const after = as === undefined ? '' : fr.slice(as.length);
        // (the « mais » weighed in the conditional is no choice: « Accepter. Mais en lightning talk, ce serait trop court. »,
        // « On accepte, mais en lightning : le talk complet serait mieux » — review of audit AA)
        const weighed = fr !== said && WEIGHED.test(fold(after));
        if (as !== undefined && !weighed && (courtesyOnly(after) || (SEPARATED.test(after) && remarkOnly(after, spec)))) {
          const accepted = make({});
          if (accepted.kind === 'commands') return { kind: 'commands', commands: [...accepted.commands, ...accepted.commands.map((c) => ({ ...c, verb: ACCEPTED_AS.get(as)! }))] };
        }
      }
      // « Je retire ma proposition, désolé : je change de poste en janvier. », « Je confirme ma venue le 14 janvier. »:
      // a whole sentence saying the act leaves no doubt; what follows is the writer's reason, passed on with it. Not
      // a condition or a question (« … si le train circule », "…, unless you mind?").
      // (after a bare « je dois annuler », only past a colon or a comma: « je dois annuler la réunion de demain » names what)
      // (nor what names something else withdrawn or confirmed: « … pour le dîner », "… from the panel", "… that I can no longer")
      // (so does a wish or an obligation before a shorter verb, past a separator: « Je dois me retirer : trop de travail »)
      // (nor, after a bare verb, what it names to take out: "I have to withdraw the part about Citus" — audit AB, as « je
      // souhaite retirer la partie sur Citus » is a message)
      // (nor a withdrawal with another day or option offered after it: "I need to drop out of the meetup on the 28th, but I
      // could do the 11th" asks to be moved — review of audit AB)
      if (spec.role === 'speaker' && (phrase.split(' ').length >= 3 || (wished && separated && !LEAVING_EARLY.test(fold(rest)))) && !wonders(rest) && !CONDITION.test(fold(rest)) && (spec.verb !== 'withdraw' || !OFFERS_INSTEAD.test(fold(rest))) && (separated || !/(?:annuler|cancel)$/.test(phrase)) && (separated || !/(?:withdraw|retirer|retire)$/.test(phrase) || !NAMED_PART.test(fold(rest).trimStart()) || THE_TALK.test(fold(rest).trimStart())) && (!OTHER_OBJECT.test(fold(rest)) || (spec.verb === 'confirm' && THE_MEETUP.test(fold(rest))))) {
        return make({ text: rest.replace(/^[\s,;:.\-–—]+/, '') });
      }
      // "Withdraw - sorry, my company will not let me travel that week.", « Retirer, désolée : je change de poste »: a bare
      // verb, then an apology and the reason — the speaker's own act, explained (not « Retirer : la démo live », which names
      // what to take out). Not the ambiguous words (grammar.ts speakerWords: « annuler »), a condition or a question.
      if (spec.role === 'speaker' && separated && !spec.speakerWords?.includes(phrase) && APOLOGY.test(withoutEmoji(rest).replace(/^[\s,;:.\-–—]+/, '')) && !wonders(rest) && !CONDITION.test(fold(rest))) {
        return make({ text: rest.replace(/^[\s,;:.\-–—]+/, '') });
      }
      // « Accepter, très bon sujet pour les débutants. », "Accepted — solid talk.": the decision, then a remark for the
      // other organizers (grammar.ts `remarks`); never after `ok` (« ok, je regarde » is prose)
      // « Lightning plutôt, 45 min c'est long pour ce sujet », "Waitlist for now — two Patroni talks already": a qualifier
      // (grammar.ts), then the remark past its separator
      if (spec.remarks && !spec.aloneWords?.includes(phrase)) {
        // « Lightning svp, 45 min c'est long », "lightning please, 45 minutes is too long for this": a please before the
        // separator (audit Y 24: relayed, no format changed)
        const polite = separated ? null : POLITE.exec(rest);
        const r = polite ? rest.slice(polite[0].length) : rest;
        const qualified = afterQualifier(r, spec);
        // "waitlist for now please, …": a please after the qualifier too (audit Z 21)
        const politeAfter = qualified === null || SEPARATED.test(qualified) ? null : POLITE.exec(qualified.trimStart());
        const after = politeAfter ? qualified!.trimStart().slice(politeAfter[0].length) : qualified;
        const remark = after ?? r;
        if ((after === null ? separated || (polite !== null && SEPARATED.test(r)) : SEPARATED.test(after)) && remarkOnly(remark, spec)) return make({ text: remark.replace(/^[\s,;:.\-–—]+/, '') });
      }
      return attempted ? { kind: 'unknown' } : { kind: 'prose' };
    case 'text':
    case 'text-required': {
      if (bare === '') return spec.arg === 'text' ? make({}) : make({ problem: 'text-missing' });
      // « Refuser, merci ! », "Decline, thanks 👍": courtesy to the other organizers is no reason for the speaker
      if (spec.arg === 'text' && courtesyOnly(rest)) return make({});
      // « Refusé pour moi », "Declined on my end": the writer's own say, no reason (the speaker was sent « pour moi »)
      if (DECISIONS.has(spec.verb) && forMyselfOnly(rest)) return make({});
      if (spec.arg === 'text' && (wonders(rest) || holdsBack(rest))) return { kind: 'prose' };
      // « D'accord, refuser : hors sujet »: after a yes, the reason only past a colon, a comma or a dash (« Oui, refuser ce
      // talk serait dommage » is the writer answering about declining)
      if (assented && spec.role !== 'speaker' && !separated) return { kind: 'prose' };
      // « Question pour l'orateur : … », "ask the speakers: …": whom it is for, then the question
      const addressed = spec.verb === 'ask' ? rest.replace(ADDRESSEE, '') : rest;
      if (addressed !== rest) return addressed.trim() === '' ? make({ problem: 'text-missing' }) : make({ text: addressed });
      if (!attempted && !separated && readsAsSentence(rest, spec)) return { kind: 'prose' };
      return make({ text: rest });
    }
    case 'date': {
      if (wonders(rest) || DATE_HEDGED.test(fold(rest))) return { kind: 'prose' };
      if (!attempted && !separated && readsAsSentence(rest, spec)) return { kind: 'prose' };
      const d = readDate(rest, dateRef);
      // "Schedule: we'll see next month once Bob answers" is a sentence, not an unreadable date
      if (d.problem === 'date-unreadable' && !attempted && rest.split(/\s+/).length > 6) return { kind: 'prose' };
      // « On le met de côté », "Put it on hold": the writer's words for scheduling (grammar.ts) lead to a date or are prose
      if (d.problem === 'date-unreadable' && !attempted && (phrase.includes(' ') || spec.datedOnly?.includes(phrase) || toBeDone)) return { kind: 'prose' };
      // (« Reporter. », "Reschedule" alone: the writer's word with no date is no command either)
      if (d.problem === 'date-missing' && !attempted && spec.datedOnly?.includes(phrase)) return { kind: 'prose' };
      return make({ date: d.date, nextEvent: d.nextEvent, eventId: d.eventId ?? null, ...(d.eventMonth ? { eventMonth: d.eventMonth } : {}), problem: d.problem });
    }
  }
}

/** « Je souhaite retirer ma proposition » → « retirer ma proposition »: WISH off, before a speaker's verb and its object only. */
function withoutWish(s: string, role: CommandRole | undefined): string {
  const m = WISH.exec(s);
  if (!m) return s;
  const rest = s.slice(m[0].length);
  const phrase = phraseAt(foldKeepLength(rest), 0);
  const target = phrase ? WORDS.get(phrase) : undefined;
  if (target?.kind !== 'verb' || target.spec.role !== 'speaker' || !phrase!.includes(' ') || heardAs(target.spec, phrase!, role) !== 'verb') return s;
  // Before `confirm`, only the speaker's own wish, then nothing but courtesy: « Je dois confirmer ma participation avec
  // mon employeur » (still to do), "Please confirm my participation" (asked of the organizers), "I'd like to confirm my
  // attendance, but I need to check with my manager first" confirm nothing.
  if (target.spec.verb === 'confirm' && (!WISH_TO.test(m[0]) || !courtesyOnly(rest.slice(phrase!.length)))) return s;
  return rest;
}
/**
 * "Please accept.", "Please decline: off topic", "Kindly waitlist this one": a request before an organizer's verb asks crieur
 * for the verb (audit Y: "Please put it on waiting list." was relayed as a comment, nothing decided). Not before a
 * speaker's verb: an organizer's "Please confirm." asks the speaker to (read as before).
 */
const PLEASE = /^(?:please|pls|plz|kindly)\s*,?\s+(?=\S)/i;
function withoutPlease(s: string, role: CommandRole | undefined): string {
  const m = PLEASE.exec(s);
  if (!m) return s;
  const rest = s.slice(m[0].length);
  const phrase = phraseAt(foldKeepLength(rest), 0);
  const target = phrase ? WORDS.get(phrase) : undefined;
  if (target?.kind !== 'verb' || target.spec.role === 'speaker' || heardAs(target.spec, phrase!, role) !== 'verb') return s;
  return rest;
}
/**
 * « À programmer au meetup du 28 janvier », « À refuser : trop commercial », « Validé pour moi, à programmer le 14 janvier »:
 * a decision written as what is to be done, « à » before its infinitive (audit Z2: relayed, nothing scheduled). Only before
 * a decision's infinitive (accepter, refuser, mettre en attente, programmer…): « À demander à Lucie : … » asks nobody, and
 * "A decline in attendance" is English.
 */
const TO_BE_DONE = /^[àa]\s+(?=\S)/i;
function withoutToBeDone(s: string, role: CommandRole | undefined): string {
  const m = TO_BE_DONE.exec(s);
  if (!m) return s;
  const rest = s.slice(m[0].length);
  const phrase = phraseAt(foldKeepLength(rest), 0);
  const target = phrase ? WORDS.get(phrase) : undefined;
  if (target?.kind !== 'verb' || !ASSENTED_DECISIONS.has(target.spec.verb) || !/^(?:\S+er|mettre)(?:\s|$)/.test(phrase!) || heardAs(target.spec, phrase!, role) !== 'verb') return s;
  return rest;
}
/** A wish of the writer's own (not an obligation, an intention or a request): what may come before `confirm`. */
const WISH_TO = /^(?:je souhaite|je souhaiterais|je voudrais|nous souhaitons|nous voudrions|i['’]d like to|i would like to|i want to|i wish to|we['’]d like to|we would like to|we want to)\s/i;

/** `« confirmer »` → `confirmer`: the marks off a line that is only a quoted word or two. */
function unquoteVerb(s: string): string {
  const m = QUOTED.exec(s);
  return m && m[1]!.split(/\s+/).length <= 3 ? `${m[1]}${m[2]}` : s;
}

/** An apology opening what follows a speaker's bare verb, then more (folded): the reason for the act. */
const APOLOGY = /^(?:(?:vraiment |tres |so |really )?(?:desolee?s?|sorry|navree?s?)|pardon|malheureusement|unfortunately|helas|sadly)(?:\s+(?:mais|but))?[\s,;:.!\-–—]+(?=\S)/;

/**
 * Said after « je dois me retirer », "I have to pull out" (folded): a time of the evening — a clock time, early, before
 * the end — makes it the speaker leaving the room, not the programme: « Je dois me retirer, désolé, à 21h j'ai un
 * train. », "I need to drop out early, around 9pm." (review of f235ee4).
 */
/**
 * After a withdrawal, another day or option offered (folded): "…on the 28th, but I could do the 11th", « …du 28, mais je
 * peux le 11 », "…; can we move it to February?", « …, on peut décaler ? ». The speaker asks to be moved, not taken off:
 * a message for the organizers (review of audit AB: since OUT_OF's "drop out of the meetup", "I need to drop out of the
 * meetup on the 28th, but I could do the 11th." withdrew the talk). "…, but I'd love to come back next year" reads the same
 * and stays a message too — the organizers read it; a withdrawal acted on wrongly loses the talk.
 */
const OFFERS_INSTEAD =
  /\b(?:(?:mais|but|however|par contre|cependant)\b[^.;!?]{0,80}?\b(?:je (?:peux|pourrais|serai|serais|suis (?:dispo|disponible|libre))|(?:(?:i|we) )?(?:can|could|would|'d|will|'ll|am|'m)(?: still| also)?(?: be)? (?:do|make|come|present|speak|give|available|free|there)|(?:ca|cela) (?:me va|m'irait|marche)|(?:works|would work) for me)|instead|a la place|plutot|(?:move|postpone|reschedule|push back)(?![a-z])|(?:reporter|decaler|deplacer)(?![a-z])|another (?:date|day|month|meetup|session)|une autre (?:date|session|soiree))/;
const LEAVING_EARLY = /\b(?:\d{1,2} ?h(?:\d{2})?|\d{1,2}(?::\d{2})? ?(?:am|pm)|\d{1,2}:\d{2}|(?:plus )?tot|avant la fin|en avance|early|earlier|before the end|at the break|a la pause|apres (?:mon|le|la|les) (?:talk|expose|presentation|pause|talks))\b/;
/** After a bare « retirer », "withdraw": what it takes out, named (folded) — the talk itself (THE_TALK) aside. */
const NAMED_PART = /^(?:(?:the|a|an|this|that|these|those|some|part|la|le|les|une?|cette|ce|cet|ces)(?![\p{L}\d'])|l')/u;
const THE_TALK = /^(?:the|this|ma|mon|notre|la|le|cette|ce|my|our)\s+(?:talk|proposal|proposition|presentation|submission|candidature|intervention|expose|session)(?![\p{L}\d])/u;
/** What follows a speaker's sentence when it withdraws from or confirms something other than the talk (folded). */
const OTHER_OBJECT = /^(?:de|du|des|d'|pour|au|aux|a|from|for|of|that|que|qu'|to the)\b/;
/**
 * …but a confirmation's « au meetup du 17 décembre », « pour la rencontre de jeudi », "for the December meetup", « pour le
 * 17 » names what is confirmed: the meetup, or its day (an audit's « Je confirme ma participation au meetup du 17
 * décembre. » was relayed as a message, and its speaker reminded to confirm). A withdrawal keeps the narrow reading.
 */
const THE_MEETUP =
  /^(?:(?:au|a la|a l'|a|pour|pour le|pour la|pour l'|for|for the|at|at the|to|to the|on the)\s*(?:[\p{L}\d]+\s+)?(?:meetup|rencontre|evenement|event|soiree|session|meeting)s?(?![\p{L}\d])|(?:pour|for|on)\s+(?:le\s+|the\s+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?![\p{L}\d])|\d{1,2}(?:er|st|nd|rd|th)?(?![\p{L}\d])))/u;
/** A condition on what the verb says: « si », "if", "unless", « sauf », « à condition ». */
export const CONDITION_WORDS = "si|s'il|if|unless|sauf(?:\\s+si)?|a\\s+condition|provided|pourvu(?:\\s+qu)?";
const CONDITION = new RegExp(`\\b(?:${CONDITION_WORDS})\\b`);
const HEDGE_WORDS = String.raw`maybe|perhaps|probably|possibly|not sure|unsure|i think|i guess|i believe|i suppose|i'd say|imo|imho|peut[- ]etre|probablement|sans doute|eventuellement|a voir|pas sur|pas certaine?|je ne sais pas|je sais pas|je pense|je crois|je suppose|a mon avis|selon moi|plutot`;
const HEDGE = new RegExp(`^(?:${HEDGE_WORDS})(?![a-z])`);
/**
 * A date said with a doubt or a condition after it: « programmer 28 janvier peut-être », "schedule Jan 28 maybe",
 * « programmer le 28 si Bob est d'accord » — the writer still deciding, as before it ("Schedule? Maybe Jan 28.").
 * The date reader lets a few words go by (a venue, « svp »), so a hedge there was read as the date alone and scheduled.
 */
const DATE_HEDGED = new RegExp(`(?:^|[^a-z'])(?:${HEDGE_WORDS}|${CONDITION_WORDS})(?![a-z])`);
/**
 * After a verb whose mail to the speaker cannot be taken back (decline with its reason, schedule with its date): the
 * writer wondering, not deciding — "Decline? Not sure, it overlaps with…", "Schedule? Maybe Jan 28.", « Refuser… à voir
 * avec Claire », « Refuser, à mon avis. Qu'en penses-tu ? », "Decline. Unless you disagree?". A question anywhere on
 * the line, an ellipsis or a question mark on the verb, a hedge opening what follows. A reason that asks something
 * («  …, pourquoi pas l'an prochain ? ») is lost with them: the transcript then says nothing was done, which the
 * writer can mend; a speaker told of a decision nobody took cannot be untold.
 */
function wonders(rest: string): boolean {
  const f = fold(rest).trim();
  if (/^(?:\?|…|\.\.)/.test(f) || /\?(?=[\s"»”')\]]|$)/.test(f)) return true;
  return HEDGE.test(f.replace(/^[\s,;:.\-–—]+/, ''));
}
/**
 * A hedge closing what follows the verb (folded): « Accepté de mon côté, Lucie aussi je crois », « Refuser — trop commercial,
 * pour Lucie je ne sais pas », "Decline: off topic, I think" — the writer unsure at the end as at the start (review of audit AD:
 * since a decision's « de mon côté, » is set aside, the first accepted, the second mailed the speaker « …je ne sais pas »).
 * An organizer's decision only (remarkOnly, holdsBack): a speaker's « Je retire ma proposition, désolé : je reviendrai l'an
 * prochain peut-être » withdraws, the hedge on coming back.
 */
const HEDGE_CLOSING = /(?:^|[\s,;—–-])(?:je (?:le )?crois|je (?:le )?pense|je suppose|i think|i guess|i believe|i suppose|peut-etre|maybe|perhaps|probablement|probably|je ne sais pas|je sais pas|not sure)[\s.!…]*$/;

/**
 * What after a decision leaves it taken: a remark (« très bon sujet pour les débutants »), not the writer still deciding —
 * a question or a hedge (wonders), a condition, a reservation (« mais il faut voir avec Claire », "but let me check"), a
 * deferral (« je relis ce soir », "pending Bob's review", "I'll confirm tomorrow") or another decision (« à programmer en
 * mars », "or waitlist"). An organizer's « Accepté, merci pour le rappel, je relis ce soir » accepted nothing and must not,
 * nor « Accepter, on attend l'avis de Claire », "Accept, waiting for Claire's opinion", "Accept, need Bob's OK too",
 * « Accepter, Bob doit encore relire le résumé » or "Accept, assuming Bob agrees".
 */
const RESERVATION = /^(?:mais|but|however|cependant|toutefois|par contre|pourtant|though|although|bien que|quoique|sauf|except|non|no|not|pas|ou|or|sinon|otherwise|en fait|actually|finalement|finally)\b/;
/**
 * What the writer says right after a decision to take it back or doubt it (folded, at the start of what follows it, on
 * the same line or the next): « Accepter. Enfin, je ne sais pas. », « On la prend, enfin je crois. », "Accept. Just
 * kidding.", "Accept. After Dim confirms.", « Refuser. Je plaisante », "Accept. Scratch that.", « Accepter. Attendez… ».
 * A speaker would be told of a decision its writer did not take (review of audit Z); a transcript saying nothing was
 * decided can be mended. « Enfin un talk sur pgvector ! » (finally) and « Bon sujet » are remarks: « enfin » / « bon »
 * count only before a doubt.
 */
/**
 * The decision said to be still open (folded): « à confirmer », « sous réserve », "TBC", "pending" — under a decision
 * (TAKES_BACK), after it on its line (WAITS_ON_SOMEONE) and opening a decline's reason (HELD_OPENING); one table for the three.
 */
const UNSETTLED = String.raw`a (?:discuter|confirmer|valider|verifier|revoir|voir)|sous reserve|provisoire(?:ment)?|tentative(?:ly)?|provisional(?:ly)?|tb[cd]|to be (?:confirmed|discussed|decided)|pending`;
const CHANGING_MIND = String.raw`(?:finalement|finally|tout compte fait|tout bien reflechi|en fait|actually|after all|on second thoughts?|on reflection|on further reflection|a la reflexion|reflexion faite|apres reflexion)\b`;
const TAKES_BACK = new RegExp(
  [
    String.raw`^(?:enfin|bon|well|hmm+|euh+|en fait|actually|ah|oh)\b[\s,.…!]*(?:je (?:ne )?sais pas|je crois|je pense|j'espere|peut-etre|pas sure?|pas certaine?|not sure|i think|i guess|i hope|maybe|perhaps|non|no|nope|pas|not|on verra|we'll see|a voir)\b`,
    // « Finalement, plutôt attente », "On second thought, decline.", « Tout compte fait, refuser »: the writer changing his mind
    // to another answer (audit AD) — not « Refuser : après réflexion, trop commercial » nor « finalement pas assez technique »;
    // « Refuser » over « Finalement oui, accepter » too (review of audit AD: declined, the speaker mailed)
    String.raw`^${CHANGING_MIND}[\s,.…!]*(?:oui|yes|plutot|rather|instead|refuser|refus|refuse|decline|reject|rejeter|attente|en attente|waitlist|accepter|accept|on refuse|on accepte)\b`,
    // « Accepté. » over « Enfin, à confirmer avec Lucie. », "Accept" over "TBC with Bob": the decision said to wait, as on its line
    // (DEFERRAL) or in a decline's reason (HELD_OPENING) — audit AD2 accepted it; « Enfin, c'est à confirmer avec Lucie. »,
    // « Refuser : finalement, à voir avec Lucie » too (review of audit AD: accepted, declined)
    String.raw`^(?:(?:enfin|bon|well|en fait|actually|mais|but|${CHANGING_MIND})[\s,.…!]*)?(?:(?:c'est|ce sera|ca reste|reste|encore|still) )?(?:${UNSETTLED})\b`,
    String.raw`^(?:just kidding|kidding|jk|je plaisante|je rigole|c'est (?:une )?blague|(?:i'm |i am )?joking|pour rire)\b`,
    String.raw`^(?:scratch that|forget (?:it|that|this)|never ?mind|oubliez?(?: (?:ca|ce message|cela))?|ne tenez pas compte|laissez tomber|ignore (?:that|this|it|my))\b`,
    String.raw`^(?:attends?|attendez|wait|hold on)\b`,
    String.raw`^(?:after|once|apres que|une fois que|des que|as soon as|quand|when|lorsque)\s+(?:\S+\s+){0,3}(?:confirms?|agrees?|approves?|says? (?:ok|yes)|is ok|okays?|a (?:confirme|valide|dit oui|donne son accord)|confirmera|validera|sera d'accord|est d'accord|dit oui|aura (?:confirme|valide))\b`,
  ].join('|'),
);
/**
 * A short part of a decline's reason below it that doubts the decision (« à voir avec Claire », "not sure though", « je
 * crois ») or takes it back ("just kidding"): read.ts holds the decision on it (review of audit AC).
 */
export function doubtsPart(part: string): boolean {
  const f = fold(part).replace(/^[\s,;:.\-–—]+/, '').trim();
  return takesBackFolded(f) || (f.split(/\s+/).length <= 4 && HEDGE.test(f));
}
/**
 * « Finalement non », "On second thought, no.": the writer taking back the decision above him (audit AD: « Accepter » over
 * « Finalement non, refuser » accepted) — under a decision (read.ts) or after it on its line (remarkOnly), not in a
 * decline's reason, where « Refuser : finalement non » is the no said again.
 */
/**
 * « Finalement, on le met au meetup de février. », "Actually, decline.", « Tout compte fait, refuser : hors sujet »: a reply
 * opening on a change of mind about what was said before it (in an earlier mail, at a meeting) — the decision after it is
 * the writer's (audit AF1 24 was relayed, the talk left where it was). read.ts reads it so on a reply's first line only:
 * under a decision of the same mail it takes that decision back (TAKES_BACK).
 */
const CHANGE_OF_MIND_OPENING = new RegExp(String.raw`^${CHANGING_MIND}\s*[,:—–-]?\s*(?=\S)`);
export function afterChangeOfMind(line: string): string | null {
  const m = CHANGE_OF_MIND_OPENING.exec(foldKeepLength(line));
  return m ? line.slice(m[0].length) : null;
}
const SAYS_NO_AFTER_ALL = new RegExp(String.raw`^${CHANGING_MIND}[\s,.…!]*(?:non|no|nope)(?=\s*(?:[,.;:!…]|$))`);
export function takesBack(rest: string): boolean {
  const f = fold(rest).replace(/^[\s,;:.\-–—]+/, '').trim();
  return takesBackFolded(f) || SAYS_NO_AFTER_ALL.test(f) || ((CHANGED_MIND.test(f) || RESERVED.test(f)) && DEFERRAL.test(f.slice(0, MAX_LINE)));
}
/**
 * Under a decision, a change of mind or a reservation, then the decision waiting (folded): "Accept." over "On second thought,
 * let's talk Thursday.", « Accepter » over « Finalement c'est Lucie qui décide. » or « mais je préviens Lucie d'abord », "But
 * let's wait for Bob before telling him." (review of audit AD: each accepted, the speaker told) — a remark after « finalement »
 * (« Finalement un sujet sur la réplication ») or « mais » (« mais un peu long ») still leaves it taken.
 */
const CHANGED_MIND = new RegExp(String.raw`^${CHANGING_MIND}`);
const RESERVED = /^(?:mais|but|however|cependant|toutefois|par contre|though)\b/;
/** takesBack on text already folded (remarkOnly, holdsBack fold what follows the verb once for all their tests). */
function takesBackFolded(f: string): boolean {
  return TAKES_BACK.test(f.replace(/^[\s,;:.\-–—]+/, '').trim());
}
/** The writer saying the decision waits on them (folded): after an accept (a deferral) and in a decline's reason alike. */
const WRITER_WAITS = String.raw`je (?:re)?lis|je (?:re)?lirai|je (?:re)?regarde|je reviens|je vous (?:redis|reviens|confirme)|je te (?:redis|reviens|confirme)|je verifie|je (?:dois|vais) (?:voir|verifier|relire|regarder|demander|confirmer)|on en (?:re)?parle|on en discute`;
const DECISION_WAITS = String.raw`${WRITER_WAITS}|on verra`;
/**
 * When the talk will be looked at again (folded): after an accept, the decision put off (« Accepter, on verra demain »);
 * after a waiting list, what a waiting list is (grammar.ts `waits`: « Attente, on verra en février », "Waitlist — let's
 * see what else comes in" were relayed as messages, nothing decided).
 */
// (audit Z: "waitlist for now please, we'll revisit in February." was relayed: revisiting is what a waiting list promises)
const LATER = String.raw`on verra|we'll see|we will see|let's see|we'll revisit|we will revisit|we'll come back to it|on y reviendra|on en reparlera|let's wait|ce soir|demain|plus tard|en attendant|pour l'instant|pour le moment|later|tomorrow|tonight|for now|attendre|wait|hold off`;
/**
 * The writer still deciding: the decision waits on them or on someone (« je relis ce soir », "pending Bob's review",
 * "let's discuss" — not "let's do it", which is the decision again).
 */
/**
 * Another organizer's say still to come (folded): « à toi de voir, Lucie », « c'est Lucie qui tranche », « mais Lucie décide »,
 * "Bob has the final say", "but Bob may disagree" (review of audit AD: after « Accepté pour moi : », « Declined on my end: »,
 * which the writer's own say set aside, each was a remark and the decision taken, or the speaker's reason).
 */
const OTHERS_SAY = String.raw`a (?:toi|vous|lui|elle|eux|elles) de (?:voir|decider|trancher|juger)|(?:qui|who) (?:decide|decides|decidera|tranche|tranchera|will decide)|(?:mais|but) \S+ (?:decide|decides|decidera|tranche|tranchera|will decide)|(?:has|have|gets?) the (?:final|last) (?:say|word|call)|(?:a|aura|ont) le dernier mot|up to (?:you|him|her|them)|your call|(?:may|might) (?:disagree|object|think otherwise)|(?:n'est|ne sera|ne serait) (?:peut-etre )?pas d'accord`;
const WAITS_ON_SOMEONE = String.raw`${OTHERS_SAY}|${WRITER_WAITS}|${UNSETTLED}|a relire|d'abord|let me|let's (?:discuss|talk|check|think|decide|revisit|review|chat|sync|look|hold|double-check|confirm|ask)|i'll|i will|we'll(?! see| revisit| come back to it)|we will(?! see| revisit)|first|once|after (?:i|we)|when (?:i|we)|hesite|hesitate|pas sure?|pas certaine?|not sure|doute|doubt|on attend|j'attends|nous attendons|waiting|awaiting|assuming|presuming|providing|as long as|still|doit encore|doivent encore|reste a|il reste|needs? (?:\S+ )?(?:ok|okay|approval|review|input|opinion|go-ahead|sign-off|confirmation|feedback)|besoin (?:de |d')(?:l'|la |le |son |sa )?(?:avis|accord|ok|feu vert|validation|relecture)`;
const DEFERRAL = new RegExp(String.raw`\b(?:${WAITS_ON_SOMEONE}|${LATER})\b`);
const STILL_DECIDING = new RegExp(String.raw`\b(?:${WAITS_ON_SOMEONE})\b`);
/**
 * The writer against what he just wrote, at the start of the remark (folded): « Mise en attente : je suis contre. »,
 * "Accept: I disagree with Bob." name a decision to argue about it — the noun form (« mise en attente », 99d22fc) reads
 * as a topic (review of audit AA). Not a decline's reason, where « je suis contre » is against the talk.
 */
const DISSENT = /^(?:(?:moi,?\s+)?(?:je (?:suis|serais) (?:contre|pas pour)|je ne (?:suis|serais) pas (?:pour|favorable|convaincue?)|je n'y suis pas favorable)|pas convaincue?|i(?:'m| am|'d be| would be) (?:against|not (?:convinced|in favou?r))|i (?:disagree|don't agree|do not agree)|not convinced)\b/;
function remarkOnly(rest: string, spec: VerbSpec): boolean {
  const f = fold(rest).replace(/^[\s,;:.\-–—]+/, '');
  if (f === '' || wonders(rest) || HEDGE_CLOSING.test(f) || CONDITION.test(f) || RESERVATION.test(f) || DISSENT.test(f) || takesBack(f) || (spec.waits ? STILL_DECIDING : DEFERRAL).test(f)) return false;
  return !OTHER_DECISIONS.get(spec.verb)?.test(f);
}
/**
 * For each verb that takes a remark, the words of the decisions other than itself (grammar.ts; `ok` aside, a remark's
 * « ok pour moi » decides nothing more): « Lightning, accepter aussi » must not lose its acceptance in a remark.
 */
const DECISIONS_SAID: readonly Verb[] = ['accept', 'decline', 'waitlist', 'schedule'];
const OTHER_DECISIONS: ReadonlyMap<Verb, RegExp> = new Map(
  [...SPEC_OF.values()].filter((s) => s.remarks).map(({ verb }) => {
    const words = DECISIONS_SAID.filter((v) => v !== verb)
      .flatMap((v) => SPEC_OF.get(v)!.words)
      .filter((w) => w !== 'ok' && w !== 'okay')
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return [verb, new RegExp(`(?:^|[^\\p{L}\\d'])(?:${words.join('|')})(?![\\p{L}\\d])`, 'u')];
  }),
);

/**
 * A decline's reason that is the writer still deciding, not a reason for the speaker: it opens with a condition, a
 * reservation or another option (« sauf si Bob y tient », « mais j'attends l'avis de Bob », « ou attente », "unless Bob
 * objects", « à confirmer »), holds an exception (« hors sujet, sauf si Bob y tient », "…, unless you disagree") or says
 * the decision waits (« on en reparle jeudi », « je relis ce soir », « nous attendons l'avis de Claire »), on another
 * organizer's say or a check (« hors sujet, sous réserve de l'avis de Lucie », « …, à voir avec Claire », "…, but Bob may
 * disagree": review of audit AD, each mailed to the speaker as the reason). The speaker
 * would be mailed a decline with those words; the transcript saying nothing was done can be mended, that mail cannot.
 */
const HELD_OPENING = new RegExp(
  `^(?:(?:mais|but|however|cependant|toutefois|pourtant|par contre|though|although|ou|or|voire)\\b|(?:(?:seulement|only|uniquement)\\s+)?(?:${CONDITION_WORDS}|a\\s+moins\\s+qu)\\b|(?:${UNSETTLED})\\b)`,
);
const HELD_ANYWHERE = new RegExp(
  String.raw`\b(?:sauf si|sauf avis contraire|sauf objection|a moins qu|unless|${DECISION_WAITS}|${OTHERS_SAY}|sous reserve|a (?:voir|confirmer|valider|discuter) avec|il faudrait (?:voir|demander|en parler)|let me|let's discuss|to be (?:confirmed|discussed|decided)|(?:on attend|j'attends|nous attendons|waiting for|awaiting|wait for) (?:\S+ ){0,2}(?:l'|d')?(?:avis|retour|reponse|accord|feu vert|ok|opinion|answer|feedback|input|go-ahead|approval|review))\b`,
);
function holdsBack(rest: string): boolean {
  const f = fold(rest).replace(/^[\s,;:.\-–—]+/, '');
  return HELD_OPENING.test(f) || HELD_ANYWHERE.test(f) || HEDGE_CLOSING.test(f) || takesBackFolded(f);
}

/** "Refuser serait dommage", "Note that…", "decline?": the verb is the subject of a sentence or a question. */
function readsAsSentence(rest: string, spec: VerbSpec): boolean {
  const first = fold(rest).split(/[\s,.;:!?]+/)[0] ?? '';
  // a question after `ask` is the point ("ask Could you…?"); "ask me if…", "ask around" are the writer talking
  if (spec.verb === 'ask') return ASK_NOT_A_QUESTION.has(first);
  if (spec.verb === 'note' && NOTE_SENTENCE.has(first)) return true;
  // after `decline` or `schedule`, a question mark is the writer wondering ("decline?")
  if (/\?\s*$/.test(rest)) return true;
  // « Refuser Pas assez technique », "decline Not a fit for this season": a capital opens the reason as a sentence of its
  // own; in lower case (« refuser pas… ») the negation still reads as one about declining
  if (spec.verb === 'decline' && (first === 'not' || first === 'pas') && /^\p{Lu}/u.test(rest.trim())) return false;
  if (SENTENCE_NEXT.has(first)) return true;
  // « Je refuse de trancher seul », « refuser d'en parler »: the verb takes an infinitive, a sentence about refusing
  // (« Note de Dim : à revoir » stays a note)
  if (spec.verb === 'decline' && (first === 'de' || first.startsWith("d'"))) return true;
  // "ask" and "note" read a question or a remark; a first-person sentence after them is the writer talking
  return spec.arg === 'text-required' && /^(i|je|j'|we|on|nous)$/.test(first);
}

/** `acept P-0003`, `shedule 28/01`: a first word one typo away from a verb, on a short line. */
function misspelt(f: string): boolean {
  const m = /^([a-z][a-z'-]{3,})(\s*[:：])?(.*)$/.exec(f.trim());
  if (!m) return false;
  const word = m[1]!;
  // "Notes : …", "Date : …": a label of the proposal form, not a command
  if (m[2] && matchLabel(`${word}:`)) return false;
  if (m[3]!.trim().split(/\s+/).filter((w) => w !== '').length > 2) return false;
  // typos keep the first letter; a second edit only on long words ("programmmer", not "redacted" for "rejected")
  const cap = word.length >= 9 ? 2 : 1;
  return SINGLE_WORDS.some((w) => w.length >= 4 && w[0] === word[0] && w !== word && editDistance(word, w, cap) <= cap);
}
