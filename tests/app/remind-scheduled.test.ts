/**
 * The reminder to confirm, for a talk the organizers scheduled before its speaker confirmed (PostgreSQL, the mail sent
 * through the outbox to an SMTP listener): scheduled is not confirmed, yet the reminder job found it « not needed » and
 * the speaker was never reminded. Once the speaker confirmed, none.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { createCommandMails } from '../../src/adapters/compose/command-mails.ts';
import { deliverOutboxes } from '../../src/app/deliver-outbox.ts';
import { commitEffects, decide, Effects, type DecideDeps, type Decision } from '../../src/app/decide.ts';
import { remindToConfirm } from '../../src/app/remind.ts';
import type { Dispatcher } from '../../src/app/dispatcher.ts';
import { useStoreAndSink } from '../support/store-and-sink.ts';
import { groupConfig, silentLog } from '../support/test-config.ts';

const { store, sink, sender } = useStoreAndSink('remsch');
const DIM = 'dim@example.org';
const config = groupConfig('remsch', { organizers: [DIM], events: { defaults: { time: '19:00', venue: 'Chez Dalibo' } } });
const clock = { now: () => new Date('2026-12-01T10:00:00Z') };
const queued: number[] = [];
const dispatcher: Dispatcher = { dispatch: async () => undefined, dispatchMany: async (_q, ids) => void queued.push(...ids) };
const deps = (): DecideDeps =>
  ({ config, store, dispatcher, clock, log: silentLog, mails: createCommandMails(config, { clock }), ctx: { ownAddresses: ['talks@pgug.example.org'], organizers: [DIM], secret: config.secret } }) as unknown as DecideDeps;

async function filed(title: string, email: string): Promise<string> {
  const { id } = await store.inbound.saveRaw(Buffer.from(`Message-ID: <${randomBytes(6).toString('hex')}@x>\r\nSubject: s\r\n\r\nx\r\n`), { source: 'cli' });
  const draft = { format: 'talk' as const, title, abstract: null, durationMinutes: 45, language: 'fr' as const, speakers: [{ name: 'Léa', email }], attachments: [] };
  return (await store.proposals.fileFromMessage(id, draft, 'test')).proposal.ref;
}

async function as(d: Pick<Decision, 'ref' | 'action' | 'role' | 'actor'> & { date?: Decision['date'] }) {
  const fx = new Effects(null);
  const r = await decide(deps(), { ...d, actorName: d.actor, override: false, text: null, messageId: null, step: 0, key: `t-${randomBytes(4).toString('hex')}`, locale: 'fr' }, fx);
  expect(r.ok, JSON.stringify(r.note)).toBe(true);
  await commitEffects(deps(), fx);
}

const reminders = async (to: string) =>
  (await Promise.all(sink.messages.filter((m) => m.envelope.to[0] === to).map((m) => simpleParser(m.raw)))).filter((m) => m.subject?.includes('Rappel'));

describe('the reminder to confirm a talk scheduled before its speaker confirmed', () => {
  it('is sent (it was « not needed »), once; a speaker who confirmed first is not reminded', async () => {
    const date = { day: '2027-01-28', time: null, text: '28 janvier' };
    const lea = await filed('Index BRIN', 'lea@example.fr');
    const omar = await filed('pg_cron', 'omar@example.fr');
    for (const ref of [lea, omar]) await as({ ref, action: 'accept', role: 'organizer', actor: DIM });
    await as({ ref: omar, action: 'confirm', role: 'speaker', actor: 'omar@example.fr' });
    for (const ref of [lea, omar]) await as({ ref, action: 'schedule', role: 'organizer', actor: DIM, date });
    expect((await store.proposals.get(lea))!.status).toBe('scheduled');

    const rdeps = { ...deps(), sender } as unknown as Parameters<typeof remindToConfirm>[0];
    expect(await remindToConfirm(rdeps, Number(lea.slice(2)))).toBe('reminded');
    expect(await remindToConfirm(rdeps, Number(lea.slice(2)))).toBe('reminded');
    expect(await remindToConfirm(rdeps, Number(omar.slice(2)))).toBe('not-needed');
    await deliverOutboxes({ store, sender, log: silentLog, config }, queued.splice(0));
    const got = await reminders('lea@example.fr');
    expect(got.map((m) => m.subject)).toEqual([`[${lea}] Rappel — action requise : confirmez votre intervention : Index BRIN`]);
    expect(got[0]!.text).toMatch(/a été acceptée le\s+\S+ \d{1,2} \S+ \d{4}/);
    expect(await reminders('omar@example.fr')).toEqual([]);
  });
});
