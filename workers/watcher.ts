/**
 * The inbox watcher, wired: each new message is stored and queued (ingest), then moved out of the inbox —
 * except mail crieur does not act on (`other`: a question, a thank-you), which stays where humans read it.
 */
import type { Redis } from 'ioredis';
import type { Config } from '../src/config/schema.ts';
import type { AppDeps } from '../src/app/deps.ts';
import { ingestMessage } from '../src/app/ingest-message.ts';
import { parseRawMessage } from '../src/app/parse-message.ts';
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
    const { locator } = m;
    await ingestMessage(deps, m.raw, {
      source: locator.source,
      mailbox: locator.mailbox,
      uidValidity: locator.uidValidity ?? null,
      uid: locator.uid ?? null,
    });
    metrics.ingested.inc({ source: locator.source });
    // Deciding the move needs the kind now; parsing is ~1 ms and pure, the queued classify job does the rest.
    const outcome = await parseRawMessage(m.raw, deps.ctx);
    return outcome.ok && outcome.result.kind !== 'other' ? 'handled' : 'ignored';
  };
  const ready = inbox.start(onMessage);
  return {
    ready,
    stop: () => inbox.stop(),
  };
}
