/**
 * The inbox watcher, wired: each new message arrives (stored, then what it is: receive-message.ts) and is moved out of
 * the inbox — except mail crieur does not act on (`other`: a question, a thank-you), which stays where humans read it.
 * What a message's arrival leaves to do here (classifying and filing it with the decode already made) runs beside the
 * next messages, a few at a time, so that a catch-up does not wait for each filing's commits; a stop waits for it.
 */
import type { Redis } from 'ioredis';
import type { Config } from '../src/config/schema.ts';
import type { AppDeps } from '../src/app/deps.ts';
import { arriveMessage } from '../src/app/receive-message.ts';
import { openInbox, type InboxMessage, type InboxVerdict } from '../src/adapters/inbox/index.ts';
import type { Metrics } from '../src/adapters/http/server.ts';

export interface Watcher {
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** Filings in flight beside the watcher's loop; the next message waits for a free one (the classify runner runs 16). */
const IN_FLIGHT = 8;

export function startWatcher(config: Config, deps: AppDeps, redis: Redis, metrics: Metrics): Watcher {
  const url = config.inbox.url;
  if (!url) throw new Error('inbox.url is not set');
  const inbox = openInbox(url, {
    checkpoints: deps.store.checkpoints,
    logger: deps.log.child({ component: 'inbox' }),
    lock: { redis, prefix: config.redis.prefix },
    processedFolder: config.inbox.processedFolder,
    pollMs: config.inbox.pollSeconds * 1000,
  });
  const inFlight = new Set<Promise<void>>();
  const onMessage = async (m: InboxMessage): Promise<InboxVerdict> => {
    const { forHumans, finish } = await arriveMessage(deps, m.raw, m.locator);
    metrics.ingested.inc({ source: m.locator.source });
    if (finish) {
      while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
      const task: Promise<void> = finish()
        // Counted as the classify job's outcome would have been: /metrics reads the same whichever did the work.
        .then((outcome) => void (outcome !== undefined && metrics.jobs.inc({ queue: 'classify', outcome: outcome ?? 'done' })))
        // finish hands failures to the classify job; this is that hand-over failing too (Redis away): the message
        // stays `received`, and the recovery sweep queues it.
        .catch((err: Error) => deps.log.error({ err: err.message }, 'message left for the recovery sweep'))
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    }
    return forHumans ? 'ignored' : 'handled';
  };
  const ready = inbox.start(onMessage);
  return {
    ready,
    stop: async () => {
      await inbox.stop();
      await Promise.all(inFlight);
    },
  };
}
