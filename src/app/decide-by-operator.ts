/**
 * `crieur proposals decide REF VERB [REASON]` and `crieur release`: the organizers' decisions from the command
 * line, through the same transition table, row lock, side effects and outbox keys as a command mail, audited as
 * the local operator (operator@<hostname>, or $USER@<hostname>). The line is read by the command reader, so the
 * CLI takes the same words and dates as mail (`accepter`, `override accept`, `schedule 28/01`).
 */
import { randomUUID } from 'node:crypto';
import type { Command, ReadOptions, ReadResult } from '../core/command/types.ts';
import { GRAMMAR } from '../core/command/grammar.ts';
import { noteText } from '../core/decision/words.ts';
import { commitEffects, decide, Effects, type DecideDeps, type Decision } from './decide.ts';

const OPERATOR_VERBS = new Set(['accept', 'decline', 'waitlist', 'schedule', 'confirm', 'withdraw']);

export type OperatorOutcome = { ok: true; message: string; queued: number } | { ok: false; message: string; usage?: boolean };

export async function decideAsOperator(
  deps: DecideDeps & { readCommands: (text: string, opts: ReadOptions) => ReadResult },
  ref: string,
  words: string,
  operator: string,
): Promise<OperatorOutcome> {
  const locale = deps.config.group.locale;
  const opts = { timeZone: deps.config.group.timezone, locale, now: deps.clock.now() };
  const cmd = readOperatorLine(deps.readCommands, words, opts);
  if (!cmd || !OPERATOR_VERBS.has(cmd.verb)) {
    return { ok: false, usage: true, message: `"${words}" is not a decision: use accept, decline [reason], waitlist, schedule DATE, confirm or withdraw (override VERB to overrule)` };
  }
  if (cmd.problem) return { ok: false, message: noteText({ k: 'problem', problem: cmd.problem, date: cmd.date?.text ?? null }, locale) };
  return runOperatorDecision(deps, { ref, action: cmd.verb as Decision['action'], override: cmd.override, text: cmd.text, date: cmd.date, nextEvent: cmd.nextEvent }, operator);
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
  if (!r.ok) return { ok: false, message: noteText(r.note, locale) };
  const ids = await commitEffects(deps, fx);
  return { ok: true, message: noteText(r.note, locale), queued: ids.length + fx.held.length };
}

/**
 * `decline Pas assez technique`: on the command line the reason is an argument of its own, whatever its first word.
 * In mail "decline pas…" reads as a sentence about declining (the reader's guard against prose); here the verb alone is
 * read, and the rest is the reason — only for verbs whose argument is free text, so "accept pas" stays refused.
 */
export function readOperatorLine(readCommands: (text: string, opts: ReadOptions) => ReadResult, words: string, opts: ReadOptions): Command | undefined {
  const whole = readCommands(words, opts).commands[0];
  if (whole) return whole;
  const m = /^\s*((?:override\s+)?\S+)\s+(\S[\s\S]*)$/i.exec(words);
  if (!m) return undefined;
  const verb = readCommands(m[1]!, opts).commands[0];
  if (!verb || verb.text || GRAMMAR.find((g) => g.verb === verb.verb)?.arg !== 'text') return undefined;
  return { ...verb, text: m[2]!.trim() };
}

export async function releaseHeld(deps: Pick<DecideDeps, 'store' | 'dispatcher'>): Promise<number> {
  const ids = await deps.store.commands.release();
  await deps.dispatcher.dispatchMany('deliver', ids, { together: true });
  return ids.length;
}
