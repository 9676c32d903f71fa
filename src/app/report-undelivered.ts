/**
 * The organizers' daily summary of undelivered mail: mails parked since the last summary (refused with a 5xx,
 * or still deferred after delivery.giveUpAfterHours), with the server's last answer, in one mail per organizer
 * through the outbox. At most one summary a day: its outbox key is (notify-organizer, undelivered:DAY,
 * organizer), so two processes running this at once enqueue it once, and only the one whose rows were inserted
 * marks the mails reported. A mail parked after today's summary waits for tomorrow's.
 */
import type { UndeliveredMail } from '../core/render/undelivered-data.ts';
import { isoDay } from '../core/render/dates.ts';
import type { ComposedMail } from './composer.ts';
import type { AppDeps } from './deps.ts';

/** The summaries' own subject refs: a summary that could not be delivered is not summarized (no daily loop). */
export const SUMMARY_REF_PREFIX = 'undelivered:';

export interface UndeliveredStore {
  /** Parked (failed) mails not yet in a summary, oldest first, except those whose subject ref starts so. */
  unreported(limit: number, except: { refPrefix: string }): Promise<UndeliveredMail[]>;
  markReported(ids: readonly number[]): Promise<void>;
}

export interface UndeliveredComposer {
  undelivered(mails: readonly UndeliveredMail[], organizer: string, day: string): Promise<ComposedMail>;
}

export type SummaryDeps = Pick<AppDeps, 'config' | 'dispatcher' | 'clock' | 'log'> & {
  store: Pick<AppDeps['store'], 'outbox' | 'undelivered'>;
  composer: UndeliveredComposer;
};

/** What one summary lists at most; the rest follow in the next days' summaries (and `crieur failed list`). */
const MAX_LISTED = 200;

export async function reportUndelivered(deps: SummaryDeps): Promise<{ day: string; reported: number }> {
  const day = isoDay(deps.clock.now(), deps.config.group.timezone);
  const organizers = deps.config.organizers;
  if (organizers.length === 0) return { day, reported: 0 };
  const mails = await deps.store.undelivered.unreported(MAX_LISTED, { refPrefix: SUMMARY_REF_PREFIX });
  if (mails.length === 0) return { day, reported: 0 };
  const composed = await Promise.all(organizers.map((o) => deps.composer.undelivered(mails, o, day)));
  const rows = await deps.store.outbox.enqueueAll(
    composed.map((c) => ({ purpose: 'notify-organizer', subjectRef: `${SUMMARY_REF_PREFIX}${day}`, recipient: c.recipient, raw: c.raw, envelopeFrom: c.envelopeFrom })),
  );
  const inserted = rows.filter((r) => r?.inserted).map((r) => r!.id);
  // Today's summary exists already (this process or another): these mails wait for tomorrow's.
  if (inserted.length === 0) return { day, reported: 0 };
  await deps.store.undelivered.markReported(mails.map((m) => m.id));
  await deps.dispatcher.dispatchMany('deliver', inserted);
  deps.log.warn({ day, mails: mails.map((m) => m.id), organizers: organizers.length }, 'undelivered mail reported to the organizers');
  return { day, reported: mails.length };
}
