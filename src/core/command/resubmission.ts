/**
 * A speaker's corrected proposal written the way proposals are sent — not labelled line by line — as the
 * acknowledgement invites: « Répondez avec la proposition corrigée : elle remplacera celle-ci ». Read with the
 * proposal extractor itself, so that a resubmission and a filing never disagree about what a text says. Two shapes:
 *
 *  - the new text reads as a proposal on its own, by the intake's own gate (looksLikeProposal, subject left out:
 *    it is crieur's), and states a title and an abstract — a whole proposal, not an answer that offers something;
 *  - it opens with a line saying it is the corrected version (« Voici la version corrigée : », "Here is the updated
 *    proposal:"), then the title on a line of its own and the abstract below it — the title standing where the
 *    first mail's subject gave it. « Voici le résumé corrigé : » replaces the abstract only.
 *
 * Only what the text states is taken (extract's `stated`): a duration it does not give keeps the filed one. A
 * remark, a question or thanks is neither shape: it stays a message for the organizers.
 */
import type { Mail } from '../../types.ts';
import type { Correction } from './types.ts';
import { extractProposal, looksLikeProposal, type StatedField } from '../extract/index.ts';
import { fold, squash, unquote } from '../text/fold.ts';
import { stripSignature } from '../text/signature.ts';
import { isGreeting } from './new-text.ts';

/** "Voici la version corrigée :", "Nouvelle version :", "Here's my revised proposal:" (folded, one short line). */
const CORRECTED_INTRO = new RegExp(
  '^(?:(?:voici|ci-dessous|ci-joint|veuillez trouver(?: ci-dessous)?|here(?: is|\'s)|please find(?: below)?|below is|below)\\s+)?' +
    "(?:(?:la|le|ma|mon|une|un|notre|the|my|our|an?)\\s+)?" +
    '(?:(?:(?:nouvelle|bonne|derniere)\\s+(?:version|proposition|soumission|mouture|description|resume))|' +
    '(?:(?:version|proposition|soumission|description|resume)\\s+(?:corrigee?|modifiee?|mise? a jour|revue?|actualisee?|definitive?|finale?|amendee?))|' +
    '(?:(?:corrected|updated|revised|amended|fixed|final|new)\\s+(?:version|proposal|submission|abstract|description|text)))\\b',
);
const MAX_INTRO = 100;
/** The intro names the abstract alone: « Voici le résumé corrigé : », "Here is the updated abstract:". */
const ABSTRACT_ONLY = /\b(?:resume|abstract|description)\b/;
/** A title line: one line, a few words, not a sentence (no final stop, question or colon). */
const MAX_TITLE_LINE = 150;

const FIELDS: readonly StatedField[] = ['title', 'abstract', 'durationMinutes', 'format', 'language'];

/** « Voici la version corrigée : », "Here is the updated proposal:": a line announcing a corrected proposal. */
export function introducesResubmission(line: string): boolean {
  const t = line.trim();
  return t.length <= MAX_INTRO && CORRECTED_INTRO.test(fold(t));
}

/** The corrections a speaker's unlabelled resubmission makes, {} when the text is not one. */
export function readResubmission(lines: readonly string[]): Correction {
  let first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return {};
  if (isGreeting(lines[first]!.trim())) first = lines.findIndex((l, i) => i > first && l.trim() !== '');
  if (first < 0) return {};
  if (introducesResubmission(lines[first]!)) return afterIntro(fold(lines[first]!.trim()), lines.slice(first + 1));
  const whole = asMail('', lines.join('\n'));
  if (!looksLikeProposal(whole)) return {};
  // Unannounced, only a whole proposal replaces the filed one: « Oui, je peux faire un talk de 20 minutes » answers
  // an organizer's question (an offer, a duration) and would otherwise become the abstract.
  const c = stated(whole);
  return c.title && c.abstract ? c : {};
}

function afterIntro(intro: string, rest: readonly string[]): Correction {
  // the writer's name or signature under the text is not part of it (the extractor strips it the same way)
  const text = stripSignature(rest.join('\n')).body.trim();
  if (text === '') return {};
  if (ABSTRACT_ONLY.test(intro)) return { abstract: text };
  // The first paragraph, when it is one title-shaped line, is the title: where the first mail's subject gave it.
  const paragraphs = text.split(/\n\s*\n/);
  const head = paragraphs[0]!.trim();
  const titleShaped = !head.includes('\n') && head.length <= MAX_TITLE_LINE && head.split(/\s+/).length >= 2 && !/[.?!:…]$/.test(head) && paragraphs.length > 1;
  if (!titleShaped) return stated(asMail('', text));
  const c = stated(asMail(unquote(squash(head)), paragraphs.slice(1).join('\n\n')));
  return { ...c, title: c.title ?? unquote(squash(head)) };
}

/** The fields the extractor read from the text as stated (never its defaults nor its guesses). */
function stated(mail: Mail): Correction {
  const x = extractProposal(mail, { ownAddresses: [], organizers: [], secret: null });
  const c: Record<string, unknown> = {};
  for (const f of FIELDS) if (x.stated.has(f) && x.proposal[f] !== null) c[f] = x.proposal[f];
  return c as Correction;
}

/** The text as a mail of its own: no subject but the one given, no headers, no thread (crieur's reply context is not the speaker's). */
function asMail(subject: string, text: string): Mail {
  return {
    headers: {},
    messageId: null,
    subject,
    from: null,
    sender: null,
    to: [],
    cc: [],
    replyTo: [],
    date: null,
    inReplyTo: null,
    references: [],
    text,
    textFromHtml: false,
    html: null,
    parts: [],
    embedded: [],
    defects: [],
  };
}
