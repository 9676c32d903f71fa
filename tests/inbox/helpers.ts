/** Shared by the inbox tests: an in-memory checkpoint store, a recording handler, test mail, waits. */
import { randomBytes } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { Redis } from 'ioredis';
import type { Checkpoint, CheckpointStore } from '../../src/app/checkpoint-store.ts';
import type { InboxLogger, InboxMessage, InboxVerdict } from '../../src/adapters/inbox/types.ts';
import { REDIS_URL } from '../support/services.ts';

export class MemoryCheckpoints implements CheckpointStore {
  readonly map = new Map<string, Checkpoint>();
  async get(mailbox: string): Promise<Checkpoint | null> {
    return this.map.get(mailbox) ?? null;
  }
  async set(mailbox: string, cp: Checkpoint): Promise<void> {
    this.map.set(mailbox, { ...cp });
  }
}

/** Records what it was given; answers 'ignored' for subjects containing "[ignore]". */
export class Recorder {
  readonly got: InboxMessage[] = [];
  readonly handle = async (m: InboxMessage): Promise<InboxVerdict> => {
    this.got.push(m);
    return subjectOf(m.raw).includes('[ignore]') ? 'ignored' : 'handled';
  };
  subjects(): string[] {
    return this.got.map((m) => subjectOf(m.raw));
  }
}

export function subjectOf(raw: Buffer): string {
  return /^Subject: (.*)$/m.exec(raw.toString('utf8'))?.[1]?.trim() ?? '';
}

export function mail(subject: string): string {
  const id = randomBytes(6).toString('hex');
  return [
    'From: Jean Dupont <jean.dupont@example.fr>',
    'To: talks@pgug.example.org',
    `Subject: ${subject}`,
    `Message-ID: <${id}@example.fr>`,
    'Date: Mon, 03 Nov 2025 10:00:00 +0100',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Body of ${subject}`,
    '',
  ].join('\r\n');
}

/** Collects log lines so a test can assert on what the adapter reported. */
export function memoryLogger(): InboxLogger & { lines: { level: string; msg: string | undefined; obj: object }[] } {
  const lines: { level: string; msg: string | undefined; obj: object }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, msg, obj });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export async function waitUntil(check: () => boolean | Promise<boolean>, ms = 5000, what = 'condition'): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (await check()) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

export const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A plain IMAP client for the test's own side: append, list, count. */
export { imapClient } from '../support/dovecot.ts';

export async function uidsIn(c: ImapFlow, mailbox: string): Promise<number[]> {
  const lock = await c.getMailboxLock(mailbox);
  try {
    const r = await c.search({ all: true }, { uid: true });
    return r || [];
  } finally {
    lock.release();
  }
}

export async function subjectsIn(c: ImapFlow, mailbox: string): Promise<string[]> {
  const lock = await c.getMailboxLock(mailbox);
  try {
    const msgs = await c.fetchAll('1:*', { envelope: true }).catch(() => []);
    return msgs.map((m) => m.envelope?.subject ?? '');
  } finally {
    lock.release();
  }
}

export function redisForTest(): { redis: Redis; prefix: string; cleanup: () => Promise<void> } {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  const prefix = `crieur-test-inbox-${randomBytes(4).toString('hex')}`;
  return {
    redis,
    prefix,
    cleanup: async () => {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    },
  };
}
