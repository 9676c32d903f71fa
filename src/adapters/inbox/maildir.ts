/**
 * Maildir inbox (`maildir:///path`): delivers the files of new/ in filename order (delivery agents
 * name them by time, so this is arrival order) and moves each handled one to cur/ with the Seen flag
 * (`:2,S`), which is the Maildir way of saying "a client took it". fs.watch wakes us at once; a
 * periodic rescan covers the file systems and editors where fs.watch misses events.
 *
 * No checkpoint is needed: a handled message leaves new/. An ignored one — or a handled one that cannot be moved
 * to cur/ — stays in new/ and is remembered for this process only, so it is offered again after a restart
 * (downstream dedupes).
 */
import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileErrorText } from '../../core/text/file-error.ts';
import { makeDir } from '../make-dir.ts';
import { InboxError, type InboxDeps } from './types.ts';
import { LoopInbox } from './watch-loop.ts';
import { Wake } from './wake.ts';

/** inbox.url names a file (an mbox, a typo): « does not exist » and its mkdir -p would both be wrong. */
export function notADirectory(root: string): string {
  return `Maildir ${root} is a file, not a directory: a Maildir is a directory holding new/, cur/ and tmp/ — correct inbox.url`;
}

export function parseMaildirUrl(url: string): string {
  try {
    const path = fileURLToPath(url.replace(/^maildir:/, 'file:'));
    return path.replace(/\/+$/, '') || '/';
  } catch {
    throw new InboxError('EINBOX_URL', 'inbox.url: a Maildir URL is maildir:///absolute/path');
  }
}

/** cur/ name for a handled message: keep existing flags, add S (flags stay sorted, as the spec asks). */
export function seenName(name: string): string {
  const at = name.indexOf(':2,');
  if (at < 0) return `${name.replace(/:.*$/, '')}:2,S`;
  const flags = new Set(name.slice(at + 3));
  flags.add('S');
  return `${name.slice(0, at)}:2,${[...flags].sort().join('')}`;
}

export class MaildirInbox extends LoopInbox {
  private readonly root: string;
  private readonly pollMs: number;
  private readonly ignored = new Set<string>();

  constructor(
    url: string,
    private readonly deps: InboxDeps,
    /** fsWatch false: rescan only (NFS and other file systems where inotify sees nothing). */
    private readonly opts: { fsWatch?: boolean } = {},
  ) {
    super();
    this.root = parseMaildirUrl(url);
    this.pollMs = deps.pollMs ?? 30_000;
    this.watch(`maildir://${this.root}`, deps);
  }

  protected async probe(): Promise<void> {
    const isDir = await stat(this.root).then((s) => s.isDirectory(), () => null);
    if (isDir === false) throw new InboxError('EINBOX_MAILBOX', notADirectory(this.root));
    if (!isDir) throw new InboxError('EINBOX_MAILBOX', `Maildir ${this.root} does not exist: create it (mkdir -p ${this.root}/{new,cur,tmp}) or correct inbox.url`);
  }

  protected async session(signal: AbortSignal, ready: () => void): Promise<void> {
    await this.probe();
    for (const sub of ['new', 'cur', 'tmp']) {
      // One level at a time: Node's recursive mkdir spins a core forever where a file system makes no directory
      // (maildir:///proc: `crieur start` never said why); makeDir fails, EMKDIR.
      await makeDir(join(this.root, sub)).catch((err: NodeJS.ErrnoException) => {
        // Not ours to create (permissions, a file in the way): the configuration's to fix, not a retry's.
        throw new InboxError('EINBOX_MAILBOX', `Maildir ${this.root} is not usable (${sub}/: ${fileErrorText(err)}): give this user access or correct inbox.url`, { cause: err });
      });
    }
    const wake = new Wake();
    let watcher: FSWatcher | null = null;
    try {
      if (this.opts.fsWatch !== false) watcher = watch(join(this.root, 'new'), () => wake.notify());
      watcher?.on('error', (err) => this.deps.logger.warn({ mailbox: this.root, err: err.message }, 'maildir watch failed; polling'));
    } catch (err) {
      this.deps.logger.warn({ mailbox: this.root, err: (err as Error).message }, 'maildir watch unavailable; polling');
    }
    try {
      await this.scan(signal);
      ready();
      while (!signal.aborted) {
        await wake.wait(this.pollMs, signal);
        if (!signal.aborted) await this.scan(signal);
      }
    } finally {
      watcher?.close();
    }
  }

  private async scan(signal: AbortSignal): Promise<void> {
    const newDir = join(this.root, 'new');
    const names = (await readdir(newDir)).filter((n) => !n.startsWith('.') && !this.ignored.has(n)).sort();
    for (const name of names) {
      if (signal.aborted) return;
      const path = join(newDir, name);
      // Another process (or a user's client) may have taken it since readdir: skip quietly.
      const raw = await readFile(path).catch((err: NodeJS.ErrnoException) => {
        // Gone since readdir: quietly. Anything else (EACCES: an MDA that wrote it 0600 as another user; a directory)
        // leaves it in new/, said once for this process — skipped in silence, it sat there unseen for good.
        if (err.code !== 'ENOENT') {
          this.ignored.add(name);
          this.deps.logger.warn(
            { mailbox: this.root, file: name, reason: err.code ?? err.message },
            `message left in ${newDir}: cannot read ${path} (${err.code ?? err.message}) — make it readable by the user crieur runs as`,
          );
        }
        return null;
      });
      // An empty file is one a writer created straight in new/ and is still filling (the Maildir way is tmp/, then a
      // rename): left for a later scan, not handed over — stored empty and parked, its name ignored, it was lost
      // until a restart.
      if (!raw || raw.length === 0) continue;
      const verdict = await this.onMessage!({ raw, locator: { source: 'maildir', mailbox: this.root, path } });
      if (verdict === 'handled') {
        const target = join(this.root, 'cur', seenName(name));
        const refused = await rename(path, target).then(
          () => null,
          // Gone since readdir (another reader, a user's client): nothing left to move.
          (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? null : err),
        );
        if (refused) {
          // cur/ not writable (a read-only mount, ProtectSystem without ReadWritePaths, EPERM, EISDIR…): as for an IMAP
          // move the server refuses, the message is stored and handled already — it stays in new/, said once, and the
          // scan goes on. Failing the session instead read it again at every reconnect and the mail behind it waited
          // for good. Its name is ignored for this process; after a restart it is offered again (downstream dedupes).
          this.ignored.add(name);
          this.deps.logger.warn(
            { mailbox: this.root, file: name, reason: refused.code ?? refused.message },
            `handled message left in ${newDir}: cannot move it to ${target} (${refused.code ?? refused.message}) — make ${join(this.root, 'cur')} writable by the user crieur runs as (systemd: ReadWritePaths=)`,
          );
        }
      } else {
        this.ignored.add(name);
      }
      this.deps.logger.debug({ mailbox: this.root, file: name, verdict }, 'inbox message delivered');
    }
  }
}
