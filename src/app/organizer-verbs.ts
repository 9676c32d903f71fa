/**
 * The organizers' verbs that decide nothing — a proposal's format (`talk`, `lightning`), a question relayed to its
 * speakers (`ask`), its state (`status`) — for a command mail and `crieur proposals decide` alike, so that both paths
 * change the same fields, send the same mail and print the same state. The decisions are decide.ts's.
 */
import type { Language, TalkFormat } from '../types.ts';
import { stateNote, type Note } from '../core/decision/words.ts';
import { LABELS } from '../core/render/labels.ts';
import type { ProposalRecord } from './proposal-store.ts';
import { speakerLocale, speakersOf, type DecideDeps, type Effects } from './decide.ts';

/**
 * `talk` / `lightning`: the format, with a duration that fits it — a lightning talk lasts 5 minutes; a talk keeps its
 * stated length unless it was a lightning talk's (≤ 10 min), then 45. Recorded (`updated`, with the change) as `actor`;
 * false when the proposal had that format already (nothing written).
 */
export async function setFormat(deps: Pick<DecideDeps, 'store'>, p: ProposalRecord, format: TalkFormat, actor: string, messageId: number | null): Promise<boolean> {
  if (p.format === format) return false;
  const durationMinutes = format === 'lightning' ? 5 : p.durationMinutes <= 10 ? 45 : p.durationMinutes;
  await deps.store.proposals.update(p.ref, { ...p, format, durationMinutes }, actor, messageId);
  return true;
}

/** What a transcript line and `decide` say of a format change: « P-0006 est maintenant au format éclair. » */
export function formatNote(p: ProposalRecord, format: TalkFormat, locale: Language): Note {
  return { k: 'format', ref: p.ref, format: LABELS[locale].format[format] };
}

/**
 * `ask TEXT`: the question mailed to every speaker crieur may write to, in their language, under the outbox key
 * `<ref>/question/<key>` (`key`: the command's, `m<inbound>/<step>` or `cli-<uuid>`). Returns how many were queued.
 * The caller records the question in the history (a command mail once per message and step).
 */
export async function relayQuestion(deps: DecideDeps, p: ProposalRecord, text: string, key: string, fx: Effects): Promise<number> {
  const speakers = speakersOf(p, deps.ctx.ownAddresses);
  const lang = await speakerLocale(deps, p);
  for (const s of speakers) fx.add('command-result', p.ref, `${p.ref}/question/${key}`, await deps.mails.decision('question', p, s, lang, { text }));
  return speakers.length;
}

/** `status`: the state, who set it and when, and the title — « P-0006 est acceptée (par dim@…, lundi …) — BRIN ». */
export async function statusOf(deps: Pick<DecideDeps, 'store' | 'config'>, p: ProposalRecord, locale: Language): Promise<Note> {
  const s = (await deps.store.commands.setter(p.ref)) ?? { status: p.status, actor: null, at: null };
  return { k: 'status', state: `${stateNote(p.ref, s, locale, deps.config.group.timezone)} — ${p.title ?? LABELS[locale].untitled}` };
}
