/**
 * `crieur doctor`'s inbox line: can we log in and open the mailbox (IMAP), or read new/ (Maildir)? The failures
 * are the watcher's own (connectFailure, openFailure), so doctor and `crieur start` say the same words.
 */
import { access, constants, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { ImapFlow } from 'imapflow';
import { connectFailure, openFailure, parseImapUrl } from './imap.ts';
import { notADirectory, parseMaildirUrl } from './maildir.ts';
import { InboxError, maildirAccessFix } from './types.ts';

export async function checkInbox(url: string): Promise<string> {
  if (url.startsWith('maildir:')) {
    const root = parseMaildirUrl(url);
    const isDir = await stat(root).then((s) => s.isDirectory(), () => null);
    if (isDir === false) throw new InboxError('EINBOX_MAILBOX', notADirectory(root));
    if (!isDir) throw new InboxError('EINBOX_MAILBOX', `Maildir ${root} does not exist: create it (mkdir -p ${root}/{new,cur,tmp}) or correct inbox.url`);
    // `crieur start` makes new/, cur/ and tmp/ in a directory it may write to (maildir.ts): doctor accepts what start
    // accepts — a fresh empty directory failed here (78) while start ran on it.
    const toMake: string[] = [];
    for (const sub of ['new', 'cur']) {
      await access(join(root, sub), constants.R_OK | constants.W_OK).catch(async (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT' && (await access(root, constants.W_OK).then(() => true, () => false))) return void toMake.push(`${sub}/`);
        throw maildirRefused(root, sub, err, userInfo().username);
      });
    }
    return toMake.length > 0 ? `Maildir writable; crieur start creates ${toMake.join(', ')}` : 'Maildir readable and writable';
  }
  const t = parseImapUrl(url);
  const client = new ImapFlow({
    host: t.host,
    port: t.port,
    secure: t.secure,
    auth: { user: t.user, pass: t.pass },
    logger: false,
    connectionTimeout: 5000,
    greetingTimeout: 5000,
  });
  client.on('error', () => undefined);
  await client.connect().catch((err: unknown) => {
    throw connectFailure(err, t);
  });
  try {
    const box = await client.mailboxOpen(t.mailbox, { readOnly: true }).catch((err: unknown) => {
      throw openFailure(err, t);
    });
    const idle = client.capabilities.has('IDLE') ? 'IDLE' : 'no IDLE: polling';
    return `${box.exists} messages, ${idle}`;
  } finally {
    await client.logout().catch(() => undefined);
  }
}

/**
 * new/ or cur/ not readable and writable by this user: missing (and its parent not writable), or there but refused —
 * a Maildir an MDA made for another user, mode 0700. The fix follows the cause: doctor printed « create the mailbox »
 * for a Maildir that exists.
 */
export function maildirRefused(root: string, sub: string, err: NodeJS.ErrnoException, user: string): InboxError {
  const message = `Maildir ${root}/${sub} is not readable and writable (${err.code ?? err.message}): create it or give this user access`;
  return err.code === 'ENOENT' ? new InboxError('EINBOX_MAILBOX', message) : new InboxError('EINBOX_MAILBOX', message, { fix: maildirAccessFix(root, user) });
}
