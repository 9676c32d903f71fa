/**
 * What every inbox watcher does around its protocol: take the mailbox lease (or wait on standby), run a
 * session until it ends, reconnect after a drop with capped exponential backoff, step down when the
 * lease is lost, and release everything on stop. The adapter only supplies `session`.
 *
 * A session runs until `signal` aborts (stop, or lease lost) and returns; it throws when its connection
 * drops. It calls `ready()` once its initial catch-up is done. It must check `signal` between messages
 * only, so the message in hand is finished (and its checkpoint written) before it returns.
 */
import { Lease, lockKey } from './lease.ts';
import { InboxError, isPermanent, type Inbox, type InboxDeps, type InboxState, type OnMessage } from './types.ts';
import { backoffDelay, sleep } from './wake.ts';

export type Session = (signal: AbortSignal, ready: () => void) => Promise<void>;
/** Checks what a session would need (login, mailbox) without watching: throws the session's own errors. */
export type Probe = (signal: AbortSignal) => Promise<void>;

export class WatchLoop {
  state: InboxState = 'idle';
  private readonly lease: Lease | null;
  private readonly stopAc = new AbortController();
  private sessionAc: AbortController | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    /** Mailbox label without credentials: log field and lock key. */
    private readonly mailbox: string,
    private readonly deps: InboxDeps,
    private readonly session: Session,
    private readonly probe?: Probe,
  ) {
    const l = deps.lock;
    this.lease = l
      ? new Lease(l.redis, lockKey(l.prefix, mailbox), l.ttlMs ?? 15_000, (reason) => {
          deps.logger.warn({ mailbox, reason }, 'inbox lock lost: stepping down');
          this.sessionAc?.abort();
        })
      : null;
  }

  /**
   * Resolves on the first catch-up, on standby, when stopped first, or when the first session failed for a cause
   * that may pass (server unreachable: the loop keeps retrying); rejects when it failed for one that cannot
   * (isPermanent: login refused, mailbox missing).
   */
  start(): Promise<void> {
    if (this.loop) throw new Error('inbox already started');
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (err?: unknown) => {
        if (settled) return;
        settled = true;
        if (err) reject(err instanceof Error ? err : new Error(String(err)));
        else resolve();
      };
      // A loop that ends before its first catch-up (stopped while starting) settles start() too.
      this.loop = this.run(settle).then(
        () => settle(),
        (err: unknown) => settle(err),
      );
    });
  }

  async stop(): Promise<void> {
    this.stopAc.abort();
    this.sessionAc?.abort();
    await this.loop;
    this.state = 'stopped';
  }

  private async run(settleStart: (err?: unknown) => void): Promise<void> {
    const { logger } = this.deps;
    const retryMs = this.deps.lock?.retryMs ?? 2_000;
    const initialMs = this.deps.backoff?.initialMs ?? 500;
    const maxMs = this.deps.backoff?.maxMs ?? 30_000;
    let attempt = 0;
    // Until start() resolved, a permanent failure is the caller's to see (bad URL, password, folder): no retry.
    // One that may pass is retried like a dropped connection: a service started at boot before its mail server
    // must not die of it.
    let started = false;
    const settle = () => {
      started = true;
      settleStart();
    };
    try {
      while (!this.stopAc.signal.aborted) {
        if (this.lease && !(await this.tryLease())) {
          // A standby runs no session, so a wrong password or a missing mailbox would show only at takeover — when
          // the active process has died, and then as an endless retry. Checked once before standing by: start()
          // rejects for the configuration (exit 78) as an active watcher's does; a server unreachable now may pass.
          if (!started && this.probe) await this.probeBeforeStandby();
          if (this.state !== 'standby') logger.info({ mailbox: this.mailbox }, 'inbox watched elsewhere: standing by');
          this.state = 'standby';
          settle();
          await sleep(retryMs, this.stopAc.signal);
          continue;
        }
        this.sessionAc = new AbortController();
        // A stop that came while the lease was being taken aborted the previous session's controller, not this
        // one: without this check the session would start and never be told to end (a stop during start-up hung).
        if (this.stopAc.signal.aborted) break;
        this.state = 'connecting';
        try {
          await this.session(this.sessionAc.signal, () => {
            this.state = 'active';
            attempt = 0;
            logger.info({ mailbox: this.mailbox }, 'inbox caught up; watching');
            settle();
          });
        } catch (err) {
          if (this.stopAc.signal.aborted) break;
          if (!started && isPermanent(err)) throw err;
          const delay = backoffDelay(attempt++, initialMs, maxMs);
          logger.warn({ mailbox: this.mailbox, err: describe(err), retryInMs: delay }, 'inbox session failed (connection lost or handler error): retrying');
          this.state = 'connecting';
          settle();
          await sleep(delay, this.stopAc.signal);
        }
      }
    } finally {
      await this.lease?.release();
      this.state = 'stopped';
    }
  }

  private async probeBeforeStandby(): Promise<void> {
    try {
      await this.probe!(this.stopAc.signal);
    } catch (err) {
      if (this.stopAc.signal.aborted) return;
      if (isPermanent(err)) throw err;
      this.deps.logger.warn({ mailbox: this.mailbox, err: describe(err) }, 'inbox not reachable from this process: standing by, tried again at takeover');
    }
  }

  private async tryLease(): Promise<boolean> {
    try {
      return await this.lease!.acquire();
    } catch (err) {
      this.deps.logger.warn({ mailbox: this.mailbox, err: describe(err) }, 'inbox lock: redis unavailable');
      return false;
    }
  }
}

function describe(err: unknown): string {
  if (err instanceof InboxError) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

/** The Inbox half every adapter shares: start/stop/state delegate to a WatchLoop around the adapter's session. */
export abstract class LoopInbox implements Inbox {
  protected onMessage: OnMessage | null = null;
  private watchLoop: WatchLoop | null = null;

  /** One connection's life: catch up, call `ready()`, then watch until `signal` aborts; throw when it drops. */
  protected abstract session(signal: AbortSignal, ready: () => void): Promise<void>;

  /** What a session needs, checked without watching (a standby's start): the session's own errors. */
  protected abstract probe(signal: AbortSignal): Promise<void>;

  /** Called once by the subclass constructor, when its own fields are set. */
  protected watch(label: string, deps: InboxDeps): void {
    this.watchLoop = new WatchLoop(label, deps, (signal, ready) => this.session(signal, ready), (signal) => this.probe(signal));
  }

  get state(): InboxState {
    return this.watchLoop?.state ?? 'idle';
  }

  start(onMessage: OnMessage): Promise<void> {
    this.onMessage = onMessage;
    return this.loop().start();
  }

  stop(): Promise<void> {
    return this.loop().stop();
  }

  private loop(): WatchLoop {
    if (!this.watchLoop) throw new Error('inbox adapter did not call watch() in its constructor');
    return this.watchLoop;
  }
}
