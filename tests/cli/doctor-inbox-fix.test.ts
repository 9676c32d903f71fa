/**
 * crieur doctor's inbox line on a Maildir that is there but refused to the user crieur runs as (an MDA's Maildir,
 * mode 0700, another owner): it said « fix: create the mailbox (or the Maildir) » for a Maildir that exists (held-out
 * day-one audit, run as nobody). Tests run as root, whom no access is refused: the error is built as check.ts builds it.
 */
import { describe, expect, it } from 'vitest';
import { maildirRefused } from '../../src/adapters/inbox/check.ts';
import { inboxFix } from '../../src/cli/commands/doctor.ts';
import { InboxError } from '../../src/adapters/inbox/types.ts';

const errno = (code: string) => Object.assign(new Error(code), { code }) as NodeJS.ErrnoException;

describe("doctor's fix for a Maildir refused to crieur's user", () => {
  it.each(['EACCES', 'EPERM', 'EROFS'])('%s: give the user access, not « create the mailbox »', (code) => {
    const fix = inboxFix(maildirRefused('/var/mail/talks', 'new', errno(code), 'crieur'));
    expect(fix).toBe('make /var/mail/talks and its new/, cur/, tmp/ readable and writable by the user crieur runs as (chown -R crieur /var/mail/talks), or correct inbox.url');
  });

  it('missing (its parent not writable): create it, as before', () => {
    expect(inboxFix(maildirRefused('/var/mail/talks', 'cur', errno('ENOENT'), 'crieur'))).toBe('create the mailbox (or the Maildir), or correct inbox.url');
  });

  it('other inbox failures keep their fix by code', () => {
    expect(inboxFix(new InboxError('EINBOX_AUTH', 'IMAP login refused'))).toMatch(/^correct the user and password in inbox\.url/);
  });
});
