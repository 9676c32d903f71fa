/**
 * The inbox port: a source of raw inbound messages that the watcher hands over one at a time, in order,
 * and that moves each message out of the way once it was handled. IMAP and Maildir implement it.
 */
import type { Redis } from 'ioredis';
import type { CheckpointStore } from '../../app/checkpoint-store.ts';
import type { Logger } from '../../app/logger.ts';

export interface InboxLocator {
  source: 'imap' | 'maildir';
  /** imap: mailbox URL without credentials; maildir: the Maildir folder path. */
  mailbox: string;
  uidValidity?: number;
  uid?: number;
  /** maildir: the file the message was read from (in new/). */
  path?: string;
}

export interface InboxMessage {
  raw: Buffer;
  locator: InboxLocator;
}

/** 'handled': stored downstream, move it to the processed folder; 'ignored': leave it where it is. */
export type InboxVerdict = 'handled' | 'ignored';
export type OnMessage = (m: InboxMessage) => Promise<InboxVerdict>;

/** active: holds the lock and watches; standby: another process holds the lock, we wait to take over. */
export type InboxState = 'idle' | 'connecting' | 'active' | 'standby' | 'stopped';

export interface Inbox {
  /**
   * Starts watching; calls onMessage for each new message in order; resolves when the initial catch-up is
   * done — or, when another process holds the mailbox lock, as soon as this one is on standby — or when the
   * first connection failed for a cause that may pass (server unreachable), retrying in the background.
   * Rejects when the very first connection fails for good (isPermanent: login refused, missing folder).
   */
  start(onMessage: OnMessage): Promise<void>;
  /** Finishes the message in hand, releases the lock, closes the connection. */
  stop(): Promise<void>;
  readonly state: InboxState;
}

export type InboxLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export interface InboxLockOptions {
  redis: Redis;
  /** Redis key prefix (config redis.prefix). */
  prefix: string;
  /** Lock expiry; renewed every ttl/3. A dead holder is replaced after at most this long. */
  ttlMs?: number;
  /** How often a standby watcher tries to take the lock. */
  retryMs?: number;
}

export interface InboxDeps {
  checkpoints: CheckpointStore;
  logger: InboxLogger;
  /** One active watcher per mailbox across processes; without it this process assumes it is alone. */
  lock?: InboxLockOptions;
  /** IMAP folder that handled mail is moved to (created if missing, never deleted). */
  processedFolder?: string;
  /** Poll interval: IMAP servers without IDLE, a safety catch-up, and the Maildir rescan. */
  pollMs?: number;
  /** Reconnect backoff after a dropped connection. */
  backoff?: { initialMs?: number; maxMs?: number };
}

/** Errors carry codes; the worker boundary decides what they mean. */
export class InboxError extends Error {
  /** The fix, when the code alone does not tell it (a Maildir there but not this user's: access, not creation). */
  readonly fix: string | undefined;
  constructor(
    readonly code: 'EINBOX_URL' | 'EINBOX_CONNECT' | 'EINBOX_AUTH' | 'EINBOX_MAILBOX' | 'EINBOX_MOVE',
    message: string,
    options?: { cause?: unknown; fix?: string },
  ) {
    super(message, options);
    this.name = 'InboxError';
    this.fix = options?.fix;
  }
}

/** A Maildir that is there but refused to this user: give the user crieur runs as access to it (doctor's fix line). */
export function maildirAccessFix(root: string, user: string): string {
  return `make ${root} and its new/, cur/, tmp/ readable and writable by the user crieur runs as (chown -R ${user} ${root}), or correct inbox.url`;
}

/** Failures that retrying cannot mend: the configuration is wrong (inbox.url, its credentials, its folder). */
export function isPermanent(err: unknown): boolean {
  return err instanceof InboxError && (err.code === 'EINBOX_URL' || err.code === 'EINBOX_AUTH' || err.code === 'EINBOX_MAILBOX');
}
