/**
 * The digests wired in a process that sends: the scheduler's three jobs → the list digests (members who chose
 * that cadence: the roster's digest choices, store.digests, active members only) and the organizers' digest.
 * `recipients` replaces the roster where a test wants other members (or none: noRecipients).
 */
import type { Redis } from 'ioredis';
import type { AppDeps } from '../src/app/deps.ts';
import { sendListDigests } from '../src/app/send-digests.ts';
import { sendOrganizerDigest } from '../src/app/organizer-digest.ts';
import type { DigestRecipients } from '../src/app/digest-recipients.ts';
import { createDigestComposer } from '../src/adapters/compose/digest-mail.ts';
import { startDigestScheduler, type DigestScheduler, type SchedulerOptions } from '../src/adapters/queue/digest-scheduler.ts';

export async function startDigests(
  deps: AppDeps,
  redis: Redis,
  opts: SchedulerOptions & { recipients?: DigestRecipients } = {},
): Promise<DigestScheduler> {
  const { config } = deps;
  const composer = createDigestComposer(config, { clock: deps.clock });
  const d = { ...deps, mailer: composer, organizerMailer: composer, recipients: opts.recipients ?? deps.store.digests };
  return startDigestScheduler(
    redis,
    config.redis.prefix,
    { hour: config.digests.hour, weeklyDay: config.digests.weeklyDay, timezone: config.group.timezone, organizers: config.digests.organizers },
    (job) => (job === 'organizers' ? sendOrganizerDigest(d) : sendListDigests(d, { cadence: job })),
    { ...opts, onError: opts.onError ?? ((err) => deps.log.warn({ err: err.message }, 'digest scheduler error')) },
  );
}
