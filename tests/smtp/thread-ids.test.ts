/**
 * The sender's Message-ID and References go back into our In-Reply-To and References (the acknowledgement threads
 * under the proposal). A Message-ID of 2,000 characters — or one followed by text of the sender's choosing — was
 * copied whole (audit z): a 2,014-octet header line, past RFC 5322's 998 that relays enforce, so the acknowledgement
 * could be refused and parked. Only each header's first `<…>` of a length a line can carry is kept now.
 */
import { describe, expect, it } from 'vitest';
import { readMail } from '../../src/adapters/mailparser.ts';
import { buildRaw } from '../../src/adapters/smtp/build-raw.ts';
import { composeMessage, threadHeaders } from '../../src/core/compose/message.ts';

const LONG = `<${'a'.repeat(2000)}@example.fr>`;

describe('thread headers from a sender’s ids', () => {
  it('a Message-ID too long for a line, with junk after it: left out; every header line within 998 octets', async () => {
    const t = threadHeaders({ messageId: `${LONG} Bcc: <evil@x.org>`, references: ['<root@example.fr>', LONG, '<r2@example.fr> (comment)'] });
    expect(t).toEqual({ inReplyTo: null, references: ['<root@example.fr>', '<r2@example.fr>'] });
    const raw = await buildRaw(composeMessage({ from: 'PG <talks@pgug.example.org>', to: 'rt@example.fr', subject: 's', html: '<p>h</p>', text: 't', messageId: '<m@x>', date: new Date(0), autoSubmitted: 'auto-replied', ...t }));
    const head = raw.toString('latin1').split('\r\n\r\n')[0]!;
    for (const line of head.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    expect(head).not.toMatch(/evil|Bcc/);
    expect((await readMail(raw)).references).toEqual(['<root@example.fr>', '<r2@example.fr>']);
  });

  it('an ordinary Message-ID: its thread as before', () => {
    expect(threadHeaders({ messageId: '<CAF1234@mail.example.fr>', references: ['<root@example.fr>'] })).toEqual({
      inReplyTo: '<CAF1234@mail.example.fr>',
      references: ['<root@example.fr>', '<CAF1234@mail.example.fr>'],
    });
  });
});
