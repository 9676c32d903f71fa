/**
 * Is this mail a talk proposal? A sum of cheap signals against a threshold, so that no single word decides:
 * a subject tagged as a proposal, labelled fields, a first-person offer to give a talk, slides attached —
 * minus what ordinary replies, newsletters and automated mail carry. Reads a bounded sample only: this runs on
 * every incoming message.
 */
import type { Mail } from '../../types.ts';
import { fold } from '../text/fold.ts';
import { type Phrases, phraseRegExp } from '../text/phrases.ts';
import { anyOf } from '../text/any-of.ts';
import { FORWARD_SUBJECT } from '../text/forward.ts';
import { parseFields } from './fields.ts';
import { answersAnnouncement, answersCallForTalks, answersInvitation, stripReplyPrefixes, titleFromSubject } from './subject.ts';
import { standaloneTitle, titleFromProse } from './prose-title.ts';
import { durationsIn, LENGTH_IN_WORDS } from './durations.ts';
import { durationFromProse } from './duration.ts';
import { attachedText, hasSlides, POINTS_TO_ATTACHMENT } from './attachments.ts';
import { mentionsLightning } from './formats.ts';
import type { ProposalSource } from './source.ts';

export const THRESHOLD = 4;
/**
 * « Une présentation éclair pour moi » taken as a slot: the phrase alone, before its title, a stop or a please — not the
 * subject of a sentence going on (« Une présentation pour moi, c'est trop tôt cette année », "A talk from me is unlikely");
 * « … pour moi si c'est possible : « … » », "… from me if possible" take it politely.
 */
const TAKEN = "\\b(?=\\s*(?:[:!.;(—–-]|$|\\n|,?\\s*(?:please|thanks|svp|s'il vous plait|merci|si (?:c'est )?possible|if possible)\\b))";
/** Volunteering words (folded), read only in an answer to a call for talks: elsewhere "count me in" answers an invitation. */
const VOLUNTEERING: Phrases = {
  // « Une présentation éclair pour moi : « … » », "A lightning talk from me: "…"": the talk the writer takes
  fr: [
    'je me lance', 'je suis partante?', 'partante? pour (?:un|une|faire|presenter|parler)', 'je suis volontaire', 'je veux bien (?:en faire|faire|presenter|parler)', 'inscrivez-moi',
    '(?:ca|cela) me tente',
    `(?:un|une) (?:talk|lightning(?: talk)?|presentation(?: eclair)?|expose|intervention|lt) (?:pour moi|de ma part)${TAKEN}`,
  ],
  // "I'd be up for it: "…"", "Happy to do one", « Ça me tente : « … » » (parse audit 12: an answer to our call was 'other')
  en: [
    'count me in', "i'?m in\\b", 'sign me up', "i'?ll do one", 'i volunteer', `(?:a|one) (?:talk|lightning talk|lightning|presentation|lt) (?:for|from) me${TAKEN}`,
    "i'?d be up for (?:it|that|one)\\b", "(?:i'?m|i am) up for (?:it|that|one)\\b", "(?:i'?d be |i'?m |i am |(?<=(?:^|[.!?:;\\n])\\s*))happy to (?:do|give) one\\b", 'i can do one\\b',
  ],
};
const VOLUNTEERS = phraseRegExp('VOLUNTEERING', VOLUNTEERING, '', '\\b', '');
/** Saying yes (folded), read only at the top of an answer to an invitation to speak: « Avec plaisir ! Je présenterai … ». */
const ACCEPTING: Phrases = {
  fr: ['avec plaisir', 'volontiers', 'oui\\b', 'bien sur', "j'accepte", 'je (?:suis|serai|serais) ravie?', 'ce sera un plaisir'],
  en: ['yes\\b', 'sure\\b', 'happy to', 'gladly', 'with pleasure', 'of course', "i'd love to", 'i would love to', 'i accept', 'count me in'],
};
const ACCEPTS = phraseRegExp('ACCEPTING', ACCEPTING, '', '\\b', '');
/**
 * Saying no to a call or an invitation (folded): « je dois malheureusement décliner », "I have to decline this time",
 * "I can't make it" — a talk the text mentions for later is none offered now.
 */
const DECLINING: Phrases = {
  fr: [
    '(?:je dois|je vais devoir|je suis oblige de|je suis obligee de) (?:malheureusement )?(?:decliner|refuser|passer mon tour)',
    'je ne (?:serai|pourrai) (?:malheureusement )?pas (?:disponible|libre|presente?|presenter)', "je n'aurai pas le temps de (?:preparer|presenter)",
    // « Avec plaisir pour l'accueil, mais pas de talk de ma part cette fois »
    "pas de (?:talk|presentation|lightning|expose|conference) (?:de ma part|pour moi|par moi)\\b",
    // « Ça me tente bien, mais pas avant l'automne » (review of parse audit 12)
    "\\bmais pas (?:avant|cette (?:fois|annee|saison)|maintenant|tout de suite|pour (?:l'instant|le moment)|encore)\\b",
  ],
  en: [
    "(?:i|i'll|i will|i'm going to) (?:have to|must|need to) (?:decline|pass)", "unfortunately,? i (?:can't|cannot|won't|will not|am not available|have to decline)",
    "(?:can't|cannot|won't be able to|will not be able to) (?:do it|present|give (?:it|the talk|a talk)|speak)",
    // "I'm not up for it myself", "Up for it, but not before the autumn": a yes for later offers nothing now (review of parse audit 12)
    "(?:i'?m|i am|i'?d|i would) not (?:be )?up for (?:it|that|one)\\b", "\\bbut not (?:before|until|this (?:time|year|season)|now|yet|right now)\\b",
    // "Sure, happy to help with the room instead, but no talk from me this time": a yes to something else
    '(?:no|not a) (?:talk|presentation|lightning talk|lightning) (?:from|for|by) me\\b',
  ],
};
const DECLINES = phraseRegExp('DECLINING', DECLINING, '', '\\b', '');
/** A line ending inside a sentence (a lower-case word, a comma, "I") and one going on in lower case: one sentence wrapped. */
const WRAPPED = /((?:[\p{Ll},'’]|\bI))[ \t]*\r?\n[ \t]*(?=\p{Ll})/gu;
const SAMPLE = 4000;
/** Hostile mail carries 200 KB subjects: a real one fits in this. */
const MAX_SUBJECT = 400;

/**
 * Putting forward something to do or to agree on (folded), not a talk: « je propose de filmer les présentations »,
 * « nous vous proposons de relayer l'offre », "DevConf would like to propose a community partnership", "I propose to
 * move the meetup" — an infinitive that is no way of giving a talk (présenter, parler, faire, montrer, expliquer…), or
 * one of the things members put to organizers (a partnership, a date, a call). After the verb, such a tail voids an
 * offer's « je propose », "we'd like to propose" (INTENT, DIRECT, OFFER) even with a talk noun further on (« je vous
 * propose d'organiser un covoiturage pour la présentation de jeudi »); alone, it counts against (PROPOSES_ELSE).
 */
// (« je propose de venir présenter », "to come and give", « de notre côté »: the talk is still to come, or no verb)
// (the ways of taking an audience into a subject count too: « d'exposer notre retour d'expérience », « de vous initier à
// pgvector », « de vous emmener dans les coulisses », "to take you through our migration" — an unlisted verb voids a real offer)
const SPEAKING_INFINITIVE =
  "(?:presenter|parler|faire|donner|animer|intervenir|montrer|expliquer|raconter|partager|revenir|aborder|soumettre|proposer|decouvrir|explorer|detailler|decrire|comparer|demontrer|evoquer|passer en revue|plonger|dresser|retracer|illustrer|venir|partir|consacrer|exposer|decortiquer|demystifier|vulgariser|approfondir|parcourir|survoler|initier (?:a|aux)|emmener (?:dans|a travers|au coeur|derriere|en coulisses)|notre|votre|autre|leur)";
const SPEAKING_VERB_EN =
  "(?:present|give|talk|speak|share|show|walk|cover|do|run|demo|demonstrate|explain|discuss|introduce|describe|compare|go|dive|deliver|host|come|lead|teach|tell|contribute|submit|unpack|demystify|showcase|outline|(?:take|bring|guide) (?:you|us|everyone|the audience|attendees|people) (?:through|on|into|behind)|the|a|an|you|your|our|my|this|that|all|everyone)";
const ELSE_TAIL =
  `(?:de |d')(?:(?:vous|te|nous|les|le|la|l'|y|en) ?)*(?!${SPEAKING_INFINITIVE}\\b)[a-z]+(?:er|ir|re)\\b|to (?!${SPEAKING_VERB_EN}\\b)[a-z]+\\b` +
  // (a word or two may qualify the thing — "a community partnership" — but no talk, no topic: "a talk on change data capture")
  `|(?:a|an|the|our) (?:(?!(?:talks?|presentations?|sessions?|lightning|workshops?|demos?|keynotes?|on|about|of|for|into|with)\\b)[a-z-]+ ){0,2}?(?:partnership|collaboration|cooperation|sponsorship|date|meeting|call|change|swap|exchange|discount|venue)s?\\b` +
  // (…and the thing is the noun, not a word of the talk's topic: "a change data capture talk", "a date/time talk")
  `(?![ /-](?:(?!(?:for|on|about|of|with|to|at|in|from|and|or)\\b)[a-z-]+[ /-]){0,3}?(?:talks?|presentations?|sessions?|lightning|workshops?|demos?|keynotes?|deep[ -]dives?)\\b)`;
/** After a form of « proposer », "propose": a tail that puts forward something else (ELSE_TAIL). */
const NOT_PROPOSING_ELSE = `(?!(?<=propos(?:e|er|ons|ing)) (?:${ELSE_TAIL}))`;
const PROPOSES_ELSE = new RegExp(
  `\\b(?:je (?:vous |te )?propose|nous (?:vous )?proposons|on (?:vous )?propose) (?:${ELSE_TAIL})` +
    `|\\b(?:(?:i|we)(?:'d| would)?|would|'d) (?:like to |love to |want to )?propose (?:${ELSE_TAIL})`,
);
/** A subject that opens on a question (folded): « Question lightning talks », « Petite question sur les talks », "Quick question about lightning talks". */
const ASKING_SUBJECT = /^(?:(?:petite|une|quick|a|small|short|simple)\s+)?questions?\b|^q\s*:/;
const TALK_NOUN = "(?:talks?|lightning|retour d'experience|rex|retex|experience report|case study|workshop|atelier|keynote|demo|conference|presentation|expose|intervention|session|sujet|topic|lt|eclair|slot|creneau|cfp|proposal|proposition|soumission|submission|abstract|resume)";
// « je viendrais volontiers présenter … », "I'd gladly give …": coming to present is offering to
// ("Would it be possible to present it?", « Serait-il possible de … », parse audit 10: the polite offer is conditional or
// for me; the impersonal present asks about the rules — review 10: « Est-il possible de présenter son entreprise avant les
// talks ? », "Is it possible to give a talk in English?" were proposals with no title)
const MODAL =
  "(?:je (?:vous |te )?(?:souhaite|souhaiterais|voudrais|aimerais|veux|peux|pourrais|viendrais|viendrai|peux venir|pourrais venir|serais (?:ravie?|heureux|heureuse|contente?|partante?|interessee?|motivee?) (?:d[e']|pour|a)|me propose d[e'])|j'aimerais|j'ai envie d[e']|nous (?:souhaiterions|aimerions|voudrions|pourrions|souhaitons|serions ravis d[e'])|i(?:'d| would)? (?:like|love|want|wish) to|(?:would|will) it be possible (?:for me |for us )?to|is it possible for (?:me|us) to|serait-il possible (?:pour moi |pour nous )?d[e']|est-il possible pour (?:moi|nous) d[e']|i(?:'d| would) (?:happily|gladly|willingly)|i(?:'d| would| could| can) come (?:and|to)|i(?:'d| would) be up for|i(?:'m| am) up for|i(?:'d| would) be (?:interested|keen) in|i(?:'m| am) (?:interested|keen) in|i'd be (?:happy|glad|delighted) to|i (?:would|will) be (?:happy|glad|delighted) to|i (?:can|could)|we(?:'d| would)? (?:like|love) to|i am (?:keen|happy|glad) to|i'm (?:keen|happy|glad) to|(?:could|can|may) i|(?:et moi|and i) (?:aimerions|souhaiterions|voudrions|pourrions|souhaitons|would (?:like|love) to|'d (?:like|love) to)|(?:puis|pourrais|pourrions|peux)-(?:je|nous)|est-ce que (?:je|nous) (?:peux|pourrais|pourrions|pouvons))";
const PVERB = "(?:vous |te |y )?(?:proposer|presenter|faire|donner|animer|soumettre|parler|intervenir|propose|present|give|submit|speak|talk|do|deliver|run|share|partager|pitch|presenting|speaking|giving|talking|doing|sharing|submitting|proposing|pitching)";
const INTENT = new RegExp(`\\b${MODAL}\\s+(?:[\\w']+\\s+){0,2}?${PVERB}\\b${NOT_PROPOSING_ELSE}[^.!?\\n]{0,80}?\\b${TALK_NOUN}\\b`);
/**
 * Offered for a colleague, in the third person: « Mon collègue Hugo Blanc voudrait présenter un lightning talk sur … »,
 * "My colleague Priya (priya@…) would like to give a talk on …" — an offer as the writer's own is (source.ts finds who speaks).
 */
const FOR_A_COLLEAGUE = new RegExp(
  `\\b(?:mon|ma|notre|nos|my|our)\\s+(?:collegues?|colleagues?|co-?workers?|collaborat(?:eur|rice)s?|associee?s?|amie?s?|friends?)\\b(?:\\([^()\\n]{0,80}\\)|[^.!?\\n(]){0,60}?\\b(?:voudrai(?:en)?t|aimerai(?:en)?t|souhaiterai(?:en)?t|souhaite(?:nt)?|pourrai(?:en)?t|would (?:like|love) to|wants? to|could|can)\\s+(?:[\\w']+\\s+){0,2}?${PVERB}\\b[^.!?\\n]{0,80}?\\b${TALK_NOUN}\\b`,
);
/** "je serais ravie de présenter…", "I'd like to speak about…": an offer even without the word "talk". */
const OFFER = new RegExp(`\\b${MODAL}\\s+(?:[\\w']+\\s+){0,1}?(?:vous |te )?(?:presenter|parler d[eu']|proposer|soumettre|present|propose|submit|speak (?:about|on)|talk (?:about|on)|presenting|speaking (?:about|on|at)|talking (?:about|on))\\b${NOT_PROPOSING_ELSE}` +
    // « je propose de montrer comment on a divisé par dix nos VACUUM »: the bare verb over a way of speaking
    `|\\bje (?:vous |te )?propose (?:de |d')(?:vous |te )?(?:presenter|parler|montrer|expliquer|raconter|partager|animer|intervenir)\\b`);
/** A word opening a clause of time or condition, just before « je propose », "I submit": the offer is not made yet. */
const SUBORDINATE = "(?<!\\b(?:si|quand|lorsque|avant que|before|when|if|once|until|unless|whether|after) )";
// « je propose que … », "I propose that we record the talks", "I'm proposing we move the talks": a suggestion to the
// organizers, not a talk offered (the talk noun further on is theirs)
/**
 * A sentence that puts something forward for the evening's other parts (folded): « pour l'afterwork, je propose « Le
 * Bistrot » », "we propose "The Crown" for drinks after the talks", « je propose « PG Paris » comme nom » — a place or a
 * name, no talk, whatever talk noun or quoted name it holds. Read around « je propose », "we propose" (DIRECT).
 */
const ELSEWHERE =
  "(?:pour|for|as|comme)\\s+(?:(?:l'|le |la |les |the |a |an |un |une |our |notre |nos |votre |your |next |prochaine? )\\s*)*" +
  "(?:afterwork|after-work|apero|aperitif|drinks?|pot|diner|dinner|lunch|dejeuner|restaurant|bar|pub|lieu|venue|nom|name|logo|slogan|mascotte|mascot|hashtag)\\b";
// (with no talk named in between: « je propose un talk sur pgvector pour le meetup, et les pizzas pour l'apéro » offers one)
const NO_TALK_CHAR = `(?:(?!\\b${TALK_NOUN}\\b)[^.!?\\n])`;
const NOT_FOR_ELSE = `(?<!${ELSEWHERE}${NO_TALK_CHAR}{0,60})(?!${NO_TALK_CHAR}{0,120}?${ELSEWHERE})`;
/**
 * The first words the offers below SUBORDINATE and NOT_FOR_ELSE can begin with, asked first: those two look up to 60
 * characters back and 120 ahead, and at every word of every message they cost bench:parse ≈ 3 % (they are only read
 * where an offer can begin).
 */
const OFFER_WORD = "(?=(?:je|i|we|nous|on|voici|here|ma|notre|my|our)\\b)";
/**
 * After « nous / on (vous) proposons » (folded): a programme put on by others — « nous vous proposons « Les nouveautés de
 * PostgreSQL 18 », un webinaire gratuit animé par nos experts », another group's « nous proposons « X » par Alice Martin » —
 * offers the group no talk of the writers'.
 */
const NOT_PROGRAMME =
  "(?!\\s+[«\"“][^«»\"“”\\n]{1,200}[»\"”]\\s*,?\\s*par\\b|[^.!?\\n]{0,200}?\\b(?:(?:animee?s?|presentee?s?|donnee?s?|assuree?s?) par|webinaires?|webinars?|inscri(?:vez|ption)s?)\\b)";
/**
 * What a proposal sent again is said of before its title (folded): « donc », « ma proposition de l'an dernier, mise à
 * jour », "my talk" — the proposal, not « ma question » — and the title it quotes asks nothing (« « les talks sont-ils
 * filmés ? » » is a question sent again).
 */
const RESENT_WHAT =
  "(?:\\s+(?:donc|again)\\b|\\s+(?:ma|mon|notre|my|our|the|this)\\s+(?:propositions?|proposals?|talks?|soumissions?|submissions?|presentations?|exposes?|interventions?)\\b[^«\"“\\n.!?]{0,60}?)?";
const RESENT_TITLE = "[«\"“](?![^«»\"“”\\n]{0,200}\\?\\s*[»\"”])";
/**
 * The talks as the evening's moment, not what is proposed (folded): « Je propose : Le Bistrot, rue Oberkampf, après les
 * talks », "I propose we meet at the bar before the talks" — after, before, during, between the talks.
 */
const NOT_A_MOMENT = "(?<!\\b(?:apres|after|avant|before|pendant|during|entre|between) (?:les |le |la |l'|the |des )?)";
/**
 * After a talk's noun, who gives it when not the writer (folded): « par / de la part de » "by / from" someone, or « de »
 * one to three words then « sur » / about — « un talk de Lucie sur pgvector », « de mon collègue sur … » — not a length
 * (« un éclair de cinq minutes sur … »).
 */
const NOT_BY_SOMEONE = String.raw`(?!\s+(?:par|by|from|de la part de)\s|\s+de\s+(?!(?:[a-z-]+\s+){0,2}(?:min|mins|minutes|mn|heure|heures)\b)[a-z'-]+(?:\s+[a-z'-]+){0,2}\s+(?:sur|about|on)\b)`;
/** A length as offered (folded): « 20 min », « une vingtaine de minutes », « un petit quart d'heure », "about half an hour". */
const LENGTH_OFFERED =
  `(?:(?:un |une |a |an )?(?:petite? |bonne |small |short |good )?(?:about |around |environ )?(?:(?:\\d{1,3}|cinq|dix|quinze|vingt|trente|five|ten|fifteen|twenty|thirty) ?(?:-|–|to|a|or|ou) ?)?(?:\\d{1,3}|cinq|dix|quinze|vingt|trente|quarante|quarante-cinq|five|ten|fifteen|twenty|thirty|forty|forty-five)[ -]?(?:minutes?|mins?|mn)|(?:un |une |a |an )?(?:petite? |bonne |small |short |good )?(?:about |around |environ )?${LENGTH_IN_WORDS})`;
// asked with .test only: one RegExp per alternative (any-of.ts), 6× faster than the alternation as a whole
const DIRECT = anyOf(new RegExp(
  // « si je propose un talk, … ? », "Before I submit something: are talks 20 or 45 minutes?": a clause of time or
  // condition puts the offer off, the sentence asks (SUBORDINATE)
  `\\b${OFFER_WORD}${SUBORDINATE}${NOT_FOR_ELSE}(?:je (?:vous |te |me )?(?:propose|soumets)(?! que| qu')${NOT_PROPOSING_ELSE}|je me (?:porte|portes) (?:volontaire|candidate?)|je suis (?:volontaire|candidate?)|i(?:'d| would)? volunteer|i'm volunteering|(?:i (?:propose|submit)|we (?:propose|submit)|(?:i'm|i am|we're|we are) (?:proposing|submitting|offering))(?! that\\b| we\\b| you\\b)${NOT_PROPOSING_ELSE}|voici (?:ma|une|notre) (?:proposition|soumission|idee)|here(?:'s| is) (?:my|a|our) (?:proposal|submission|talk)|(?:ma|notre|my|our) (?:proposition|proposal|submission|soumission) (?:de|d'|for|of) (?:un |une |a |an )?(?:talk|lightning|conference|presentation|expose))\\b[^.!?\\n]{0,80}?\\b${NOT_A_MOMENT}${TALK_NOUN}\\b|\\b${TALK_NOUN} (?:intitule|titled|called|entitled)\\b|\\b(?:talk|presentation|lightning talk|conference) idea\\b|\\bidee de (?:talk|presentation|sujet|conference|lightning)\\b` +
    // Asked rather than offered: "Would there be room … for a 30-minute talk?", "Y aurait-il de la place pour un talk ?",
    // "Could I get a 10-minute slot … for a demo?" — a slot asked for, not slides or a seat ("can I get the slides").
    // « je voudrais vous proposer « work_mem sans peur » pour le prochain meetup »: the offer names its title
    // « Je me propose pour présenter Barman », « je me porte volontaire pour parler de pgBadger »: volunteering to speak —
    // not to present the evening or its people (« présenter les intervenants », « la soirée »: hosting it)
    `|\\bje me (?:propose|porte volontaire|porte candidate?) (?:pour|de|d') ?(?:vous )?(?:presenter|parler)\\b(?! (?:les (?:intervenants?|orateurs?|oratrices?|speakers?|sponsors?|invites?)|la soiree|le meetup|l'evenement|la rencontre)\\b)` +
    // « je souhaiterais intervenir sur « PostGIS pour les développeurs web » », "I'd like to talk about "…"": the same
    `|\\b${MODAL}\\s+(?:[\\w']+\\s+){0,1}?(?:vous |te )?(?:proposer|presenter|soumettre|propose|present|submit|give|intervenir sur|parler d[eu]|(?:talk|speak) (?:about|on))\\s+(?:(?:un|une|a|an|the|le|mon|my)\\s+(?:talk|lightning|presentation|expose|sujet|topic)\\s+)?[«"“]` +
    // « je pourrais en faire une version de 20 minutes pour vous », "I could do a shorter version for you": a talk given
    // elsewhere, offered again in a version for this meetup
    `|\\b${MODAL}\\s+(?:(?:happily|gladly|volontiers|bien)\\s+)?(?:en\\s+)?(?:faire|donner|presenter|proposer|do|give|present|offer)\\s+(?:une|a|an)\\s+(?:[\\w'-]+\\s+){0,4}?version\\b(?!\\s+(?:de|of)\\s+(?:postgres|postgresql|pg)\\b)` +
    // « Je veux bien intervenir au meetup : « PostgreSQL dans une banque » », "I'd love to speak at the meetup: "…"": to speak
    // at the group's evening, then its quoted title
    `|\\b${MODAL}\\s+(?:[\\w']+\\s+){0,1}?(?:intervenir|presenter|parler|present|speak|talk)\\s+(?:au|a|lors d[ue']|at|during)\\s+(?:[\\w'-]+\\s+){0,3}?(?:meetups?|soirees?|rencontres?|evenements?|events?)\\b[^.!?\\n«"“]{0,30}?[«"“]` +
    // « Je propose « JSONB : quand l'utiliser », une demi-heure. », « nous proposons « … » », "We submit "…"": the bare verb
    // over the quoted title
    `|\\b${OFFER_WORD}${SUBORDINATE}${NOT_FOR_ELSE}(?:je (?:vous |te )?(?:propose|soumets)|(?:nous|on) (?:vous )?(?:proposons|propose|soumettons|soumet)${NOT_PROGRAMME}|(?:i|we) (?:propose|submit))\\s+[«"“]` +
    // « Je la renvoie donc : « Vacuum sans peur » », « je vous renvoie ma proposition de l'an dernier : « … » », "Resubmitting:
    // "…"": a proposal sent again (after a withdrawal), its quoted title (« je vous renvoie au programme » offers nothing)
    `|\\b(?:je (?:vous |te )?(?:la |le )?(?:renvoie|re-?soumets|repropose)|re-?submitting|re-?sending|(?:i|we) (?:re-?submit|re-?send))\\b${RESENT_WHAT}\\s*[:,]?\\s*${RESENT_TITLE}` +
    // "I can do 20 minutes on "Partition pruning gotchas"", « je peux faire vingt minutes sur … »: a length offered on a subject
    // (not on the evening's own business: « dix minutes sur l'accueil et les annonces », "5 minutes on the sponsor announcement")
    // (a range too: "I could do about 20-25 minutes on "X"", « je peux faire 20 à 30 minutes sur … » — parse audit 12)
    // (a length in words too, from the durations' table: "I could do a quarter of an hour on "X"", « je peux faire une
    // demi-heure sur … », « trois quarts d'heure sur … » — parse audit 13)
    `|\\b${MODAL}\\s+(?:do|give|fill|take|faire|prendre|assurer|tenir)\\s+(?:(?:a |an |un |une |about |around |environ )?(?:(?:\\d{1,3}|cinq|dix|quinze|vingt|trente|five|ten|fifteen|twenty|thirty) ?(?:-|–|to|a|or|ou) ?)?(?:\\d{1,3}|cinq|dix|quinze|vingt|trente|quarante-cinq|five|ten|fifteen|twenty|thirty|forty-five)[ -]?(?:minutes?|mins?|mn)|(?:a |about |around |environ )?${LENGTH_IN_WORDS})\\s+(?:on|about|sur|de|d')` +
    `(?!\\s*(?:(?:l'|le |la |les |the |our |nos |notre |a |an |un |une )\\s*)*(?:accueil|annonces?|announcements?|welcome|housekeeping|agenda|programme|program|logistique|logistics|sponsors?|intervenants?|speakers?|orateurs?|oratrices?)\\b)` +
    // « je vous propose 20 min sur « X » », « Un petit quart d'heure sur « X » », "Twenty minutes on "X"": a length offered
    // on a quoted subject after the bare verb, or opening its paragraph — not a programme's item (« Au programme : 20 min
    // sur « X » par Lucie », "20 minutes on "X" by Lucie"), not asked (« 20 min sur « X », c'est trop ? »), not thanked
    // for (« 20 minutes sur « X », c'était parfait. »)
    `|(?:(?:^|\\n)[ \\t]*|\\b(?:je (?:vous |te )?propose|(?:i|we) (?:propose|offer|suggest))\\s+)${LENGTH_OFFERED}\\s+(?:on|about|sur)\\s+[«"“][^«»"“”\\n]{1,150}[»"”](?!\\s*,?\\s*(?:par|by)\\s)(?![^.!?\\n]*(?:\\?|\\b(?:c'etait|etait|a ete|was|were)\\b))` +
    `|\\b(?:(?:would|will|is|could) there be|is there(?: still)?|do you have|have you got|any chance (?:of|for)) (?:any |some |a |an )?(?:room|space|a slot|slot|a spot|spot|an opening|opening)\\b[^.!?\\n]{0,80}?\\b${TALK_NOUN}\\b` +
    `|\\b(?:y aurait-il|y a-t-il|reste-t-il|s'il reste|s'il y a|auriez-vous|avez-vous|aurais-je|pourrais-je avoir)(?: encore)? (?:de la place|une place|un creneau|un slot|une date)\\b[^.!?\\n]{0,80}?\\b${TALK_NOUN}\\b` +
    // "Would you be interested in a talk about…", "Ça vous intéresserait un talk sur…", "Ça vous dirait que je présente…"
    `|\\b(?:would|will|are) you (?:be )?interested in (?:a|an|my|having)\\b[^.!?\\n]{0,60}?\\b${TALK_NOUN}\\b` +
    `|\\b(?:seriez[- ]vous|etes[- ]vous|ca vous|cela vous|ca te)(?: serait)? (?:interesse(?:e|s|es)?|interesserait|dirait|tenterait|tente)\\b(?:[^.!?\\n]{0,80}?\\b${TALK_NOUN}\\b| (?:que je|qu'on|que nous) (?:vous )?(?:presente|parle|fasse|propose|anime))` +
    // the talk first, the question after it: « Un petit éclair « … », ça vous irait ? », « un talk de 5 min sur X, ça vous tente ? »
    // — not someone else's talk: « Un petit talk de Lucie sur pgvector, ça vous dirait ? », « un talk par mon collègue … »
    `|\\b(?:un|une|a|an)\\s+(?:petite?\\s+|short\\s+|quick\\s+)?${TALK_NOUN}\\b${NOT_BY_SOMEONE}[^.!?\\n]{0,80}?,?\\s*(?:ca|cela) (?:vous|te) (?:dirait|tenterait|tente|irait|va|conviendrait|convient|interesse|interesserait|plairait)\\s*\\?` +
    // « J'aurais deux sujets à proposer », "I have two talk ideas": several offered at once
    `|\\b(?:j'aurais|j'ai|nous aurions|nous avons|i have|i've got|i'd have|we have) (?:deux|trois|quelques|plusieurs|two|three|a few|several|a couple of) (?:sujets|idees|propositions|talks|topics|ideas|proposals|presentations|talk ideas)\\b` +
    // the same said as a heading over the list: « Deux idées : », "Two ideas for the meetup:", « Quelques sujets possibles : »
    `|(?:^|\\n)[ \\t]*(?:deux|trois|quelques|plusieurs|two|three|a few|several|a couple of) (?:sujets|idees|propositions|talks|topics|ideas|proposals|presentations|talk ideas)(?: possibles| possible)?(?: (?:de|d'|for|of) (?:talks?|presentations?|sujets?|exposes?|lightning talks?))?(?: (?:pour|for) (?:le |la |the )?(?:prochaine? |next )?(?:meetups?|soirees?|evenings?))?[ \\t]*:[ \\t]*(?=\\n)` +
    // (…over items that are talks — a title quoted, a length, a format, a talk's noun within the next lines: « Trois sujets : »
    // over « 1. La salle / 2. Le traiteur », « Deux propositions : » over « - ouvrir un Discord » offer none — review of b95dca2)
    `(?=(?:\\n[^\\n]*){0,5}?(?:[«"“]|\\b\\d{1,3} ?(?:min|mins|minutes|mn)\\b|\\b(?:lightning|eclair|talk|expose|presentation|demo)s?\\b))` +
    // "J'ai un sujet de talk : …", "I have an idea for a talk"
    `|\\b(?:j'ai|nous avons|i have|i've got|we have) (?:un|une|a|an) (?:sujet|idee|proposition|idea|topic|proposal)\\b[^.!?\\n]{0,60}?\\b${TALK_NOUN}\\b` +
    // « je voudrais parler pendant une vingtaine de minutes de … », "I'd like to talk for 20 minutes about …": a length asked for speaking
    `|\\b${MODAL}\\s+(?:vous\\s+)?(?:parler|intervenir|presenter|talk|speak|present)\\s+(?:pendant|durant|environ|for|about|around)\\s+[^.!?\\n]{0,30}?\\b(?:minutes?|min|mn|heures?|hours?)\\b` +
    `|\\b(?:${MODAL}) (?:get|have|book|grab|take|obtenir|avoir|reserver|prendre) (?:a|an|one|un|une)\\s+(?:[\\w-]+\\s+){0,2}?(?:slot|spot|creneau|talk|lightning|presentation|demo|lt)\\b` +
    // a line that opens on the proposal and its quoted title: "Proposal: "Postgres on Raspberry Pi clusters" - a 20
    // minute demo", « Ma proposition : « Le MVCC sans douleur ». Une explication… » — a title announced as what is
    // proposed. A bare « Proposition : » / "Proposal:" proposes anything (« Proposition : « on décale le meetup au
    // jeudi », la salle… », "My proposal: "the usual bar" again"): there the quote ends its sentence or its line (a
    // title over its description), or the line names a talk
    `|(?:^|\\n)[ \\t*_-]*(?:(?:my|our|ma|notre)\\s+)?(?:(?:talk|lightning|lightning talk)\\s+(?:proposal|proposition|submission|soumission)|(?:proposal|proposition|submission|soumission)\\s+(?:de|d'|for|of)\\s+(?:un |une |a |an )?(?:talk|lightning|presentation|conference|expose|intervention))[ \\t*_]*:[ \\t]*[«"“]` +
    `|(?:^|\\n)[ \\t*_-]*(?:(?:my|our|ma|notre)\\s+)?(?:proposal|proposition|submission|soumission)[ \\t*_]*:[ \\t]*[«"“][^«»"“”\\n]{2,150}[»"”][^\\S\\n]*(?:$|\\n|[.:](?:\\s|$)|[^\\n]*?\\b${TALK_NOUN}\\b)`,
));
/**
 * « Proposal: "Postgres on Raspberry Pi clusters" - 20 minutes, live with three Pis »: a bare label (DIRECT's last
 * alternative) over a quoted title, its length stated on the same line. Read on the text as written: the quote opens
 * on a capital, a digit or a tool's name (pg_repack, pgBackRest), as a title does — "My proposal: "the usual bar"
 * again, 20 minutes walk from the station" proposes a place. The label may close a sentence's lead-in: "…, here is my
 * proposal: "pg_repack without fear", 20 minutes", « voici ma proposition : « … », 30 min ». A length that is a way
 * there ("20 minutes walk from the station", « à 10 min à pied », « 15 min du métro ») measures no talk, whatever the
 * quote opens on: "Here is my proposal: "Chez Paul", 20 minutes walk from the office" proposes a place.
 */
const TITLE_AND_LENGTH =
  /(?:(?:^|\n)[ \t*_-]*(?:(?:[Mm]y|[Oo]ur|[Mm]a|[Nn]otre)\s+)?|\b(?:[Hh]ere(?:'s|’s| is)|[Vv]oici)\s+(?:[Mm]y|[Oo]ur|[Mm]a|[Nn]otre)\s+)(?:[Pp]roposal|[Pp]roposition|[Ss]ubmission|[Ss]oumission)[ \t*_]*:[ \t]*[«"“][ \u00a0]*(?:[\p{Lu}\d]|\p{Ll}+[_\d\p{Lu}])[^«»"“”\n]{1,150}[»"”][^\n]*?(?<![\p{L}\d])\d{1,3}[ \t-]*(?:min|mins|minutes?|mn)(?![\p{L}])(?![ \t]+(?:walk|drive|ride|away|from|by (?:car|bus|metro|tube|train|bike)|on foot|[àa] pied|de marche|de trajet|en (?:voiture|m[ée]tro|v[ée]lo|bus|train|RER)|du|de la|de l['’]|des|d['’]ici|de chez)\b)/u;
/**
 * « Je propose : Mise en œuvre de la haute disponibilité », "I submit: Understanding WAL" over « Durée : 25 minutes »: the
 * offer's bare verb opening its line, a title after its colon, labels the title as « Titre : » would among the other fields
 * (alone it is one field, no form: « Je propose : Jeudi 14 plutôt » stays a sentence). Kept out of labels.ts: in a reply,
 * « Je propose : … » is no correction of the title.
 */
const OFFER_AS_LABEL = /(?:^|\n)[ \t*_-]*(?:[Jj]e (?:vous )?(?:propose|soumets)|(?:I|We|we) (?:propose|submit)|[Nn]ous (?:vous )?(?:proposons|soumettons))[ \t\u00a0\u202f]*:[ \t\u00a0]*[*_«"“]*[ \t\u00a0]*[\p{Lu}\d][^\n]{2,150}(?:\n|$)/u;
/** The length of the evening itself, not of a talk (folded): « durée de la soirée », "length of the evening". */
const EVENING_LENGTH = /\b(?:duree|length|longueur) (?:de la|du|of the) (?:soiree|evening|meetup|rencontre|reunion|meeting)\b/;
/** A length that measures the way to a place (folded): « à 10 minutes du métro », "5 min walk from the station". */
const WAY_THERE =
  /\d{1,3}\s*(?:min|mins|minutes?|mn)\s+(?:walk|walking|drive|ride|away|from|by (?:car|bus|metro|tube|train|bike)|on foot|a pied|de marche|de trajet|en (?:voiture|metro|velo|bus|train|rer)|du|de la|de l'|des|d'ici|de chez)\b/;
/**
 * What a talk's description says of the talk to come (folded): "I will show how…", « je montrerai… », « nous
 * expliquerons… ». The words of an abstract, not of other mail to the group.
 */
const DESCRIBES =
  /\b(?:i(?:'ll| will| would| can)|we(?:'ll| will| would| can))\s+(?:also\s+|then\s+|briefly\s+)?(?:show(?!\s+up\b)|explain|present|cover|walk (?:you |the audience )?through|demo|demonstrate|discuss|go (?:over|through)|describe|introduce|compare|share how|share what|share our)\b|\b(?:je|nous)\s+(?:vous\s+)?(?:montrerai|expliquerai|presenterai|aborderai|detaillerai|decrirai|comparerai|raconterai|partagerai|montrerons|expliquerons|presenterons|aborderons|detaillerons|decrirons|comparerons|raconterons|partagerons|verrons|reviendrai|reviendrons)\b/;
/**
 * A question about the call itself (folded, one sentence ending in "?"): until when, in which format, how or where to
 * send — « Jusqu'à quand peut-on envoyer une proposition ? », "When does the CFP close?", « Quel est le format attendu ? ».
 */
const ASKS_ABOUT_CALL = new RegExp(
  String.raw`(?:(?:^|[.!?\n])[^.!?\n]*\b(?:date limite|deadline|jusqu'(?:a|au) quand|avant quelle date|a quelle date|d'ici quand|quand (?:faut-il|peut-on|doit-on|dois-je|puis-je|se termine|ferme|clot)|when (?:is|does|do|should|can|will)\b[^.!?\n]{0,40}\b(?:deadline|close|closing|due|submit|send)|until when|format (?:attendu|souhaite|demande|expected|required)|quel (?:est le )?format|what format|which format|how (?:do|can|should) (?:i|we) (?:submit|send|apply|propose)|comment (?:soumettre|proposer|envoyer|faut-il|doit-on|peut-on)|ou (?:faut-il |dois-je |peut-on )?(?:envoyer|soumettre)|where (?:do|should|can) (?:i|we) (?:send|submit)|how long (?:are|is|should|can|do|will)\b[^.!?\n]{0,40}?\b(?:talks?|presentations?|slots?|lightning)|(?:are|is) (?:the )?(?:talks?|slots?|presentations?) (?:\d{1,3}|twenty|thirty|forty[- ]five) (?:or|ou)|quelle (?:est la )?duree|combien de (?:temps|minutes) (?:dure|durent|font|pour|par|faut-il|a-t-on|avons-nous|ai-je)` +
  // a length asked for (« Est-ce que 40 minutes c'est possible pour un talk ? », "Is a 40-minute talk possible?", « Serait-il
  // possible d'avoir 40 minutes ? »): whether the call allows it, no talk offered yet
  String.raw`|\d{1,3}[ -]?(?:minutes?|mins?|mn)\b[^.!?\n]{0,40}?\b(?:possible|ok|okay|acceptable|envisageable|autorisee?s?|allowed|fine|trop long|too long)|(?:possible|ok|okay|acceptable|envisageable) (?:de |d'|to )?(?:faire|avoir|prendre|demander|do|have|get|take|ask for) (?:un |une |a |an )?\d{1,3}[ -]?(?:minutes?|mins?|mn)\b)\b[^.!?\n]*\?)` +
  // whether the call has room left (« Reste-t-il des créneaux ? », « Le programme est-il complet ? », "Are lightning talks
  // still open for January, or is the programme full?", "Any slots left?"): the call's state asked, no talk offered yet —
  // unlike a slot asked for one talk (« Y a-t-il de la place pour un talk ? », "Is there room for a talk?", DIRECT)
  // — asked as the question itself, at its start (review 10: a lightning talk's own "on replication slots: are there any
  // slots left inactive on your primary?", "about pg_cron: is the schedule full at 3 am?" ask the audience)
  String.raw`|(?:^|[.!?\n;]|\b(?:or|ou)\b)\s*(?:(?:and|so|also|et|sinon|hi|hello|bonjour)\b,?\s*)?(?:(?:are|is) (?:the )?(?:lightning )?(?:talks?|slots?|cfp|call|submissions?|proposals?) (?:still )?open\b|(?:is|are) (?:the )?(?:programme|program|agenda|schedule|line-?up|slots?) (?:already )?(?:full|complete|booked)|(?:any|are there(?: still)?(?: any)?) (?:free |open |more )?(?:slots|places|spots)\b[^.!?\n]{0,40}?\b(?:left|available|free|remaining)\b|reste-t-il (?:encore )?des (?:creneaux|places)\b|(?:le programme|les creneaux|l'appel) (?:est-il|sont-ils|est|sont) (?:deja )?(?:complets?|pleins?|clos|ouverts?|encore ouverts?))\b[^.!?\n]*\?`,
);
/** After « idée » / "idea": of what is still to find — a title, a length, a date — not the topic. */
const NOT_OF_TOPIC =
  "(?![a-z])(?!(?:\\s+[a-z]+)?\\s+(?:(?:de |du |d'|pour (?:le |la |l')?|of (?:the )?|for (?:the |a )?|about (?:the )?|on (?:the )?)(?:titres?|titles?|noms?|names?|duree|length|durations?|formats?|dates?|horaires?|creneaux?|slots?|usual)|(?:how|when|whether|if|where|why|combien|quand)\\b))";
/**
 * The writer has no topic yet (folded): « je n'ai pas encore de sujet », « pas encore d'idée de thème », « je ne sais pas
 * (encore) de quoi parler », "I don't have a topic yet", "not sure yet what to talk about". A missing title is not this.
 */
const NO_TOPIC_YET = new RegExp(
  // « je n'ai pas d'idée de titre », "I don't have any idea of the usual length": a title or a length still to find is no missing topic (NOT_OF_TOPIC)
  `\\b(?:n'ai pas (?:encore |vraiment )?(?:de |d')(?:sujets?|idees?|themes?)${NOT_OF_TOPIC}|n'avons pas (?:encore )?(?:de |d')(?:sujets?|idees?|themes?)${NOT_OF_TOPIC}|pas encore (?:de |d')(?:sujets?|idees?|themes?)${NOT_OF_TOPIC}|ne sais? pas (?:encore |trop |vraiment )?(?:sur quoi|de quoi|quoi) (?:parler|presenter|proposer)|(?:don't|do not|dont) (?:have|know) (?:a |any )?(?:topic|subject|idea)s?(?: yet)?\\b${NOT_OF_TOPIC}|` +
    `(?:no|not a) (?:topic|subject) yet|(?:don't|do not|dont) know (?:yet )?what (?:to|i (?:could|would|should)) (?:talk|speak|present)|not sure (?:yet )?what (?:to|i (?:could|would|should)) (?:talk|speak|present))`,
);
/**
 * The offer is put off (folded): « quand j'aurai fini notre migration », « l'année prochaine », "once we're done", "next
 * year", "when I have the time" — with no title nor length it offers nothing yet.
 */
const OFFERS_LATER =
  /\b(?:quand (?:j'aurai|nous aurons|on aura) (?:fini|termine|le temps|avance|du recul)|une fois (?:que )?(?:la|notre|ma|le|mon) [a-z' ]{3,30}(?:termine|finie?|achevee?)|l'(?:annee|an) prochaine?|(?:next|later this) year|(?:once|when) (?:i'm|i am|we're|we are|it's|it is|the migration is) (?:done|finished|ready|over)|when (?:i|we) (?:have|get) (?:the |some |more )?time)/;
/**
 * Is the offer itself put off — the time to come said in a sentence offering or naming the talk (« J'aimerais proposer un
 * talk l'année prochaine »)? Not the project's own calendar told in the description: « La bascule finale est prévue
 * l'année prochaine », "The last services move next year".
 */
function offersLater(folded: string): boolean {
  return folded.split(/(?<=[.!?;])\s+|\n+/).some((s) => OFFERS_LATER.test(s) && (TALK_WORD.test(s) || LATER_OFFER_VERB.test(s)));
}
/** Verbs of offering a talk (folded), for a sentence that puts the offer off with no talk word. */
const LATER_OFFER_VERB = /\b(?:propos\w*|present(?:er|erai|erais|ing)?|parler|intervenir|give|speak|talk)\b/;
/** Talk words, with the few a speaker writing from abroad uses: Spanish « charla », « ponencia », German « Vortrag ». */
const TALK_WORD = /\b(talks?|speak|speaking|programme|program|lightning|demo|retour d'experience|workshop|atelier|orateurs?|oratrices?|speakers?|slides|meetups?|conference|presentation|expose|eclair|charlas?|ponencias?|vortrag|blitzvortrag)\b/;
/** Without one of these (folded) stems, no proposal signal below can fire. */
const KEYWORDS = /talk|demo|minute|parler|montrer|expliqu|show|explain|slot|creneau|confer|present|expos|propos|abstract|resume|titre|title|slide|eclair|speaker|orat|cfp|interven|soumi|submi|sujet|topic|intitul|descri|duree/;
/** "Vous cherchez encore des orateurs ?", "if you're looking for speakers" (folded). */
const LOOKING_FOR_SPEAKERS = /\b(?:looking for|searching for|need|cherchez|recherchez|manquez d[e']|besoin d[e'])\s*(?:encore\s+|more\s+|still\s+)?(?:des\s+|d'\s*|de\s+|some\s+|a\s+)?(?:speakers?|orateurs?|oratrices?|intervenants?|intervenantes?|talks?|sujets?|presentations?)\b/;
/** Conference mass mailings: they say "call for papers" too, but to us, not from a speaker. */
const ACADEMIC = phraseRegExp('ACADEMIC_CALL', ['camera[- ]ready', 'proceedings', 'submission deadline', 'important dates', 'indexed (in|by)', 'scopus', 'peer[- ]review']);
/**
 * A sales pitch under a talk-like subject ("Proposal: Talk about boosting your website traffic by 300%" over « we can put
 * your website on the first page of Google … reply YES for a free audit »), folded: the reader solicited (a webmaster
 * addressed, « reply YES », a free audit or quote) for something sold (search ranking, marketing) or at a price. A talk
 * on an SEO tool or on cloud costs names these things, not the reader: the solicitation must be there.
 */
const SOLICITING: Phrases = {
  en: [
    '\\b(?:hello|hi|dear) webmaster\\b', '\\bdear (?:sir|madam|sir or madam)\\b', '\\b(?:reply|answer|respond) (?:with )?"?(?:yes|oui)\\b',
    '\\b(?:free|complimentary|no-cost) (?:audit|quote|consultation|analysis|seo|site review|website review)\\b', '\\bclaim your (?:free|complimentary)\\b',
  ],
  fr: ['\\brepondez (?:par )?"?oui\\b', '\\b(?:audit|devis|diagnostic) (?:gratuit|offert)'],
};
const SOLICITS = phraseRegExp('SOLICITING', SOLICITING);
const SELLING: Phrases = {
  en: ['\\b(?:seo|link building|backlinks?|referencement naturel|(?:digital|social media|email) marketing)\\b', '\\b(?:first|1st) page (?:of|on) google', '\\branking on google'],
  fr: ['\\bpremiere page (?:de|sur) google'],
};
const SELLS = phraseRegExp('SELLING', SELLING);
const PRICE = /\$\s?\d|\d\s?(?:\$|€|eur\b|euros?\b|usd\b)|\/\s?(?:month|mo|mois)\b|\bper month\b|\bpar mois\b|\bprices? (?:start|from)\b/;
const salesPitch = (folded: string) => SOLICITS.test(folded) && (SELLS.test(folded) || PRICE.test(folded));
/**
 * A service sold to the group (folded): addressed to its events or members (« la captation vidéo de vos conférences »,
 * "catering for your meetups") at a price or by a brochure. A speaker offers a talk to the group, not a quote: under
 * « Proposition : captation vidéo de vos conférences » the subject's lead-in proposes the service.
 */
const FOR_YOUR_EVENTS = /\b(?:vos|votre) (?:meetups?|evenements?|conferences?|soirees?|rencontres?|membres|communaute|participants|intervenants|presentations|talks)\b|\byour (?:meetups?|events?|talks|conferences?|members|community|attendees|speakers|presentations)\b/;
// The seller's own price, not a price as a talk's topic (« tarifs », "pricing", "rates", "quote" alone: « présenter à
// vos membres une comparaison des offres managées : tarifs, performances »; "cache hit rates")
const AT_A_PRICE =
  /\b(?:devis|plaquette|brochure|price list|(?:nos|notre) (?:tarifs?|forfaits?|prix)|a (?:un )?tarifs? (?:associatifs?|preferentiels?|reduits?|degressifs?|negocies?)|(?:our|my) (?:rates|pricing|prices|packages?)|(?:a free|free|request a|get a) quote|packages? (?:start|from)|a partir de \d|starting (?:at|from) \S*\d)/;
/** A newsletter's footer (folded). */
const NEWSLETTER_FOOTER: Phrases = {
  en: ['unsubscribe', 'view (this|it) in (your|a) browser'],
  fr: ['desinscri', 'desabonn', 'se desinscrire', 'version en ligne'],
};
const UNSUBSCRIBE = phraseRegExp('NEWSLETTER_FOOTER', NEWSLETTER_FOOTER);

/**
 * Mail about a proposal rather than one (folded): one already sent (« J'ai envoyé … une proposition … l'avez-vous
 * reçue ? », "did you get my proposal?"), withdrawn (« je dois retirer ma proposition »), given already (« voici les
 * transparents de ma présentation … hier »), or someone else's talk suggested ("Not a proposal from me… you should invite").
 */
/**
 * The writer offering to give the talk just wished for, a little further on: "It would be great to have a talk about
 * pgvector. I can give it myself", « Ce serait bien d'avoir une présentation sur la sécurité. Je peux la faire », "… more
 * talks on internals. I'd like to propose one on the WAL" (folded).
 */
const GIVES_IT_MYSELF =
  "[\\s\\S]{0,200}?\\b(?:i can(?!'t| not)|i could(?!n't| not)|i'd be (?:happy|glad) to|i would be (?:happy|glad) to|i'm (?:happy|glad) to|happy to|i(?:'d| would) (?:like|love) to|je peux|je pourrais|je veux bien|je voudrais|j'aimerais|je souhaite|je me propose de|volontiers)\\b[^.!?]{0,20}?\\b(?:give|present|do|run|talk|propose|submit|faire|presenter|donner|animer|parler|proposer|soumettre)\\b";
const ABOUT_A_PROPOSAL_PHRASES: Phrases = {
  'sent: did it arrive': [
    "\\b(?:avez-vous|vous avez|as-tu) (?:bien )?recu (?:ma|notre|mon)\\b",
    "\\bl'avez-vous (?:bien )?recue?\\b",
    "\\bvous l'avez (?:bien )?recue?\\b",
    '\\bdid you (?:get|receive) (?:my|our)\\b',
  ],
  withdrawn: [
    '\\b(?:je dois|je vais devoir|je suis oblige de|je prefere|nous devons) (?:retirer|annuler)\\b',
    "\\bi (?:have to|need to|must|'m going to have to) (?:withdraw|cancel|pull)\\b",
  ],
  'given already': [
    // (or its notes, its recording: a text file attached with them reads as a proposal's — review of d6f2661)
    '\\b(?:voici|here are|ci-joint|ci-jointes?|ci-joints|attached are|attached|enclosed)\\b[^.!?]{0,30}?\\b(?:transparents|slides|diapos|notes|supports?|compte-rendu|enregistrement|recording|recap|write-up)\\b[^.!?]{0,80}?\\b(?:hier|d.hier|hier soir|yesterday|last night|last week|la semaine derniere)\\b',
    '\\bmerci (?:encore )?pour l.accueil\\b',
    '\\bthanks? (?:again )?for having me\\b',
    // a talk heard, praised: « Le talk sur « Vacuum sans peur » était top », "your talk was great", « bravo pour ton exposé »
    // — not the writer's own (« Mon talk à Lyon était top, alors je vous le propose »)
    '(?<!\\b(?:mon|ma|mes|notre|nos|my|our) )\\b(?:talk|presentation|expose|intervention|lightning)s?\\b[^.!?]{0,80}?\\b(?:etait|etaient|a ete|was|were) (?:vraiment |tres |super |really |so |just )?(?:top|super|genial|geniale|excellente?|great|awesome|brilliant|passionnante?|interessante?|interesting|fascinante?|fascinating|amazing|parfaite?|perfect)\\b',
    '\\b(?:bravo|congrats|congratulations|felicitations) (?:pour|for|on) (?:le|ton|votre|ta|la|your|the|his|her) (?:talk|presentation|expose|intervention|lightning)\\b',
    // its slides or its recording asked for (parse audit 10): "Can you share the recording of the lightning talks from last
    // Tuesday?", « Pourriez-vous partager les slides du talk sur Patroni ? », "Will the videos be online?" — asked: the
    // sentence is a question and the French verb inverted (review 10: a speaker's « Je peux vous envoyer les slides à
    // l'avance », « Les slides seront disponibles après le meetup », « La vidéo de ma présentation est en ligne » offer or
    // point to their own; "Could you send me the slides template?" asks how to make them, "Could you share my slides with
    // the attendees?" passes on their own)
    '\\b(?:can|could|would|will) you (?:please )?(?:share|send|post|upload|publish|put online)\\b(?![^.!?]{0,60}\\b(?:templates?|models?)\\b)[^.!?]{0,40}?(?<!\\b(?:my|our) )\\b(?:recordings?|videos?|slides|decks?|replays?)\\b[^.!?]{0,80}\\?',
    "\\b(?:pourriez|pouvez|pourrais|peux|pourrait|peut)-(?:vous|tu|on)\\b(?![^.!?]{0,60}\\b(?:modeles?|gabarits?|templates?|charte)\\b)[^.!?]{0,20}?\\b(?:partager|envoyer|publier|mettre en ligne|transmettre|diffuser)\\b[^.!?]{0,40}?(?<!\\b(?:mes|nos|ma|mon|notre) )\\b(?:slides|diapos|transparents|supports?|enregistrements?|videos?|replays?)\\b[^.!?]{0,80}\\?",
    '\\b(?:will|are|is) (?:the )?(?:recordings?|videos?|slides|replays?)\\b[^.!?]{0,40}?\\b(?:available|online|published|shared|uploaded)\\b[^.!?]{0,80}\\?',
    "\\b(?:les|la|le) (?:slides|diapos|videos?|enregistrements?|replays?)\\b[^.!?]{0,40}?\\b(?:seront|sera|sont|est)-(?:ils|elles|il|elle) (?:disponibles?|en ligne|publiee?s?|partagee?s?)\\b",
  ],
  "someone else's": ['\\bnot a proposal from me\\b', "\\bce n'est pas une proposition de ma part\\b", '\\byou should invite\\b', '\\bvous devriez inviter\\b'],
  // a topic wished for, to be given by someone else: « je ne connais pas assez le sujet pour le présenter moi-même »,
  // "I don't know it well enough to present it myself", « quelqu'un dans la communauté pourrait le faire »
  // (parse audit 10) a talk wished for and its speaker sought: "It would be great to have a talk about pgvector … Does anyone
  // in the group work on that?", « ce serait bien d'avoir une présentation sur la sécurité », « quelqu'un connaît le sujet ? »
  'for someone else to give': [
    // …unless the writer then offers to give it ("… — I can give it myself", « Je peux la faire », review 10): then it is
    // an offer; and the speaker sought asks after the topic (« le sujet », "that"), not a rhetorical question in an
    // abstract ("Does anyone actually use logical replication in production? We do…", « Quelqu'un utilise encore … ? »)
    `\\b(?:it would be|it'd be|would be) (?:great|nice|cool|awesome|interesting|good|useful) to (?:have|hear|see|get) (?:a |an |some |more )?(?:talks?|presentations?|sessions?|lightning talks?|speakers?)\\b(?!${GIVES_IT_MYSELF})`,
    `\\bce (?:serait|serais) (?:bien|super|top|interessant|genial|chouette|utile) (?:d'avoir|de voir|d'entendre|qu'il y ait) (?:un |une |des )?(?:talks?|presentations?|exposes?|interventions?|lightning talks?|sessions?)\\b(?!${GIVES_IT_MYSELF})`,
    "\\b(?:does|do) (?:anyone|anybody|someone|somebody)\\b[^.!?]{0,30}?\\b(?:work on|works on|know(?: about)?|use|have experience (?:with|in)) (?:that|this|it|the (?:topic|subject))\\b",
    "\\bquelqu'un (?:dans le groupe |parmi vous |dans la communaute )?(?:connait|travaille sur|utilise|maitrise) (?:(?:bien |assez )?(?:le|ce) sujet|ca|cela)\\b",
    "\\b(?:ne|n')[^.!?]{0,60}?\\b(?:le |la |l'|en )?(?:presenter|faire|donner|parler)\\s+(?:moi-meme|nous-memes?)\\b",
    "\\b(?:can't|cannot|couldn't|can not|not (?:able|qualified|expert enough)|don't know [^.!?]{0,30}?enough)[^.!?]{0,60}?\\b(?:present|give|do|talk about)(?: it| this| that)? myself\\b",
    "\\bquelqu'un (?:d'autre |dans la communaute |de la communaute |parmi vous )?(?:pourrait|saurait|voudrait|devrait) (?:le faire|le presenter|en parler|s'en charger|(?:faire|donner|presenter|proposer) (?:un|une) (?:talk|presentation|expose|lightning|intervention))",
    '\\bsomeone (?:else |in the community |from the community )?(?:could|should|might|would) (?:do it|give it|present it|talk about it|take it|(?:give|do|present) (?:a|an) (?:talk|presentation|lightning))',
  ],
};
// (asked yes or no: one alternative at a time, text/any-of.ts)
const ABOUT_A_PROPOSAL = anyOf(phraseRegExp('ABOUT_A_PROPOSAL_PHRASES', ABOUT_A_PROPOSAL_PHRASES));
/**
 * A proposal sent before (folded) — about it only with a word of its arrival (« aucun accusé de réception », "did it
 * arrive"): "I submitted this talk to PGConf EU last year, I would like to give it here" is a proposal.
 */
const SENT_BEFORE =
  /\b(?:j'ai|je vous ai|nous avons|je t'ai) (?:deja |bien )?(?:envoye|soumis|propose|adresse|transmis)\b[^.!?]{0,80}?\b(?:proposition|soumission|talk|sujet|presentation)|\bi (?:already |have |had )?(?:sent|submitted|emailed)\b[^.!?]{0,60}?\b(?:proposal|submission|talk|abstract)/;
const ARRIVAL = /\b(?:recue?|received|receipt|accuse de reception|arrive[ed]?|got it|get it)\b/;

/**
 * A length closing the subject after a dash, a comma or in brackets (folded): « Proposition – Dix ans de PostGIS – 30 min »,
 * "Proposal: Backups that restore (20 minutes)" — the lead-in names a talk by its slot as « talk » would (parse audit 13).
 */
const SLOT_AT_THE_END = /(?:\s[–—-]|,|\(|\[)\s*(?:~\s*|env\.?\s*|environ\s+|about\s+)?\d{1,3}\s*(?:min|mins|minutes|mn|')\s*[)\]]?\s*$/;

/** Frozen: proposalScore gives every caller the same score for a source. */
export interface Score {
  readonly score: number;
  readonly signals: readonly string[];
}

/** A reply's subject: « Re: », "AW:", "SV:", "Antw:" (with a count: "Re[2]:"). */
const REPLY_SUBJECT = /^\s*(re|aw|sv|r|antw)\s*(\[\d+\])?\s*:/i;
/** What names a talk in a text sample (`folded` its fold, lines wrapped joined) — without it proposalScore stops early. */
const namesTalk = (sample: string, folded: string) => KEYWORDS.test(folded) || /\bLT\b|[Ll]i\w{5,9}/.test(sample);

/**
 * proposalScore is below THRESHOLD for any source in the sender's own words `own` (source.ts's ownSource), whoever it
 * names as the author — asked before those are looked for. The score then stops at its early exit (nothing in the
 * subject or the text names a talk) holding the list headers (≤ 0), a reply's bump and a proposal passed on (+2): below
 * THRESHOLD but in answer to a call or an invitation (2.5 + 2 + 2), left to the score. Whatever the source, its subject
 * is the mail's and its text `own` or a suffix of it cut where a line or a sentence starts; none of namesTalk's stems
 * (letters alone, no boundary but the \b of "LT", which holds after a stop or a line's end) is in such a suffix, wherever
 * its first SAMPLE characters end, that is not in the whole of `own` — fold and the wrapped lines' join change letters
 * each alone. A text longer than SAMPLE is left to the score, not read whole here.
 */
export function offersNoTalk(mail: Mail, own: string): boolean {
  if (own.length > SAMPLE) return false;
  if (REPLY_SUBJECT.test(mail.subject) && (answersCallForTalks(mail.subject) || answersInvitation(mail.subject))) return false;
  const subject = mail.subject.slice(0, MAX_SUBJECT);
  const fSubject = fold(subject);
  if (TALK_WORD.test(fSubject) || mentionsLightning(fSubject, subject) || titleFromSubject(subject).tagged) return false;
  return !namesTalk(own, fold(own.replace(WRAPPED, '$1 ')));
}

/**
 * The score of a source already weighed (issue 12): source.ts scores the sources it chooses between (a forwarder's note
 * and the message under it, a relayed text with and without its lead), then looksLikeProposal scores the one chosen —
 * the same object, for the same mail. Kept by the source object with its mail; a source is never changed once made (a
 * Mail neither), and the score is frozen, its signals too: every caller shares it.
 */
const scored = new WeakMap<ProposalSource, { mail: Mail; score: Score }>();

export function proposalScore(mail: Mail, src: ProposalSource): Score {
  const kept = scored.get(src);
  if (kept?.mail === mail) return kept.score;
  const { score, signals } = scoreOf(mail, src);
  const frozen: Score = Object.freeze({ score, signals: Object.freeze(signals) });
  scored.set(src, { mail, score: frozen });
  return frozen;
}

function scoreOf(mail: Mail, src: ProposalSource): Score {
  const signals: string[] = [];
  let score = 0;
  let positives = 0;
  /** `evidence` false: a point that says nothing of a talk by itself (the meetup named: every member's mail does). */
  const bump = (n: number, why: string, evidence = true) => {
    score += n;
    if (n > 0 && evidence) positives++;
    signals.push(`${why} ${n > 0 ? '+' : ''}${n}`);
  };
  const h = mail.headers;
  if (h['list-unsubscribe'] || h['list-id']) bump(-4, 'list headers');
  if ((h['precedence'] ?? []).some((v) => /bulk|junk|list/i.test(v))) bump(-4, 'bulk precedence');
  if ((h['auto-submitted'] ?? []).some((v) => !/^no\b/i.test(v))) bump(-4, 'auto-submitted');

  const isForward = src.forwardedBy !== null || FORWARD_SUBJECT.test(mail.subject);
  const isReply = !isForward && REPLY_SUBJECT.test(mail.subject);
  // An answer to a call for talks is where proposals come from; any other reply is rarely one.
  const answersCall = isReply && answersCallForTalks(mail.subject);
  if (answersCall) {
    bump(2.5, 'answer to a call for talks');
    // « Je me lance : « … » », "Count me in": in answer to a call, volunteering is offering a talk
    const opening = fold(src.text.slice(0, 600));
    if (VOLUNTEERS.test(opening) && !DECLINES.test(opening)) bump(2, 'volunteers in answer to the call');
  }
  // "Re: Would you give a talk in June?" — « Avec plaisir ! Je présenterai « … », 30 minutes »: the invited speaker names
  // the talk; a no (« je dois malheureusement décliner ») offers none, whatever it says of later
  else if (isReply && answersInvitation(mail.subject)) {
    bump(2.5, 'answer to an invitation to speak');
    const top = fold(src.text.slice(0, 300));
    if (ACCEPTS.test(top) && !DECLINES.test(top)) bump(2, 'says yes to the invitation');
  }
  // "Re: Prochain meetup le 10 avril — si vous cherchez des orateurs, je me propose…": an announcement calls for talks
  // between the lines; alone this does not make a proposal, an offer in the new text does.
  else if (isReply && answersAnnouncement(mail.subject)) bump(1.5, 'answer to a meetup announcement');
  else if (isReply) bump(-3, 'reply subject');
  if (!isForward && mail.inReplyTo) bump(-1, 'in-reply-to');
  // « Je vous transmets la proposition de ma collègue Nadia Cherif : » — the line passing it on (cut from the text read
  // below) says a proposal is what follows
  if (src.relayed) bump(2, 'a proposal passed on');

  const subject = src.subject.slice(0, MAX_SUBJECT);
  const subj = titleFromSubject(subject);
  const fSubject = fold(subject);
  // "Proposition de talk : <title>", "[LT] <title>" say it all; a bare "CFP:" less (academic CFP spam)
  const bareSubject = fold(stripReplyPrefixes(subject));
  const strongTag = subj.title !== null && !/^\s*(cfp|call for)/.test(bareSubject);
  // a subject that asks about lightning talks names them as its topic, not as what is offered (a talk word, below)
  const asking = ASKING_SUBJECT.test(bareSubject);
  if (subj.tagged || (mentionsLightning(fSubject, subject) && !asking)) bump(isReply ? 1 : strongTag ? 4 : 3, 'proposal subject');
  // the call's own name (« Re: Appel à orateurs ») was counted as an answer to it: its words are the call's, not the writer's
  else if (!answersCall && TALK_WORD.test(fSubject.replace(/\bmeetups?\b/g, ''))) bump(1.5, 'talk word in subject');

  const byTheSubject = positives;
  const sample = src.text.slice(0, SAMPLE);
  // a sentence the client wrapped ("…on the agenda I\ncould do a quick 10-minute demo") is read whole: the phrases below stop at a line's end
  const folded = fold(sample.replace(WRAPPED, '$1 '));
  // most mail never mentions a talk: skip the field parse and the phrase regexes for it
  if (!subj.tagged && !TALK_WORD.test(fSubject) && !namesTalk(sample, folded)) return { score, signals };
  // « Proposition : covoiturage depuis Lyon » over a text about sharing a car, "Talk: can we move the meetup?" over a
  // question of dates: the subject's lead-in alone says proposal, and a text long enough to say more gives nothing a
  // talk's text gives (no talk word, offer, title, length, field, slides) — the lead-in was the writer's proposition,
  // not a talk's. Under a lead-in that names a talk (« Proposition de talk : X », "[LT] X", "Talk: X"), only when its
  // title asks a question; a text too short to say anything (a subject and « Merci ») leaves the subject standing.
  const onlyTheSubject = (): boolean =>
    subj.tagged &&
    positives === byTheSubject &&
    folded.replace(/\s+/g, ' ').trim().length >= 60 &&
    (!(TALK_WORD.test(fSubject.replace(/\bmeetups?\b/g, '')) || mentionsLightning(fSubject, subject) || /\b(?:lt|cfp)\b/.test(fSubject) || SLOT_AT_THE_END.test(fSubject)) || /\?\s*$/.test(subj.title ?? ''));
  // a footer's words, unless the subject uses them too: then they are the topic (« Désabonnement : supprimer des données RGPD »)
  if (UNSUBSCRIBE.test(folded) && !UNSUBSCRIBE.test(fSubject)) bump(-3, 'newsletter footer');
  if (ACADEMIC.test(folded)) bump(-3, 'academic call for papers');
  // decisive: a seller offering « a talk » to sell something is still selling (an offer to present outweighed a -4)
  if (salesPitch(folded)) bump(-8, 'a sales pitch');
  if (FOR_YOUR_EVENTS.test(folded) && (AT_A_PRICE.test(folded) || PRICE.test(folded))) bump(-4, 'a service sold for the group\'s events');
  if ((folded.match(/https?:\/\//g) ?? []).length > 15) bump(-2, 'many links');

  const fields = parseFields(sample.split('\n').slice(0, 120));
  const f = fields.values;
  // « Je propose : Les extensions indispensables en 2027 » over « 45 mn pour faire le tour de … »: the offer labelling its
  // title, and a length the text states for it, are two of the call's fields as « Titre : » and « Durée : » are — not a
  // way there (« à 10 minutes du métro », "5 minutes walk"), which proposes a place (parse audit 13)
  // (nor the evening's own length: « Durée de la soirée : 3 heures » — a talk's is two hours at most)
  const lengthStated = (text: string) => {
    const found = durationFromProse([text]);
    return found !== null && found.minutes <= 120 && !WAY_THERE.test(fold(text)) && !EVENING_LENGTH.test(fold(text));
  };
  const scoreOf = (v: typeof f, text: string) =>
    (v.title || OFFER_AS_LABEL.test(text) ? 2 : 0) + (v.abstract ? 2 : 0) + (v.duration || (!v.title && OFFER_AS_LABEL.test(text) && lengthStated(text)) ? 1 : 0) + (v.speakers ? 1 : 0) + (v.format ? 1 : 0) + (v.language ? 0.5 : 0);
  const fieldScore = scoreOf(f, sample);
  // « Vous trouverez ci-joint ma proposition », "My proposal is in the attached file": the call's fields filled in
  // a text file attached (.txt, .md) under the note count as the note's would
  const doc = fieldScore >= 3 ? null : attachedText(src.parts);
  const docScore = doc ? scoreOf(parseFields(doc.text.slice(0, SAMPLE).split('\n').slice(0, 120)).values, doc.text.slice(0, SAMPLE)) : 0;
  // one stray "Description :" is not a form; two fields are
  if (fieldScore >= 3) bump(Math.min(fieldScore, 5), 'labelled fields');
  else if (docScore >= 3) bump(Math.min(docScore, 5), 'labelled fields in an attached text file');
  // « voici mon sujet : tous les détails sont dans le fichier texte joint » over sujet.txt, a title on its first line over
  // its description: a proposal's shape in the file, and the note sending the reader to it
  else if (doc && (standaloneTitle(doc.text.slice(0, SAMPLE)) || titleFromProse(doc.text.slice(0, SAMPLE))?.strong)) {
    bump(2, 'a title over a description in an attached text file');
    // as much as slides attached (below): the note sends the reader to the file
    if (POINTS_TO_ATTACHMENT.test(folded)) bump(1.5, 'the note points to the attached file');
  }
  // "Talk proposal" over "Title: …" and the text: the subject says what the labelled title is (a signature's
  // "Title: Senior DBA" under any other subject is a job)
  else if (f.title && subj.tagged && !isReply) bump(1.5, 'a labelled title under a proposal subject');

  if (ABOUT_A_PROPOSAL.test(folded) || (SENT_BEFORE.test(folded) && ARRIVAL.test(folded))) bump(-4, 'about a proposal, not one');
  // « je propose qu'on prenne P-0031 en talk principal »: a proposal filed already, discussed (organizers Cc'ing the inbox)
  if (/\bp-?\d{4}\b/.test(folded)) bump(-2, 'names a filed proposal');
  const offered = INTENT.test(folded) || DIRECT.test(folded) || TITLE_AND_LENGTH.test(sample) || FOR_A_COLLEAGUE.test(folded);
  // (OFFER read once: it is only asked when no offer was found)
  const presents = !offered && OFFER.test(folded);
  if (offered) bump(3, 'offer to give a talk');
  else if (presents) bump(2, 'offer to present');
  else if (PROPOSES_ELSE.test(folded)) bump(-2, 'proposes something else than a talk');
  // "Are you looking for speakers? I could talk about…": the offer answers the group's own call, asked in the text.
  if ((offered || presents) && LOOKING_FOR_SPEAKERS.test(folded)) bump(1, 'answers a call for speakers');
  const lightning = mentionsLightning(folded, sample);
  // whether it is more than the meetup's name matters only under a proposal's subject (onlyTheSubject): read only there
  if (TALK_WORD.test(folded) || lightning) bump(1, 'talk word in body', lightning || !subj.tagged || TALK_WORD.test(folded.replace(/\bmeetups?\b/g, '')));
  const hasDuration = durationsIn(folded).length > 0;
  if (hasDuration) bump(0.5, 'a duration');
  const titled = titleFromProse(sample);
  if (titled) bump(titled.strong ? 1.5 : 1, 'a title in the prose');
  // a no at the top of an answer to a call or an invitation, naming no talk: what it says of later is no offer now
  // (« Malheureusement je ne serai pas disponible … je pourrais présenter un talk à l'automne ? »); a no that names its
  // talk (« pas en mars, mais pour avril : « … » ») offers that one
  if ((answersCall || (isReply && answersInvitation(mail.subject))) && !f.title && !titled && DECLINES.test(folded.slice(0, 400))) bump(-6, 'declines');
  if (hasSlides(src.parts)) bump(1.5, 'slides attached');
  // the shape of a proposal without the words of one: a title on its own line over its description, a talk described
  const titleLine = !f.title && standaloneTitle(sample) !== null;
  if (titleLine) bump(2, 'a title line over a description');
  const described = DESCRIBES.test(folded);
  if (described) bump(1.5, 'describes a talk to come');
  // « Je voudrais proposer un talk sur X… jusqu'à quand peut-on envoyer ? »: an intention and a question about the
  // call, with neither a title nor a description yet, asks; the proposal is still to come
  if (ASKS_ABOUT_CALL.test(folded) && !f.title && !f.abstract && !titled && !titleLine && !described) bump(-4, 'a question about the call, no talk described');
  // « J'aimerais bien parler un jour au meetup, mais je n'ai pas encore de sujet » : the wish to speak, no topic yet to offer
  else if (NO_TOPIC_YET.test(folded) && !f.title && !f.abstract && !titled && !titleLine && !described) bump(-4, 'no topic yet');
  // « J'aimerais proposer un talk l'année prochaine, quand j'aurai fini notre migration. Je reviendrai vers vous » : an offer
  // for later, with no title yet, is none now (what it says it will be about is no talk's description)
  else if (offersLater(folded) && !f.title && !f.abstract && !f.duration && !titled && !titleLine && !hasDuration) bump(-4, 'an offer for later');
  if (onlyTheSubject()) bump(-1.5, 'only the subject leads in');
  return { score, signals };
}
