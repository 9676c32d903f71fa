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

export async function remindToConfirm(deps: AppDeps & { mails: CommandMails }, proposalNumber: number): Promise<'reminded' | 'not-needed' | 'held'> {
  const ref = refOfNumber(proposalNumber);
  const p = await deps.store.proposals.get(ref);
  if (!p || p.status !== 'accepted') return 'not-needed';
  // decisions.hold: a speaker whose acceptance is still held has not been asked to confirm — a « Rappel » now would be
  // the first they hear of it. The release sets the reminder again, counted from then (decide.ts releaseHeld).
  if ((await deps.store.commands.heldFor(ref)).some((k) => k.startsWith(`${ref}/accepted/`))) return 'held';
  const setter = await deps.store.commands.setter(ref);
  const acceptedAt = setter?.at ?? null;
  const fx = new Effects(null);
  const locale = await speakerLocale(deps, p);
  const key = `${ref}/reminder/${acceptedAt ? acceptedAt.getTime() : 'accepted'}`;
  for (const s of speakersOf(p, deps.ctx.ownAddresses)) fx.add('reminder', ref, key, await deps.mails.decision('reminder', p, s, locale, { acceptedAt }));
  await commitEffects(deps, fx);
  return 'reminded';
}
