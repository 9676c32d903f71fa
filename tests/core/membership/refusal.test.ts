/**
 * Which SMTP refusals at send time are a bounce of the member they were addressed to (src/core/membership/refusal.ts):
 * those about the address — not crieur's session, its relay's policy or the message.
 */
import { describe, expect, it } from 'vitest';
import { refusalBounce } from '../../../src/core/membership/refusal.ts';

const rows: [string, number | null, string, string | null][] = [
  // [command, code, reply, bounce status or null]
  ['RCPT TO', 550, '550 5.1.1 <ghost@x.org>: Recipient address rejected: User unknown in virtual mailbox table', '5.1.1'],
  ['RCPT TO', 550, "550-5.1.1 The email account that you tried to reach does not exist. Please try\n550 5.1.1 double-checking the recipient's email address", '5.1.1'],
  ['RCPT TO', 550, '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup', '5.1.10'],
  ['RCPT TO', 511, '511 sorry, no mailbox here by that name (#5.1.1)', '5.1.1'],
  ['RCPT TO', 550, '550 Unrouteable address', '5.0.0'],
  ['RCPT TO', 550, '550 5.0.0 no such user here', '5.0.0'],
  ['RCPT TO', 554, '554 5.2.1 mailbox disabled, not accepting messages', '5.2.1'],
  ['DATA', 550, '550 5.1.1 user unknown', '5.1.1'],
  ['DATA', 554, '554 5.4.4 unable to route: no mail hosts for domain', '5.4.4'],
  // crieur's relay, its session, the message: every member alike
  ['RCPT TO', 554, '554 5.7.1 <x@y.org>: Relay access denied', null],
  ['RCPT TO', 550, '550 5.7.1 Client host [203.0.113.4] blocked using zen.spamhaus.org', null],
  ['RCPT TO', 553, "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)", null],
  ['RCPT TO', 530, '530 5.7.0 Authentication required', null],
  ['DATA', 554, '554 5.7.1 Message rejected as spam', null],
  ['DATA', 552, '552 5.3.4 Message size exceeds fixed limit', null],
  ['DATA', 554, '554 Transaction failed', null],
  ['RCPT TO', 550, '550 5.5.1 Protocol error', null],
  // review of 3734726: crieur's own (VERP) envelope sender refused is every member's alike, never one member's bounce
  ['RCPT TO', 550, '550 5.1.8 <bounces+b-12-abc@pgug.example.org>: Sender address rejected: Domain not found', null],
  ['MAIL FROM', 553, '553 5.1.8 <bounces+b-12-abc@pgug.example.org>: Domain of sender address does not exist', null],
  ['MAIL FROM', 550, '550 5.1.0 Address rejected', null],
  ['RCPT TO', 553, '553 5.1.7 The sender address is malformed', null],
  ['RCPT TO', 550, '550 Sender verify failed', null],
  ['RCPT TO', 550, '550 5.1.0 <bounces+b-12-abc@pgug.example.org>: Sender address rejected: User unknown in local recipient table', null],
  // not permanent, or no server answered
  ['RCPT TO', 450, '450 4.1.1 <x@y.org>: Recipient address rejected: unverified address', null],
  ['RCPT TO', 452, '452 4.2.2 Mailbox full', null],
  ['CONN', null, '', null],
];

describe('refusalBounce', () => {
  it.each(rows)('%s %s %j → %s', (command, responseCode, response, status) => {
    expect(refusalBounce({ command, responseCode, response })).toEqual(status === null ? null : { kind: 'hard', status });
  });
});
