/**
 * Where the proposal is: the mail itself, or — when an organizer forwarded it — the forwarded message
 * (attached as message/rfc822, or inline under a "Forwarded message" marker). Returns the author, subject,
 * body (quoted history removed) and parts of the original, and who forwarded it. The author is also someone other
 * than the sender when a web form's robot relays the person who filled it in (Reply-To, the form's fields), or when
 * the writer passes on someone else's proposal in their own words ("forwarding the proposal of …", "on behalf of my
 * colleague …", « de la part de … »); `forwardedBy` is then the sender.
 */
import { EMAIL_IN_TEXT } from '../address.ts';
import type { Address, Mail, MailPart } from '../../types.ts';
import { findInlineForward, FORWARD_SUBJECT } from '../text/forward.ts';
import { attributionLines, isQuoteLine, quoteStart, stripQuotes, textBelowQuote } from '../text/quotes.ts';
import { cleanName, looksLikePersonName, nameFromLocalPart } from '../text/names.ts';
import { fold } from '../text/fold.ts';
import { isMachineAddress, replyToPerson } from '../classify/signals.ts';
import { proposalScore, THRESHOLD } from './score.ts';
import { addressSpellingName } from './speakers.ts';

/** Never changed once made: proposalScore keeps a source's score by the object (score.ts). */
export interface ProposalSource {
  readonly author: Address | null;
  readonly subject: string;
  /** The author's own words: quoted history removed, signature still there. */
  readonly text: string;
  readonly parts: MailPart[];
  readonly cc: Address[];
  /** Who forwarded the proposal (null when the author sent it). */
  readonly forwardedBy: Address | null;
  /** Passed on in the writer's own words under a lead naming a proposal (« Je vous transmets la proposition de … »). */
  readonly relayed?: true;
  /** Passed on in the sender's own words (a lead, on behalf of, asked to, in the third person): all the sender wrote. */
  readonly senderText?: string;
}

/** Fewer characters than this above a quote: the writer's text is below it. */
const MIN_OWN_TEXT = 12;
/** A forwarder's note longer than this is a message of its own, not a cover line over an attached proposal. */
const SHORT_NOTE = 600;

/**
 * Computed once per Mail: classification (looksLikeProposal) and extraction both start here, and stripping
 * quotes and looking for an inline forward is the costly part. A Mail is never modified after decoding.
 */
const sources = new WeakMap<Mail, ProposalSource>();

export function proposalSource(mail: Mail): ProposalSource {
  let src = sources.get(mail);
  if (!src) sources.set(mail, (src = forwardedSource(mail) ?? ownSource(mail, ownText(mail.text ?? ''))));
  return src;
}

/**
 * proposalSource — or null when the sender's own text is `hopeless`, asked before anyone else is looked for as its
 * author (a form's filler, a colleague passed on: most of the cost on mail that never mentions a talk). A forwarded
 * message is the source whatever it says; null is not kept, proposalSource still gives the source in full.
 */
export function proposalSourceUnless(mail: Mail, hopeless: (own: string) => boolean): ProposalSource | null {
  const known = sources.get(mail);
  if (known) return known;
  const fwd = forwardedSource(mail);
  const own = fwd ? '' : ownText(mail.text ?? '');
  if (!fwd && hopeless(own)) return null;
  const src = fwd ?? ownSource(mail, own);
  sources.set(mail, src);
  return src;
}

/** The proposal as a message forwarded (attached, or inline under a marker); null when the mail forwards none. */
function forwardedSource(mail: Mail): ProposalSource | null {
  const fwdSubject = FORWARD_SUBJECT.test(mail.subject.slice(0, 100));
  const text = mail.text ?? '';
  const inner = mail.embedded[0];
  if (inner && (fwdSubject || stripQuotes(text).length < SHORT_NOTE)) {
    return {
      author: inner.from,
      subject: inner.subject || mail.subject,
      text: stripQuotes(inner.text ?? ''),
      parts: [...inner.parts, ...mail.parts.filter((p) => p.contentType !== 'message/rfc822')],
      cc: inner.cc,
      forwardedBy: mail.from,
    };
  }
  const hint = fwdSubject || /\b(transf[èeé]r|forward|fwd|fyi|pour info|je te fais suivre|je vous fais suivre|see below|ci-dessous)/i.test(text.slice(0, 400));
  let fwd = text ? findInlineForward(text, hint) : null;
  // a forward of a forward (« Fwd: Fwd: », an organizer passing on what a colleague passed on): the proposal is the
  // innermost message, under each forwarder's short note — when the forwarded message's own subject says it forwards
  for (let depth = 0; fwd && depth < 3 && FORWARD_SUBJECT.test((fwd.subject ?? '').slice(0, 100)); depth++) {
    const inner = findInlineForward(fwd.body, true);
    if (!inner?.from || !(inner.from.email || inner.from.name) || inner.body.trim() === '' || stripQuotes(inner.note).length >= SHORT_NOTE) break;
    // …but a note that is itself a proposal over a message that is none (a speaker offering a talk over the call for
    // talks they forward) is the proposal: the message under it is what it answers. A colleague's cover note that
    // speaks of the talk (« Ravi would like to give a talk… details below ») over Ravi's own proposal passes it on.
    const note: ProposalSource = { author: fwd.from, subject: fwd.subject ?? mail.subject, text: stripQuotes(inner.note), parts: mail.parts, cc: fwd.cc, forwardedBy: mail.from };
    const under: ProposalSource = { author: inner.from, subject: inner.subject ?? mail.subject, text: stripQuotes(inner.body), parts: mail.parts, cc: inner.cc, forwardedBy: mail.from };
    if (proposalScore(mail, note).score >= THRESHOLD && proposalScore(mail, under).score < THRESHOLD) break;
    fwd = inner;
  }
  if (fwd && fwd.from && (fwd.from.email || fwd.from.name) && fwd.body.trim() !== '') {
    const under: ProposalSource = {
      author: fwd.from,
      subject: fwd.subject ?? mail.subject,
      text: stripQuotes(fwd.body),
      parts: mail.parts,
      // the forwarded message's own Cc (a co-speaker copied by its author), as for a message attached whole
      cc: fwd.cc,
      forwardedBy: mail.from,
    };
    // as above, one level up: a speaker's proposal written over the call for talks a colleague forwarded them
    // (« RE : TR: Appel à orateurs », Outlook's « De : … Objet : » block under it) is the writer's own
    const note: ProposalSource = { author: mail.from, subject: mail.subject, text: stripQuotes(fwd.note), parts: mail.parts, cc: mail.cc, forwardedBy: null };
    if (note.text.trim() !== '' && proposalScore(mail, note).score >= THRESHOLD && proposalScore(mail, under).score < THRESHOLD) return note;
    return under;
  }
  return null;
}

/** The sender's own words in `text`: the quoted history removed. */
function ownText(text: string): string {
  // nothing above the quote: a reply written under it (bottom-posting), whose new text is below
  const above = stripQuotes(quotedUnderLead(text));
  // (or answered point by point, between the quoted lines: textBetweenQuotes)
  return above.replace(/\s+/g, '').length < MIN_OWN_TEXT ? textBetweenQuotes(text) || textBelowQuote(text) || above : above;
}

/**
 * The proposal in the sender's own words `own`: theirs, or — a form's notification, a proposal passed on — the person's
 * it names, with `own` or the text after the words that pass it on (a suffix of `own`, cut where a line or a sentence
 * starts: score.ts's offersNoTalk relies on it).
 */
function ownSource(mail: Mail, own: string): ProposalSource {
  // a web form's notification: the site's robot sends it, the person who filled the form in is the author
  const filled = formAuthor(mail, own);
  if (filled) return { author: filled, subject: mail.subject, text: own, parts: mail.parts, cc: mail.cc, forwardedBy: mail.from };
  const lead = relayedAuthor(own, mail.cc);
  const relayed = lead ?? behalfAuthor(own, mail.cc) ?? thirdPersonAuthor(own, mail.cc);
  // the proposal is what follows the line that passes it on (that line is no abstract)
  if (relayed) {
    const cut: ProposalSource = { author: relayed.author, subject: mail.subject, text: own.slice(relayed.end), parts: mail.parts, cc: mail.cc, forwardedBy: mail.from, senderText: own, ...(lead ? { relayed: true as const } : {}) };
    // "On behalf of Kenji Watanabe (…), who would like to present a talk:" over the title alone: the words that pass the
    // talk on are what offers it — cut away, what is left ("Scaling writes…", 45 minutes.) offers nothing, and the
    // proposal was filed as "other" (parse audit 9). They stay when only with them is the text a proposal.
    // (the very object scored is the one returned: looksLikeProposal then finds its score kept, not computed again)
    const whole: ProposalSource = { ...cut, text: own };
    if (relayed.end > 0 && proposalScore(mail, cut).score < THRESHOLD && proposalScore(mail, whole).score >= THRESHOLD) return whole;
    return cut;
  }
  return { author: mail.from, subject: mail.subject, text: own, parts: mail.parts, cc: mail.cc, forwardedBy: null };
}

/**
 * A proposal passed on in the writer's own words, with no forwarded message under it: « Je vous transmets la
 * proposition de Priya Raman (priya@…) : », "Forwarding a talk proposal from Priya Raman <priya@…>:". The person
 * named is the speaker (SPEC: the original author, not whoever passed it on) — only with a full name (two words,
 * capitalised) right after the lead, said in the opening lines; « ma proposition », "my proposal" are the writer's.
 */
const RELAY_LEAD = new RegExp(
  '(?:^|[.!:,]\\s+|\\n)\\s*' +
    "(?:voici|voil[àa]|ci-dessous|here\\s+is|here['’]s|below\\s+is|je\\s+(?:te\\s+|vous\\s+)?(?:transmets|fais\\s+suivre|relaie|relaye|transf[èe]re|partage)|(?:i\\s*(?:am|['’]m)\\s+|we\\s*(?:are|['’]re)\\s+)?(?:forwarding|passing\\s+(?:on|along)|relaying)|i\\s+(?:forward|pass\\s+on|am\\s+passing\\s+on))" +
    '\\s+(?:(?:ici|ci-dessous|here|below)\\s+)?(?:la|une|cette|the|a|this)\\s+(?:(?:talk|lightning(?:\\s+talk)?|workshop)\\s+)?' +
    "(?:proposition|proposal|soumission|submission)\\s+(?:(?:de\\s+)?(?:talk|conf[ée]rence|pr[ée]sentation|lightning(?:\\s+talk)?|talk\\s+[ée]clair)\\s+|d['’]\\s*(?:intervention|expos[ée]|atelier)\\s+)?" +
    "(?:de|d['’]|from|by|of)\\s*",
  'i',
);
const RELAYED_NAME = /^(\p{Lu}[\p{L}'’-]+(?:\s+(?:de |du |van |von |le |la )?\p{Lu}[\p{L}'’-]+){1,3})\s*(?:[<([]\s*([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\s*[>)\]]|,?\s+([\w.+'-]+@[\w-]+(?:\.[\w-]+)+))?/u;

/** A title before a person's name (case as written: « M. », "Dr.", « Mme », "Prof."), no part of it. */
const HONORIFIC_BEFORE = /^(?:Dr|Docteur|Prof|Professeur|Professor|Pr|Mr|Mrs|Ms|Miss|Mister|Mme|Mlle|Madame|Mademoiselle|Monsieur|M)\.?\s+(?=\p{Lu})/u;

/** A line that passes someone's proposal on: « Voici la proposition de X », "on behalf of X", « X m'a demandé de vous transmettre sa proposition ». */
function passesOn(line: string): boolean {
  return RELAY_LEAD.test(line) || BEHALF_ANYWHERE.test(line) || ASKED_ANYWHERE.test(line);
}

/**
 * « Voici la proposition de Priya Raman (priya@…) : » over her words quoted with « > », no attribution line: the
 * proposal passed on is the quote (parse audit 9: stripped as history, nothing was left — "other"). One level of « > »
 * is taken off the block right under such a lead; any other quote stays history.
 */
function quotedUnderLead(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const first = lines.findIndex(isQuoteLine);
  let lead = first - 1;
  while (lead >= 0 && lines[lead]!.trim() === '') lead--;
  // the lead passes someone's proposal on: « Voici la proposition de X : », "on behalf of X:", « X m'a demandé de vous transmettre sa proposition : »
  if (lead < 0 || !/[:：]\s*$/.test(lines[lead]!) || !passesOn(lines[lead]!)) return text;
  let end = first;
  while (end < lines.length && (isQuoteLine(lines[end]!) || (lines[end]!.trim() === '' && isQuoteLine(lines[end + 1] ?? '')))) end++;
  return [...lines.slice(0, first), ...lines.slice(first, end).map((l) => l.replace(/^\s*> ?/, '')), ...lines.slice(end)].join('\n');
}

/**
 * A reply to the call answering it point by point under its attribution: « > - a title » then the title, « > - the
 * length » then « 30 minutes » (parse audit 14: only the signature under the last quoted line was read, and the
 * proposal was other). The writer's lines from the history's start on, the attribution and the quoted lines left out —
 * when some of them sit between two quoted lines; else empty (a reply written under the whole quote is textBelowQuote's).
 */
function textBetweenQuotes(text: string): string {
  const lines = text.slice(0, 100_000).replace(/\r\n?/g, '\n').split('\n');
  const start = quoteStart(lines);
  if (start >= lines.length) return '';
  const rest = lines.slice(start + attributionLines(lines, start));
  const quoted = rest.flatMap((l, k) => (isQuoteLine(l) ? [k] : []));
  if (quoted.length < 2 || !rest.slice(quoted[0], quoted[quoted.length - 1]).some((l) => l.trim() !== '' && !isQuoteLine(l))) return '';
  // each quoted run ends the answer above it, as a blank line would: « > - la durée » between a title and « 20 minutes »
  return stripQuotes(rest.map((l) => (isQuoteLine(l) ? '' : l)).join('\n'));
}

/** « de mon collègue Paul Martin », "from my colleague Paul Martin": the name follows. */
const COLLEAGUE = /^(?:(?:mon|ma|notre|my|our)\s+(?:coll[èe]gue|colleague|co-?worker|ami|amie|friend)\s+)/i;

function relayedAuthor(text: string, cc: readonly Address[]): { author: Address; end: number } | null {
  const head = text.slice(0, 400);
  const lead = RELAY_LEAD.exec(head);
  if (!lead) return null;
  const p = personAt(head, lead.index + lead[0].length, cc);
  if (!p) return null;
  const eol = text.indexOf('\n', p.end);
  return { author: { name: p.name, email: p.email ?? '' }, end: eol < 0 ? text.length : eol + 1 };
}

/**
 * Offered in the third person: « Mon collègue Hugo Lefèvre (hugo@…) aimerait présenter … », "Our CTO Jane Roe would
 * like to give a talk on …" — the person named, by their role beside the writer, gives the talk (an audit's
 * company mail was filed as the marketing address's). Their address from the text or Cc; the whole text stays.
 */
const ROLE =
  /\b(?:mon|ma|notre|my|our)\s+(?:coll[èe]gue|colleague|co-?worker|consultante?|consultant|cto|ceo|cio|experte?|architecte|architect|dba|lead|responsable|directeur|directrice|engineer|ing[ée]nieure?|d[ée]veloppeu(?:r|se)|developer|pr[ée]sidente?|fondat(?:eur|rice)|co-?fondat(?:eur|rice)|founder|co-?founder|manager|head\s+of\s+[\p{L}-]+)\s*,?\s+/giu;
/** What may qualify the role before the name (lower case): « notre directeur technique, Karim Benali », "our head of data, Jane Roe". */
const ROLE_QUALIFIER = /^(?:[\p{Ll}][\p{Ll}'’&-]*\s*,?\s+){0,3}(?=\p{Lu})/u;
/** Where a sentence or a line starts: « Karim Benali (karim@…) aimerait présenter … » names the speaker there too. */
const SENTENCE_START = /(?:^|[.!?:]\s+|\n)[ \t]*/g;
const WANTS =
  /^[^.!?\n]{0,100}?\b(?:aimerait|souhaiterait|voudrait|souhaite|proposerait|pourrait|serait\s+ravie?|would\s+(?:like|love|be\s+happy)|wants|is\s+keen|could|can)\b[^.!?\n]{0,40}?\b(?:pr[ée]senter|parler|donner|faire|animer|proposer|intervenir|present|give|talk|speak|run)\b/iu;

/** The writer offering a talk themselves: a colleague named after it helps (« Mon collègue Paul pourrait faire la démo »). */
const FIRST_PERSON_OFFER = /\b(?:i(?:'d| would)? (?:like|love) to|i (?:propose|submit|can give|could give)|je (?:voudrais|souhaite|souhaiterais|propose|peux|pourrais)|j'aimerais|nous (?:voudrions|souhaitons|proposons))\b/i;

/**
 * The person named goes on paired with the writer: "My colleague Anna Roth (anna@…) and I would like to present", « Mon
 * collègue Paul Morel et moi aimerions présenter »: the writer offers the talk, the colleague is a co-speaker. An aside
 * may come between the name and « et moi », as people point to the Cc line: "Ana Silva (in Cc) and I", « Paul Morel
 * (en copie) et moi », "Ana Silva, our DBA, and I" — the pair still presents.
 */
const WITH_THE_WRITER = /^\s*(?:\([^()\n]{1,60}\)|,[^,.!?;:\n]{1,40},)?\s*,?\s*(?:and|et|&)\s+(?:i|me|myself|moi(?:-m[êe]me)?)(?![\p{L}])/iu;

function thirdPersonAuthor(text: string, cc: readonly Address[]): { author: Address; end: number } | null {
  const head = text.slice(0, 600);
  for (const r of head.matchAll(ROLE)) {
    if (FIRST_PERSON_OFFER.test(head.slice(0, r.index))) return null;
    const after = r.index + r[0].length;
    const p = personAt(head, after + (ROLE_QUALIFIER.exec(head.slice(after))?.[0].length ?? 0), cc);
    // only with their address (in the text or Cc): a name alone leaves no one to acknowledge
    if (p?.email && !WITH_THE_WRITER.test(head.slice(p.end)) && WANTS.test(head.slice(p.end))) return { author: { name: p.name, email: p.email }, end: 0 };
  }
  // no role said: a person named with their address who would present, opening a sentence — the address beside the
  // name, or further on in the text or in Cc, as personAt reads it: « M. Jacques Bernard, directeur des systèmes
  // d'information, souhaiterait présenter « … » … Vous pouvez le joindre à jacques.bernard@… » (parse audit 12: filed as
  // the secretariat's)
  for (const st of head.matchAll(SENTENCE_START)) {
    const at = st.index + st[0].length;
    const m = RELAYED_NAME.exec(head.slice(at));
    if (!m) continue;
    const name = cleanName(m[1]!);
    const email = m[2] ?? m[3] ?? (name ? (ccAddress(cc, name) ?? addressSpellingName(text.slice(0, 4000), name)) : null);
    if (!email) continue;
    if (FIRST_PERSON_OFFER.test(head.slice(0, at))) return null;
    if (name && looksLikePersonName(name) && !WITH_THE_WRITER.test(head.slice(at + m[0].length)) && WANTS.test(head.slice(at + m[0].length))) return { author: { name, email }, end: 0 };
  }
  return null;
}

/**
 * The person named at `at`: « mon collègue » / "my colleague" skipped, then a full name and maybe an address
 * ("Priya Raman (priya@…)"); or a colleague's first name alone that one Cc'd person has ("my colleague Sofia",
 * Cc: Sofia Rossi). The address, when the text gives none, is the Cc'd person's of that name.
 */
function personAt(head: string, at: number, cc: readonly Address[]): { name: string; email: string | null; colleague: boolean; end: number } | null {
  const colleague = COLLEAGUE.exec(head.slice(at));
  at += colleague?.[0].length ?? 0;
  // "on behalf of Dr. Kenji Watanabe", « de la part de M. Olivier Chevalier »: the title's dot ended the name before it
  // began (parse audit 9); the person is the name after it
  at += HONORIFIC_BEFORE.exec(head.slice(at))?.[0].length ?? 0;
  const m = RELAYED_NAME.exec(head.slice(at));
  const name = m ? cleanName(m[1]!) : null;
  if (m && name && looksLikePersonName(name)) {
    return { name, email: m[2] ?? m[3] ?? ccAddress(cc, name) ?? addressSpellingName(head, name), colleague: colleague !== null, end: at + m[0].length };
  }
  const first = colleague ? /^(\p{Lu}[\p{L}'’-]+)(?![\p{L}'’-])/u.exec(head.slice(at)) : null;
  if (!first) return null;
  const f = fold(first[1]!);
  const hits = cc.filter((c) => fold(cleanName(c.name) ?? nameFromLocalPart(c.email) ?? '').split(' ')[0] === f);
  if (hits.length !== 1) return null;
  const full = cleanName(hits[0]!.name) ?? nameFromLocalPart(hits[0]!.email);
  return full && looksLikePersonName(full) ? { name: full, email: hits[0]!.email, colleague: true, end: at + first[0].length } : null;
}

/**
 * Submitted for someone else: "I'm submitting this on behalf of my colleague Sofia Rossi, who will give the talk",
 * « Je vous envoie, de la part de ma collègue Julie Bernard, sa proposition », « pour le compte de ». The person
 * named is the speaker when the sentence is about sending the proposal (or opens with the phrase) and the text says
 * who they are: "my colleague", an address (written, or theirs in Cc), or that they give the talk. Not when they only
 * sent the writer ("on behalf of Jean Dupont, who told me to write"), nor when the writer presents with them ("and I").
 * The paragraph that says so is no abstract.
 */
const BEHALF = /(?:\bon\s+behalf\s+of|\bde\s+la\s+part\s+d(?:e\s+|['’]\s*)|\bpour\s+le\s+compte\s+d(?:e\s+|['’]\s*)|\bau\s+nom\s+d(?:e\s+|['’]\s*))\s*/giu;
/** BEHALF without the g flag, whose lastIndex would carry a position from one test to the next (passesOn). */
const BEHALF_ANYWHERE = new RegExp(BEHALF.source, 'iu');
/** Verbs of passing a proposal on, said before the phrase in its sentence (« vous écrire » as « je vous écris »: parse audit 9). */
const SUBMIT =
  /(?<![\p{L}])(?:voici|voil[àa]|here\s+is|here['’]s|submit\p{L}*|send\p{L}*|sent|propos\p{L}*|forward\p{L}*|pass\p{L}*\s+(?:on|along)|relay\p{L}*|writ\p{L}*|wrote|apply\p{L}*|soumet\p{L}*|soumis|envo[iy]\p{L}*|transm\p{L}*|fais\s+suivre|[ée]cri(?:[stv]|re)\p{L}*|adress\p{L}*|relai\p{L}*|d[ée]pos\p{L}*|inscri\p{L}*)(?![\p{L}])/iu;
/** Writing or contacting only: the phrase says who sent the writer, not whose talk it is, unless more is said. */
const ONLY_WRITING = /^(?:writ\p{L}*|wrote|[ée]cri(?:[stv]|re)\p{L}*)$/iu;
/** After the name: the person gives the talk. */
// proposing a talk says it too: "…, who would like to propose a talk", « qui souhaite proposer un exposé » (parse audit 9)
const GIVES =
  /^[^.!?]{0,30}?\b(?:who|qui|she|he|they|elle|il)\b[^.!?]{0,40}?(?<![\p{L}])(?:give|giving|gives|present|presenting|presents|speak|speaking|deliver\p{L}*|pr[ée]sent\p{L}*|donn\p{L}*|anim\p{L}*|intervi?en\p{L}*|parler\p{L}*|parlera|(?:propos|soum[ei]tt?|submit)\p{L}*\s+(?:(?:un|une|a|an|sa|son|his|her|their)\s+)?(?:[\p{L}-]+\s+)?(?:talk|lightning|pr[ée]sentation|presentation|expos[ée]|intervention|session|conf[ée]rence|atelier|workshop))(?![\p{L}])/iu;
/** After the name: the person recommended writing, or the writer presents too. */
const NOT_THEIRS =
  /^[^.!?\n]{0,30}?(?:\b(?:who|qui)\s+(?:told|suggested|recommended|advised|asked|pointed|referred|m['’]a|m['’]ont|nous\s+a|vous\s+a)|^\s*(?:,\s*)?(?:and\s+(?:i|me|myself)\b|et\s+(?:moi|moi-m[êe]me)\b))/iu;
const ORGANISATION = /\b(?:inc|corp|ltd|llc|gmbh|sas|sarl|sa|ag|bv|group|groupe|team|[ée]quipe|labs?|consulting|solutions|technologies|systems|software|foundation|fondation|association|company|soci[ée]t[ée])\.?$/iu;

/** The end of a text from where its last sentence starts (a dot inside an address ends none), over one wrap at most. */
const SENTENCE_TAIL = /(?:[^.!?\n]|[.!?](?=\S))*(?:\n(?:[^.!?\n]|[.!?](?=\S))+)?$/;

function behalfAuthor(text: string, cc: readonly Address[]): { author: Address; end: number } | null {
  const head = text.slice(0, 600);
  for (const lead of head.matchAll(BEHALF)) {
    // the sentence so far: it passes a proposal on, or opens with the phrase ("On behalf of my colleague X, …")
    const before = head.slice(0, lead.index);
    const start = Math.max(before.search(SENTENCE_TAIL), before.lastIndexOf('\n\n') + 1);
    const sentence = before.slice(start);
    const verbs = [...sentence.matchAll(new RegExp(SUBMIT.source, 'giu'))].map((m) => m[0]);
    // no verb: the phrase opens its sentence, or at least its line ("Hello,\nOn behalf of my colleague …")
    if (verbs.length === 0 && /\p{L}/u.test(sentence) && /\p{L}/u.test(before.slice(before.lastIndexOf('\n') + 1))) continue;
    const p = personAt(head, lead.index + lead[0].length, cc);
    if (!p || ORGANISATION.test(p.name)) continue;
    const after = head.slice(p.end);
    if (NOT_THEIRS.test(after)) continue;
    // contact@ or a robot's address is an organisation's
    if (p.email && (isMachineAddress({ email: p.email }) || nameFromLocalPart(p.email) === null)) continue;
    const gives = GIVES.test(after);
    const onlyWriting = verbs.length > 0 && verbs.every((v) => ONLY_WRITING.test(v));
    if (!(p.colleague || gives || (p.email && !onlyWriting))) continue;
    // « … de la part de Claire Vasseur, qui souhaiterait présenter l'ouverture des données … »: the sentence that passes
    // the talk on also tells what it is; when only it would go, it stays (cut away, nothing would say a talk is offered)
    return { author: { name: p.name, email: p.email ?? '' }, end: passedOnEnd(text, p.end, gives) };
  }
  return askedAuthor(text, cc);
}

/**
 * « Ma collègue Julie Bernard m'a demandé de vous transmettre sa proposition », "My colleague Sofia Rossi asked me to
 * send you her proposal": the person who asked is the speaker — said with their talk ("her proposal", « sa
 * proposition »), not "asked me to say hello".
 */
const ASKED =
  /(?:asked\s+me\s+to|has\s+asked\s+me\s+to|wanted\s+me\s+to|m['’]a\s+demand[ée]\s+de|m['’]a\s+charg[ée]e?\s+de)\s+(?:vous\s+|te\s+)?(?:submit|send|forward|pass\s+on|share|transmettre|envoyer|soumettre|faire\s+suivre|proposer|adresser)\s+(?:(?:you|to\s+you)\s+)?(?:her|his|their|sa|son|ses|leur)\s+(?:talk|proposal|submission|abstract|proposition|sujet|r[ée]sum[ée]|pr[ée]sentation|id[ée]e)(?![\p{L}])/giu;
/** ASKED without the g flag (passesOn). */
const ASKED_ANYWHERE = new RegExp(ASKED.source, 'iu');
/** Who asked, just before the phrase (case matters: a name is capitalised). */
// the name may close an apposition: "My manager, Jane Roe (jane.roe@…), asked me to submit her talk proposal" (parse audit 9)
const ASKER =
  /(?:^|[\s,(])(?:(?:[Mm]on|[Mm]a|[Nn]otre|[Mm]y|[Oo]ur)\s+(?:coll[èe]gue|colleague|co-?worker|ami|amie|friend)\s+)?(\p{Lu}[\p{L}'’-]+(?:\s+(?:de |du |van |von |le |la )?\p{Lu}[\p{L}'’-]+){1,3})\s*(?:[<([][^)>\]]{0,60}[)>\]]\s*)?(?:,[^,.!?]{1,40},\s*|,\s*)?$/u;

function askedAuthor(text: string, cc: readonly Address[]): { author: Address; end: number } | null {
  const head = text.slice(0, 600);
  for (const m of head.matchAll(ASKED)) {
    const before = head.slice(0, m.index);
    const sentence = before.slice(before.search(SENTENCE_TAIL));
    const who = ASKER.exec(sentence);
    const name = who ? cleanName(who[1]!) : null;
    if (!who || !name || !looksLikePersonName(name) || ORGANISATION.test(name)) continue;
    const email = EMAIL_IN.exec(who[0])?.[0] ?? ccAddress(cc, name);
    return { author: { name, email: email ?? '' }, end: passedOnEnd(text, m.index + m[0].length) };
  }
  return null;
}

/**
 * Where the words that pass the proposal on end: their paragraph — or their line, when a labelled field ("Titre :
 * …") follows in the paragraph; their sentence when nothing would be left after the paragraph, and nothing cut
 * when nothing would be left after the sentence either (a one-paragraph mail is the proposal too).
 */
function passedOnEnd(text: string, at: number, describesTheTalk = false): number {
  const enough = (end: number) => text.slice(end).replace(/\s+/g, '').length >= 40;
  const paragraph = paragraphEnd(text, at);
  if (enough(paragraph)) return paragraph;
  if (describesTheTalk) return 0;
  const stop = /[.!?](?=\s)|\n[ \t]*\n/g;
  stop.lastIndex = at;
  const sentence = stop.exec(text);
  const end = sentence ? sentence.index + 1 : text.length;
  return enough(end) ? end : 0;
}

/** Where the paragraph holding `at` ends — or its line, when a labelled field ("Titre : …") follows in the paragraph. */
function paragraphEnd(text: string, at: number): number {
  const blank = /\n[ \t]*\n/g;
  blank.lastIndex = at;
  const b = blank.exec(text);
  const end = b ? b.index + b[0].length : text.length;
  const rest = text.slice(at, end).split('\n').slice(1);
  if (rest.some((l) => /^\s*[-*•]?\s*[\p{L}][\p{L}' ]{1,30}\s?:/u.test(l)) || text.slice(at, end).trimEnd().endsWith(':')) {
    const eol = text.indexOf('\n', at);
    return eol < 0 ? text.length : eol + 1;
  }
  return end;
}

/** The Cc'd address of a person named in the text: by display name, or by an address made of the name. */
function ccAddress(cc: readonly Address[], name: string): string | null {
  const f = fold(name);
  const hit = cc.find((c) => (c.name && fold(cleanName(c.name) ?? '') === f) || fold(nameFromLocalPart(c.email) ?? '') === f);
  return hit ? hit.email : null;
}

/**
 * The person who filled a web form in, when the form's notification is the mail: it comes from the site's robot
 * (wordpress@, noreply@, forms@, webmaster@), a role account (contact@, cfp@) or the receiving domain itself, and
 * names the person in Reply-To or in the form's own fields (« Nom / E-mail », "Name: / Email:", "From: X <x@…>").
 */
function formAuthor(mail: Mail, text: string): Address | null {
  const from = mail.from;
  if (!from?.email) return null;
  const domain = (e: string) => e.slice(e.lastIndexOf('@') + 1).toLowerCase();
  const robot = isMachineAddress(from) || nameFromLocalPart(from.email) === null;
  // an address of the receiving domain (the site mails its own inbox) counts only with a person in Reply-To: a
  // person at gmail.com writing to a friend at gmail.com is no site, and their pasted fields may name a co-speaker
  const ours = mail.to.some((t) => t.email && domain(t.email) === domain(from.email));
  if (!robot && !ours) return null;
  const replyTo = replyToPerson(mail);
  const form = formFields(text);
  // the form's own address field says who filled it in, when it gives a person's address (not the robot's, not a role)
  const formEmail = robot && form?.email && form.email.toLowerCase() !== from.email.toLowerCase() && !isMachineAddress({ email: form.email }) && nameFromLocalPart(form.email) !== null ? form.email : null;
  if (replyTo && (!formEmail || formEmail.toLowerCase() === replyTo.email.toLowerCase())) {
    const sameForm = !form?.email || form.email.toLowerCase() === replyTo.email.toLowerCase();
    return { name: replyTo.name ?? (sameForm ? (form?.name ?? null) : null), email: replyTo.email };
  }
  // no Reply-To, or one set to someone else (the site's admin): the form's fields
  if (formEmail) return { name: form!.name, email: formEmail };
  return null;
}

const EMAIL_IN = EMAIL_IN_TEXT;
const FORM_FROM = /^(?:from|de|exp[ée]diteur|sender|envoy[ée] par|sent by|submitted by|soumis par)$/;
const FORM_NAME = /^(?:name|full name|your name|votre nom|nom|nom complet|nom et prenom|prenom et nom|nom prenom|prenom nom|nom & prenom|speaker|speaker name|orateur|oratrice|intervenant|intervenante)$/;
const FORM_GIVEN = /^(?:prenom|first name|firstname|given name|votre prenom|your first name)$/;
const FORM_FAMILY = /^(?:nom de famille|last name|lastname|surname|family name|votre nom de famille|your last name)$/;
const FORM_EMAIL = /^(?:e-?mail|e-?mail address|email address|adresse e-?mail|adresse mail|adresse electronique|courriel|mail|your e-?mail|your e-?mail address|votre e-?mail|votre adresse e-?mail|votre courriel|adresse)$/;

/**
 * A form's name and address fields near the top of a notification: "Label: value" on one line, or the label alone
 * on its line and the value on the next (an HTML table read as text).
 */
function formFields(text: string): { name: string | null; email: string | null } | null {
  const lines = text.split('\n').slice(0, 60).map((l) => l.replace(/\*+/g, '').trim());
  let name: string | null = null;
  let email: string | null = null;
  let given: string | null = null;
  let family: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const m = /^([\p{L}][\p{L} &'()-]{0,40}?)\s*\*?\s*:\s*(.*)$/u.exec(lines[i]!) ?? /^([\p{L}][\p{L} &'()-]{0,40}?)\s*\*?$/u.exec(lines[i]!);
    if (!m) continue;
    // "Your Email (required)", « Nom (obligatoire) »
    const label = fold(m[1]!).replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
    const value = m[2]?.trim() || (lines[i + 1] ?? '');
    if (FORM_FROM.test(label)) {
      const addr = EMAIL_IN.exec(value)?.[0] ?? null;
      if (addr) {
        email ??= addr;
        name ??= personName(value.replace(/<[^>]*>|\([^)]*\)/g, ' ').replace(EMAIL_IN, ' '));
      }
    } else if (FORM_EMAIL.test(label)) email ??= EMAIL_IN.exec(value)?.[0] ?? null;
    else if (FORM_NAME.test(label)) name ??= personName(value);
    else if (FORM_GIVEN.test(label)) given ??= value.trim() || null;
    else if (FORM_FAMILY.test(label)) family ??= value.trim() || null;
  }
  // « Nom : Rousseau » and « Prénom : Camille »: one name, given name first
  const surname = family ?? name;
  if (given && surname && !fold(surname).split(' ').includes(fold(given))) name = personName(`${given} ${surname}`) ?? name;
  return name || email ? { name, email } : null;
}

function personName(raw: string): string | null {
  const name = cleanName(raw);
  return name && looksLikePersonName(name) ? name : null;
}
