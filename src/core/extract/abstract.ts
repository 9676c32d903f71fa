/**
 * An abstract written as prose (no "Résumé :" label): the body's paragraphs without the greeting, the
 * labelled lines already read, and a paragraph that only repeats the title.
 */
import { detectLanguage } from '../language.ts';
import { fold } from '../text/fold.ts';
import { looksLikePersonName } from '../text/names.ts';
import { type Phrases, phraseRegExp } from '../text/phrases.ts';
import { FORM_NOTICE } from './fields.ts';
import { GREETING, OFFER_INTRO_LINE } from './prose-title.ts';

export { GREETING };

const MIN_ABSTRACT = 20;
/** "Mark,", « Sandrine, » opening the text: the person written to, named as a greeting. */
const NAME_GREETING = /^\p{Lu}[\p{L}'’-]+(?:[ -]\p{Lu}[\p{L}'’-]+)?\s*,$/u;
/** One line, ending with a colon, that offers or presents the proposal ("Here is my proposal:", « Voici mon sujet : »). */
const ANNOUNCES_PROPOSAL =
  /^(?=[^\n]{0,240}$)(?=.*\b(?:propos\w*|talk|lightning|pr[ée]sentation|pr[ée]senter|present|intervention|expos[ée]|submi\w*|soumet\w*|soumission|sujet|topic|voici|here)\b)[^\n]*[:：]$/i;

/**
 * A greeting that opens a sentence of the proposal on its line — « Bonjour, je voudrais présenter un talk sur VACUUM,
 * 30 minutes. », a phone's one-line mail — is the salutation and then the text: only the salutation goes. A line
 * that is only one (« Bonjour à tous, », "Hi Dimitri and team,", « Hello ! ») goes whole.
 */
function afterGreeting(line: string): string {
  if (!opensWithGreeting(line)) return line;
  const m = /^[^,!:]{1,40}[,!:]\s+(\S.*)$/u.exec(line);
  const rest = m?.[1] ?? '';
  // a long line goes on past its greeting whatever ends it (« salut, je suis dev backend … si ça intéresse : … »); one
  // that opens on a pleasantry (« Bonjour, j'espère que vous allez bien, je voudrais … ») is kept whole, as before
  if (!GREETING.test(line)) return PLEASANTRY.test(rest) ? line : rest.charAt(0).toUpperCase() + rest.slice(1);
  if (!/[.?]$/.test(rest) || rest.split(/\s+/).length < 5 || PLEASANTRY.test(rest)) return '';
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}
/**
 * A greeting alone on its line, or opening a long one: « Bonjour, je propose un talk « … » d'une vingtaine de minutes. Je
 * montre … », "Hi! Happy to do a 5-min lightning talk: "…"" (a phone's one-paragraph mail — parse audit 11: GREETING reads
 * short lines only).
 */
function opensWithGreeting(line: string): boolean {
  if (GREETING.test(line)) return true;
  const m = /^([^,!:]{1,40}[,!:])\s+\S/u.exec(line);
  return m !== null && GREETING.test(m[1]!);
}
/** What goes with a greeting and says nothing of a talk: « j'espère que vous allez bien », "hope you're well", thanks. */
const PLEASANTRIES: Phrases = {
  en: ['(?:i |we )?hope\\b', "how (?:are|is|'s)\\b", "how's\\b", 'thanks?\\b', 'thank you\\b', 'long time\\b'],
  fr: [
    "j['’]esp[èe]re\\b", 'nous esp[ée]rons\\b', 'comment (?:allez|vas|[çc]a)\\b', 'merci\\b', 'je (?:vous|te) remercie\\b', '(?:[çc]a|ca) va\\b',
    'cela fait (?:longtemps|un moment)\\b', '[çc]a fait (?:longtemps|un moment)\\b',
  ],
};
const PLEASANTRY = phraseRegExp('PLEASANTRIES', PLEASANTRIES, 'i', '^', '');

/** `rests`: the prose that follows a label's value on its line (parseFields), which is the abstract's. */
export function abstractFromProse(lines: readonly string[], used: ReadonlySet<number>, title: string | null, rests: ReadonlyMap<number, string> = new Map()): string | null {
  const kept: string[] = [];
  let greeted = false;
  const titleKey = title ? fold(title).replace(/[^a-z0-9]+/g, ' ').trim() : null;
  const isTitle = (p: string) => titleKey !== null && fold(p).replace(/[^a-z0-9]+/g, ' ').trim() === titleKey;
  // « Salut les index : un talk de 20 minutes sur … », "Hello World in PL/pgSQL: a talk for …": the line opens on the
  // talk's title, which reads as a greeting — it is no greeting (review of parse audit 11)
  const opensOnTitle = (l: string) => titleKey !== null && titleKey !== '' && `${fold(l).replace(/[^a-z0-9]+/g, ' ').trim()} `.startsWith(`${titleKey} `);
  for (let i = 0; i < lines.length; i++) {
    const l = (lines[i] ?? '').trim();
    if (used.has(i)) {
      kept.push(rests.get(i) ?? '');
      continue;
    }
    // a form's notification line (« Modifier ce formulaire », "View all responses") is the tool's, not the speaker's
    if (FORM_NOTICE.test(fold(l))) continue;
    if (!greeted && l !== '') {
      greeted = true;
      if (NAME_GREETING.test(l)) continue;
      if (opensWithGreeting(l) && !opensOnTitle(l)) {
        const rest = afterGreeting(l);
        if (rest !== '') kept.push(rest);
        continue;
      }
    }
    kept.push(l);
  }
  const all = kept
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  // "I would like to propose the following talk for the meetup." right over the title: it announces, like a colon intro
  if (all.length > 2 && isTitle(all[1]!) && OFFER_INTRO_LINE.test(all[0]!.replace(/\s*\n\s*/g, ' '))) all.shift();
  // « Je propose : Les extensions indispensables en 2027 » on a paragraph of its own: the offer labelling the title is
  // the title's line, no description (parse audit 13)
  const paragraphs = coveringLetterOff(all.filter((p) => !isTitle(p) && !isTitle(p.replace(OFFER_LABEL, ''))));
  // « Je vous propose un lightning talk pour le prochain meetup : » over the title and the text: it announces, it is no part of them
  if (paragraphs.length > 1 && ANNOUNCES_PROPOSAL.test(paragraphs[0]!)) paragraphs.shift();
  const text = paragraphs.join('\n\n').trim();
  return text.length >= MIN_ABSTRACT ? text : null;
}

/** The offer's bare verb before a colon, opening the line (score.ts OFFER_AS_LABEL): « Je propose : », "I submit:". */
const OFFER_LABEL = /^[ \t*_-]*(?:je (?:vous )?(?:propose|soumets)|(?:i|we) (?:propose|submit)|nous (?:vous )?(?:proposons|soumettons))[ \t\u00a0\u202f]*:[ \t\u00a0]*/i;
/** "(English version below)", « (version française plus bas) »: a pointer to the mail's other copy. */
const COPY_MARKER = /^[([]?\s*(?:(?:english|french|anglaise|fran[çc]aise|en anglais|en fran[çc]ais)\b[^\n]{0,30}\b(?:below|ci-dessous|plus bas|suit|follows)|(?:version|texte|translation|traduction) (?:in |en )?(?:english|french|anglaise|fran[çc]aise|anglais|fran[çc]ais)\b[^\n]{0,30}|(?:see|voir)\b[^\n]{0,20}\b(?:below|ci-dessous|plus bas)\b[^\n]{0,30})\s*[)\]]?\s*[.:]?$/i;
/** A line that only separates two parts of a mail. */
const RULE = /^\s*(?:[-_*=~]\s*){3,}$/;
/**
 * What a sentence says of the mail rather than of the talk (folded): its subject line, its attachments, its language,
 * the call it answers ("Following your call for speakers, here is my submission.", « Le titre serait celui de l'objet
 * du message. »), its sending (« Je vous envoie ma proposition pour le meetup de janvier. », "Please find my proposal
 * below.", « Voir pièce jointe. », "See attached."), or a request to pass it on (« tu peux le leur transférer ? », "Raj, could you send this to…").
 */
const ABOUT_THE_MAIL =
  /\b(?:objet du (?:message|mail|courriel)|(?:the )?subject (?:line|of (?:this|the|my) (?:e-?mail|mail|message))|(?:this|my) (?:e-?mail|mail|message)\b|ce (?:message|mail|courriel)\b|mail client|client (?:mail|de messagerie)|here (?:is|are) (?:my|our) (?:submission|proposal)|voici (?:ma|notre) (?:proposition|soumission)|(?:je|nous) (?:vous |te )?(?:envoie|envoyons|adresse|adressons|transmets|transmettons|soumets|soumettons|fais parvenir|faisons parvenir) (?:ma|notre) (?:proposition|soumission)|please find (?:below |attached |enclosed )?(?:my|our) (?:proposal|submission)|(?:i'?m|i am|we'?re|we are) (?:sending|submitting) (?:you )?(?:my|our) (?:proposal|submission)|following (?:your|the) call|(?:saw|seen|read) (?:the|your) call|(?:vu|lu) (?:l'|votre )appel|suite (?:a|au) (?:votre |l')?appel|(?:as )?(?:requested|demande) (?:in|dans) (?:the|your|l'|votre) (?:call|appel)|sorry (?:about|for) (?:that|the|my)|desolee? pour|pardon pour|(?:attached|ci-joint|en piece jointe) (?:are|is|you will find|vous trouverez)?|(?:voir|see|cf\.?) (?:la |le |les |the )?(?:pieces? jointes?|pj|fichiers? joints?|documents? joints?|attached|attachments?|enclosed)|(?:could|can|would) you (?:please )?(?:send|forward|pass|transfer)|pass (?:this|it) on|(?:peux|pourrais|pouvez|pourriez)[- ](?:tu|vous)? ?(?:le |la |les |leur |lui |nous )*(?:transferer|transmettre|faire suivre|envoyer|relayer)|tu peux le(?:ur)? (?:leur )?transferer|n'hesitez pas|don'?t hesitate|feel free to|let (?:me|us) know|dites-moi)/;
const MAX_META_SENTENCE = 160;
/** Words a sentence goes on with after an opening clause about the mail, to be the talk's (« Suite à votre appel, … »). */
const MIN_CLAUSE_WORDS = 6;
/**
 * Dates and availability, said to the organizers at the end of the mail (folded): « Je peux venir à n'importe quelle
 * date au printemps. », « Je reste à votre disposition pour organiser la date. », "I'm available any Thursday."
 */
const AVAILABILITY =
  /\b(?:je reste a (?:votre|ta) (?:entiere )?disposition|(?:je suis|je serai|je serais|nous sommes|nous serons) disponibles?|i(?:'m| am) available|we(?:'re| are) available|(?:je peux|nous pouvons|i can|we can) (?:venir|me deplacer|come|make it)\b[^.!?]{0,60}\b(?:date|jour|soir|mois|printemps|ete|automne|hiver|day|evening|month|spring|summer|autumn|fall|winter|jeudi|mardi|mercredi|thursday|tuesday|wednesday|session|meetup)|n'importe quelle date|any (?:date|day|evening)|(?:organiser|fixer|convenir d'|trouver) (?:la|une) date|(?:to|and) (?:arrange|agree on|find|fix|set) (?:a|the) date)\b/;
/**
 * Something else offered to the group at the end of the mail (folded): a room, a sponsor, the food — « Par ailleurs, notre
 * société peut accueillir un prochain meetup dans ses locaux », "Also, my company would be happy to sponsor the pizzas for
 * that evening", "We could host the January meetup too." The organizers read it in the mail; it is no part of the talk.
 * Offered: a modal or « volontiers » before the verb (review 10: an abstract's own last sentence about the writer's
 * business — "Today we host meetups for 3,000 groups", "we provide food and drinks to 40 cities", « La plateforme permet
 * aussi d'héberger vos soirées » — is the talk's).
 */
const OFFERED = String.raw`(?:\b(?:can|could|would|'d|happy to|glad to|willing to|love to|peut|peuvent|pourrait|pourraient|pouvons|pourrions|serait|serions|serais|ravie?s? d[e']|volontiers|propose de|proposons de)\b[^.!?]{0,30}?)`;
const ALSO_OFFERED = new RegExp(
  String.raw`${OFFERED}\b(?:(?:accueillir|heberger|recevoir|sponsoriser|financer|offrir|prendre en charge|payer)\b[^.!?]{0,50}?\b(?:meetups?|(?:vos|votre|prochaine?s?|une|la|cette) (?:soirees?|evenements?|sessions?)|pizzas?|buffet|boissons|apero|aperitif|afterwork|traiteur)|(?:host|sponsor|cover|pay for|provide|offer|fund)\b[^.!?]{0,50}?\b(?:meetups?|(?:your|next|future|upcoming|that|this) (?:events?|evening|session)|pizzas?|drinks|food|beers?|snacks|catering|afterwork))\b`,
);
/**
 * A first paragraph that only offers "a talk", naming no topic: "My colleague and I would like to submit a talk.",
 * « Je souhaiterais proposer une présentation pour l'une de vos prochaines soirées. » — the offer, not its description.
 */
function emptyOffer(p: string): boolean {
  const one = p.replace(/\s*\n\s*/g, ' ').trim();
  if (one.length > MAX_META_SENTENCE || !OFFER_INTRO_LINE.test(one) || /[«"“]/.test(one)) return false;
  return /\b(?:talks?|lightning(?: talk)?|pr[ée]sentations?|interventions?|expos[ée]s?|sessions?|conf[ée]rences?)\b(?:\s+(?:for|at|to|during|pour|lors d[eu']|[àa]|au|dans)\b[^.!,;:]{0,70})?[.!]\s*$/i.test(one);
}

/**
 * The covering letter around the description: a paragraph (or a sentence of the first or last one) about the mail
 * itself, a greeting left inside, the pointer to the other language's copy and that copy (the first language's version
 * is kept whole), and a trailing lone first name (a signature without a closing formula).
 */
function coveringLetterOff(input: readonly string[]): string[] {
  let ps = input.filter((p) => !COPY_MARKER.test(p) && !(p.length <= 60 && GREETING.test(p) && afterGreeting(p) === ''));
  // a second copy in the other language, after a rule or a greeting: the first version is the description
  const lang = (q: readonly string[]) => detectLanguage(q.join('\n'));
  for (let k = 1; k < ps.length; k++) {
    const p = ps[k]!;
    const starts = RULE.test(p) || GREETING.test(p.split('\n')[0]!.trim());
    if (!starts) continue;
    const before = ps.slice(0, k).filter((q) => !RULE.test(q));
    const after = ps.slice(k).filter((q) => !RULE.test(q));
    const a = lang(before);
    const b = lang(after);
    if (a && b && a !== b && before.join(' ').length >= MIN_ABSTRACT) {
      ps = before;
      break;
    }
  }
  ps = ps.filter((p) => !RULE.test(p));
  // a trailing lone name: "Alex", "Amara O." — a signature with no closing formula
  while (ps.length > 1 && !ps[ps.length - 1]!.includes('\n') && ps[ps.length - 1]!.split(/\s+/).length <= 3 && looksLikePersonName(ps[ps.length - 1]!)) ps = ps.slice(0, -1);
  if (ps.length > 1 && emptyOffer(ps[0]!)) ps = ps.slice(1);
  if (ps.length > 0) {
    const first = withoutMeta(ps[0]!, 'lead');
    // a text that only speaks of the mail ("Vous trouverez ci-joint ma proposition détaillée.") describes no talk
    ps = first === '' ? ps.slice(1) : [first, ...ps.slice(1)];
  }
  if (ps.length > 1) {
    const last = withoutMeta(ps[ps.length - 1]!, 'tail');
    ps = last === '' ? ps.slice(0, -1) : [...ps.slice(0, -1), last];
  }
  return ps;
}

/** The paragraph without its leading (or trailing) sentences about the mail itself; '' when nothing else is left. */
function withoutMeta(p: string, end: 'lead' | 'tail'): string {
  const sentences = p.match(/[^.!?]+(?:[.!?]+|$)\s*/g) ?? [p];
  const meta = (x: string) => x.trim().length <= MAX_META_SENTENCE && (ABOUT_THE_MAIL.test(fold(x)) || (end === 'tail' && (AVAILABILITY.test(fold(x)) || ALSO_OFFERED.test(fold(x)))));
  if (end === 'lead') {
    let i = 0;
    while (i < sentences.length && meta(sentences[i]!)) i++;
    // « Suite à votre appel, j'aimerais parler de l'autovacuum : pourquoi … », "Following your call, I'd like to talk about
    // …": only the sentence's opening clause speaks of the mail; what follows its comma is the talk's (parse audit 12: the
    // whole sentence went)
    const clause = i === 0 ? null : /^([^,]{3,80}),\s+(\S[\s\S]*)$/.exec(sentences[i - 1]!.trim());
    if (clause && ABOUT_THE_MAIL.test(fold(clause[1]!)) && !meta(clause[2]!) && clause[2]!.split(/\s+/).length >= MIN_CLAUSE_WORDS) {
      sentences[i - 1] = `${clause[2]!.charAt(0).toUpperCase()}${clause[2]!.slice(1)} `;
      i--;
    }
    const rest = sentences.slice(i).join('').trim();
    // cut mid-line: the rest of a line the client wrapped (60 columns or more) goes on on the next one in lower case —
    // « …(format ODT). En deux mots :⏎une introduction… » — and the unwrapping, which reads the line's width, would
    // take the shortened line for one the writer ended
    const cutLine = i > 0 ? (p.split('\n').find((l) => l.includes(sentences[i - 1]!.trim().slice(-20))) ?? '') : '';
    return cutLine.trim().length >= 60 ? rest.replace(/^([^\n]*)\n[ \t]*(?=\p{Ll})/u, '$1 ') : rest;
  }
  let j = sentences.length;
  while (j > 0 && meta(sentences[j - 1]!)) j--;
  return sentences.slice(0, j).join('').trim();
}
