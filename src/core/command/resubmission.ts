/**
 * A speaker's corrected proposal written the way proposals are sent — not labelled line by line — as the
 * acknowledgement invites: « Répondez avec la proposition corrigée : elle remplacera celle-ci ».
 *
 * It is recognised by its announcement only: a short line, ending with a colon (or pointing below), that names the
 * proposal or a part of it as the corrected one — « Voici la version corrigée : », « le texte mis à jour : », « le
 * bon titre est : », "Here's the revised proposal, now as a 20-minute talk:", or « Voici la bonne : » after naming
 * it (« mauvaise version du résumé. Voici la bonne : »). A correction word alone is not enough (« Correction : »,
 * "Quick update:", « Rectification : je ne pourrai pas venir » are messages), nor is a corrected something else
 * (« la version corrigée du programme », « de mes slides », « de mon autre proposition (P-0015) »). A text that merely
 * reads like a proposal is not one either: in a reply it is as often a second talk offered, or an answer.
 *
 * Below the announcement: the title on a line of its own (as the first mail's subject gave it), then the abstract;
 * an announcement that names the abstract or the title replaces that alone (what follows a new title is relayed).
 * Durations, a lightning format and a stated language are read with the proposal extractor's own readers (from the
 * announcement too). What only accompanies the text — a closing, a courtesy line, a signature block, a PS — is not
 * part of the abstract; a PS goes on to the organizers as the comment.
 */
import type { Correction } from './types.ts';
import { durationFromProse } from '../extract/duration.ts';
import { durationsIn } from '../extract/durations.ts';
import { mentionsLightning } from '../extract/formats.ts';
import { languageStated } from '../extract/talk-language.ts';
import { titleFromProse } from '../extract/prose-title.ts';
import { fold, squash, unquote } from '../text/fold.ts';
import { stripSignature } from '../text/signature.ts';
import { isGreeting } from '../text/new-text.ts';
import { looksLikePersonName } from '../text/names.ts';

export interface Resubmission {
  corrections: Correction;
  /** What goes on to the organizers as the speaker's message (a PS under the text), '' when nothing. */
  comment: string;
}

const NONE: Resubmission = { corrections: {}, comment: '' };

/** The proposal or a part of it, as what is announced (folded). */
const NOUN = '(?:proposition|proposal|soumission|submission|version|texte|text|resume|abstract|description|titre|title)';
const DET = "(?:(?:la|le|les|ma|mon|mes|notre|nos|the|my|our|an?|une?|ce|cette|this)\\s+)?";
/** What says it is the right one now: « corrigée », « mis à jour », « nouvelle », « bon », "revised", "updated"… */
const FIXED = "(?:corrig\\w*|rectifi\\w*|mise?s? a jour|actualis\\w*|modifi\\w*|reecrit\\w*|revue?s?|amende\\w*|definiti\\w*|finale?s?|bonne?s?|bons?|nouvelles?|nouveaux?|correcte?s?|corrected|updated|revised|amended|fixed|rewritten|final|new|right|proper)";
/** « la version corrigée », « le texte mis à jour », « le bon résumé », "the revised proposal", "the new abstract". */
const NAMED = new RegExp(`\\b${DET}(?:${FIXED}\\s+${NOUN}|${NOUN}\\s+${FIXED})\\b`);
/** What may follow it before the colon: nothing, a clause (« , pour 20 minutes », « (j'ai changé le résumé) »), or whose it is. */
const TAIL = new RegExp(
  `^\\s*(?:(?:est|is|sera|serait|devrait etre|should be|would be|below|ci-dessous|ci-apres|instead|plutot|a la place)\\s*)?(?:$|[,(/—–-]|(?:with|avec|pour|for|en|in|as|now)\\b|(?:de|du|d'|of|for)\\s*${DET}(?:proposition|proposal|soumission|submission|talk|expose|presentation|intervention|resume|abstract|titre|title)\\b\\s*(?:$|[,(/—–-]))`,
);
/** « Désolée, mauvaise version du résumé. Voici la bonne : », "wrong abstract — here's the right one:", « le bon est : ». */
const RIGHT_ONE = /(?:\b(?:voici|voila|here(?:'s| is)|c'est)\s+)?\b(?:la bonne|le bon|les bons|the (?:right|correct|good|updated|corrected|revised|new) one)(?:\s+(?:est|is))?\s*$/;
/** The proposal (or a draft of it) named earlier on the line, for « voici la bonne » / "here's the right one". */
const MENTIONED = new RegExp(`\\b(?:${NOUN.slice(3, -1)}|draft|brouillon)\\b`);
/** Things other than the proposal a speaker sends corrected, named anywhere on the line (« … mis à jour pour ma bio »). */
const OTHER_OBJECT =
  /\b(?:slides?|transparents?|diapos?|diaporama|deck|bio|biographie|biography|photos?|pictures?|avatar|creneaux?|slots?|horaires?|disponibilites?|availability|liens?|links?|videos?|pdf|programme|program|agenda|facture|invoice|coordonnees|contact|infos?|informations?|adresse|address|plan|requirements|besoins)\b/;
/** Another proposal named (« de mon autre proposition (P-0015) »): not this one's correction. */
const REF = /\bp-?\s?\d{1,6}\b/;
const ABSTRACT_WORD = /\b(?:resume|abstract|description)\b/;
const TITLE_WORD = /\b(?:titre|title)\b/;
const WHOLE_WORD = /\b(?:proposition|proposal|soumission|submission|version|texte|text)\b/;
const MAX_INTRO = 120;
/** A title line: one line of a few words, not a sentence (a final stop or colon). */
const MAX_TITLE_LINE = 150;
/** Under an announcement of the whole proposal without a title line, an abstract is a real text, not a remark. */
const MIN_ABSTRACT = 100;
/** « PS : … », "P.S. …": what follows is a message, not the abstract. */
const PS = /^\s*p\.?\s*-?\s*s\.?\s*(?:[:.,-]|\s)/i;
/** A last line of courtesy under the abstract (folded). */
const COURTESY = /\b(?:n'hesitez pas|let me know|thanks?|thank you|merci|bonne (?:journee|soiree)|a bientot|see you|hope (?:this|that|it)|j'espere que|dites-moi|tell me)\b/;

/** « Voici la version corrigée : », "Here is the updated proposal:": a line announcing a corrected proposal. */
export function introducesResubmission(line: string): boolean {
  const intro = announcement(line);
  return intro !== null && announces(intro);
}

/** « Je vous renvoie ma proposition corrigée. », « Voici la version corrigée : »: a short line saying a correction follows. */
export function saysCorrected(line: string): boolean {
  const f = fold(line.trim()).replace(/[\s.:!]+$/, '');
  return f.length <= MAX_INTRO && announces(f);
}

/** Does this (folded) announcement name the proposal, or a part of it, as corrected — and nothing else? */
function announces(intro: string): boolean {
  if (REF.test(intro) || OTHER_OBJECT.test(intro)) return false;
  const m = NAMED.exec(intro);
  if (m) return TAIL.test(intro.slice(m.index + m[0].length));
  return RIGHT_ONE.test(intro) && MENTIONED.test(intro);
}

/** « Ci-dessous la version finale. », "Please find below the amended version." announce too, without a colon. */
const POINTS_BELOW = /\b(?:ci-dessous|ci-apres|below|as follows|suit)\b/;

/** The announcing part of a line (folded): before its colon, or the whole line when it ends pointing below; else null. */
function announcement(line: string): string | null {
  const t = line.trim();
  const colon = t.search(/[:：]/);
  if (colon >= 0) return colon <= MAX_INTRO && t.length <= MAX_INTRO + MAX_TITLE_LINE ? fold(t.slice(0, colon)).trim() : null;
  const f = fold(t);
  return t.length <= MAX_INTRO && /[.!]$/.test(t) && POINTS_BELOW.test(f) ? f.replace(/[.!]+$/, '').trim() : null;
}

/** The corrections a speaker's announced, unlabelled resubmission makes; nothing when the text is not one. */
export function readResubmission(lines: readonly string[]): Resubmission {
  let first = lines.findIndex((l) => l.trim() !== '');
  if (first >= 0 && isGreeting(lines[first]!.trim())) first = lines.findIndex((l, i) => i > first && l.trim() !== '');
  if (first < 0 || !introducesResubmission(lines[first]!)) return NONE;
  const line = lines[first]!.trim();
  const intro = announcement(line)!;
  const colon = line.search(/[:：]/);
  // « Voici la version corrigée : Réplication logique en production »: the title on the announcement's line
  const onIntro = colon >= 0 ? line.slice(colon + 1).trim() : '';
  const { body, comment } = withoutAccompaniment(lines.slice(first + 1));
  const text = onIntro === '' ? body : `${onIntro}\n\n${body}`.trim();
  if (text === '') return NONE;
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');

  const names = (re: RegExp) => re.test(intro);
  let title: string | null = null;
  let abstract: string | null = null;
  let rest = '';
  if (names(TITLE_WORD) && !names(ABSTRACT_WORD) && !names(WHOLE_WORD)) {
    title = titleOf(paragraphs[0]!);
    // « (l'ancien faisait un peu sec) », "Everything else is fine." under the new title: a message
    rest = paragraphs.slice(1).join('\n\n');
  }
  else if (names(ABSTRACT_WORD) && !names(TITLE_WORD) && !/\b(?:proposition|proposal|soumission|submission|version)\b/.test(intro)) abstract = text;
  else {
    const split = titleAndAbstract(paragraphs);
    // "I'd like to give a talk titled "…"": a title named in the text, when no line stands as one
    title = split.title ?? (names(ABSTRACT_WORD) ? null : strongTitle(text));
    abstract = split.abstract;
    // no title: only a real text replaces the abstract (« Voici la version corrigée : merci ! » does not)
    if (title === null && (abstract ?? '').length < MIN_ABSTRACT) return NONE;
  }
  if (title === null && abstract === null) return NONE;

  const corrections: Correction = {};
  if (title !== null) corrections.title = title;
  if (abstract !== null) corrections.abstract = abstract;
  // « Voici la version corrigée, pour 20 minutes au lieu de 45 : » — the announcement's first length is the new one
  const duration = durationFromProse([title ?? '', abstract ?? '']) ?? durationsIn(intro)[0] ?? null;
  if (duration) corrections.durationMinutes = duration.minutes;
  const all = `${line}\n${text}`;
  if (mentionsLightning(fold(all), all) && (!duration || duration.minutes <= 15)) corrections.format = 'lightning';
  const language = languageStated(fold(all));
  if (language && !language.ambiguous) corrections.language = language.language;
  return { corrections, comment: [rest, comment].filter((t) => t !== '').join('\n\n') };
}

/** The first paragraph as the title when it is one title-shaped line; else its first line when the rest is the abstract. */
function titleAndAbstract(paragraphs: readonly string[]): { title: string | null; abstract: string | null } {
  const [head, ...rest] = paragraphs;
  if (!head) return { title: null, abstract: null };
  const t = rest.length > 0 ? titleOf(head) : null;
  if (t) return { title: t, abstract: rest.join('\n\n') };
  // « Voici la nouvelle version :\nRéplication logique\nDepuis deux ans, … » — a short first line over longer ones,
  // not the first line of a wrapped paragraph (as long as the lines under it).
  const lines = head.split('\n');
  const longest = Math.max(...lines.slice(1).map((l) => l.trim().length), 0);
  const firstLine = titleOf(lines[0]!);
  if (lines.length > 1 && firstLine && lines[0]!.trim().length < 0.75 * longest && /^[\p{Lu}\d«"“]/u.test(lines[1]!.trim())) {
    return { title: firstLine, abstract: [lines.slice(1).join('\n'), ...rest].join('\n\n').trim() };
  }
  return { title: null, abstract: paragraphs.join('\n\n') };
}

function strongTitle(text: string): string | null {
  const t = titleFromProse(text);
  return t?.strong ? t.title : null;
}

/** A title-shaped paragraph, cleaned (quotes, the asterisks of bold text made plain), or null. */
function titleOf(paragraph: string): string | null {
  const p = paragraph.trim();
  if (p.includes('\n') || p.length > MAX_TITLE_LINE || /[.:;,]$/.test(p)) return null;
  const t = unquote(squash(p.replace(/^[*_]+|[*_]+$/g, '')));
  return t.length >= 3 ? t : null;
}

/** The text under the announcement without a closing, signature, signature block, courtesy line or PS (the PS returned). */
function withoutAccompaniment(lines: readonly string[]): { body: string; comment: string } {
  const ps = lines.findIndex((l) => PS.test(l));
  const comment = ps >= 0 ? lines.slice(ps).join('\n').trim() : '';
  let paragraphs = stripSignature((ps >= 0 ? lines.slice(0, ps) : lines).join('\n'))
    .body.split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  for (;;) {
    const last = paragraphs[paragraphs.length - 1];
    if (last === undefined || paragraphs.length < 2 || !(isCourtesy(last) || isSignatureBlock(last))) break;
    paragraphs = paragraphs.slice(0, -1);
  }
  return { body: paragraphs.join('\n\n'), comment };
}

const isCourtesy = (p: string) => (!p.includes('\n') && p.length <= 100 && COURTESY.test(fold(p))) || isClosingWithName(p);

/** « Désolée pour le dérangement,\nAnne »: a short line ending with a comma over the writer's name. */
function isClosingWithName(p: string): boolean {
  const lines = p.split('\n').map((l) => l.trim());
  return lines.length === 2 && lines[0]!.length <= 60 && lines[0]!.endsWith(',') && looksLikePersonName(lines[1]!);
}

/** "Anne Martin / Administratrice de bases de données / Acme SAS – Paris / Tél. : …": a name over short lines, no sentence. */
function isSignatureBlock(p: string): boolean {
  const lines = p.split('\n').map((l) => l.trim());
  if (lines.length < 2 || lines.length > 8) return false;
  if (!lines.every((l) => l.length <= 70 && !/[.?!]$/.test(l))) return false;
  return looksLikePersonName(lines[0]!) && lines[0]!.split(/\s+/).length >= 2;
}
