/**
 * Part 2: how long a speaker waits. A private Dovecot, `crieur start` watching its INBOX (a child process,
 * database and Redis prefix of its own), proposals APPENDed by another IMAP client at a steady pace; for each,
 * the time from issuing the APPEND to the SMTP sink receiving the acknowledgement whose In-Reply-To is its
 * Message-ID. The first `warmUp` proposals of the stream are the service's first seconds (JIT, first connections,
 * templates compiled: the watcher fell ~0.8 s behind and caught up within 2.5 s): reported on their own, not in the
 * steady-state figures, which are what a speaker meets on a service that has been running.
 */
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { startDovecot } from '../../tests/support/dovecot.ts';
import { startSmtpSink } from '../../src/adapters/smtp/sink.ts';
import { configSchema } from '../../src/config/schema.ts';
import { parseContextFrom } from '../../src/app/parse-message.ts';
import { generateBacklog } from './messages.ts';
import { expectFor } from './expected.ts';
import { baseConfig, createDatabase, dropRedisPrefix, randomTag, sleep, spawnCrieur, writeConfig, REDIS_URL } from './services.ts';

export interface LatencyResult {
  appended: number;
  expected: number;
  /** Steady state: the proposals after the warm-up. */
  latenciesMs: number[];
  /** The first `warmUp` proposals after the service started. */
  warmUpMs: number[];
  appendRate: number;
  /** Where the wait went, per acknowledged proposal, in ms (wall clock: the database's timestamps and the bench's). */
  stages: Record<'stored' | 'queued' | 'sent' | 'received', number[]>;
}

export interface LatencyOptions {
  dir: string;
  count: number;
  /** Proposals appended first, at the same pace, measured apart (the service's first seconds). */
  warmUp: number;
  perSecond: number;
  fixtures: string;
  corpus: string;
  timeoutMs: number;
  log: (line: string) => void;
}

const IN_REPLY_TO = /^In-Reply-To:[ \t]*(<[^>\r\n]+>)/im;

export async function runLatency(o: LatencyOptions): Promise<LatencyResult> {
  const tag = randomTag();
  const mix = { proposals: o.warmUp + o.count, autoreplies: 0, bounces: 0, lists: 0, replies: 0 };
  const messages = generateBacklog(join(o.dir, 'appended'), mix, { fixtures: o.fixtures, corpus: o.corpus, tag });
  const cfg = { ...baseConfig(), redis: { url: REDIS_URL, prefix: `crieur-bench-${tag}` } };
  const { acked } = await expectFor(messages, parseContextFrom(configSchema.parse(cfg)));

  const appendedAt = new Map<string, number>();
  const appendedWall = new Map<string, number>();
  const receivedWall = new Map<string, number>();
  const latencies = new Map<string, number>();
  const sink = await startSmtpSink({
    onMessage: (m) => {
      const id = IN_REPLY_TO.exec(m.raw.subarray(0, 16 * 1024).toString('latin1'))?.[1];
      const at = id ? appendedAt.get(id) : undefined;
      if (id && at !== undefined && !latencies.has(id)) {
        latencies.set(id, performance.now() - at);
        receivedWall.set(id, Date.now());
      }
    },
  });
  const dovecot = await startDovecot();
  const db = await createDatabase(`crieur_bench_${tag}`);
  let start: ReturnType<typeof spawnCrieur> | null = null;
  let client: ImapFlow | null = null;
  try {
    const config = writeConfig(o.dir, 'latency.yaml', {
      ...cfg,
      database: { url: db.url },
      smtp: { url: sink.url, pool: 5 },
      inbox: { url: dovecot.url('INBOX'), pollSeconds: 5 },
    });
    start = spawnCrieur(['start', '--config', config], join(o.dir, 'start.log'));
    await start.waitForLog('crieur running', 120_000);
    await sleep(1500); // the watcher's first catch-up and IDLE

    client = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.pass }, logger: false });
    await client.connect();
    const t0 = performance.now();
    for (let i = 0; i < messages.length; i++) {
      // A steady pace: message i goes at t0 + i/rate, whatever the previous APPEND cost.
      const wait = t0 + (i * 1000) / o.perSecond - performance.now();
      if (wait > 0) await sleep(wait);
      const m = messages[i]!;
      appendedAt.set(m.messageId, performance.now());
      appendedWall.set(m.messageId, Date.now());
      await client.append('INBOX', m.raw);
    }
    const appendRate = messages.length / ((performance.now() - t0) / 1000);
    const until = Date.now() + o.timeoutMs;
    while (latencies.size < acked.size && Date.now() < until) await sleep(100);
    const warm = new Set(messages.slice(0, o.warmUp).map((m) => m.messageId));
    const rows = await db.query<{ message_id: string; stored: Date; queued: Date; sent: Date | null }>(
      `SELECT m.message_id, m.received_at AS stored, o.created_at AS queued, o.sent_at AS sent
       FROM inbound_messages m JOIN outbox o ON o.cause_message_id = m.id AND o.purpose = 'ack'`,
    );
    const stages: LatencyResult['stages'] = { stored: [], queued: [], sent: [], received: [] };
    for (const r of rows) {
      if (warm.has(r.message_id)) continue;
      const appended = appendedWall.get(r.message_id);
      const received = receivedWall.get(r.message_id);
      if (appended === undefined || received === undefined || !r.sent) continue;
      stages.stored.push(r.stored.getTime() - appended);
      stages.queued.push(r.queued.getTime() - r.stored.getTime());
      stages.sent.push(r.sent.getTime() - r.queued.getTime());
      stages.received.push(received - r.sent.getTime());
    }
    const of = (inWarmUp: boolean) => [...latencies].filter(([id]) => warm.has(id) === inWarmUp).map(([, ms]) => ms);
    return { appended: messages.length, expected: [...acked].filter((id) => !warm.has(id)).length, latenciesMs: of(false), warmUpMs: of(true), appendRate, stages };
  } finally {
    await client?.logout().catch(() => undefined);
    await start?.stop();
    await sink.close();
    await dovecot.stop();
    await db.drop();
    await dropRedisPrefix(cfg.redis.prefix);
  }
}
