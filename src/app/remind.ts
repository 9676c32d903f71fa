/**
 * The remind runner: an accepted speaker who has not confirmed after reminders.confirmAfterDays gets one reminder.
 * The job is a BullMQ delayed job whose id is the proposal's number (set by apply-commands on acceptance): it waits
 * in Redis across restarts, and dispatching it again is the same job. The outbox key (per acceptance) makes the
 * reminder exactly once even if the job ran twice.
 */
import type { CommandMails } from './command-mails.ts';
import type { AppDeps } from './deps.ts';
import { commitEffects, Effects, speakerLocale, speakersOf } from './decide.ts';
import { refOfNumber } from './apply-commands.ts';
import { speakerConfirmed } from '../core/decision/transitions.ts';
import type { ProposalRecord } from './proposal-store.ts';

/**
 * Accepted, or scheduled before its speaker confirmed (a talk on the programme is not a confirmed one: its speaker was
 * asked to confirm, and is reminded of it as if it were not scheduled yet).
 */
async function awaitsConfirmation(deps: AppDeps, p: ProposalRecord): Promise<boolean> {
  if (p.status === 'accepted') return true;
  if (p.status !== 'scheduled') return false;
  return !speakerConfirmed(p.status, (await deps.store.proposals.history(p.ref)).map((h) => h.action));
}

export async function remindToConfirm(deps: AppDeps & { mails: CommandMails }, proposalNumber: number): Promise<'reminded' | 'not-needed' | 'held'> {
  const ref = refOfNumber(proposalNumber);
  const p = await deps.store.proposals.get(ref);
  if (!p || !(await awaitsConfirmation(deps, p))) return 'not-needed';
  // decisions.hold: a speaker whose acceptance is still held has not been asked to confirm — a « Rappel » now would be
  // the first they hear of it. The release sets the reminder again, counted from then (decide.ts releaseHeld).
  if ((await deps.store.commands.heldFor(ref)).some((k) => k.startsWith(`${ref}/accepted/`))) return 'held';
  // when it was accepted (the key, per acceptance, and the mail's « acceptée le … »): for a talk scheduled since, the
  // acceptance's history entry, not the scheduling's
  const setter = p.status === 'accepted' ? await deps.store.commands.setter(ref) : null;
  const acceptedAt = setter?.at ?? (await deps.store.proposals.history(ref)).filter((h) => h.action === 'status:accepted').at(-1)?.at ?? null;
  const fx = new Effects(null);
  const locale = await speakerLocale(deps, p);
  const key = `${ref}/reminder/${acceptedAt ? acceptedAt.getTime() : 'accepted'}`;
  for (const s of speakersOf(p, deps.ctx.ownAddresses)) fx.add('reminder', ref, key, await deps.mails.decision('reminder', p, s, locale, { acceptedAt }));
  await commitEffects(deps, fx);
  return 'reminded';
}
