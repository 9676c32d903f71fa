/**
 * `crieur digest --since 7d` run again — by hand a minute later, by cron every week over an overlapping window — on
 * PostgreSQL (a schema of its own), the mails sent through the outbox to an SMTP listener. Its window moves with the
 * clock, so keyed by the window each run was a new digest of the same posts: every member got them again. A `--since`
 * digest now leaves out what an earlier one of the list carried and is keyed by its posts: nothing new → nothing sent,
 * and said so; new posts → a digest of those only.
 */
import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { createDigestComposer } from '../../src/adapters/compose/digest-mail.ts';
import { mailparserReader, readMail } from '../../src/adapters/mailparser.ts';
import { collectListPost } from '../../src/app/collect-list-post.ts';
import { deliverOutboxes } from '../../src/app/deliver-outbox.ts';
import { sendListDigests, type DigestDeps } from '../../src/app/send-digests.ts';
import { sincePeriod } from '../../src/core/digest/period.ts';
import type { Dispatcher } from '../../src/app/dispatcher.ts';
import { useStoreAndSink } from '../support/store-and-sink.ts';
import { GENERALE, groupConfig, silentLog } from '../support/test-config.ts';
import { buildMail } from '../support/pipeline.ts';

const { store, sink, sender } = useStoreAndSink('dsince');
const config = groupConfig('dsince', { lists: [GENERALE] });
const MEMBERS = ['alice@example.fr', 'bob@example.fr'];
const queued: number[] = [];
const dispatcher: Dispatcher = { dispatch: async () => undefined, dispatchMany: async (_q, ids) => void queued.push(...ids) };

async function post(subject: string): Promise<void> {
  const m = buildMail({ from: 'Jean <jean@example.fr>', to: GENERALE.address, subject, body: 'Qui vient jeudi ?', headers: ['List-Id: <pgsql-fr-generale.lists.example.org>'] });
  const { id } = await store.inbound.saveRaw(m.raw, { source: 'cli' });
  await collectListPost({ config, store, clock: { now: () => new Date() }, log: silentLog, reader: mailparserReader }, id, await readMail(m.raw));
}

/** `crieur digest --since 7d` at `minutesLater` past now: its report for the list, and what it queued, sent. */
async function digestSince(minutesLater: number) {
  const at = new Date(Date.now() + minutesLater * 60_000);
  const deps = { config, store, dispatcher, clock: { now: () => at }, log: silentLog, mailer: createDigestComposer(config), recipients: store.digests } as unknown as DigestDeps;
  const [r] = await sendListDigests(deps, { period: sincePeriod(at, '7d')! });
  await deliverOutboxes({ store, sender, log: silentLog, config }, queued.splice(0));
  return r!;
}

const received = async (to: string) => Promise.all(sink.messages.filter((m) => m.envelope.to[0] === to).map((m) => simpleParser(m.raw)));

describe('crieur digest --since, run again', () => {
  it('sends nothing when nothing is new (and says why), then a digest of the new post only; each member gets each post once', async () => {
    for (const email of MEMBERS) {
      await store.subscribers.upsert([{ email, name: null, language: 'fr', status: 'active', source: 'test' }]);
      await store.digests.set((await store.membership.byEmail(email))!.id, 'generale', { cadence: 'weekly', format: 'text' });
    }
    await post('[generale] Apéro de mars');
    await post('[generale] Salle du jeudi');

    const first = await digestSince(0);
    expect(first).toMatchObject({ counts: { messages: 2 }, queued: 2, earlier: 0 });

    // A minute later, and from cron a little after: the window moved, the posts did not.
    for (const later of [2, 3]) expect(await digestSince(later)).toMatchObject({ counts: null, queued: 0, earlier: 2, campaign: null });

    await post('[generale] Qui apporte le projecteur ?');
    const third = await digestSince(4);
    expect(third).toMatchObject({ counts: { messages: 1 }, queued: 2, earlier: 2 });
    expect(third.campaign).not.toBe(first.campaign);
    expect(await digestSince(5)).toMatchObject({ counts: null, queued: 0, earlier: 3 });

    for (const email of MEMBERS) {
      const mails = await received(email);
      expect(mails).toHaveLength(2);
      expect(mails[0]!.text).toContain('Apéro de mars');
      expect(mails[1]!.text).toContain('Qui apporte le projecteur ?');
      expect(mails[1]!.text).not.toContain('Salle du jeudi');
    }
  });
});
