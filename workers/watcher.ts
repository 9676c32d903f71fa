/**
 * The inbox watcher, wired: each new message is received (stored, then classified here or queued: receive-message.ts),
 * then moved out of the inbox — except mail crieur does not act on (`other`: a question, a thank-you), which stays
 * where humans read it.
 */
import type { Redis } from 'ioredis';
import type { Config } from '../src/config/schema.ts';
import type { AppDeps } from '../src/app/deps.ts';
import { receiveMessage } from '../src/app/receive-message.ts';
import { openInbox, type InboxMessage, type InboxVerdict } from '../src/adapters/inbox/index.ts';
import type { Metrics } from '../src/adapters/http/server.ts';

export interface Watcher {
  ready: Promise<void>;
  stop(): Promise<void>;
}

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
  const onMessage = async (m: InboxMessage): Promise<InboxVerdict> => {
    const { kind, classifiedHere } = await receiveMessage(deps, m.raw, m.locator);
    metrics.ingested.inc({ source: m.locator.source });
    // Counted as the classify job's outcome would have been: /metrics reads the same whichever did the work.
    if (classifiedHere !== undefined) metrics.jobs.inc({ queue: 'classify', outcome: classifiedHere ?? 'done' });
    return kind !== null && kind !== 'other' ? 'handled' : 'ignored';
  };
  const ready = inbox.start(onMessage);
  return {
    ready,
    stop: () => inbox.stop(),
  };
}
