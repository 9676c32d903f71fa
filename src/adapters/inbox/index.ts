/** Picks the inbox adapter by URL scheme: imap:// and imaps:// → IMAP, maildir:/// → Maildir. */
import { ImapInbox } from './imap.ts';
import { MaildirInbox } from './maildir.ts';
import { InboxError, type Inbox, type InboxDeps } from './types.ts';

export function openInbox(url: string, deps: InboxDeps): Inbox {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'imap':
    case 'imaps':
      return new ImapInbox(url, deps);
    case 'maildir':
      return new MaildirInbox(url, deps);
    default:
      throw new InboxError('EINBOX_URL', `inbox.url: unsupported scheme ${scheme ?? '(none)'}: use imap://, imaps:// or maildir:///path`);
  }
}

export { InboxError, isPermanent } from './types.ts';
export type { Inbox, InboxDeps, InboxMessage, InboxVerdict, InboxLocator, OnMessage, InboxState } from './types.ts';
export { parseImapUrl } from './imap.ts';
export { parseMaildirUrl } from './maildir.ts';
