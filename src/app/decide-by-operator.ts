/**
 * `crieur proposals decide REF VERB [REASON]` and `crieur release`: the organizers' verbs from the command line —
 * every verb of the grammar (SPEC: accept, decline [reason], waitlist, schedule DATE|EVENT, talk, lightning, note TEXT,
 * ask TEXT, status, help, override VERB; and release, confirm, withdraw) —, audited as the local operator
 * (operator@<hostname>, or $USER@<hostname>). Decisions go through the same transition table, row lock, side effects
 * and outbox keys as a command mail (decide.ts); format, question and status through the same functions
 * (organizer-verbs.ts). The line is read by the command reader, so the CLI takes the same words and dates as mail
 * (`accepter`, `override accept`, `schedule 28/01`), and says what is wrong in the group's locale.
 */
import { randomUUID } from 'node:crypto';
import type { Command, CommandProblem, ReadOptions, ReadResult, Verb } from '../core/command/types.ts';
import { GRAMMAR, OVERRIDE_WORDS, type VerbArg } from '../core/command/grammar.ts';
import { noteText, type Note } from '../core/decision/words.ts';
import { verbWord, writtenVerb } from '../core/render/verbs.ts';
import type { Config } from '../config/schema.ts';
import type { Language } from '../types.ts';
import type { ProposalRecord } from './proposal-store.ts';
import { commitEffects, decide, Effects, releaseHeld, type DecideDeps, type Decision } from './decide.ts';
import { formatNote, relayQuestion, setFormat, statusOf } from './organizer-verbs.ts';

export type OperatorOutcome = { ok: true; message: string; queued: number; unchanged?: boolean } | { ok: false; message: string; usage?: boolean };
export type OperatorDeps = DecideDeps & { readCommands: (text: string, opts: ReadOptions) => ReadResult };
export type OperatorLine = { ok: true; cmd: Command } | { ok: false; message: string; usage: boolean };

/**
 * A missing argument — no date after `schedule`, no text after `note` or `ask` — is bad usage (64), as a missing verb
 * is; a date written but past, ambiguous or unreadable is bad input (65), the same refusal a command mail gets.
 */
const MISSING: ReadonlySet<CommandProblem> = new Set(['date-missing', 'text-missing']);

/** How the usage line writes each kind of argument (grammar.ts `arg`). */
const ARG: Record<VerbArg, Record<Language, string>> = {
  none: { fr: '', en: '' },
  text: { fr: ' [raison]', en: ' [reason]' },
  'text-required': { fr: ' TEXTE', en: ' TEXT' },
  date: { fr: ' DATE|ÉVÉNEMENT', en: ' DATE|EVENT' },
};

/** decide's own sentences: one language per run, the group's, as the notes it prints (words.ts). */
const TEXT: Record<Language, { verbs: (list: string) => string; noRef: (usage: string) => string; noVerb: (ref: string, usage: string) => string; notVerb: (words: string, usage: string) => string; queued: (n: number) => string; noProposal: (ref: string) => string }> = {
  fr: {
    verbs: (list) => `crieur proposals decide RÉF VERBE, VERBE parmi : ${list} ; « ${OVERRIDE_WORDS[0]} VERBE » revient sur une décision`,
    noRef: (usage) => `il manque la proposition.\n${usage}`,
    noVerb: (ref, usage) => `il manque le verbe après ${ref}.\n${usage}`,
    notVerb: (words, usage) => `« ${words} » n’est pas un verbe des organisateurs.\n${usage}`,
    queued: (n) => ` (${n} courriel${n > 1 ? 's' : ''} en file d’envoi)`,
    noProposal: (ref) => `aucune proposition ${ref} (voir crieur proposals list)`,
  },
  en: {
    verbs: (list) => `crieur proposals decide REF VERB, VERB one of: ${list}; "${OVERRIDE_WORDS[0]} VERB" overrules a decision`,
    noRef: (usage) => `the proposal is missing.\n${usage}`,
    noVerb: (ref, usage) => `the verb after ${ref} is missing.\n${usage}`,
    notVerb: (words, usage) => `"${words}" is not an organizer's verb.\n${usage}`,
    queued: (n) => ` (${n} mail${n > 1 ? 's' : ''} queued)`,
    noProposal: (ref) => `no proposal ${ref} (see crieur proposals list)`,
  },
};

/** The usage line, from the grammar: every verb the command takes, by the word the mails teach in the locale, with its argument. */
export function operatorUsage(locale: Language): string {
  return TEXT[locale].verbs(GRAMMAR.map((g) => `${verbWord(g.verb, locale)}${ARG[g.arg][locale]}`).join(', '));
}

/** « (2 courriels en file d’envoi) » / " (2 mails queued)"; nothing when none. */
export function queuedText(n: number, locale: Language): string {
  return n > 0 ? TEXT[locale].queued(n) : '';
}

/** How `decide` reads its words: as a command mail of the group is read, in its zone and locale, now. */
export function operatorReadOptions(config: Config, now: Date): ReadOptions {
  return { timeZone: config.group.timezone, locale: config.group.locale, now };
}

/**
 * `REF VERB [ARGUMENT]` as the operator typed it, checked before any service is opened: a ref and a verb of the
 * grammar (every one of them: decide takes what a command mail takes), its argument given — or why not, in the
 * group's locale, with the usage line.
 */
export function readDecision(readCommands: OperatorDeps['readCommands'], ref: string | undefined, words: string, opts: ReadOptions & { locale: Language }): OperatorLine {
  const { locale } = opts;
  const usage = operatorUsage(locale);
  if (!ref?.trim()) return { ok: false, usage: true, message: TEXT[locale].noRef(usage) };
  if (words.trim() === '') return { ok: false, usage: true, message: TEXT[locale].noVerb(ref.trim(), usage) };
  const cmd = readOperatorLine(readCommands, words, opts);
  if (!cmd) return { ok: false, usage: true, message: TEXT[locale].notVerb(words, usage) };
  if (cmd.problem) return { ok: false, usage: MISSING.has(cmd.problem), message: noteText({ k: 'problem', problem: cmd.problem, date: cmd.date?.text ?? null, word: writtenVerb(cmd, locale), ...(cmd.date?.readings ? { readings: cmd.date.readings, override: cmd.override } : {}) }, locale) };
  return { ok: true, cmd };
}

/** One verb of the grammar as the operator: every verb has its entry (a verb added to the grammar must get one). */
type Act = (deps: DecideDeps, ref: string, cmd: Command, operator: string) => Promise<OperatorOutcome>;

const decision: Act = (deps, ref, cmd, operator) =>
  runOperatorDecision(deps, { ref, action: cmd.verb as Decision['action'], override: cmd.override, text: cmd.text, date: cmd.date, nextEvent: cmd.nextEvent, ...(cmd.eventId !== null ? { eventId: cmd.eventId } : {}) }, operator);

const format: Act = (deps, ref, cmd, operator) =>
  onProposal(deps, ref, async (p, locale) => {
    await setFormat(deps, p, cmd.verb as 'talk' | 'lightning', operator, null);
    return done(formatNote(p, cmd.verb as 'talk' | 'lightning', locale), locale);
  });

const ACT: Record<Verb, Act> = {
  accept: decision,
  decline: decision,
  waitlist: decision,
  schedule: decision,
  confirm: decision,
  withdraw: decision,
  talk: format,
  lightning: format,
  // Kept in the history, for the organizers (`proposals show`): the speaker never sees a note.
  note: (deps, ref, cmd, operator) =>
    onProposal(deps, ref, async (p, locale) => {
      await deps.store.proposals.note(p.ref, operator, 'note', { text: cmd.text }, null);
      return done({ k: 'noted', ref: p.ref }, locale);
    }),
  // Relayed to the speakers as a command mail's `ask` is (organizer-verbs.ts), and kept in the history.
  ask: (deps, ref, cmd, operator) =>
    onProposal(deps, ref, async (p, locale) => {
      await deps.store.proposals.note(p.ref, operator, 'question', { text: cmd.text }, null);
      const fx = new Effects(null);
      const n = await relayQuestion(deps, p, cmd.text!, `cli-${randomUUID()}`, fx);
      const ids = await commitEffects(deps, fx);
      return { ...done({ k: 'asked', ref: p.ref, n }, locale), queued: ids.length };
    }),
  status: (deps, ref) => onProposal(deps, ref, async (p, locale) => done(await statusOf(deps, p, locale), locale)),
  help: async (deps) => ({ ok: true, message: operatorUsage(deps.config.group.locale), queued: 0 }),
  release: async (deps) => {
    const n = await releaseHeld(deps);
    return done({ k: 'released', n }, deps.config.group.locale);
  },
};

/** A verb read by readDecision, acted on: the decisions through decide.ts, the others as a command mail acts on them. */
export function actAsOperator(deps: DecideDeps, ref: string, cmd: Command, operator: string): Promise<OperatorOutcome> {
  return ACT[cmd.verb](deps, ref, cmd, operator);
}

async function onProposal(deps: DecideDeps, ref: string, fn: (p: ProposalRecord, locale: Language) => Promise<OperatorOutcome>): Promise<OperatorOutcome> {
  const locale = deps.config.group.locale;
  const p = await deps.store.proposals.get(ref);
  return p ? fn(p, locale) : { ok: false, message: refusal({ k: 'no-proposal', ref }, locale) };
}

/**
 * A refusal as the shell prints it: the transcript's note (words.ts), but a ref that names no proposal also says where
 * the refs are — a mail's transcript has the organizer's notices for that, a shell has nothing else to go on.
 */
function refusal(note: Note, locale: Language): string {
  return note.k === 'no-proposal' ? noProposalText(note.ref, locale) : noteText(note, locale);
}

/** « aucune proposition P-0999 (voir crieur proposals list) »: decide's and `events schedule`'s, one line. */
export function noProposalText(ref: string, locale: Language): string {
  return TEXT[locale].noProposal(ref);
}

function done(note: Note, locale: Language): OperatorOutcome {
  return { ok: true, message: noteText(note, locale), queued: 0 };
}

/**
 * `crieur events schedule EVENT REF`: the `schedule` decision onto that very event — the same transition table
 * (only an accepted, confirmed or scheduled proposal), history entry, speaker mail and FYI as
 * `crieur proposals decide REF schedule DATE`.
 */
export async function scheduleOnEventAsOperator(deps: DecideDeps, ref: string, eventId: number, operator: string): Promise<OperatorOutcome> {
  return runOperatorDecision(deps, { ref, action: 'schedule', override: false, text: null, eventId }, operator);
}

async function runOperatorDecision(
  deps: DecideDeps,
  what: Pick<Decision, 'ref' | 'action' | 'override' | 'text' | 'date' | 'nextEvent' | 'eventId'>,
  operator: string,
): Promise<OperatorOutcome> {
  const locale = deps.config.group.locale;
  const fx = new Effects(null);
  const r = await decide(
    deps,
    { ...what, role: 'operator', actor: operator, actorName: operator, messageId: null, step: 0, key: `cli-${randomUUID()}`, locale },
    fx,
  );
  if (!r.ok) return { ok: false, message: refusal(r.note.k === 'invalid' && r.note.hint === 'override' ? { ...r.note, shell: overrideCommand(what, locale) } : r.note, locale) };
  const ids = await commitEffects(deps, fx);
  return { ok: true, message: noteText(r.note, locale), queued: ids.length + fx.held.length, ...(r.unchanged ? { unchanged: true } : {}) };
}

/**
 * The shell command that overrules the decision just refused, whole: `crieur proposals decide P-0001 override programmer
 * événement 1` — what a shell takes (`events schedule` has no override; « override programmer » alone is a mail's line),
 * with the event or the day the refused decision named, written as the reader reads it back.
 */
export function overrideCommand(what: Pick<Decision, 'ref' | 'action' | 'date' | 'nextEvent' | 'eventId'>, locale: Language): string {
  const fr = locale === 'fr';
  const arg =
    what.action !== 'schedule' ? ''
    : what.eventId !== undefined ? ` ${fr ? 'événement' : 'event'} ${what.eventId}`
    : what.nextEvent ? ` ${fr ? 'prochain meetup' : 'next meetup'}`
    : what.date ? ` ${what.date.day}${what.date.time ? ` ${what.date.time}` : ''}`
    : '';
  return `crieur proposals decide ${what.ref} override ${verbWord(what.action, locale)}${arg}`;
}

const TEXT_ARGS: ReadonlySet<VerbArg> = new Set(['text', 'text-required']);

/**
 * `decline Pas assez technique`: on the command line the reason is an argument of its own, whatever its first word.
 * In mail "decline pas…" reads as a sentence about declining (the reader's guard against prose); here the verb alone is
 * read, and the rest is the reason (or the note, the question) — only for verbs whose argument is free text, so
 * "accept pas" stays refused.
 */
export function readOperatorLine(readCommands: (text: string, opts: ReadOptions) => ReadResult, words: string, opts: ReadOptions): Command | undefined {
  const whole = readCommands(words, opts).commands[0];
  if (whole) return whole;
  const m = /^\s*((?:override\s+)?\S+)\s+(\S[\s\S]*)$/i.exec(words);
  if (!m) return undefined;
  const verb = readCommands(m[1]!, opts).commands[0];
  if (!verb || verb.text || !TEXT_ARGS.has(GRAMMAR.find((g) => g.verb === verb.verb)?.arg ?? 'none')) return undefined;
  return { ...verb, text: m[2]!.trim() };
}

