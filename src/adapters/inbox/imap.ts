/**
 * IMAP inbox (imapflow): IDLE for push, a checkpoint (UIDVALIDITY + last UID) so a restart resumes at
 * lastUid+1, a full rescan when UIDVALIDITY changes (the store downstream dedupes by Message-ID + hash),
 * handled mail MOVEd to the processed folder. Reconnects and locking live in WatchLoop.
 *
 * imapflow sharp edges, avoided here:
 * - never issue another command while iterating `client.fetch()` (it deadlocks): we use `fetchAll()`;
 * - `messageMove` returns false instead of throwing: checked, and a false is an error;
 * - auto-IDLE starts only after `autoIdleDelay` of inactivity (default 15 s, during which no push
 *   arrives): we shorten it; on servers without IDLE the same setting starts NOOP polling every
 *   `maxIdleTime`;
 * - UIDVALIDITY comes back as a bigint.
 */
import { ImapFlow } from 'imapflow';
import type { Checkpoint } from '../../app/checkpoint-store.ts';
import { InboxError, type InboxDeps } from './types.ts';
import { LoopInbox } from './watch-loop.ts';
import { Wake } from './wake.ts';

/** How many messages' bytes one FETCH brings in: bounds memory on a large backlog. */
const FETCH_BATCH = 20;
/** After a catch-up that delivered mail, the next look comes this soon (below imapflow's autoIdleDelay: no IDLE churn). */
const BURST_LOOK_MS = 100;

export interface ImapTarget {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
  /** The mailbox URL without the password: checkpoint key, lock key, log field. */
  label: string;
}

export function parseImapUrl(url: string): ImapTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new InboxError('EINBOX_URL', 'inbox.url is not a URL (e.g. imap://user:pass@127.0.0.1:143/INBOX)');
  }
  if (u.protocol !== 'imap:' && u.protocol !== 'imaps:') throw new InboxError('EINBOX_URL', `inbox.url: unsupported scheme ${u.protocol}`);
  const secure = u.protocol === 'imaps:';
  const port = Number(u.port || (secure ? 993 : 143));
  const mailbox = decodeURIComponent(u.pathname.replace(/^\/+/, '')) || 'INBOX';
  const user = decodeURIComponent(u.username);
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const label = `${u.protocol}//${user ? `${encodeURIComponent(user)}@` : ''}${u.hostname}:${port}/${encodeURIComponent(mailbox)}`;
  return { host, port, secure, user, pass: decodeURIComponent(u.password), mailbox, label };
}

/**
 * Why a connection or login failed, by cause: a refused login is the configuration's to fix (permanent), anything
 * else (refused connection, timeout, TLS, a server answering UNAVAILABLE) may pass and is retried. `crieur doctor`
 * says the same words.
 */
export function connectFailure(err: unknown, t: ImapTarget): InboxError {
  const e = err as { authenticationFailed?: boolean; serverResponseCode?: string; responseText?: string; code?: string; message?: string };
  if (e.authenticationFailed && e.serverResponseCode !== 'UNAVAILABLE') {
    const said = e.responseText ? ` (${e.responseText})` : '';
    return new InboxError('EINBOX_AUTH', `IMAP login refused for ${t.user || '(no user)'} at ${t.host}:${t.port}${said}: correct the user and password in inbox.url`, { cause: err });
  }
  const why = e.code && e.code !== 'NoConnection' ? e.code : (e.responseText ?? e.message ?? String(err));
  return new InboxError('EINBOX_CONNECT', `IMAP server unreachable at ${t.host}:${t.port} (${why})`, { cause: err });
}

/** The server answered NO to opening the mailbox (it does not exist, or this user may not read it): permanent. */
export function openFailure(err: unknown, t: ImapTarget): InboxError {
  const e = err as { responseStatus?: string; responseText?: string; message?: string };
  if (e.responseStatus === 'NO' || e.responseStatus === 'BAD') {
    return new InboxError('EINBOX_MAILBOX', `mailbox ${t.mailbox} cannot be opened on ${t.host}:${t.port} (${e.responseText ?? 'refused'}): create it or correct inbox.url`, { cause: err });
  }
  return new InboxError('EINBOX_CONNECT', `IMAP connection to ${t.host}:${t.port} lost while opening ${t.mailbox} (${e.message ?? String(err)})`, { cause: err });
}

export class ImapInbox extends LoopInbox {
  private readonly target: ImapTarget;
  private readonly processed: string;
  private readonly pollMs: number;

  constructor(
    url: string,
    private readonly deps: InboxDeps,
  ) {
    super();
    this.target = parseImapUrl(url);
    this.processed = deps.processedFolder ?? 'Crieur/Processed';
    if (this.processed === this.target.mailbox) throw new InboxError('EINBOX_URL', 'inbox.processedFolder must differ from the watched mailbox');
    this.pollMs = deps.pollMs ?? 30_000;
    this.watch(this.target.label, deps);
  }

  /** Logs in and opens the mailbox read-only, as `crieur doctor` does: the login and the mailbox, not the move. */
  protected async probe(signal: AbortSignal): Promise<void> {
    const t = this.target;
    const client = new ImapFlow({ host: t.host, port: t.port, secure: t.secure, auth: { user: t.user, pass: t.pass }, logger: false, connectionTimeout: 15_000, greetingTimeout: 15_000 });
    client.on('error', () => undefined);
    // A stop (SIGTERM during start-up) must not wait for a server that accepts and never greets.
    const abort = () => client.close();
    signal.addEventListener('abort', abort, { once: true });
    await client.connect().catch((err: unknown) => {
      throw connectFailure(err, t);
    });
    try {
      await client.mailboxOpen(t.mailbox, { readOnly: true }).catch((err: unknown) => {
        throw openFailure(err, t);
      });
    } finally {
      signal.removeEventListener('abort', abort);
      await client.logout().catch(() => client.close());
    }
  }

  protected async session(signal: AbortSignal, ready: () => void): Promise<void> {
    const { host, port, secure, user, pass, mailbox, label } = this.target;
    const log = this.deps.logger;
    // imapflow answers `false` to a refused MOVE and tells why only to its logger: the last command error is kept.
    const refusals: CommandErrors = { last: null };
    const client = new ImapFlow({
      host,
      port,
      secure,
      auth: { user, pass },
      logger: commandErrorLogger(refusals),
      autoIdleDelay: 250,
      maxIdleTime: this.pollMs,
      missingIdleCommand: 'NOOP',
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
    });
    const wake = new Wake();
    let closed = false;
    client.on('error', (err: Error) => log.debug({ mailbox: label, err: err.message }, 'imap error'));
    client.on('close', () => {
      closed = true;
      wake.notify();
    });
    client.on('exists', () => wake.notify());
    // A stop while connecting must not wait for imapflow's own timeouts (a server that accepts and never greets
    // holds connect() for greetingTimeout): close the socket. Once the mailbox is open, the signal is checked
    // between messages only, so the message in hand is finished.
    const abortConnect = () => client.close();
    signal.addEventListener('abort', abortConnect, { once: true });
    try {
      await client.connect().catch((err: unknown) => {
        throw connectFailure(err, this.target);
      });
      await client.mailboxCreate(this.processed.split('/')).catch(async (err: unknown) => {
        const e = err as { responseStatus?: string; responseText?: string };
        if (e.responseStatus !== 'NO') throw err;
        // A folder that exists but refuses a CREATE (Dovecot answers a broken one with « Internal error »): its moves
        // are what fail, each said with the message it leaves in the mailbox (moveToProcessed).
        if (await client.status(this.processed.split('/').join(client.namespace?.delimiter ?? '/'), { messages: true }).then(() => true, () => false)) return;
        throw new InboxError('EINBOX_MAILBOX', `cannot create the folder ${this.processed} on ${host}:${port} (${e.responseText ?? 'refused'}): create it or set inbox.processedFolder`, { cause: err });
      });
      await client.mailboxOpen(mailbox).catch((err: unknown) => {
        throw openFailure(err, this.target);
      });
      signal.removeEventListener('abort', abortConnect);
      if (signal.aborted) return;
      let delivered = await this.catchUp(client, signal, refusals);
      ready();
      while (!signal.aborted) {
        // Mail just came: more is likely on its way (a deadline's rush, a bounce storm). Look again soon rather than
        // wait for the server's push, which Dovecot holds back to coalesce changes (NOTIFY_DELAY_MSECS, 500 ms):
        // bench/ingest's latency part at 20 proposals/s, steady state, APPEND → ack p50 183 → 95 ms and p99 309 →
        // 196 ms. A quiet mailbox costs nothing more: one look delivering nothing returns to IDLE and pollMs.
        await wake.wait(delivered > 0 ? BURST_LOOK_MS : this.pollMs, signal);
        if (signal.aborted) break;
        if (closed) throw new InboxError('EINBOX_CONNECT', `IMAP connection to ${host}:${port} closed`);
        delivered = await this.catchUp(client, signal, refusals);
      }
    } finally {
      signal.removeEventListener('abort', abortConnect);
      client.removeAllListeners('exists');
      if (client.usable) await client.logout().catch(() => client.close());
      else client.close();
    }
  }

  /**
   * Delivers every message above the checkpoint, in UID order, one at a time; answers how many it delivered (the
   * checkpoint moved past them). A message the server gives without its bytes is skipped, said once per look, and
   * not counted: the quick look after mail came (BURST_LOOK_MS) must not turn into a loop on it.
   */
  private async catchUp(client: ImapFlow, signal: AbortSignal, refusals: CommandErrors): Promise<number> {
    const { label, mailbox } = this.target;
    const box = client.mailbox;
    if (!box) throw new InboxError('EINBOX_MAILBOX', `mailbox ${mailbox} is not open`);
    const uidValidity = Number(box.uidValidity);
    let cp: Checkpoint | null = await this.deps.checkpoints.get(label);
    if (!cp || cp.uidValidity !== uidValidity) {
      if (cp) this.deps.logger.warn({ mailbox: label, was: cp.uidValidity, now: uidValidity }, 'UIDVALIDITY changed: rescanning the mailbox');
      cp = { uidValidity, lastUid: 0 };
      await this.deps.checkpoints.set(label, cp);
    }
    // `N:*` always matches the highest UID even when it is below N (RFC 3501), hence the filter. A message flagged
    // \Deleted is one a human threw away (a client in "mark as deleted" mode, while crieur was down): not taken, as
    // fetchmail leaves it (SEARCH … NOT DELETED) — acking it answered a mail its reader had deleted. Undeleted before a later
    // message moves the checkpoint past it, it is taken at the next look.
    const found = await client.search({ uid: `${cp.lastUid + 1}:*`, deleted: false }, { uid: true });
    const uids = (found || []).filter((u) => u > cp.lastUid).sort((a, b) => a - b);
    let delivered = 0;
    for (let i = 0; i < uids.length && !signal.aborted; i += FETCH_BATCH) {
      const batch = uids.slice(i, i + FETCH_BATCH);
      const msgs = await client.fetchAll(batch.join(','), { uid: true, source: true }, { uid: true });
      msgs.sort((a, b) => a.uid - b.uid);
      for (const m of msgs) {
        if (signal.aborted) return delivered;
        if (!m.source) {
          this.deps.logger.warn({ mailbox: label, uid: m.uid }, 'the server gave a message without its content: left in the mailbox, tried again at the next look');
          continue;
        }
        const verdict = await this.onMessage!({ raw: m.source, locator: { source: 'imap', mailbox: label, uidValidity, uid: m.uid } });
        if (verdict === 'handled') await this.moveToProcessed(client, m.uid, refusals);
        await this.deps.checkpoints.set(label, { uidValidity, lastUid: m.uid });
        delivered += 1;
        this.deps.logger.debug({ mailbox: label, uid: m.uid, verdict }, 'inbox message delivered');
      }
    }
    return delivered;
  }

  /**
   * Moves a handled message out of the watched mailbox. When the server refuses (the folder over quota, not writable),
   * the message — stored and handled already — stays in the mailbox and the checkpoint moves past it: failing the
   * session instead fetched it again after each reconnect, and every later message waited behind it for good.
   */
  private async moveToProcessed(client: ImapFlow, uid: number, refusals: CommandErrors): Promise<void> {
    refusals.last = null;
    let moved = await client.messageMove(String(uid), this.processed.split('/'), { uid: true });
    if (!moved && client.usable) {
      // The folder may have been deleted since the session began: recreate it once, then try again.
      await client.mailboxCreate(this.processed.split('/')).catch(() => undefined);
      moved = await client.messageMove(String(uid), this.processed.split('/'), { uid: true });
    }
    if (moved) return;
    // A connection that dropped meanwhile: the session reconnects and the message is fetched again (stored already).
    if (!client.usable) throw new InboxError('EINBOX_CONNECT', `IMAP connection to ${this.target.host}:${this.target.port} lost while moving UID ${uid}`);
    const why = describeRefusal(refusals.last);
    this.deps.logger.warn(
      { mailbox: this.target.label, uid, folder: this.processed, reason: why },
      `handled message left in the mailbox: the server refused to move it to ${this.processed} (${why}) — give that folder room or permissions, or set inbox.processedFolder`,
    );
  }
}

interface CommandErrors {
  last: unknown;
}

/** imapflow's logger, silent but for the errors of the commands it answers with `false`, kept in `into`. */
function commandErrorLogger(into: CommandErrors) {
  const keep = (entry: unknown) => {
    const err = (entry as { err?: unknown } | null)?.err;
    if (err) into.last = err;
  };
  const quiet = () => undefined;
  return { trace: quiet, debug: quiet, info: quiet, warn: keep, error: keep, fatal: keep };
}

function describeRefusal(err: unknown): string {
  const e = err as { responseText?: string; serverResponseCode?: string; message?: string } | null;
  if (!e) return 'no reason given';
  const text = e.responseText ?? e.message ?? String(err);
  return e.serverResponseCode && !text.includes(e.serverResponseCode) ? `${e.serverResponseCode}: ${text}` : text;
}
