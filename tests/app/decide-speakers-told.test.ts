/**
 * Who hears of a withdrawal or a confirmation (README « Transitions »), through the real pieces: the decision on
 * PostgreSQL (a schema of its own), its mails composed and sent through the outbox to an SMTP listener.
 * - an organizer's `retirer` / `crieur proposals decide REF withdraw` tells the speakers (it told them nothing);
 * - one speaker's `confirm` / `withdraw` of a two-speaker proposal is told to the other, one line in the proposal's
 *   thread, in that speaker's language (the other heard nothing).
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createCommandMails } from '../../src/adapters/compose/command-mails.ts';
import { deliverOutboxes } from '../../src/app/deliver-outbox.ts';
import { commitEffects, decide, Effects, type DecideDeps, type Decision } from '../../src/app/decide.ts';
import { actAsOperator, readDecision } from '../../src/app/decide-by-operator.ts';
import { readCommands } from '../../src/core/command/read.ts';
import type { Dispatcher } from '../../src/app/dispatcher.ts';
import { useStoreAndSink } from '../support/store-and-sink.ts';
import { groupConfig, silentLog } from '../support/test-config.ts';

const { store, sink, sender } = useStoreAndSink('told');
const DIM = 'dim@example.org';
const config = groupConfig('told', { organizers: [DIM, 'orga2@example.org'] });
const clock = { now: () => new Date('2026-12-01T10:00:00Z') };
const queued: number[] = [];
const dispatcher: Dispatcher = { dispatch: async () => undefined, dispatchMany: async (_q, ids) => void queued.push(...ids) };
const deps = (): DecideDeps =>
  ({ config, store, dispatcher, clock, log: silentLog, mails: createCommandMails(config, { clock }), ctx: { ownAddresses: ['talks@pgug.example.org'], organizers: config.organizers, secret: config.secret } }) as unknown as DecideDeps;

const JEANNE = 'jeanne@example.fr';
const KARIM = 'karim@example.fr';

/** A French proposal by Jeanne and Karim, from a stored message of its own. */
async function filed(title: string, status: 'received' | 'accepted' = 'received') {
  const messageId = `<${randomBytes(6).toString('hex')}@example.fr>`;
  const raw = Buffer.from(`Message-ID: ${messageId}\r\nFrom: Jeanne <${JEANNE}>\r\nSubject: Proposition : ${title}\r\n\r\nBonjour.\r\n`);
  const { id } = await store.inbound.saveRaw(raw, { source: 'cli' });
  await store.inbound.setClassified(id, 'proposal', { kind: 'proposal', messageId, subject: `Proposition : ${title}`, language: 'fr' } as never);
  const speakers = [{ name: 'Jeanne Martin', email: JEANNE }, { name: 'Karim Benali', email: KARIM }];
  const ref = (await store.proposals.fileFromMessage(id, { format: 'talk', title, abstract: null, durationMinutes: 45, language: 'fr', speakers, attachments: [] }, 'test')).proposal.ref;
  if (status !== 'received') await store.proposals.setStatus(ref, status, DIM, null);
  return { ref, messageId };
}

/** Sends what is queued, and returns the mails each address got about `ref`. */
async function sentAbout(ref: string): Promise<Map<string, ParsedMail[]>> {
  await deliverOutboxes({ store, sender, log: silentLog, config }, queued.splice(0));
  const by = new Map<string, ParsedMail[]>();
  for (const m of sink.messages) {
    const parsed = await simpleParser(m.raw);
    if (!parsed.subject?.includes(`[${ref}]`)) continue;
    by.set(m.envelope.to[0]!, [...(by.get(m.envelope.to[0]!) ?? []), parsed]);
  }
  return by;
}

async function decideAs(d: Pick<Decision, 'ref' | 'action' | 'role' | 'actor' | 'actorName'>) {
  const fx = new Effects(null);
  const r = await decide(deps(), { ...d, override: false, text: null, messageId: null, step: 0, key: `t-${randomBytes(4).toString('hex')}`, locale: 'fr' }, fx);
  expect(r.ok).toBe(true);
  await commitEffects(deps(), fx);
}

describe('an organizer withdraws a proposal', () => {
  it('crieur proposals decide REF withdraw: every speaker is told it was withdrawn (they were told nothing); the organizers as before', async () => {
    const { ref } = await filed('Partitionnement', 'accepted');
    const cmd = readDecision(readCommands, ref, 'withdraw', { timeZone: 'Europe/Paris', locale: 'fr', now: clock.now() });
    if (!cmd.ok) throw new Error(cmd.message);
    expect(await actAsOperator(deps(), ref, cmd.cmd, 'root@host')).toMatchObject({ ok: true });
    expect((await store.proposals.get(ref))!.status).toBe('withdrawn');
    const got = await sentAbout(ref);
    for (const s of [JEANNE, KARIM]) {
      const [m, ...more] = got.get(s) ?? [];
      expect(more, s).toEqual([]);
      expect(m?.subject).toBe(`[${ref}] Proposition retirée : Partitionnement`);
      expect(m?.text).toContain(`Les organisateurs ont retiré votre proposition ${ref}`);
      expect(m?.html).toContain('ont retiré votre proposition');
    }
    expect(got.get(DIM)?.length).toBe(1);
  });

  it('by email (an organizer’s « retirer », the same decision): the speakers are told', async () => {
    const { ref } = await filed('Index BRIN');
    await decideAs({ ref, action: 'withdraw', role: 'organizer', actor: DIM, actorName: 'Dimitri' });
    const got = await sentAbout(ref);
    expect(got.get(JEANNE)?.map((m) => m.subject)).toEqual([`[${ref}] Proposition retirée : Index BRIN`]);
    expect(got.get(KARIM)?.length).toBe(1);
  });

  it('with decisions.hold: the speakers’ mail waits for `release` with the other decisions’ (the organizers’ FYI does not)', async () => {
    const { ref } = await filed('Réplication', 'accepted');
    const held = groupConfig('told', { organizers: [DIM, 'orga2@example.org'], decisions: { hold: true } });
    const fx = new Effects(null);
    const r = await decide({ ...deps(), config: held }, { ref, action: 'withdraw', role: 'organizer', actor: DIM, actorName: 'Dimitri', override: false, text: null, messageId: null, step: 0, key: 't-hold', locale: 'fr' }, fx);
    expect(r.ok).toBe(true);
    expect(fx.held.map((h) => h.recipient).sort()).toEqual([JEANNE, KARIM]);
    expect(fx.held.every((h) => h.subjectRef === `${ref}/withdrawn/t-hold`)).toBe(true);
    expect(fx.rows.map((h) => h.recipient)).toEqual(['orga2@example.org']);
  });
});

describe('one of two speakers confirms or withdraws', () => {
  it('confirm: the other speaker gets one line, in the proposal’s thread; the one who confirmed nothing more', async () => {
    const { ref, messageId } = await filed('Réplication logique', 'accepted');
    await decideAs({ ref, action: 'confirm', role: 'speaker', actor: JEANNE, actorName: 'Jeanne Martin' });
    const got = await sentAbout(ref);
    expect(got.get(JEANNE)).toBeUndefined();
    const [m, ...more] = got.get(KARIM) ?? [];
    expect(more).toEqual([]);
    expect(m?.subject).toBe(`[${ref}] Intervention confirmée par Jeanne Martin : Réplication logique`);
    expect(m?.text).toMatch(new RegExp(`Jeanne Martin a confirmé votre intervention commune ${ref},\\n« Réplication logique » : vous n’avez rien à faire\\.`));
    expect(m?.inReplyTo).toBe(messageId);
    expect(m?.references).toContain(messageId);
  });

  it('withdraw, the other speaker having written in English: told in English', async () => {
    const { ref } = await filed('Sharding', 'accepted');
    const { id } = await store.inbound.saveRaw(Buffer.from(`Message-ID: <${randomBytes(6).toString('hex')}@x>\r\nSubject: Re\r\n\r\nThanks, see you there.\r\n`), { source: 'cli' });
    await store.inbound.setClassified(id, 'reply', { kind: 'reply', language: 'en', subject: 'Re' } as never);
    await store.proposals.note(ref, KARIM, 'reply-received', {}, id);
    await decideAs({ ref, action: 'withdraw', role: 'speaker', actor: JEANNE, actorName: 'Jeanne Martin' });
    const [m] = (await sentAbout(ref)).get(KARIM) ?? [];
    expect(m?.subject).toBe(`[${ref}] Proposal withdrawn by Jeanne Martin: Sharding`);
    expect(m?.text).toContain(`Jeanne Martin withdrew your joint proposal ${ref},\n"Sharding": it will not be on the programme.`);
  });
});
