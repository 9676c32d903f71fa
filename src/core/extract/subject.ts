/**
 * The subject line: reply/forward prefixes and proposal tags removed, what remains may be the title.
 * "Fwd: TR: Proposition de conférence : Partitionnement" → "Partitionnement"; "[LT] Les index BRIN" → "Les index BRIN".
 * A subject that only says "this is a proposal" ("Proposition de talk pour mars") yields no title.
 */
import { boundedMemo } from '../bounded-memo.ts';
import { fold, unquote } from '../text/fold.ts';
import { ANY_PREFIX_SOURCE } from '../text/subject-prefixes.ts';
import { durationsIn } from './durations.ts';

/** Replies' and forwards' prefixes, as many as there are (« RE : TR : », "Re[2]: Fwd:"), and Mozilla's old "[Fwd: …]". */
const REPLY_PREFIX = new RegExp(`^\\s*(?:${ANY_PREFIX_SOURCE}\\s*|\\[(?:fwd?|tr)[^\\]]*\\]\\s*)+`, 'i');
/** Tags in brackets that only classify the mail. */
// the group's own name in brackets too: "[Meetup PostgreSQL Paris]", "[PostgreSQL Lyon]" (parse audit 9: the proposal
// under it was "other")
const TAG = /^\s*[[(](?:lt|lightning[^\])]*|talk|cfp|proposal|proposition|conf[ée]rence|meetup|pgug[^\])]*|pg[^\])]*|soumission|submission|[ée]clair|session|keynote)[\])]\s*[:\-–—]?\s*/i;
/**
 * …but a group's name is no proposal's tag: it goes, so that a lead-in after it is seen, and says nothing itself — every
 * mail of the group may wear it (« [Meetup PostgreSQL Paris] Question sur le prochain meetup », « [PostgreSQL-fr] Sortie de
 * PostgreSQL 17.2 », « … Sondage : quel sujet pour mars ? » were filed as proposals titled so: review of parse audit 9).
 */
const GROUP_TAG = /^\s*[[(](?:meetup[^\])]+|postgres[^\])]*)[\])]\s*[:\-–—]?\s*/i;
/**
 * "Proposition de conférence", "Talk proposal", "CFP", "Lightning talk", "Keynote proposal" (parse audit 12)… as a lead-in (folded). The slot's length goes
 * with the talk noun ("5-minute talk:", « Talk de 20 minutes : »), and where it is for may come first ("Meetup proposal",
 * "Meetup talk proposal" — as "Proposal for the meetup" says it after); a short one is a talk ("Short talk: X", « Petit talk : X »). « Sujet de présentation : X » leads in as « Proposition
 * de présentation : X » does, "CFP submission – X" as "CFP: X".
 */
const LEAD =
  /^(?:(?:meetups?|pgug|pug)\s+(?=(?:(?:talk|lightning(?: talk)?)\s+)?(?:proposal|proposition|submission|soumission)\b))?(?:(?:ma |une |nouvelle |new |my |a )?(?:proposition|proposal|submission|soumission|candidature|idee|idea|suggestion)s?(?: (?:de|d'|for|of|pour))?\s*(?:un |une |a |an )?(?:talk eclair|presentation eclair|conference eclair|lightning talk|lightning|talk|conference|presentation|expose|intervention|session|keynote|atelier|workshop|tutoriel|tutorial|table ronde|round table|roundtable|panel|lt|sujet)?|(?:\d{1,3}[ -]?(?:minutes?|mins?|mn|')\s+)?(?:(?:short|quick|mini|petit|court|long)[ -])?(?:lightning |eclair )?(?:talk|conference|presentation|lightning talk|lt|session|keynote|atelier|workshop|tutoriel|tutorial|table ronde|round table|roundtable|panel|lightning|eclair)(?: eclair)?(?:\s+(?:de|d'|of)\s*\d{1,3}\s*(?:minutes?|mins?|mn|'))?\s*(?:proposal|submission|idea|proposition|propose|pitch|offer)?|(?:atelier|workshop|tutoriel|tutorial)\s*(?:proposal|submission|idea|proposition|propose|pitch|offer)|(?:sujet|theme)s? (?:de |d'|du |pour (?:un |une )?)(?:talk|presentation|conference|expose|intervention|lightning talk|lightning)|(?:sujet|topic|idee|idea)(?=\s+(?:pour|for)\b)|cfp(?:\s+(?:submission|proposal|proposition|soumission|entry))?)(?:\s+\d{4})?(?:\s*[(][^)]*[)])?(?![a-z0-9])/;
// (a short one too: "Quick talk before Thursday" asks for a call, as "Talk about dinner" is none)
// a round table or a panel is a session offered too: « Proposition de table ronde » names no talk (parse audit 11)
const BARE_NOUN = /^(?:(?:short|quick|mini|petit|court|long)[ -])?(?:talk|conference|presentation|expose|intervention|session|keynote|atelier|workshop|tutoriel|tutorial|table ronde|round table|roundtable|panel|lightning|eclair|lt)$/;
/** A lead-in that names a talk; without one, "Proposition de …" / "Proposal for …" may offer anything (a venue, sponsoring). */
const TALK_IN_LEAD = /talk|eclair|lightning|conference|presentation|expose|intervention|session|keynote|atelier|workshop|tutori|table ronde|round ?table|\bpanel\b|\blt\b|sujet|cfp/;
/**
 * Offers a group receives that are no talk, named first after the lead-in (folded): a date for the next meetup, a joint
 * meetup with another group ("Proposal: a joint meetup with PostgreSQL Lyon"), help with the evenings (« Proposition
 * d'aide », « de bénévolat », « captation vidéo »), a venue (« Proposition d'accueil du
 * meetup », "Proposal for hosting the meetup"), sponsoring, a job offer, an
 * internship, a partnership, a person to invite (« Idée d'orateur ») — "Proposition : salle gratuite", "Proposal: sponsoring
 * your next meetup". Only first: a
 * talk's title may speak of hosting or rooms further on ("Job queues with SKIP LOCKED" is a talk).
 */
const NOT_A_TALK = /^[\s:：\-–—|/«"“]*(?:(?:de |d'|une? |a |an |of |our |notre |nos |votre |vos |free |gratuite? )*)(?:salles?|locaux|venue|accueil|hosting (?:the|a|an|your|one|our) |sponsor\w*|partenariat|partnership|mecenat|stages?|alternance|internships?|emplois?|offres? d'emploi|recrutement|hiring|goodies|traiteur|catering|devis|aide(?!-)|coup de main|benevol\w*|volontariat|logistique|captation|orateurs?|oratrices?|intervenants?|intervenantes?|speakers?|(?:joint|common|shared|another|second|extra|commune?|nouvelle|autre) (?:meetups?|rencontres?|events?|evenements?|soirees?)|(?:meetups?|rencontres?|soirees?|evenements?) (?:communs?|communes?|conjointe?s?|joint|avec|with)|dates? (?:pour|for|du|de|of) (?:(?:le|la|l'|the|our|notre|votre|your|next|prochaine?)\s*)*(?:meetups?|rencontres?|soirees?|sessions?|events?|evenements?))\b/;
/**
 * Where the talk would be given, between the lead-in and the title (folded): "Proposal for the PUG: X", « Proposition de
 * talk pour le meetup de mars : X », « Sujet pour le meetup : X ». Up to the colon, naming a meetup, a session, a month.
 */
const DESTINATION =
  /^\s*(?:(?:pour|for|au|at|a|lors d[eu']|during|in)\s+)?(?:(?:le|la|l'|les|the|our|your|votre|notre|vos|ton|un|une|a|an|one of your|l'un de vos|l'une de vos|next|prochaine?s?)\s*)*(?:meetups?|pug|pgug|user group|groupe|sessions?|soirees?|rencontres?|events?|evenements?|editions?|pg ?days?)\b[^:：|\n?]{0,40}?\s*[:：|]\s*(?=\S)/;
/** A bracketed tag of several words: "[Talk proposal]", « [Proposition de talk] », "(Lightning talk submission)". */
const BRACKETED = /^\s*[[(]([^\])\n]{1,60})[\])]\s*[:\-–—]?\s*/;

/** A tag in brackets that is a proposal's lead-in whole ("[Talk proposal] Title"): it classifies the mail, as "[LT]" does. */
function leadInBrackets(s: string): RegExpExecArray | null {
  const b = BRACKETED.exec(s);
  if (!b) return null;
  const inner = fold(b[1]!).trim();
  const lead = LEAD.exec(inner);
  return lead && lead[0].trim() !== '' && lead[0].length === inner.length && !BARE_NOUN.test(inner) ? b : null;
}
/** A talk described by an article, its noun and its topic (folded): « un éclair sur … », "a short talk on …". */
const DESCRIBED =
  /^(?:un|une|a|an|mon|ma|my|notre|our)\s+(?:(?:petite?|courte?|short|quick|mini)\s+)?(?:talk|lightning(?: talk)?|eclair|presentation|expose|intervention|session|keynote|atelier|workshop|retour d'experience|demo)(?:\s+eclair)?\s+(?:sur|about|on|autour d|concernant|a propos d|au sujet d)(?![a-z])/;

/**
 * What is done with proposals, right after a lead-in with no separator (folded): "Talk proposal review", "Proposal
 * feedback", "Talk proposals deadline?", « Proposition de talk relecture », then perhaps a meeting's words and a date.
 */
const ABOUT_PROPOSALS =
  /^\s*(?:reviews?|reviewing|feedback|deadline|status|process|guidelines?|template|forms?|selection|committee|results?|follow[- ]?up|reminder|relecture|retours?|suivi|resultats?|comite|formulaire|date limite)(?:\s+(?:meeting|call|session|sync|reunion|point))?\s*(?:[?!.]|[@(]|\s-\s|$)/;

/**
 * What separates the lead-in from the title. A hyphen joined to the next word makes a compound, no separator: "Talk
 * proposal: Lightning-fast COPY", "… Keynote-worthy EXPLAIN plans" were titled « fast COPY », « worthy EXPLAIN plans » (the
 * lead-in read again in the title, parse audit 12).
 */
const SEPARATOR = /^\s*(?:[:：–—|/]|-(?!\p{L})|(?<=\s)-|\s»|>)\s*/u;

export function stripReplyPrefixes(subject: string): string {
  return subject.replace(REPLY_PREFIX, '').trim();
}

/**
 * "Appel à orateurs", "Call for talks", "CFP": the name of a call, not of a talk — a call for lightning talks too (« Appel
 * à lightning talks », « Appel aux présentations éclair », "Call for lightning talks").
 */
const CALL_FOR_TALKS =
  /\b(appel (?:a|aux) (?:orateurs?|oratrices?|intervenants?|interventions?|propositions?|conferenciers?|presentations?(?: eclairs?)?|talks?|lightning(?: talks?)?|lts?|exposes?|sujets?|communications?)|call for (?:talks|speakers|papers|proposals|presentations|participation|lightning talks|lightnings?|lts)|cfp|cft|(?:on |nous )?(?:cherche|cherchons|recherche|recherchons) (?:encore )?(?:des |d')?(?:orateurs?|oratrices?|intervenants?|intervenantes?|speakers?|talks?|sujets?)|(?:orateurs?|oratrices?|intervenants?|speakers?) (?:recherche(?:e|s|es)?|wanted)|(?:looking|searching) for (?:speakers|talks|presenters|lightning talks)|(?:we )?need (?:more )?speakers)\b/;

/**
 * "Re: Appel à orateurs – meetup de janvier": an answer to a call for talks, whose subject names the call — or the search
 * (« Re: [PG Paris] On cherche des orateurs pour décembre ! », "Re: Speakers wanted", parse audit 11).
 */
export function answersCallForTalks(subject: string): boolean {
  const s = subject.slice(0, 400);
  return REPLY_PREFIX.test(s) && stripReplyPrefixes(s) !== s.trim() && CALL_FOR_TALKS.test(fold(stripReplyPrefixes(s)));
}

/**
 * An invitation to speak, as its subject names it (folded): « Invitation à présenter au meetup de juin », "Would you give
 * a talk in June?", « Accepterais-tu de présenter … ? ». Its answer is where an invited speaker names the talk.
 */
const INVITATION = new RegExp(
  String.raw`\b(?:invitation (?:a|pour|to) (?:presenter|parler|intervenir|speak|present|give a talk|talk)|(?:would|could|will) you (?:like to |be willing to |be up for |consider )?(?:give|giving|present|presenting|do|doing|speak|speaking)\b[^?\n]{0,40}\b(?:talk|presentation|session|lightning|meetup)|(?:aimerais|voudrais|pourrais|accepterais|souhaiterais|aimeriez|voudriez|pourriez|accepteriez|souhaiteriez)[- ](?:tu|vous) (?:de )?(?:presenter|parler|intervenir|faire un talk|donner un talk)|speaking invitation|invitation to speak|` +
    // « Tu nous ferais un talk en janvier ? », « Vous nous présenteriez … ? », « Ça te dirait de faire un talk ? », « Partant
    // pour un lightning ? », "Fancy giving a talk?", "Can you do a lightning talk?" (parse audit 9: the yes to it was "other")
    // (not « Vous vous présenteriez en début de soirée ? »: introducing oneself is no talk)
    String.raw`(?<!\b(?:vous|te|nous) )(?:tu|vous) (?:nous |me )?(?:presenterais|presenteriez|parlerais|parleriez|veux presenter|voulez presenter)\b|` +
    String.raw`(?:tu|vous) (?:nous |me )?(?:ferais|feriez|donnerais|donneriez|veux faire|voulez faire) (?:un |une )?(?:petite? |courte? )?(?:talk|presentation|expose|lightning|intervention|conference|session|demo)|` +
    // (to do or give a talk, not anything: « Ça te dirait de faire l'accueil jeudi ? » invites no talk)
    String.raw`ca (?:te|vous) (?:dirait|tenterait|interesserait|brancherait) (?:de |d')?(?:(?:faire|donner) (?:un |une )?(?:petite? |courte? )?(?:talk|presentation|expose|lightning|intervention|conference|session|demo)|presenter|parler|intervenir)|` +
    String.raw`(?:partante?s?|dispos?|disponibles?) pour (?:un |une )?(?:talk|presentation|expose|lightning|intervention)|` +
    String.raw`(?:fancy|interested in|up for|keen on) (?:giving|doing|presenting) (?:a |an )?(?:talk|presentation|lightning|session)|can you (?:give|do|present) (?:a |an )?(?:talk|presentation|lightning|session))\b`,
);

/**
 * What the invitation's verb or noun is about when it is no talk (folded, right after it): « Vous nous présenteriez votre
 * offre de sponsoring ? », « Dispo pour une présentation commerciale ? », « Tu nous ferais une présentation du budget ? »,
 * "Fancy giving a presentation of your open roles?", "Up for doing a presentation of the venue?" — a yes to those offers
 * no talk (review of parse audit 9: each was filed as a proposal with no title).
 */
const INVITED_TO_ELSE =
  /^\s*(?:(?:de|du|des|d'|of)\s*)?(?:(?:la|le|les|l'|votre|vos|ton|ta|tes|notre|nos|leur|the|your|our|their|my|mon|ma|mes)\s*)?(?:(?:open|new|nouvelle?s?)\s+)?(?:commerciale?s?|commercial|sales|offres?|offers?|devis|quotes?|budgets?|comptes|bilan|tarifs?|pricing|prix|sponsor\w*|partenariat|partnership|salles?|locaux|venue|room|lieu|roles?|postes?|jobs?|recrutement|hiring|goodies|accueil)\b/;

/** "Re: Invitation à présenter au meetup de juin": an answer to an invitation to speak (INVITATION). */
export function answersInvitation(subject: string): boolean {
  const s = subject.slice(0, 400);
  if (!REPLY_PREFIX.test(s) || stripReplyPrefixes(s) === s.trim()) return false;
  const f = fold(stripReplyPrefixes(s));
  const m = INVITATION.exec(f);
  return m !== null && !INVITED_TO_ELSE.test(f.slice(m.index + m[0].length));
}

/** What the subject of a meetup's announcement names (folded): the meetup, its programme, its date. */
const ANNOUNCEMENT = /\b(meetups?|rencontres?|soirees?|programme|program|prochaine? (?:session|edition|date)|next (?:session|edition)|pgday|pg ?session|(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|monday|tuesday|wednesday|thursday|friday|saturday) \d{1,2}(?:er)? (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december))\b/;
/** Words of a proposal's own thread, where organizers and speakers discuss one already sent. */
const ABOUT_A_TALK = /\b(talks?|lightning|lt|speakers?|orateurs?|oratrices?|presentations?|exposes?|eclair|conferences?|slides|demo|atelier|workshop|cfp|appel)\b|propos|idee|idea|submi|soumi/;

/**
 * "Re: Prochain meetup le 10 avril", "Re: PG Session #12 : le programme": an answer to a meetup's announcement, whose
 * subject names the meetup, not a talk. Not when the subject is about a talk ("Re: Meetup talk idea", "Re: Proposition
 * pour le meetup"): that is a proposal's thread.
 */
export function answersAnnouncement(subject: string): boolean {
  const s = subject.slice(0, 400);
  if (!REPLY_PREFIX.test(s) || stripReplyPrefixes(s) === s.trim()) return false;
  const f = fold(stripReplyPrefixes(s));
  return ANNOUNCEMENT.test(f) && !ABOUT_A_TALK.test(f.replace(new RegExp(ANNOUNCEMENT.source, 'g'), ' '));
}

/** Frozen as titleFromSubject gives it: one answer is shared by every reader of the same subject. */
export interface SubjectTitle {
  /** The title, or null when the subject says only "proposal". */
  readonly title: string | null;
  /** The subject was tagged or led in as a proposal ("[LT]", "CFP:", "Proposition de talk :"). */
  readonly tagged: boolean;
  /** The title was set apart (":", "-", brackets, quotes), not merely following a lead-in word ("LT pgBadger"). */
  readonly separated?: boolean;
  /** The subject names a call for speakers ("Call for speakers: PGDay Lille 2025"): an event asking, not a talk offered. */
  readonly call?: boolean;
}

/**
 * "Call for speakers: PGDay Lille 2025", « Appel à orateurs : Meetup PostgreSQL Lyon #12 »: spelled out at the start
 * of a subject, the words name a call and what follows names the event calling. "CFP: <title>" stays a speaker's tag.
 */
const CALL_LEAD =
  /^(?:(?:notre|our|un|une|a|the|le|l')\s*)?(?:appel (?:a|aux) (?:orateurs?|oratrices?|orateur\.?(?:rice|trice)s?|intervenants?|intervenantes?|interventions?|propositions?|conferenciers?|conferencieres?|presentations?(?: eclairs?)?|talks?|lightning(?: talks?)?|lts?|exposes?|sujets?|communications?|contributions?|candidatures?)|call (?:for|4) (?:talks|speakers|papers|proposals|presentations|participation|submissions|contributions|lightning talks|abstracts)|(?:speakers?|talks?|papers?) wanted|(?:on )?(?:recherche|cherche) (?:des )?(?:orateurs?|oratrices?|intervenants?|speakers?))(?![a-z])/;

/**
 * One mail's subject is read for its title three times or more (issue 12): looksLikeProposal's early exit and
 * proposalScore (the subject cut to 400 characters: the whole of almost every one) for each source weighed, then
 * extractProposal — the same string, the same answer (a pure reading). Kept by the exact subject for the last
 * SUBJECT_MEMO subjects, up to MEMO_SUBJECT characters (a hostile 200 KB subject is read each time, not held); frozen:
 * every caller shares the answer.
 */
const SUBJECT_MEMO = 16;
const MEMO_SUBJECT = 1000;
const titleKept = boundedMemo(subjectTitleOf, SUBJECT_MEMO);

export function titleFromSubject(subject: string): SubjectTitle {
  return subject.length <= MEMO_SUBJECT ? titleKept(subject) : subjectTitleOf(subject);
}

function subjectTitleOf(subject: string): SubjectTitle {
  return Object.freeze(unlessEvent(unlessAsked(subjectTitle(subject))));
}

/**
 * What follows a lead-in may name only where the talk is for, set apart by a dash instead of « pour »: « Proposition
 * d'intervention – meetup janvier », "Talk proposal - next meetup", « Proposition de talk : meetup de mars » (folded).
 */
const EVENT_ONLY =
  /^(?:(?:pour|for|au|at)\s+)?(?:(?:le|la|l'|the|our|notre|votre|your|next|prochaine?|du|de)\s*)*(?:meetups?|pug|pgug|soirees?|rencontres?)(?:\s+(?:de\s+|d'|du\s+|of\s+|in\s+|en\s+)?(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december|#?\d{1,4}(?:\/\d{1,2})?)){0,2}\s*[?!.]?$/;

function unlessEvent(t: SubjectTitle): SubjectTitle {
  return t.title !== null && t.tagged && EVENT_ONLY.test(fold(t.title).trim()) ? { ...t, title: null } : t;
}

function subjectTitle(subject: string): SubjectTitle {
  // The subject of an answer to our call names the call: the talk's title is in the body, if anywhere.
  if (answersCallForTalks(subject) || answersAnnouncement(subject) || answersInvitation(subject)) return { title: null, tagged: false };
  let s = withoutEmojiEnds(stripReplyPrefixes(subject.normalize('NFC')));
  let tagged = false;
  for (let k = 0; k < 3; k++) {
    const t = TAG.exec(s) ?? leadInBrackets(s);
    const group = t ? null : GROUP_TAG.exec(s);
    if (!t && !group) break;
    s = s.slice((t ?? group)![0].length);
    if (t) tagged = true;
  }
  const f = fold(s);
  const call = CALL_LEAD.exec(f);
  if (call) {
    // « Appel à orateurs : proposition de talk « X » »: a speaker's proposal under the call's name is still one
    const rest = s.slice(call[0].length).replace(SEPARATOR, '');
    const inner = rest !== s.slice(call[0].length) && LEAD.exec(fold(rest));
    if (inner && inner[0].trim() !== '') return subjectTitle(rest);
    return { title: null, tagged: false, call: true };
  }
  const lead = LEAD.exec(f);
  if (lead && lead[0].trim() !== '') {
    const dest = DESTINATION.exec(f.slice(lead[0].length));
    if (dest && !NOT_A_TALK.test(f.slice(lead[0].length + dest[0].length))) {
      const title = clean(s.slice(lead[0].length + dest[0].length));
      // a lead-in naming no talk (« Idée pour le prochain meetup : une soirée pizza ») offers a title only as titles
      // are written: a capital, a figure, an identifier (pg_dump)
      const named = TALK_IN_LEAD.test(lead[0]) || tagged || (title !== null && /^(?:[\p{Lu}\d]|[\p{Ll}]+[_\d])/u.test(title));
      if (title && named) return { title, tagged: true, separated: true };
    }
    // « Sujet pour le meetup » is a lead-in only before its title
    if (/^(?:sujet|topic|idee|idea)$/.test(lead[0].trim()) && /^\s+(?:pour|for)\b/.test(f.slice(lead[0].length))) return tagged ? { title: clean(s), tagged, separated: true } : { title: clean(s), tagged };
    const rest = s.slice(lead[0].length);
    const sep = SEPARATOR.exec(rest);
    const quotedRest = /^\s*[«"“]/.test(rest);
    // a bare noun ("Conference tickets on sale", "Talk about dinner") is a lead-in only when a separator follows
    if (BARE_NOUN.test(lead[0].trim()) && !sep && !quotedRest && rest.trim() !== '') return { title: clean(s), tagged };
    // "Talk proposal review", « Proposition de talk relecture », "Proposal feedback meeting" (no separator after the lead-in):
    // what is done with the proposals received (ABOUT_PROPOSALS), a subject of the organizers' — no talk offered
    if (!sep && !quotedRest && ABOUT_PROPOSALS.test(fold(rest))) return { title: null, tagged: false };
    // "Proposition de salle pour vos meetups", "Proposal for sponsorship": an offer, but of no talk
    // "Proposition : salle gratuite pour 2027", "Proposal: sponsoring your next meetup": what is offered is no talk
    const generic = !tagged && !TALK_IN_LEAD.test(lead[0]);
    // Only an offer that names what it is (a venue, sponsoring, a job…): « Proposition d'un retour d'expérience », « Proposition
    // pour PG Day Lyon » and "Proposal: Job queues with SKIP LOCKED" stay proposals (a review found them refused).
    if (generic && NOT_A_TALK.test(fold(rest))) return { title: clean(s), tagged };
    // "Proposal: move the meetups to Wednesdays?", « Proposition : décaler le meetup au mercredi ? »: a bare lead-in over a
    // question naming no talk suggests something to the organizers; a talk's question-title comes under a talk's lead-in.
    // No tag then — but when the text offers a talk after all ("Proposal: Can Postgres replace Kafka?" over "I'd like to
    // give a 30-minute talk under that title"), the question is its title, set apart by the lead-in's separator.
    if (generic && sep && /\?\s*$/.test(rest) && !TALK_IN_LEAD.test(fold(rest))) return { title: clean(rest.slice(sep[0].length)), tagged, separated: true };
    tagged = true;
    if (sep) {
      const after = rest.slice(sep[0].length);
      // « Proposition / Talk proposal: X »: the lead-in again in the other language, with its own separator, then the title
      const again = LEAD.exec(fold(after));
      if (again && again[0].trim() !== '' && SEPARATOR.test(after.slice(again[0].length))) return { ...subjectTitle(after), tagged, separated: true };
      // « Proposition : un éclair sur pg_dump », "Proposal: a short talk on JSONB": the talk described by its topic, not
      // named — a title the body states (« je proposerais une présentation éclair : « pg_dump : … » ») is surer
      return { title: clean(withoutLengthHead(after)), tagged, separated: !DESCRIBED.test(fold(after).trim()) };
    }
    // "Proposition de talk « Partitionnement »" / "Talk proposal "X""
    const quoted = /^\s*[«"“](.+)[»"”]\s*$/.exec(rest);
    if (quoted) return { title: clean(quoted[1]!), tagged, separated: true };
    // "Proposition de talk pour le meetup de mars": a lead-in and nothing we could call a title
    if (rest.trim() === '' || /^\s*(pour|for|au|at|a|à|lors|during|sur|on|about|de|du|le|la|the|next|prochain|prochaine)(?![\p{L}])/iu.test(rest)) {
      return { title: null, tagged };
    }
    return { title: clean(rest), tagged };
  }
  return tagged ? { title: clean(s), tagged, separated: true } : { title: clean(s), tagged };
}

/** A subject that asks ("Date limite pour les propositions ?", "CFP deadline?") names no talk; a question set apart after a tag ("Talk: Is Postgres a queue?") may be its title. */
function unlessAsked(t: SubjectTitle): SubjectTitle {
  return t.title !== null && !t.separated && /\?\s*$/.test(t.title) ? { ...t, title: null } : t;
}

/** Emoji dressing a subject's ends ("🐘 Talk proposal: pgvector in production 🚀"); ©, ® and ™ belong to names. */
const EMOJI_RUN = '(?:(?![©®™])[\\p{Extended_Pictographic}\\p{Regional_Indicator}]|\\p{Emoji_Modifier}|\\u200d|\\ufe0f|\\u20e3|\\s)+';
const EMOJI_ENDS = new RegExp(`^${EMOJI_RUN}|${EMOJI_RUN}$`, 'gu');

function withoutEmojiEnds(s: string): string {
  const t = s.replace(EMOJI_ENDS, '');
  return t === '' ? s : stripReplyPrefixes(t);
}

function clean(s: string): string | null {
  const t = unquote(withoutLengthAside(withoutEmojiEnds(s.replace(/\s+/g, ' ').trim()))).replace(/^[:\-–—\s]+|[\s]+$/g, '');
  return t === '' ? null : t;
}

/** A trailing aside in brackets (folded) that gives only the length or the format: "(20 min)", "[45']", « (lightning) », "(~30 minutes talk)". */
// several of them listed: « (lightning, 5 min) », "(talk / 30 min)" (parse audit 9: « (lightning » was left in the title)
const LENGTH_ASIDE_ITEM =
  "(?:~|env\\.?|environ|ca\\.?|approx\\.?|about|around)?\\s*(?:\\d{1,3}\\s*(?:-|a|to)?\\s*\\d{0,3}\\s*(?:minutes?|mins?|mn|'|′)(?:\\s+(?:talk|lightning|slot|presentation|expose|creneau))?|lightning(?: talk)?|lt|talk|eclair|talk eclair)";
const LENGTH_ASIDE = new RegExp(`^${LENGTH_ASIDE_ITEM}(?:\\s*[,/;]\\s*${LENGTH_ASIDE_ITEM})*$`);

/** "Indexing strategies for multi-tenant apps (20 min)": the aside says how long, the title is what precedes it. */
function withoutLengthAside(s: string): string {
  const m = /\s*[([]([^()[\]]{1,40})[)\]]\s*$/.exec(s);
  return m && m.index > 0 && LENGTH_ASIDE.test(fold(m[1]!).trim()) ? s.slice(0, m.index) : s;
}

/**
 * The length said after a title, set apart by a comma, a spaced dash or brackets: "Advisory locks for job queues, 20
 * minutes", « Les verrous consultatifs, environ 30 minutes », "… - 25 min.", « …, une demi-heure » — how the offer's
 * line, a labelled « Titre : » or "Title:" goes on (parse audit 9: the length was filed as part of the title). Only a
 * length and the words that hedge it (about, environ, max, or so, talk…): "Vacuum, in 5 minutes" keeps its words.
 */
const TAIL_APART = /(?:\s*,|\s+[-–—]|\s*[([])\s*([^,()[\]–—]{1,40}?)\s*[)\]]?\s*\.?\s*$/;
const TAIL_HEDGES = /^(?:(?:~|(?:about|around|approximately|approx\.?|roughly|some|environ|env\.?|ca\.?|circa|a peu pres|maximum|max\.?)(?![a-z]))\s*)*|(?:\s+(?:environ|or so|maximum|max\.?|tops|talk|lightning(?: talk)?|slot|presentation|expose|creneau))*$/g;

/** « Proposition de talk - 20 min - Les index partiels »: a length set apart before the title (parse audit 9). */
const LENGTH_HEAD = /^\s*(?:~|env\.?|environ|about|around|approx\.?)?\s*\d{1,3}\s*(?:minutes?|mins?|mn|'|′)\s*(?:[-–—:|/]|\s-\s)\s*(?=\S)/i;

function withoutLengthHead(rest: string): string {
  const m = LENGTH_HEAD.exec(rest);
  return m && rest.slice(m[0].length).trim().split(/\s+/).length >= 2 ? rest.slice(m[0].length) : rest;
}

export function withoutLengthTail(title: string): string {
  const m = TAIL_APART.exec(title);
  // inside brackets a comma parts the aside's items (« (lightning, 5 min) »), not the title from its length
  if (!m || m.index === 0 || (!/^\s*[([]/.test(m[0]) && /[([][^)\]]*$/.test(title.slice(0, m.index)))) return title;
  const tail = fold(m[1]!).replace(TAIL_HEDGES, '').trim();
  const d = durationsIn(tail);
  if (d.length !== 1 || d[0]!.index !== 0 || d[0]!.length !== tail.length) return title;
  const rest = title.slice(0, m.index).trim();
  return rest.split(/\s+/).length >= 2 ? rest : title;
}

/** Subjects that name no talk at all even without a lead-in ("Question", "Meetup de mars", "Hello", "Speaker for your meetup"). */
export function isGenericSubject(s: string): boolean {
  const f = fold(stripReplyPrefixes(s));
  return (
    f.trim() === '' ||
    // "next meetup", « Pour le prochain meetup »: where the talk would be given, not what it is
    /^(question|hello|bonjour|hi|hey|salut|coucou|meetup|talk|talks|conference|presentation|proposition|proposal|cfp|idee|idea|lightning talk|lt|info|infos|contact|test|speakers?|orateurs?|oratrices?|intervenants?|intervenantes?|(?:(?:for|pour)\s+)?(?:(?:the|le|our|notre|votre|your)\s+)?(?:next|upcoming|prochaine?)\s+meetups?)\b[\s\w'!?.,]{0,30}$/.test(f) &&
      !/[:\-–—]/.test(f)
  );
}
