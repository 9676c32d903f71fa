/**
 * Status codes of text bounces: a basic SMTP reply code followed by ":" (Yahoo, qmail-era MTAs: "554: delivery
 * error: …") is a reply code, and the big providers' own "no such user" wordings name 5.1.1.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/index.ts';
import { statusFromText } from '../../../src/core/classify/smtp-status.ts';
import type { ParseContext } from '../../../src/types.ts';
import { mail } from './build.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: null };

describe('statusFromText', () => {
  it.each([
    ['a basic code followed by ":" (no reason known)', '<a@example.com>:\n554: delivery error: something went wrong', '5.0.0'],
    ['"550:" at a line start', '550: mailbox is not available for policy reasons', '5.7.1'],
    ['a transient code followed by ":"', '421: try again later', '4.4.2'],
    ['Yahoo', "554: delivery error: dd This user doesn't have a yahoo.fr account (gone.user@yahoo.fr) [0] - mta1234.mail.ir2.yahoo.com", '5.1.1'],
    ['Yahoo, "does not have a … account"', '554 delivery error: dd This user does not have a ymail.com account', '5.1.1'],
    ['Gmail, disabled account', "550 The email account that you tried to reach is disabled. Learn more at https://support.google.com/mail/?p=DisabledUser", '5.1.1'],
    ['Outlook.com', "550 Requested action not taken: The email address you entered couldn't be found", '5.1.1'],
    ['Exchange', '550 RESOLVER.ADR.RecipNotFound; not found', '5.1.1'],
    ['"Recipient unknown"', '550 Recipient unknown', '5.1.1'],
    ['French ISP', "550 Cette adresse n'existe pas", '5.1.1'],
    ['"No such person at this address"', 'No such person at this address', '5.1.1'],
    ['a 4xx code with ":" and a mailbox-full reason', '452: mailbox full', '4.2.2'],
  ])('%s', (_name, text, status) => {
    expect(statusFromText(text)).toBe(status);
  });

  it('does not take a time or a number inside a line for a reply code', () => {
    expect(statusFromText('the meeting is at 10:00, room 450')).toBeNull();
    expect(statusFromText('see ticket 5540: it failed')).toBeNull();
  });

  it('does not take a domain-level failure for an unknown user', () => {
    expect(statusFromText('550 Host unknown: domain not found')).toBe('5.1.2');
  });
});

describe('Yahoo text bounce', () => {
  it('reads recipient and status from "<a@b>:" then "554: delivery error"', async () => {
    const c = classify(
      await mail({
        from: 'MAILER-DAEMON@yahoo.com',
        to: 'bounces@pgug.example.org',
        subject: 'Failure Notice',
        body: "Sorry, we were unable to deliver your message to the following address.\n\n<gone.user@yahoo.fr>:\n554: delivery error: dd This user doesn't have a yahoo.fr account (gone.user@yahoo.fr) [0] - mta1234.mail.ir2.yahoo.com\n\n--- Below this line is a copy of the message.\n\nFrom: PostgreSQL Paris <talks@pgug.example.org>\nTo: gone.user@yahoo.fr\n",
      }),
      ctx,
    );
    expect(c.kind).toBe('bounce');
    expect(c.bounce).toEqual({ recipient: 'gone.user@yahoo.fr', status: '5.1.1', action: 'failed' });
  });
});
