/**
 * The inbox watcher, wired: each new message is stored and queued (ingest), then moved out of the inbox —
 * except mail crieur does not act on (`other`: a question, a thank-you), which stays where humans read it.
 */
import type { Redis } from 'ioredis';
import type { Config } from '../src/config/schema.ts';
import type { AppDeps } from '../src/app/deps.ts';
import { ingestMessage } from '../src/app/ingest-message.ts';
import { kindOfRaw } from '../src/app/parse-message.ts';
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
    await ingestMessage(deps, m.raw, m.locator);
    metrics.ingested.inc({ source: m.locator.source });
    // Deciding the move needs the kind now (header-first: most mail that is not a proposal is known from its headers,
    // without decoding the body); the classify job does the rest.
    const kind = await kindOfRaw(m.raw, deps.ctx, deps.reader);
    return kind !== null && kind !== 'other' ? 'handled' : 'ignored';
  };
  const ready = inbox.start(onMessage);
  return {
    ready,
    stop: () => inbox.stop(),
  };
}
