import { describe, expect, it } from 'vitest';
import { readMail } from '../../src/adapters/mailparser.ts';
import { createProposalComposer } from '../../src/adapters/render/proposal-composer.ts';
import { configSchema } from '../../src/config/schema.ts';
import { findTokens, verifyToken } from '../../src/core/tokens.ts';
import type { ProposalRecord } from '../../src/ports.ts';
import { SAMPLE } from './sample.ts';

const SECRET = 'composer-test-secret-42';
const config = configSchema.parse({
  group: { name: 'PostgreSQL Paris', locale: 'fr', timezone: 'Europe/Paris' },
  addresses: { proposals: 'talks@pgug.example.org', from: 'PostgreSQL Paris <talks@pgug.example.org>', bounces: 'bounces@pgug.example.org' },
  organizers: ['dim@example.org'],
  secret: SECRET,
});
const record: ProposalRecord = { ...SAMPLE, id: 7, status: 'received', receivedAt: new Date('2013-11-28T18:00:00Z'), messageId: 1, event: null };
const thread = { messageId: '<orig@mail.example.fr>', references: [], subject: 'Proposition' };
const clock = { now: () => new Date('2013-11-28T18:00:02Z') };
const composer = createProposalComposer(config, { clock, nonce: () => 'n0nce' });

describe('proposal composer (the Composer port)', () => {
  it.each([
    ['fr', '[P-0007] Proposition reçue : '],
    ['en', '[P-0007] Proposal received: '],
  ] as const)('acknowledges in the proposal language (%s)', async (language, subject) => {
    const speaker = { name: 'Jean Dupont', email: 'jean.dupont@example.fr' };
    const c = await composer.ack({ ...record, language }, speaker, thread);
    expect(c).toMatchObject({ envelopeFrom: 'bounces@pgug.example.org', recipient: speaker.email });
    expect(c.subject.startsWith(subject)).toBe(true);
    const mail = await readMail(c.raw);
    expect(mail.subject).toBe(c.subject);
    expect(mail.inReplyTo).toBe('<orig@mail.example.fr>');
    expect(mail.headers['auto-submitted']).toEqual(['auto-replied']);
    expect(mail.date?.toISOString()).toBe('2013-11-28T18:00:02.000Z');
    expect(mail.messageId).toMatch(/^<s-p0007-[a-z2-7]{16}\.n0nce@pgug\.example\.org>$/);
    const [t] = findTokens(mail.replyTo[0]!.email);
    expect(t && verifyToken(SECRET, t, speaker.email)).toBe(true);
  });

  it('falls back to the group language when the proposal has none; notifies organizers in it', async () => {
    const ack = await composer.ack({ ...record, language: null }, { name: null, email: 'x@example.org' }, thread);
    expect(ack.subject.startsWith('[P-0007] Proposition reçue')).toBe(true);
    const notice = await composer.organizerNotice(record, 'dim@example.org', thread);
    const mail = await readMail(notice.raw);
    expect(mail.subject.startsWith('[P-0007] Nouvelle proposition : ')).toBe(true);
    expect(mail.headers['auto-submitted']).toEqual(['auto-generated']);
    const [t] = findTokens(mail.replyTo[0]!.email);
    expect(t?.purpose).toBe('organizer');
    expect(t && verifyToken(SECRET, t, 'dim@example.org')).toBe(true);
  });

  it('refuses to mint tokens without a secret', async () => {
    const noSecret = createProposalComposer({ ...config, secret: undefined });
    await expect(noSecret.organizerNotice(record, 'dim@example.org', thread)).rejects.toThrow(/secret is not configured/);
  });
});
