/** `crieur doctor`'s inbox line: can we log in and open the mailbox (IMAP), or read new/ (Maildir)? */
import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { parseImapUrl } from './imap.ts';
import { parseMaildirUrl } from './maildir.ts';

export async function checkInbox(url: string): Promise<string> {
  if (url.startsWith('maildir:')) {
    const root = parseMaildirUrl(url);
    for (const sub of ['new', 'cur']) await access(join(root, sub), constants.R_OK | constants.W_OK);
    return 'Maildir readable and writable';
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
  await client.connect();
  try {
    const box = await client.mailboxOpen(t.mailbox, { readOnly: true });
    const idle = client.capabilities.has('IDLE') ? 'IDLE' : 'no IDLE: polling';
    return `${box.exists} messages, ${idle}`;
  } finally {
    await client.logout().catch(() => undefined);
  }
}
