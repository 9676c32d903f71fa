/**
 * A title written in prose: « Je souhaiterais présenter un talk intitulé « Partitionnement … » »,
 * "I'd like to give a talk called "Logical replication at scale"". Quoted titles after a naming word are
 * trusted most; an unquoted one after a naming word next; a quoted phrase near a talk word last.
 */
import { matchLabel } from './fields.ts';
import { LENGTH_IN_WORDS } from './durations.ts';
import { looksLikePersonName } from '../text/names.ts';
import { CLOSING } from '../text/signature.ts';
import { type Phrases, phraseRegExp } from '../text/phrases.ts';
import { topLevelAlternatives } from '../text/any-of.ts';

const OPEN = '«"“„‘\'';
const NAMING =
  "(?:intitul[ée]e?s?|titled|entitled|called|named|nomm[ée]e?s?|appel[ée]e?s?|ayant pour titre|avec (?:pour|comme) titre|sous le titre|(?:with|under) (?:the )?title|pour titre|dont le titre (?:serait|est|sera)|(?:le|mon|son) titre (?:serait|est|sera|pourrait [êe]tre)|(?:(?:the|my|its|his|her) )?(?:working )?(?<![a-z])(?<!\\b(?:job|position|official|professional|current) )title (?:is|would be|will be|could be|shall be))";
// (English written abroad leaves the article out: "a talk with title Migration from Oracle…", "Title will be "…"")
/**
 * « titre provisoire « X » », "working title 'X'", « sur le thème « X » », "on the topic "X"", "Subject is "X"", « le sujet
 * serait « X » » (English written abroad names the talk by its subject): quoted only (with a colon,
 * INLINE_LABEL reads the whole title; « sur le thème de la réplication » names a topic, no title).
 */
const PROVISIONAL =
  "(?:\\b(?:titre|title)(?=\\s*[«\"“])|titre provisoire|titre de travail|working title|provisional title|tentative title|(?:proposal|proposition|talk|sujet|topic)(?:\\s+(?:for|pour)\\s[^:\\n«»\"“”]{0,40}?)?\\s*:|(?:sur|autour d[ue]|avec pour|ayant pour|on|around) (?:le |la |l'|the )?(?:th[èe]me|sujet|topic|theme|subject)|\\b(?:(?:the|my|le|mon) )?(?:subject|topic|theme|sujet|th[èe]me) (?:is|would be|will be|est|serait|sera))";
const QUOTED_AFTER_NAMING = new RegExp(`(?:${NAMING}|${PROVISIONAL})\\s*:?\\s*[${OPEN}]\\s*([^\\n]{3,200}?)\\s*(?:»|"|”|“|’|')(?=[\\s,.;:!?)]|$)`, 'i');
const BARE_AFTER_NAMING = new RegExp(`${NAMING}\\s*:?\\s+(\\p{Lu}[^\\n]{2,150}?)(?:[.!?;](?:\\s|$)|,\\s|\\s[(—–-]\\s|\\n|$)`, 'iu');
/**
 * "… maybe 15 min. Working title: Autovacuum, the missing manual." — a title label in the middle of a line; "Title of my
 * talk - From Oracle to Postgres in 6 months." (English written abroad: the talk named after the label, a dash for its colon). Quoted, the
 * title may open in lower case, on a tool's name (« Titre : « pgBadger en 5 minutes chrono ». »): the quotes bound it.
 * "My job title: Staff Engineer at Acme." names no talk. A question mark (or an exclamation mark) ending the line ends the
 * title, not its sentence: « … si ça vous dit. Titre : TimescaleDB ou partitionnement natif ? » keeps it (parse audit 12);
 * so does one a new sentence follows on the line ("Title: Do you really need an ORM? Let me know if that fits.").
 */
const INLINE_LABEL = /\b(?:(?:working|proposed|tentative|possible|provisional|talk)\s+title|(?<!\b(?:job|position|official|professional|current)\s+)title(?:\s+of\s+(?:my|the|our)\s+(?:talk|presentation|session))?|titre(?:\s+(?:provisoire|de travail|envisag[ée]e?|propos[ée]e?|pr[ée]vue?|possible|du talk|d[ée]finitif|de\s+(?:mon|ma|notre)\s+(?:talk|pr[ée]sentation|expos[ée]|intervention)))?)(?:\s*:|\s+[–—-])\s*(?:([«"“])\s*)?((?:\p{Lu}|(?<=[«"“]\s*)\p{N})[^\n«»"“”]{2,150}?(?:\s*[?!](?=\s*[»"”]?(?:[ \t]*(?:\n|$)|[ \t]+\p{Lu})))?)\s*[»"”]?(?:[.!?](?:\s|$)|\n|$|(?<=[?!][»"”]?[ \t]+)(?=\p{Lu}))/iu;
/**
 * A format's name opening a sentence, then a colon and the title, in the middle of a line: "I'm in! Lightning talk: Advisory
 * locks as a job queue." (parse audit 11; at a line's start, fields.ts reads it as a label). Capitalised, as a label is.
 */
const SENTENCE_FORMAT_LABEL = /(?<=[.!?]\s+)(?:Lightning(?:\s+talk)?|LT|Talk|Atelier|Workshop|Pr[ée]sentation|Expos[ée])\s*:\s*(\p{Lu}[^\n]{2,150}?)\s*(?:[.!?](?:\s|$)|\n|$)/u;
/**
 * Where and when a bare title was offered, after it on its line: "a talk called Storing genomes in PostgreSQL at one of your
 * meetups." (the HTML's <strong> around the title is gone from its text — parse audit 11), « … au prochain meetup ».
 */
const MEETUP_TAIL =
  /\s+(?:(?:au|à|a|lors d[eu']|pendant|pour) (?:un |une |le |la |l'|votre |vos |)(?:prochaine?s?|meetups?|rencontres?|soir[ée]es?)\b.*|(?:at|for|during) (?:the |one of |your |a |an |)(?:next|future|upcoming|one|meetups?|evening)\b.*)$/iu;
/**
 * A quoted phrase: «…», "…", “…”, or in single quotes '…' / ‘…’. A single quote opens only after a space or a
 * bracket and closes only before one, so apostrophes stay inside the title ('What's new in PostgreSQL 18') and
 * "Postgres' internals" opens nothing. Plain text marks a title with asterisks or underscores as well ("I would like to submit
 * *Upgrading with pg_upgrade --link*", Markdown's bold **…**, "_Streaming sensor data_" — parse audit 11; an underscore
 * between letters stays inside: *pg_stat_statements in practice*). Three groups: the double-quoted text, the single-quoted
 * text, the marked text. Marks also stress a word or two — « un talk *en anglais* sur … », "a talk *if there is still
 * room*": MARKED_TITLE says which marked text is a title (review of parse audit 11).
 */
const QUOTED = `(?:[«"“]\\s*([^\\n"”»]{3,200}?)\\s*[»"”]|(?<![\\p{L}\\p{N}])['‘]((?:[^\\n'‘’]|(?<=\\p{L})['’](?=\\p{L})){3,200}?)['’](?![\\p{L}\\p{N}])|(?<![\\p{L}\\p{N}*_])[*_]{1,2}(?!\\s)((?:[^\\n*_]|(?<=[\\p{L}\\p{N}])_(?=[\\p{L}\\p{N}])){3,200}?)(?<!\\s)[*_]{1,2}(?![\\p{L}\\p{N}*_]))`;
const QUOTED_NEAR_TALK = new RegExp(
  // a version's dot ("PostGIS 3.5", "PostgreSQL 17.2"), an address's or a name's (« avec Jeanne Perrot (jeanne.perrot@ovh.net), »,
  // "PGConf.EU") ends no sentence between the talk word and its quoted title: a dot between two letters or digits
  // "I'm proposing an hour-long session, "Hands-on pgvector"": the verb's -ing form, a session, offer as well
  // « Ci-joint le support de ma proposition « Réplication logique : les pièges » »: the proposal names what it proposes
  // « partager notre retour d'expérience : « Passer de 9.6 à 16 en un week-end » »: an experience report shared is a talk
  // « parler de pgvector et de la recherche sémantique dans PostgreSQL : « pgvector, de la démo à la prod » »: further on
  // in the sentence, a colon says the quotes name what was spoken of
  // « un exposé « X » », « un éclair de 5 minutes sur « X » »: a word ending (or opening) on an accented letter is bounded by
  // letters, not by \b (ASCII-only: it saw no word's end after « exposé »)
  `(?<![\\p{L}\\p{N}_])(?:talk|lightning|[ée]clair|pr[ée]sentation|conf[ée]rence|expos[ée]|intervention|atelier|workshop|table ronde|round ?table|panel|session|keynote|proposition|proposal|soumission|submission|tutori[ae]l|LT|pr[ée]senter|parler|present(?:ing)?|give|giving|speak|sujet|topic|proposer|propos(?:e|ing)|soumettre|submit(?:ting)?|retour d['’]exp[ée]rience|REX|RETEX|experience report|case study)(?![\\p{L}\\p{N}_])(?:(?:[^.\\n]|(?<=[\\p{L}\\p{N}])\\.(?=[\\p{L}\\p{N}])){0,60}?|(?:[^.\\n:]|(?<=[\\p{L}\\p{N}])\\.(?=[\\p{L}\\p{N}])){0,140}?:\\s*)${QUOTED}`,
  'iu',
);
/**
 * « souhaiterait présenter « X » », "I'd like to present "X"", « présenter en anglais : "X" » (the language said on
 * the way), "I'd like to propose a talk, "X", about 20 minutes" (or "a deep-dive talk", « une courte présentation »: a
 * word or two may say what kind): the quotes right after the offer's verb are the title, before
 * any subject's. A length may sit between the verb and what it is about: « parler 10 min de « X » », « faire 5 min sur
 * « X » » (a lightning offer's usual words), "talk for 5 minutes about "X"", "speak 20 min on "X"", "I can do 20
 * minutes on "X""; « intervenir sur « X » » is the same offer; so is volunteering in answer to a call: « Je me lance : « X » »,
 * "I'd be up for it: "X"", « Ça me tente : « X » » (parse audit 12; the \b before the group sees no word's start at « Ç »: the
 * « a » after it is matched).
 */
// the length in figures or in words: "I could do twenty minutes on "X"", « faire dix minutes sur « X » »
// a range as well: "I could do about 20-25 minutes on "X"", « faire 20 à 30 minutes sur « X » » (parse audit 12)
// or the durations' words: "I could do a quarter of an hour on "X"", « faire une demi-heure sur « X » » (parse audit 13)
const SPOKEN_LENGTH = `(?:(?:for\\s+|pendant\\s+|environ\\s+|about\\s+|around\\s+)?(?:(?:\\d+|cinq|dix|quinze|vingt|trente|five|ten|fifteen|twenty|thirty)\\s*(?:-|–|to|[àa]|or|ou)\\s*)?(?:\\d+|cinq|dix|quinze|vingt|trente|five|ten|fifteen|twenty|thirty)[\\s-]*(?:min(?:ute)?s?|mn)\\.?\\s+|(?:a\\s+|about\\s+|around\\s+|environ\\s+)?${LENGTH_IN_WORDS}\\s+)`;
// the future or the conditional says it too: « Je présenterai « X » », « je présenterais « X » »
const QUOTED_AFTER_OFFER = new RegExp(
  `\\b(?:pr[ée]senter(?:ai|ais|ait|ons|a)?|proposer|proposons|soumettre|soumettons|present|propose|submit|give|animer|run|host|moderate|je me lance\\s*[:!]|count me in\\s*[:!]|(?:i['’]?d be|i['’]?m|i am) up for (?:it|that|one)\\s*[:!]|(?:(?<=[çc])a|cela) me tente\\s*[:!]|parler\\s+${SPOKEN_LENGTH}?(?:de|d'|sur)|faire\\s+${SPOKEN_LENGTH}?sur|(?:talk|speak)\\s+${SPOKEN_LENGTH}?(?:about|on)|intervenir\\s+(?:sur|[àa] propos d[eu']|au sujet d[eu'])|(?:intervenir|pr[ée]senter|parler|present|speak|talk)\\s+(?:au|[àa]|lors d[ue']|at|during)\\s+(?:[\\p{L}'’-]+\\s+){0,3}?(?:meetups?|soir[ée]es?|rencontres?|[ée]v[ée]nements?|events?)\\b[^.!?\\n«"“]{0,30}?|(?:do|give|take)\\s+${SPOKEN_LENGTH}(?:about|on)|propose\\s+${SPOKEN_LENGTH}(?:about|on|sur)|(?<=(?:^|\\n\\s*)(?:une?\\s+|an?\\s+)?(?:petite?\\s+|bonne\\s+|small\\s+|short\\s+|good\\s+)?)${SPOKEN_LENGTH}(?:about|on|sur))\\s*(?:(?:en|in)\\s+(?:anglais|fran[çc]ais|english|french)\\s*:?\\s*)?(?:(?:un|une|a|an|the|le|mon|my)\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:talk|lightning(?:\\s+talk)?|pr[ée]sentation|expos[ée]|sujet|topic|atelier|workshop|table ronde|round ?table|panel|tutori[ae]l|intervention|conf[ée]rence|session|keynote|retour d['’]exp[ée]rience)(?:\\s+\\p{Ll}[\\p{L}-]*)?(?:\\s+(?:about|on|sur|autour d[eu]|[àa] propos d[eu])\\s+[^.!?\\n«»"“”—–:]{1,60}?\\s*[—–:]\\s*|\\s+|\\s*,\\s*))?(?:(?:intitul[ée]e?|called|titled|entitled)\\s+)?${QUOTED}`,
  'iu',
);
/** A proposal sent again, then its quoted title: « Je la renvoie donc : « Vacuum sans peur » », "Resubmitting: "…"" (score.ts DIRECT). */
const QUOTED_AFTER_RESENDING = new RegExp(
  `\\b(?:renvoie|re-?soumets|repropose|re-?submitting|re-?sending|re-?submit|re-?send)\\b(?:\\s+(?:donc|again)\\b|\\s+(?:ma|mon|notre|my|our|the|this)\\s+(?:propositions?|proposals?|talks?|soumissions?|submissions?|pr[ée]sentations?|expos[ée]s?|interventions?)\\b[^«"“\\n.!?]{0,60}?)?\\s*[:,]?\\s*(?![«"“][^«»"“”\\n]{0,200}\\?\\s*[»"”])${QUOTED}`,
  'iu',
);
/** « 12 ans de PostgreSQL… », "10 lessons from…": a title may open on a number counting something (not a length: « 30 minutes sur … »). */
const COUNTED_LEAD = "\\p{N}+\\s+(?!(?:min(?:ute)?s?|mn|h|hrs?|heures?|hours?)(?![\\p{L}]))\\p{L}";
/** A title opening on such a number (tested apart, as CAPITAL is). */
const COUNTED = new RegExp(`^${COUNTED_LEAD}`, 'u');
/** A title starts with a capital — tested apart: under the naming words' `i` flag, \p{Lu} takes lower case too. */
const CAPITAL = /^\p{Lu}/u;
/**
 * PostgreSQL's own lower-case names a title may open on as it would on a capital: psql, pg_dump, pgvector, postgres
 * (« Je propose un lightning : psql en mode expert », "a lightning talk for the next meetup: psql tricks you didn't know
 * about" — an HTML mail's bold title loses its marks; parse audit 14).
 */
const TOOL_OPENING = /^(?:psql|postgres(?:ql)?|pg[\p{Ll}\d_]{2,})(?![\p{L}\d_])/u;
/**
 * The offer and its title on one line, after a colon: "I would like to submit a talk: Row-level security for SaaS",
 * « Je vous soumets une proposition de présentation : Superviser PostgreSQL avec Prometheus. », « Je vous propose une
 * présentation : *Les verrous dans PostgreSQL, du row-level lock au deadlock* », "I'd like to propose a talk for the
 * meetup: "CDC into a data lake"" — the same-line form of an intro over its title (titleUnderIntro). The title runs to
 * the end of its sentence (a comma may sit inside it) or closes its quotes; bold marks from the HTML are taken off.
 */
// « le sujet suivant : X », "the following talk: X" (parse audit 11: the <b> around X is gone from the HTML's text)
const TALK_OFFERED =
  "(?:following\\s+)?(?:lightning\\s+talk|talk|pr[ée]sentation|expos[ée]|intervention|conf[ée]rence|session|keynote|atelier|workshop|table ronde|round ?table|panel|retour d['’]exp[ée]rience|experience report|case study|sujet(?=\\s+suivant)|topic(?=\\s*:))(?:\\s+(?:suivante?|ci-dessous|below))?";
const OFFER_THEN_COLON = new RegExp(
  // "I'd like to answer the call with a talk: X", « je réponds à l'appel avec un talk : X »: what the writer comes with is offered
  `\\b(?:propos(?:e|er|ons|ing)|soumet(?:s|tre|tons)|submit(?:ting)?|pr[ée]senter|present(?:ing)?|offer(?:ing)?|give|giving|faire|donner|with|avec|animer|run|host)\\s+` +
    `(?:(?:un|une|a|an|my|ma|mon|our|notre|the|la|le)\\s+)?(?:(?:proposition|proposal|id[ée]e|idea)\\s+(?:de\\s+|d'|d’|for\\s+(?:a\\s+|an\\s+)?|of\\s+(?:a\\s+|an\\s+)?)?)?${TALK_OFFERED}` +
    // where it is for may come before the colon: "a talk for the PostgreSQL Lyon meetup:", « un talk pour le meetup d'avril : »
    // (an HTML part's « présentation&nbsp;: » keeps its no-break space)
    `(?:\\s+(?:for|at|to|pour|au|à|lors d[eu'’])\\s[^:\\n.!?«»"“”]{0,60}?)?[ \\t\\u00a0\\u202f]*:[ \\t\\u00a0]*[*_]*[ \\t\\u00a0]*` +
    `(?:[«"“][\\s\\u00a0]*([^\\n"”»]{3,200}?)[\\s\\u00a0]*[»"”](?=[\\s,.;:!?)]|$)|((?:\\p{Lu}|${COUNTED_LEAD})[^\\n]{2,150}?)[*_]*[ \\t]*(?:[.!?](?:\\s|$)|\\n|$))`,
  'iu',
);

/**
 * « Je propose : Mise en œuvre de Patroni », "I submit: Understanding WAL" — the offer's bare verb opening its line, the
 * title after its colon up to the line's end (read on the lines as written: a field under it, « Durée : 25 minutes », is
 * no part of it). The same groups as OFFER_THEN_COLON; score.ts OFFER_AS_LABEL counts the line as a labelled title.
 */
const BARE_OFFER_LINE = new RegExp(
  `(?:^|\\n)[ \\t*_-]*(?:je (?:vous )?(?:propose|soumets)|(?:i|we) (?:propose|submit)|nous (?:vous )?(?:proposons|soumettons))[ \\t\\u00a0\\u202f]*:[ \\t\\u00a0]*[*_]*[ \\t\\u00a0]*` +
    `(?:[«"“][\\s\\u00a0]*([^\\n"”»]{3,200}?)[\\s\\u00a0]*[»"”][^\\S\\n]*[.!]?[^\\S\\n]*(?=\\n|$)|((?:\\p{Lu}|${COUNTED_LEAD})[^\\n]{2,150}?)[*_]*[ \\t.]*(?=\\n|$))`,
  'iu',
);

export interface ProseTitle {
  title: string;
  /** Named explicitly ("intitulé", "called"): better than a subject without a proposal tag. */
  strong: boolean;
}

/**
 * "1. « pgBackRest en pratique » (30 min) : …", "- "JIT: worth it?", as a lightning", "Talk 2: "What's new in 18"",
 * « Sujet 1 : « … » »: talks offered as a list, each item opening with its quoted title.
 */
const LISTED = /(?:^|\n)[ \t]*(?:\d{1,2}[.)]|[-*•]|(?:[Tt]alk|[Ss]ujet|[Tt]opic|[Oo]ption|[Ii]d[ée]e|[Ii]dea|[Pp]roposition|[Pp]roposal)[ \t]*(?:n°|#)?[ \t]*\d[ \t]*[:.)–-])[ \t]*[«"“][ \t]*([^\n"”»]{3,200}?)[ \t]*[»"”]/g;

/** The quoted titles of talks offered as a list (two or more: several talks in one mail). */
export function listedTitles(text: string): string[] {
  return [...text.slice(0, 6000).matchAll(LISTED)].map((m) => tidy(m[1]!));
}

/**
 * « Voici le sujet dont je vous parlais : » / "here is the talk I mentioned:" and, on the next line, the title alone
 * (quoted or not, a blank line after it): the commonest way a prose proposal names its talk.
 */
const INTRO_LINE = /^[^\n]{0,160}\b(?:propos\w*|talks?|lightning|pr[ée]sentations?|pr[ée]senter|present|interventions?|expos[ée]s?|sujets?|topics?|titre|title|atelier|workshop|voici|here|idea|id[ée]e)\b[^\n]*[:：]\s*$/i;
/** An intro naming the abstract, a bio or dates: what follows is no title. */
const NOT_TITLE_INTRO = /\b(?:abstract|r[ée]sum[ée]|description|bio|disponibilit|availab|dates?|slides|transparents|coordonn\w*|contact|details|joindre|reach)\b/i;
/**
 * "I would like to propose the following talk for the PostgreSQL Paris meetup." — an intro that ends with a period
 * announces a title too, when it offers a talk now (a wish, "I propose", "here is"): "I gave a talk last year." does not.
 */
export const OFFER_INTRO_LINE =
  /^(?=[^\n]{0,200}$)(?=.*\b(?:(?:would|'d|’d) (?:like|love) to|want to|wish to|(?:i|we) (?:hereby )?(?:propose|submit|offer)|je (?:vous )?(?:propose|soumets)|nous (?:vous )?proposons|(?:souhaite|souhaiterais|souhaiterions|voudrais|voudrions|aimerais|aimerions)(?: vous)? (?:proposer|soumettre|pr[ée]senter|faire|donner)|here is|here's|voici|please find|ci-dessous|below|following|suivante?)\b)(?=.*\b(?:talks?|lightning|pr[ée]sentations?|interventions?|expos[ée]s?|sujets?|topics?|sessions?|ateliers?|workshops?|conf[ée]rences?)\b)[^\n]*[.!]\s*$/i;
/**
 * Under a period intro, the line is a sentence when it opens with a subject pronoun ("We run 300 clusters") or with
 * what people write to the organizers ("Let me know what you think", « N'hésitez pas »).
 */
const SENTENCE_OPENINGS: Phrases = {
  en: ['i', 'we', 'it', 'this', 'that', 'there'],
  fr: ['je', "j'", 'j’', 'nous', 'on', 'il', 'elle', "c'", 'c’', 'ce', 'cela', 'ça'],
  'en: to the organizers': ['let me know', 'looking forward', '(?:i )?hope', 'please', 'feel free'],
  'fr: to the organizers': ["n'h[ée]sitez", 'n’h[ée]sitez', 'dites-moi', 'tenez-moi', "j'esp[èe]re", 'j’esp[èe]re', 'en esp[ée]rant'],
  // the offer described, not named: « Je propose : Une présentation courte sur pg_cron, si vous avez un créneau. »
  // (review of 2512607, which took that line for the title)
  'the talk described': ['(?:un|une|a|an|mon|ma|notre|my|our)\\s+(?:petite?\\s+|courte?\\s+|short\\s+|quick\\s+)?(?:talk|pr[ée]sentation|presentation|expos[ée]|intervention|lightning|[ée]clair|session)s?'],
};
const SENTENCE_OPENING = phraseRegExp('SENTENCE_OPENINGS', SENTENCE_OPENINGS, 'i', '^', '\\b');
/** Contact details are no title: an address, a link, a phone number. */
const CONTACT = /@|https?:\/\/|www\.|\+?\d[\d .()-]{7,}\d/;
const MAX_TITLE_WORDS = 15;

function titleUnderIntro(text: string): string | null {
  const lines = text.slice(0, 6000).split('\n');
  for (let i = 0; i < Math.min(lines.length - 1, 60); i++) {
    const colon = INTRO_LINE.test(lines[i]!);
    // a period intro is a paragraph of its own (wrapped or not), its title set apart by a blank line
    const intro = colon ? lines[i]! : (lines[i + 1] ?? '').trim() === '' ? paragraphEndingAt(lines, i) : '';
    if (!(colon || OFFER_INTRO_LINE.test(intro)) || NOT_TITLE_INTRO.test(intro)) continue;
    // Outlook's HTML leaves empty paragraphs as lines of spaces between blank ones
    let j = i + 1;
    while (j < i + 5 && j < lines.length && (lines[j] ?? '').trim() === '') j++;
    const candidate = titleAlone(lines, j, !colon, colon && ANNOUNCES.test(intro));
    if (candidate) return candidate;
  }
  return null;
}

/** The paragraph whose last line is `i`, on one line. */
function paragraphEndingAt(lines: readonly string[], i: number): string {
  let start = i;
  while (start > 0 && (lines[start - 1] ?? '').trim() !== '') start--;
  return lines.slice(start, i + 1).map((l) => l.trim()).join(' ');
}

/** A line that gives only a length: « environ 30 minutes. », "25 min", « (20') », "About 30 minutes". */
const LENGTH_LINE = /^\s*[([]?\s*(?:environ|about|around|approx\.?|ca\.?|~)?\s*\d{1,3}\s*(?:min(?:ute)?s?|mn|')\.?\s*[)\]]?\s*[.]?\s*$/i;

/**
 * An intro that announces what follows by name (« le sujet suivant : », "the following talk:", « intitulé : », "titled:"):
 * the line under it may be a title that asks a question (« Les triggers, amis ou ennemis ? » — parse audit 9).
 */
const ANNOUNCES = /\b(?:suivante?s?|following(?:\s+(?:talk|topic|subject|title|presentation|session|proposal))?|intitul[ée]e?s?|titled|entitled|called)\s*[:：]\s*$/i;

/** Line `j` when it reads as a title alone on its line; `strict` (under a period intro) also turns away sentences. */
function titleAlone(lines: readonly string[], j: number, strict: boolean, announced = false): string | null {
  const raw = (lines[j] ?? '').replace(/^[\s*_]+|[\s*_]+$/g, '');
  const candidate = tidy(raw);
  // alone: the line after it is blank (a wrapped sentence's first line is no title), or gives only the length
  // (« environ 30 minutes. », "25 min") over a blank line
  const alone = (lines[j + 1] ?? '').trim() === '' || (LENGTH_LINE.test(lines[j + 1] ?? '') && (lines[j + 2] ?? '').trim() === '');
  const words = candidate.split(/\s+/).length;
  if (!alone || candidate.length < 3 || candidate.length > 150 || words < 2) return null;
  if ((/[.?!:]$/.test(candidate) && !quotedQuestion(raw, candidate) && !(announced && /[^?]\?$/.test(candidate))) || matchLabel(candidate) || !/^\p{Lu}|^\d/u.test(candidate) || looksLikePersonName(candidate)) return null;
  if (strict && (words > MAX_TITLE_WORDS || /[,;]$/.test(raw) || SENTENCE_OPENING.test(candidate) || CONTACT.test(candidate) || CLOSING.test(candidate))) return null;
  return candidate;
}

export function titleFromProse(text: string): ProseTitle | null {
  // a title wrapped by the mail client continues on the next line; a blank line still ends it
  const sample = text.slice(0, 6000).replace(/[ \t]*\r?\n[ \t]*(?=\S)/g, ' ');
  const q = QUOTED_AFTER_NAMING.exec(sample);
  if (q) return { title: tidy(q[1]!), strong: true };
  // « dont le titre est dans l'objet », "my title is still provisional": no capital, no title
  const b = BARE_AFTER_NAMING.exec(sample);
  if (b && CAPITAL.test(b[1]!) && !/^(?:un|une|le|la|a|an|the)\s/i.test(b[1]!)) return { title: tidy(b[1]!.replace(MEETUP_TAIL, '')), strong: true };
  const f = SENTENCE_FORMAT_LABEL.exec(sample);
  if (f && !matchLabel(f[1]!)) return { title: tidy(f[1]!), strong: true };
  const l = INLINE_LABEL.exec(sample);
  // « Titre : » left empty in a template, « Résumé : » on the next line joined to it: another label is no title
  if (l && (CAPITAL.test(l[2]!) || l[1] !== undefined) && !matchLabel(l[2]!)) return { title: tidy(l[2]!), strong: true };
  const offered = firstQuoted(QUOTED_AFTER_OFFER_ALL, sample);
  if (offered && offered.split(/\s+/).length >= 2) return { title: tidy(offered), strong: true };
  const resent = firstQuoted(QUOTED_AFTER_RESENDING_ALL, sample);
  if (resent && resent.split(/\s+/).length >= 2) return { title: tidy(resent), strong: true };
  const colon = offeredAfterColon(sample) ?? offeredAfterColon(text.slice(0, 6000), BARE_OFFER_LINE);
  // quoted, the title is the writer's own; bare, it is a guess at where a sentence ends (« Details below. », "Monday
  // evenings don't work for me") — a subject that names the talk is then surer
  if (colon) return { title: colon.title, strong: colon.quoted };
  const under = titleUnderIntro(text);
  if (under) return { title: under, strong: true };
  const listed = listedTitles(text);
  if (listed.length >= 2) return { title: listed[0]!, strong: false };
  const n = firstQuoted(QUOTED_NEAR_TALK_ALL, sample);
  if (n && n.split(/\s+/).length >= 2) return { title: tidy(n), strong: false };
  return null;
}

/** The title OFFER_THEN_COLON reads, when it is shaped as one: two words or more, no label, no sentence ("I would show…"). */
function offeredAfterColon(sample: string, offer = OFFER_THEN_COLON): { title: string; quoted: boolean } | null {
  const m = offer.exec(sample);
  if (!m) return null;
  const quoted = m[1] !== undefined;
  const t = tidy((m[1] ?? m[2]!).replace(/^[*_\s]+|[*_\s]+$/g, ''));
  if (t.split(/\s+/).length < 2 || matchLabel(t)) return null;
  // the quotes say where a title ends; bare, it must open on a capital and read as no sentence of the letter
  if (!quoted && ((!CAPITAL.test(t) && !COUNTED.test(t) && !TOOL_OPENING.test(t)) || SENTENCE_OPENING.test(t) || CONTACT.test(t) || CLOSING.test(t) || GREETING.test(t) || THANKS.test(t))) return null;
  return { title: t, quoted };
}

/**
 * Text between marks that opens as a title does: on a capital, a digit or an identifier (pg_stat_statements, pgBackRest) —
 * not on a lower-case word, as what marks stress does (« un talk *en anglais* sur … », "a talk *if there is still room*").
 * Case-sensitive: the regexps that find the marks ignore case.
 */
const MARKED_TITLE = /^(?:\p{Lu}|\p{N}|\p{Ll}[\p{L}\p{N}]*?(?:_|\p{N}|(?<=\p{Ll})\p{Lu}))/u;
const QUOTED_AFTER_OFFER_ALL = new RegExp(QUOTED_AFTER_OFFER.source, 'giu');
const QUOTED_AFTER_RESENDING_ALL = new RegExp(QUOTED_AFTER_RESENDING.source, 'giu');
const QUOTED_NEAR_TALK_ALL = new RegExp(QUOTED_NEAR_TALK.source, 'giu');
/**
 * A quoted or marked text anywhere, with the same flags: every match of the three above ends on one (their last part is
 * QUOTED, and its look-behinds read the text, not the match), so a sample with none has no match to look for. Most
 * samples have none, and V8 finds that by skipping to a quote mark, where the three long patterns try their opening
 * verbs at every position: 0.43 ms a text for the offer's under --jitless (issue 12).
 */
const ANY_QUOTED = new RegExp(QUOTED, 'iu');
for (const all of [QUOTED_AFTER_OFFER_ALL, QUOTED_AFTER_RESENDING_ALL, QUOTED_NEAR_TALK_ALL]) {
  if (!all.source.endsWith(QUOTED) || topLevelAlternatives(all.source).length !== 1) throw new Error(`prose-title: /${all.source.slice(0, 40)}…/ no longer ends on QUOTED`);
}

/** The text of the first match of `all` (a QUOTED regexp, global) that reads as a title: marked text only as MARKED_TITLE says. */
// Read with exec on `all` itself, from 0: matchAll would copy the RegExp at each call (its own lastIndex), and V8 then
// compiled each copy again: the exec loop took a third of the time over the corpus' texts (issue 12).
function firstQuoted(all: RegExp, sample: string): string | null {
  if (!ANY_QUOTED.test(sample)) return null;
  all.lastIndex = 0;
  for (let m = all.exec(sample); m !== null; m = all.exec(sample)) {
    const marked = m[m.length - 1];
    if (marked === undefined || MARKED_TITLE.test(marked)) return quotedIn(m);
    // (as matchAll goes on after an empty match: one code point further; a quote is never empty)
    if (m[0] === '') all.lastIndex += (sample.codePointAt(all.lastIndex) ?? 0) > 0xffff ? 2 : 1;
  }
  return null;
}

/** The text a QUOTED match holds, in double quotes, in single ones or between asterisks. */
function quotedIn(m: RegExpExecArray | null): string | null {
  return m ? (m[m.length - 3] ?? m[m.length - 2] ?? m[m.length - 1] ?? null) : null;
}

function tidy(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/^[«"“„‘'\s]+|[»"”’'\s,;:]+$/g, '').trim();
}

/**
 * The topic an offer names when no title is given: "je me propose pour un talk sur pgvector et la recherche
 * sémantique, environ 30 minutes" → "pgvector et la recherche sémantique"; "a 30-minute talk on pg_duckdb?" →
 * "pg_duckdb". The last resort for a title (extractProposal warns that it is one), up to the end of the clause, without
 * the words saying when or how long ("au prochain meetup", "for 20 minutes").
 */
// "a talk on behalf of my colleague" says whose talk it is, not what it is on (parse audit 9: titled « behalf of Prof »)
const TOPIC = /\b(?:talk|lightning talk|lightning|LT|keynote|pr[ée]sentation|conf[ée]rence|expos[ée]|intervention|d[ée]mo|retour d'exp[ée]rience|REX|workshop|atelier)\s+(?:sur|about|on(?!\s+behalf\b)|autour d[eu']|concernant|à propos d[eu']|au sujet d[eu'])\s+([^\n.!?;:,()«»"“”]{3,150})/iu;
const TOPIC_TAIL =
  /\s+(?:(?:au|à|a|lors d[eu']|pendant|pour) (?:un |une |le |la |l'|votre |vos |)(?:prochain|prochaine|meetup|rencontre|soir[ée]e|session)\b.*|(?:at|for|during|in) (?:the |one of |your |a |an |)(?:next|future|upcoming|one|meetup|meetups|session|evening|\d)\b.*|(?:de|of|for|en|in|d'environ|environ|about|around) (?:\d|une? |an? |half|quelques)\S*\s*(?:min|minutes?|heures?|hours?|h)\b.*|si vous\b.*|if you\b.*|with\b.*demo.*)$/iu;

export function topicFromProse(text: string): string | null {
  const sample = text.slice(0, 6000).replace(/[ \t]*\r?\n[ \t]*(?=\S)/g, ' ');
  const m = TOPIC.exec(sample);
  if (!m) return null;
  const topic = tidy(m[1]!.replace(TOPIC_TAIL, ''));
  return topic.length >= 3 && /\p{L}/u.test(topic) ? topic : null;
}

/** A greeting line (« Bonjour à tous, », "Hi all,"): the abstract leaves it out, and it is never a title. */
const GREETINGS: Phrases = {
  fr: ['bonjour', 'bonsoir', 'salut', 'cher', 'ch[èe]re', 'chers', 'coucou', 'madame', 'monsieur'],
  en: ['hello', 'hi', 'hey', 'dear', 'greetings', 'good (morning|afternoon|evening)'],
  es: ['hola'],
};
export const GREETING = phraseRegExp('GREETINGS', GREETINGS, 'i', '^', '\\b.{0,60}$');
/** Thanks are no title ("Merci pour vos soirées", "Thanks for organising these"). */
const THANKS_WORDS: Phrases = {
  fr: ['merci', 'un grand merci', 'bravo', 'f[ée]licitations'],
  en: ['thanks', 'thank you', 'many thanks', 'congrats'],
};
const THANKS = phraseRegExp('THANKS_WORDS', THANKS_WORDS, 'i', '^', '\\b');
/** A list item: "- x", "* x", "1. x". */
const LIST_ITEM = /^\s*(?:[-*•·–]|\d{1,2}[.)])\s+\S/;
/** What a title line may carry after the title: its length ("(~40 min)", "— 20 minutes", "[LT]"). */
const TITLE_TAIL = /\s*(?:[([]\s*~?\s*(?:\d[^)\]]{0,20}|lt|lightning[^)\]]{0,20}|talk)[)\]]|[-–—]\s*~?\d{1,3}\s*(?:min|minutes|mn)\.?)\s*$/i;
/** How many paragraphs (greeting, intro) may come before the title line. */
const MAX_BEFORE_TITLE = 3;
const MIN_DESCRIPTION_WORDS = 8;
const MIN_SENTENCE_WORDS = 5;

export interface TitleLine {
  title: string;
  /** Index of the title's line in the text's lines. */
  line: number;
}

/**
 * The shape of a proposal written without labels: after the greeting and perhaps an intro, a line of its own — plain,
 * **bold**, or a heading turned into text — then the description (a paragraph, or a list of points, perhaps under
 * "Outline:"). That line is the talk's title, whatever the intro says. Sentences, names, closings and contact details
 * are no title lines; nor is a line that only the signature follows.
 */
/** How many paragraphs of short labelled fields may stand between a title line and its description. */
const MAX_FIELDS_UNDER_TITLE = 3;

/** « Durée : 30 min », "Level: advanced", "Format: talk": a label and its value on one line, neither a title nor a description. */
function shortField(line: string): boolean {
  const l = matchLabel(line);
  return l !== null && !l.heading && l.inline.trim() !== '' && l.field !== 'title' && l.field !== 'abstract' && line.trim().length <= 80;
}

export function standaloneTitle(text: string): TitleLine | null {
  const lines = text.slice(0, 6000).split('\n');
  const paras: { start: number; end: number }[] = [];
  for (let i = 0; i < lines.length && paras.length < MAX_BEFORE_TITLE + 3 + MAX_FIELDS_UNDER_TITLE; i++) {
    if ((lines[i] ?? '').trim() === '') continue;
    const start = i;
    while (i < lines.length && (lines[i] ?? '').trim() !== '') i++;
    paras.push({ start, end: i });
  }
  for (let k = 0; k < Math.min(paras.length - 1, MAX_BEFORE_TITLE + 1); k++) {
    const p = paras[k]!;
    const raw = (lines[p.start] ?? '').trim();
    if (p.end - p.start !== 1 || GREETING.test(raw)) continue;
    const title = titleShaped(raw);
    if (!title) continue;
    // the call's short fields between the title and its description (« Durée : 30 min », "Level: advanced", each its own
    // paragraph where an HTML mail's <p> made them so) are the title's details, not the description (parse audit 13)
    let d = k + 1;
    while (d < paras.length - 1 && d - k <= MAX_FIELDS_UNDER_TITLE && lines.slice(paras[d]!.start, paras[d]!.end).every(shortField)) d++;
    if (!paras[d] || !describes(lines, paras[d]!, paras[d + 1])) continue;
    // what comes before is a greeting or an intro: short paragraphs, not the description itself
    if (paras.slice(0, k).some((q) => lines.slice(q.start, q.end).join(' ').length > 400)) return null;
    return { title, line: p.start };
  }
  return null;
}

/** The title a line holds when it is shaped like one (emphasis, heading marks and a trailing length taken off), or null. */
function titleShaped(raw: string): string | null {
  let t = raw.replace(/^#{1,6}\s+/, '');
  const bold = /^(\*\*|__)(.+?)\1(.*)$/.exec(t);
  if (bold) t = `${bold[2]}${bold[3]}`;
  t = t.replace(/^[*_]+|[*_]+$/g, '').trim();
  t = t.replace(TITLE_TAIL, '').replace(/^[*_\s]+|[*_\s]+$/g, '');
  // a line that ends a sentence, or holds two, is prose
  if (/[.?!:,;]$/.test(t) || /[.!]\s+\p{Lu}/u.test(t)) return null;
  const quoted = t;
  t = tidy(t);
  const words = t.split(/\s+/).length;
  if (t.length < 3 || t.length > 150 || words < 2 || words > MAX_TITLE_WORDS) return null;
  if ((/[.?!:,;]$/.test(t) && !quotedQuestion(quoted, t)) || !/^[\p{Lu}\d«"“]/u.test(raw.replace(/^[#*_\s]+/, ''))) return null;
  if (matchLabel(raw) || looksLikePersonName(t) || SENTENCE_OPENING.test(t) || CONTACT.test(t) || CLOSING.test(t) || GREETING.test(t) || THANKS.test(t)) return null;
  return t;
}

/**
 * « « Les advisory locks comme file d'attente : bonne ou mauvaise idée ? » » alone on its line: a title may ask its
 * question when the quotes around the whole line say where it starts and ends (a bare question is the letter's).
 */
function quotedQuestion(raw: string, title: string): boolean {
  return /\?$/.test(title) && /^[«"“][^«»"“”\n]+[»"”]$/.test(raw.trim());
}

/** Does the paragraph describe a talk: a paragraph of some length, a list of points, or a label over a list ("Outline:")? */
function describes(lines: readonly string[], p: { start: number; end: number }, next: { start: number; end: number } | undefined): boolean {
  const own = lines.slice(p.start, p.end);
  if (own.some((l) => LIST_ITEM.test(l))) return own.filter((l) => LIST_ITEM.test(l)).length >= 2 || own.length >= 2;
  const text = own.join(' ').trim();
  if (/[:：]\s*$/.test(text) && own.length === 1 && next) return lines.slice(next.start, next.end).filter((l) => LIST_ITEM.test(l)).length >= 2;
  if (CLOSING.test(text) || looksLikePersonName(text)) return false;
  const words = text.split(/\s+/).length;
  // a short paragraph describes when it is a sentence ("A 30-minute talk on pgBackRest.")
  return (words >= MIN_DESCRIPTION_WORDS && /[.!?)]$|\p{L}$/u.test(text)) || (words >= MIN_SENTENCE_WORDS && /^\p{Lu}.*[.!)]$/u.test(text));
}
