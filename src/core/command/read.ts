/**
 * Reads what a reply to crieur's mail asks for: the command lines at the top of its new text, the labelled
 * corrections anywhere in it, the lines that tried to be commands and were not understood, and the rest — the
 * writer's comment. Pure: the clock, the zone and the locale come in `opts`; who may do what is decided by the
 * use case that applies the result.
 *
 * Reading stops at the first line that is neither a command, an attempted one, nor a labelled correction: what
 * follows is prose, and prose never acts ("OK, I'll check the slides" accepts nothing). A greeting line
 * ("Bonjour,") and a line introducing them ("Voici mes décisions :") may come before the commands.
 */
import type { Command, ReadOptions, ReadResult } from './types.ts';
import { introducesAnswers, isGreeting, isSignOff, newTextLines, writtenLines } from '../text/new-text.ts';
import { afterChangeOfMind, announcedText, CONDITION_WORDS, doubtsPart, readLine, takesBack, type LineContext } from './read-line.ts';
import { onlyCourtesy as saysOnlyCourtesy } from './courtesy.ts';
import { readCorrections, type UnreadCorrection } from './corrections.ts';
import { joinWrapped } from './unwrap.ts';
import { readResubmission, saysCorrected } from './resubmission.ts';
import { readProseCorrections } from './prose-corrections.ts';
import { looksLikePersonName } from '../text/names.ts';
import { matchLabel } from '../extract/fields.ts';
import { GRAMMAR } from './grammar.ts';
import { fold } from '../text/fold.ts';
import { unwrapProse, wrapWidth } from '../text/unwrap-prose.ts';

/** Decisions an organizer takes that mail the speaker at once: a condition under them holds them back. */
const HINGED: ReadonlySet<string> = new Set(['accept', 'decline', 'waitlist', 'schedule']);
const HINGE = new RegExp(`^(?:(?:mais|but)\\s+)?(?:(?:seulement|only|uniquement)\\s+)?(?:${CONDITION_WORDS})\\b`);

/** Verbs only speakers say (confirm, withdraw): their line's own words are a message to the organizers. */
const SPEAKER_VERBS: ReadonlySet<string> = new Set(GRAMMAR.filter((g) => g.role === 'speaker').map((g) => g.verb));
/** Verbs taking nothing whose line may carry a remark (grammar.ts `remarks`): the comment's, never the verb's text. */
const REMARKED: ReadonlySet<string> = new Set(GRAMMAR.filter((g) => g.remarks).map((g) => g.verb));
/** Verbs whose free text the grammar takes (a decline's reason, a note, a question): it may come under a colon. */
const TAKES_TEXT: ReadonlySet<string> = new Set(GRAMMAR.filter((g) => g.arg === 'text' || g.arg === 'text-required').map((g) => g.verb));

/** Commands further down than this are not at the top any more; the cap also bounds the work on a huge body. */
const MAX_COMMAND_LINES = 100;

export function readCommands(text: string | null, opts: ReadOptions): ReadResult {
  return readWith(text, { now: opts.now, timeZone: opts.timeZone, locale: opts.locale, role: opts.role });
}

/** `read` with the labelled corrections that gave nothing (corrections.ts), but those a field was corrected by after all. */
function withUnread(read: ReadResult, unread: readonly UnreadCorrection[]): ReadResult {
  const left = unread.filter((u) => (u.field === 'title' ? read.corrections.title === undefined : read.corrections.durationMinutes === undefined));
  return left.length > 0 ? { ...read, unread: left } : read;
}

/** readCommands with an optional reference instant (parseCommands' callers may have none). */
export function readWith(text: string | null, ref: LineContext): ReadResult {
  // one typed line is one line: Gmail's text/plain cuts them at 78 columns (unwrap.ts)
  // a closing that says a command (« Merci beaucoup, je confirme ma venue. ») does not end the new text
  const lines = joinWrapped(newTextLines(text, (l) => readLine(l.trim(), ref).kind === 'commands'), ref);
  const { corrections, used, unread } = readCorrections(lines.map((l) => (bareVerbHeading(l) ? '' : l)));
  return withUnread(readLines(text, lines, ref, corrections, used), unread);
}

function readLines(text: string | null, lines: string[], ref: LineContext, corrections: ReadResult['corrections'], used: ReadonlySet<number>): ReadResult {
  const commands: Command[] = [];
  const unknown: string[] = [];
  const first = lines.findIndex((l) => l.trim() !== '');
  let start = first;
  // (« Bonjour, je confirme. »: a greeting, then the verb on its line — read as the verb, read-line.ts GREETING)
  if (first >= 0 && isGreeting(lines[first]!.trim()) && !used.has(first) && readLine(lines[first]!.trim(), ref).kind !== 'commands') start = first + 1;
  start = afterIntro(lines, start, used, ref);
  let commentFrom = lines.length;
  let seen = 0;
  for (let i = Math.max(start, 0); i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (l === '' || used.has(i)) continue;
    let r = seen < MAX_COMMAND_LINES ? readLine(l, ref) : ({ kind: 'prose' } as const);
    // (« Finalement, on le met au meetup de février. » opening the reply: the decision after the change of mind — on the first
    // line read only; under a decision it takes that one back, below)
    const changed = seen === 0 && r.kind === 'prose' ? afterChangeOfMind(l) : null;
    if (changed !== null) {
      const decided = readLine(changed, ref);
      if (decided.kind === 'commands') r = { kind: 'commands', commands: decided.commands.map((c) => ({ ...c, line: l })) };
    }
    seen++;
    if (r.kind === 'commands' && announces(r.commands, l)) {
      // « Refuser : » over the reason, "Question:" over the question: the paragraph under the line is the verb's text
      const below = textBelow(lines, i + 1, used, ref);
      const read = below ? announcedText(r.commands[0]!.verb, below.text) : null;
      if (read === 'wonders') return hangs(lines, first, corrections, unknown);
      if (below && read?.text) {
        const line = `${l} ${below.text.replace(/\n/g, ' ')}`;
        commands.push(...r.commands.map((c) => ({ ...c, text: read.text, problem: null, line })));
        i = below.end - 1;
        continue;
      }
      // nothing usable below (« Refuser : » over the writer's name, courtesy): the verb acts with no text
      commands.push(...r.commands);
    } else if (r.kind === 'commands' && r.commands.every((c) => c.verb === 'decline' && c.text === null)) {
      // « Refuser » over « Raison : deux talks sur Patroni ce trimestre »: the labelled reason is the verb's text
      const reason = labelledReason(lines, i + 1, used, ref);
      const read = reason ? (doubtedInside(reason.text) ? 'wonders' : announcedText('decline', reason.text)) : null;
      if (read === 'wonders') return hangs(lines, first, corrections, unknown);
      const under = reason ? null : paragraphUnder(lines, i + 1, used, ref);
      if (under && doubtedInside(under, 0)) return hangs(lines, first, corrections, unknown);
      if (reason && read?.text) {
        const line = `${l} ${reason.line}`;
        commands.push(...r.commands.map((c) => ({ ...c, text: read.text, line })));
        i = reason.end - 1;
        continue;
      }
      commands.push(...r.commands);
    } else if (r.kind === 'commands') commands.push(...r.commands);
    else if (r.kind === 'unknown') unknown.push(l);
    else {
      commentFrom = i;
      break;
    }
  }
  // « Merci ! », "Thank you 👍", « Merci beaucoup, bonne journée » and nothing else: nothing to act on, nobody to tell
  if (commands.length === 0 && unknown.length === 0 && Object.keys(corrections).length === 0 && saysOnlyCourtesy(writtenLines(text), ref.role === 'organizer')) {
    return { commands, corrections, comment: '', unknown, courtesy: true };
  }
  // nothing read: the greeting belongs to the message
  if (commands.length === 0 && unknown.length === 0 && first >= 0) commentFrom = Math.min(commentFrom, first);
  const rest = lines.slice(commentFrom).filter((_l, k) => !used.has(commentFrom + k));
  // « accepter » then « mais seulement si Lucie est d'accord » / "only if…" / « qu'en pensez-vous ? »: the decision hangs
  // on what follows — nothing acts, as with « Refuser ? à voir » (an audit's speaker was told yes on a condition)
  const next = rest.find((l) => l.trim() !== '')?.trim() ?? '';
  // … and « Enfin, je ne sais pas. », "Just kidding.", "After Dim confirms." under it: the writer takes it back (takesBack)
  if (commands.some((c) => HINGED.has(c.verb)) && (HINGE.test(fold(next)) || /[?？]\s*$/.test(next) || takesBack(next))) return hangs(lines, first, corrections, unknown);
  // A speaker's reply that is the corrected proposal itself, announced and unlabelled (resubmission.ts): it replaces
  // what it states, labelled lines in it winning; only a PS under it is relayed as a message.
  // (a confirmation above it too: « Je confirme. » then « …une mauvaise version du résumé, voici la bonne : »)
  if (ref.role === 'speaker' && commands.every((c) => SPEAKER_VERBS.has(c.verb)) && unknown.length === 0 && !corrections.abstract) {
    const resubmitted = readResubmission(rest);
    if (Object.keys(resubmitted.corrections).length > 0) return { commands, corrections: { ...resubmitted.corrections, ...corrections }, comment: resubmitted.comment, unknown };
  }
  // « Finalement je ferai 20 minutes au lieu de 30. », « le titre sera plutôt « … » »: a correction said in a sentence
  // (prose-corrections.ts), labelled lines winning; the sentence still goes on to the organizers
  const stated = ref.role === 'speaker' && commands.every((c) => SPEAKER_VERBS.has(c.verb)) && unknown.length === 0 ? readProseCorrections(rest) : {};
  const corrected = { ...stated, ...corrections };
  // « Bonjour, voici la version corrigée : » above labelled corrections, « Je confirme, merci ! » over the writer's
  // name or signature: nothing more for the organizers (an audit's speakers had "Jean" relayed to every organizer)
  const acted = commands.length > 0 || Object.keys(corrected).length > 0;
  const written = acted && onlyCourtesy(rest) ? '' : rest.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  // « Je retire ma proposition, désolé : je change de poste » — what a speaker said with the verb is for the organizers too
  // « Accepter, très bon sujet pour les débutants. » — an organizer's remark with a decision is for the other organizers and
  // the history, as a comment under it would be; the speaker's mail has no place for it
  const said = commands.filter((c) => c.text && (SPEAKER_VERBS.has(c.verb) || REMARKED.has(c.verb))).map((c) => c.text!);
  const comment = [...new Set(said), written].filter((t) => t !== '').join('\n\n');
  return { commands: commands.map((c) => (REMARKED.has(c.verb) && c.text ? { ...c, text: null } : c)), corrections: corrected, comment, unknown };
}

/** Nothing acts: the decision hangs on what the writer wrote with it; all of it is the comment. */
function hangs(lines: readonly string[], first: number, corrections: ReadResult['corrections'], unknown: string[]): ReadResult {
  return { commands: [], corrections, comment: lines.slice(first).join('\n').replace(/\n{3,}/g, '\n\n').trim(), unknown };
}

/**
 * « Refuser : », "Decline:", « P-0004 question : » alone on their line: a verb that takes text (grammar.ts), with none,
 * its line ending with a colon — the text comes below, as under a correction's « Résumé : ».
 */
function announces(commands: readonly Command[], line: string): boolean {
  return /[:：][\s*_]*$/.test(line) && commands.every((c) => TAKES_TEXT.has(c.verb) && c.text === null);
}

/**
 * The paragraph under a verb line ending with a colon: blank lines right under it aside (an HTML reply's new paragraph),
 * its lines up to a blank line, a signature (a closing, the writer's name, "-- "), a greeting, a labelled correction or
 * a line that is itself a command or an attempt at one (« Refuser : » over « P-0004 accepter » is two commands).
 * Quoted history is already gone (text/new-text.ts). `end`: the index after the last line taken. Null when nothing is there.
 */
function textBelow(lines: readonly string[], from: number, used: ReadonlySet<number>, ref: LineContext): { text: string; end: number } | null {
  let i = from;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  const taken: string[] = [];
  for (; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === '' || used.has(i) || isSignOff(t) || isGreeting(t) || looksLikePersonName(t) || readLine(t, ref).kind !== 'prose') break;
    taken.push(t);
  }
  // as typed: the mail client's hard wrap undone (src/core/text/unwrap-prose.ts), the writer's own line breaks kept
  return taken.length > 0 ? { text: unwrapProse(taken.join('\n'), wrapWidth(lines)), end: i } : null;
}

/** « Raison : … », "Reason: …", « Motif : … »: a line that says it is the reason for a decision. */
const REASON_LABEL = /^[*_]*(?:raisons?|motifs?|motivation|pourquoi|reasons?|rationale|why)[*_]*\s*[:：]\s*(\S.*)$/i;

/**
 * A reason labelled as one under a bare decline (blank lines between aside, an HTML reply's paragraphs): its value, and
 * the lines under it up to the paragraph's end, as textBelow takes them. Null when the next line is no such label.
 */
function labelledReason(lines: readonly string[], from: number, used: ReadonlySet<number>, ref: LineContext): { text: string; line: string; end: number } | null {
  let j = from;
  while (j < lines.length && lines[j]!.trim() === '') j++;
  const label = j < lines.length && !used.has(j) ? REASON_LABEL.exec(lines[j]!.trim()) : null;
  if (!label) return null;
  const withValue = [...lines];
  withValue[j] = label[1]!;
  const below = textBelow(withValue, j, used, ref);
  return below ? { ...below, line: lines[j]!.trim() } : null;
}

/**
 * The paragraph right under a bare decline (« Refuser » / "Decline." over « Le sujet a déjà été traité en septembre. »):
 * the organizers' comment, never the speaker's reason — a reason goes on the verb's line, after its colon, or labelled
 * (labelledReason), as the README and the transcript say. Read only to see whether it doubts the decision (« à voir avec
 * Claire », "Not sure though."): then nothing is decided. (Audit AC had made it the reason mailed to the speaker; the
 * asides organizers write there — « Entre nous… », "FYI he…", « Je préviens la salle. » — went with it, and no table of
 * asides can be sure: e2e commands-organizers « a comment under a decline … never to the speaker » failed.)
 */
function paragraphUnder(lines: readonly string[], from: number, used: ReadonlySet<number>, ref: LineContext): string | null {
  const next = lines[from]?.trim() ?? '';
  // (a question under the verb is the writer wondering: the hinge check in readLines holds the decision)
  if (next === '' || used.has(from)) return null;
  return textBelow(lines, from, used, ref)?.text ?? null;
}

/**
 * A reason or a paragraph below a decline that doubts or takes the decision back after its first words, on a later line or
 * after a sentence or a comma: « Trop commercial.\nEnfin, je ne sais pas. », "Too commercial. Not sure though.", « Hors
 * sujet pour nous, à voir avec Claire. » (review of audit AC). As with the doubt alone under the verb (« Refuser\nà voir avec
 * Claire »), nothing is decided. `from` 0: the paragraph under a bare decline, whose first part may be the doubt.
 */
function doubtedInside(text: string, from = 1): boolean {
  const parts = text.split(/\n|[.!;,…]+\s+/).map((p) => p.trim()).filter((p) => p !== '');
  // (a condition or a « mais » there is the reason's own: "Too long; if you can cut it to 20 minutes, resubmit.")
  return parts.length > from && parts.slice(from).some(doubtsPart);
}

/**
 * « talk », « Lightning. » alone on a line: the organizers' verb, not a heading over a title (the proposal extractor
 * reads a bare "Talk" over a line as one). A reply's « talk » over the writer's name « Dim » changed no format and
 * corrected the title to « Dim ». Read whoever writes it (a speaker's « talk » is prose, never a label either);
 * a line with a colon (`Format : lightning`, `Titre : …`) stays a label.
 */
function bareVerbHeading(line: string): boolean {
  const t = line.trim();
  return t !== '' && !/[:：]/.test(t) && matchLabel(t)?.heading === true && readLine(t, { now: null, timeZone: 'UTC', locale: 'fr' }).kind === 'commands';
}

/** « Petite correction : », "Small update:", « Voici : »: a line announcing what the commands or corrections say. */
const ANNOUNCES = /^(?:(?:petite?s?|small|quick|minor|une?|a)\s+)?(?:corrections?|modifications?|changements?|mises?\s+[àa]\s+jour|update|updates|change|changes|fix|voici|here(?:\s+it\s+is)?)\s*[:：.!]?$/i;
/** Lines of a signature under the name: a job title, a company, a phone, an address (short, no sentence). */
const MAX_SIGNATURE_LINES = 5;

/** Greetings, announcements, a closing, the writer's name and the signature under it — nothing written to anyone. */
function onlyCourtesy(rest: readonly string[]): boolean {
  const lines = rest.map((l) => l.trim()).filter((l) => l !== '');
  let signatureFrom = lines.findIndex((l) => isSignOff(l) || looksLikePersonName(l));
  if (signatureFrom < 0) signatureFrom = lines.length;
  const before = lines.slice(0, signatureFrom);
  const after = lines.slice(signatureFrom + 1);
  const courteous = (l: string) => isGreeting(l) || saysCorrected(l) || ANNOUNCES.test(l) || isSignOff(l) || looksLikePersonName(l);
  const signatureLine = (l: string) => courteous(l) || (l.length <= 60 && !/[?？]$/.test(l) && !(l.split(/\s+/).length >= 6 && /[.!]$/.test(l)));
  return before.every(courteous) && after.length <= MAX_SIGNATURE_LINES && after.every(signatureLine);
}

/**
 * "Voici mes décisions :", "My picks:": one short line announcing the commands, right at the top, is skipped when
 * a command follows it; anywhere else, or followed by prose, it is prose like any other.
 */
function afterIntro(lines: readonly string[], start: number, used: ReadonlySet<number>, ref: LineContext): number {
  const at = lines.findIndex((l, i) => i >= start && l.trim() !== '');
  if (at < 0 || used.has(at)) return start;
  const intro = lines[at]!.trim();
  if (!introducesAnswers(intro) || readLine(intro, ref).kind !== 'prose') return start;
  const next = lines.findIndex((l, i) => i > at && l.trim() !== '');
  return next >= 0 && !used.has(next) && readLine(lines[next]!.trim(), ref).kind === 'commands' ? at + 1 : start;
}
