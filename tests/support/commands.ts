/**
 * Helpers for the command e2e tests: file a proposal and wait for its mails, and turn a reply fixture
 * (tests/fixtures/replies, written by real clients) into an answer to *this* run's mails: its tokens minted
 * afresh for this run's refs and addresses, its refs renumbered, its Message-ID made unique.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { mintToken } from '../../src/core/tokens.ts';
import { appendRaw, proposalMail, sentTo, settled, TEST_SECRET, waitFor, type LiveImap, type SentMail } from './pipeline.ts';
import type { InboundMessage } from '../../src/app/inbound-store.ts';

export const DIM = 'dim@example.org';
export const ORGA2 = 'orga2@example.org';
export const JEAN = 'jean.dupont@example.fr';
const FIXTURES = fileURLToPath(new URL('../fixtures/replies/', import.meta.url));

export interface Filed {
  ref: string;
  ack: SentMail;
  notice: SentMail;
}

/** Files a proposal by `email` and returns its ref, the speaker's acknowledgement and Dim's notice. */
export async function fileProposal(live: LiveImap, title: string, email = JEAN, lang: 'fr' | 'en' = 'fr'): Promise<Filed> {
  const m = proposalMail({ lang, name: email === JEAN ? 'Jean Dupont' : 'Anne Orateur', email, title });
  await appendRaw(live.imap, m.raw);
  const inbound = await settled(live.p, m.messageId, 30_000);
  const p = await live.p.store.proposals.findByMessage(inbound.id);
  if (!p) throw new Error(`proposal ${title} not filed`);
  const ack = await waitFor(async () => (await sentTo(live.sink, email)).find((s) => s.mail.subject.includes(p.ref)), `acknowledgement of ${p.ref}`, 30_000);
  const notice = await waitFor(
    async () => (await sentTo(live.sink, DIM)).find((s) => s.mail.subject.includes(p.ref) && /Nouvelle proposition|New proposal/.test(s.mail.subject)),
    `notice of ${p.ref}`,
    30_000,
  );
  return { ref: p.ref, ack, notice };
}

const wire = (ref: string) => ref.replace(/^P-(\d+)$/, 'p$1').toLowerCase();

/**
 * A fixture reply rewritten for this run. `ref`: the proposal its token names (P-0007 in the fixture);
 * `refs`: other refs the body names, fixture → this run's (e.g. { 'P-0003': 'P-0012', 'P-5': 'P-13' }).
 */
export function fixtureReply(name: string, o: { ref: string; refs?: Record<string, string>; now?: Date; from?: string }): { raw: Buffer; messageId: string } {
  let s = readFileSync(`${FIXTURES}${name}`, 'latin1');
  const now = o.now ?? new Date();
  const org = mintToken(TEST_SECRET, { purpose: 'organizer', ref: o.ref }, DIM, now);
  const spk = mintToken(TEST_SECRET, { purpose: 'speaker', ref: o.ref }, JEAN, now);
  // Whatever token the fixture was written with (a made-up one, or one of another secret or format).
  s = s.replace(/\bo-(?:p0007|digest)(?:-[a-z2-7]{1,6})?-[a-z0-9]{16}(?![a-z0-9])/g, org).replace(/\bs-p0007(?:-[a-z2-7]{1,6})?-[a-z0-9]{16}(?![a-z0-9])/g, spk);
  for (const [from, to] of Object.entries(o.refs ?? {})) s = s.replaceAll(from, to);
  s = s.replaceAll('P-0007', o.ref).replaceAll(wire('P-0007'), wire(o.ref));
  const messageId = `<reply-${randomBytes(6).toString('hex')}@e2e.example>`;
  s = s.replace(/^Message-ID:.*$/im, `Message-ID: ${messageId}`);
  if (o.from) s = s.replace(/^From:.*$/im, `From: ${o.from}`);
  return { raw: Buffer.from(s, 'latin1'), messageId };
}

/** Appends a reply and waits until its handling is over (done or failed). */
export async function send(live: LiveImap, reply: { raw: Buffer; messageId: string }): Promise<InboundMessage> {
  await appendRaw(live.imap, reply.raw);
  return settled(live.p, reply.messageId, 30_000);
}

/** Mails to `email` caused by inbound message `id` (outbox rows), with their subjects decoded from the sink. */
export async function causedTo(live: LiveImap, inboundId: number, email: string): Promise<{ purpose: string; subjectRef: string }[]> {
  return live.p.db.query<{ purpose: string; subjectRef: string }>(
    'SELECT purpose, subject_ref AS "subjectRef" FROM outbox WHERE cause_message_id = $1 AND lower(recipient) = lower($2) ORDER BY id',
    [inboundId, email],
  );
}
