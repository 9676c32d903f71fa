/**
 * A list's digest of a period is a campaign (SPEC `crieur campaigns`), on both engines, with the deliver workers and
 * an SMTP listener running and the `crieur campaigns` commands run as processes beside them: a digest run shows as
 * `{kind: 'digest', list, total, sent, …}` matching what the listener received, and running it again adds nothing;
 * paused mid-way, the deliver queue sends nothing more of it (its jobs run and leave the rows queued); resumed, the
 * rest goes out, each member exactly once, and the campaign reads done.
 */
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { readMail } from '../../src/adapters/mailparser.ts';
import { createDigestComposer } from '../../src/adapters/compose/digest-mail.ts';
import { collectListPost } from '../../src/app/collect-list-post.ts';
import { sendListDigests, type DigestDeps } from '../../src/app/send-digests.ts';
import type { Clock } from '../../src/app/clock.ts';
import { baseConfig, killAll, runCrieur, sandbox } from '../support/crieur-process.ts';
import { buildMail, ENGINE_NAMES, useLive, waitFor } from '../support/pipeline.ts';

const LIST = 'pgsql-fr-generale@lists.postgresql.example';
const LIST_ID = 'pgsql-fr-generale.lists.postgresql.example';
/** Monday 29 March 2027, 08:00:05 in Paris: the end of the daily period Sunday → Monday. */
const MONDAY = new Date('2027-03-29T06:00:05Z');
const TUESDAY = new Date('2027-03-30T06:00:05Z');
const MEMBERS = [
  { email: 'alice@example.fr', format: 'html' },
  { email: 'bob@example.fr', format: 'text' },
  { email: 'chloe@example.org', format: 'mime' },
  { email: 'denis@example.fr', format: 'html' },
] as const;

interface CampaignJson {
  id: number;
  kind: string;
  event: number | null;
  list: string | null;
  total: number;
  sent: number;
  failed: number;
  queued: number;
  status: string;
}

describe.each(ENGINE_NAMES)('list digests as campaigns (%s)', (engine) => {
  // The recovery sweep re-dispatches queued rows untouched for staleSeconds: kept off the rows held back below while
  // the test stages its pause (a spawned `crieur` takes seconds under load). That the sweep passes a paused digest's
  // rows by is tests/store/digest-campaigns.test.ts (outbox.pending).
  const live = useLive(engine, { watch: false, overrides: { queue: { staleSeconds: 120 } } });
  const box = sandbox('dcamp');
  let clockNow = MONDAY;
  const clock: Clock = { now: () => clockNow };
  let deps: DigestDeps;
  let configFile: string;
  // `crieur campaigns …` as an operator runs it, on the running process's database and Redis.
  const crieur = async (...args: string[]) => {
    const r = await runCrieur(['campaigns', ...args, '--json', '--config', configFile], { dir: box.dir, timeoutMs: 120_000 });
    expect(r.code, `crieur campaigns ${args.join(' ')}: ${r.stderr}`).toBe(0);
    return JSON.parse(r.stdout) as unknown;
  };
  /** Digests the listener received, per member. */
  const digests = () => {
    const n = new Map<string, number>();
    for (const m of live.sink.messages) {
      if (!/^X-Crieur-Digest:/im.test(m.raw.toString('latin1'))) continue;
      for (const to of m.envelope.to) n.set(to, (n.get(to) ?? 0) + 1);
    }
    return n;
  };
  const post = async (subject: string, at: string) => {
    const m = buildMail({ from: 'Jean <jean@example.fr>', to: LIST, subject, body: 'Qui vient jeudi ?', headers: [`List-Id: <${LIST_ID}>`] });
    const { id } = await live.p.store.inbound.saveRaw(m.raw, { source: 'cli' });
    await live.p.db.query('UPDATE inbound_messages SET received_at = $2 WHERE id = $1', [id, at]);
    await collectListPost({ ...live.p.running.context.deps, clock: { now: () => new Date(at) } }, id, await readMail(m.raw));
  };

  beforeAll(async () => {
    const store = live.p.store;
    for (const m of MEMBERS) {
      await store.subscribers.upsert([{ email: m.email, name: null, language: 'fr', status: 'active', source: 'cli' }]);
      await store.digests.set((await store.membership.byEmail(m.email))!.id, 'generale', { cadence: 'daily', format: m.format });
    }
    await post('[generale] Apéro de mars', '2027-03-28T09:00:00Z');
    await post('[generale] Salle du jeudi', '2027-03-29T12:00:00Z');
    deps = { ...live.p.running.context.deps, clock, mailer: createDigestComposer(live.p.config, { clock }), recipients: store.digests };
    configFile = box.writeConfig({
      ...baseConfig({ prefix: live.p.config.redis.prefix, databaseUrl: live.p.config.database.url, smtpUrl: live.sink.url, log: 'silent' }),
      lists: [{ name: 'generale', address: LIST, language: 'fr' }],
    });
  }, 60_000);
  afterAll(async () => {
    await killAll();
    await box.cleanup();
  });

  it('a digest run shows as a campaign whose counts are what the listener received; run again, it adds nothing', { timeout: 240_000 }, async () => {
    const [run] = await sendListDigests(deps, { cadence: 'daily' });
    expect(run).toMatchObject({ queued: 4, already: 0 });
    const id = run!.campaign!;
    expect(id).toBeGreaterThan(0);
    await waitFor(() => (digests().size === 4 ? true : null), 'a digest to each member', 60_000);
    await waitFor(async () => ((await live.p.store.campaigns.counts(id)).queued === 0 ? true : null), 'the digest to drain', 30_000);

    const listed = (await crieur('list')) as CampaignJson[];
    const ours = listed.filter((c) => c.kind === 'digest');
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ id, kind: 'digest', event: null, list: 'generale', total: 4, sent: 4, failed: 0, queued: 0, status: 'done' });
    const received = digests();
    expect([...received.keys()].sort()).toEqual(MEMBERS.map((m) => m.email).sort());
    expect(ours[0]!.sent).toBe([...received.values()].reduce((a, b) => a + b, 0));

    for (let i = 0; i < 2; i++) expect((await sendListDigests(deps, { cadence: 'daily' }))[0]).toMatchObject({ campaign: id, queued: 0, already: 4 });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(digests()).toEqual(received);
    expect(((await crieur('list')) as CampaignJson[]).filter((c) => c.kind === 'digest')).toEqual(ours);
  });

  it('paused mid-way, nothing more is sent; resumed, the rest goes out, each member exactly once', { timeout: 240_000 }, async () => {
    const before = digests();
    const sentBefore = live.sink.messages.length;
    // Queued, not yet handed to the deliver workers: two rows go now, two after the pause.
    const held: number[] = [];
    const holding = { dispatch: async () => undefined, dispatchMany: async (_q: string, ids: readonly number[]) => void held.push(...ids) };
    clockNow = TUESDAY;
    let id: number;
    try {
      const [run] = await sendListDigests({ ...deps, dispatcher: holding }, { cadence: 'daily' });
      expect(run).toMatchObject({ queued: 4 });
      id = run!.campaign!;
    } finally {
      clockNow = MONDAY;
    }
    expect(held).toHaveLength(4);
    const dispatcher = live.p.running.context.dispatcher;
    await dispatcher.dispatchMany('deliver', held.slice(0, 2));
    await waitFor(() => (live.sink.messages.length === sentBefore + 2 ? true : null), 'the first two digests', 60_000);
    await waitFor(async () => ((await live.p.store.campaigns.counts(id)).sent === 2 ? true : null), 'the first two marked sent', 30_000);

    expect(await crieur('pause', String(id))).toMatchObject({ id, kind: 'digest', status: 'paused', sent: 2, queued: 2 });
    await dispatcher.dispatchMany('deliver', held.slice(2));
    // The deliver jobs of the other two ran (completed) and sent nothing: the rows wait, queued.
    const deliverQueue = dispatcher.queue('deliver');
    for (const row of held.slice(2)) await waitFor(async () => ((await (await deliverQueue.getJob(`deliver-${row}`))?.getState()) === 'completed' ? true : null), `deliver job of row ${row} to run`, 60_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(live.sink.messages.length).toBe(sentBefore + 2);
    expect(await crieur('show', String(id))).toMatchObject({ id, kind: 'digest', list: 'generale', total: 4, sent: 2, queued: 2, status: 'paused' });

    expect(await crieur('resume', String(id))).toMatchObject({ id, kind: 'digest', status: 'sending' });
    await waitFor(() => (live.sink.messages.length >= sentBefore + 4 ? true : null), 'the rest of the digest', 60_000);
    await waitFor(async () => ((await live.p.store.campaigns.counts(id)).queued === 0 ? true : null), 'the digest to drain', 30_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(live.sink.messages.length).toBe(sentBefore + 4);
    const after = digests();
    for (const m of MEMBERS) expect((after.get(m.email) ?? 0) - (before.get(m.email) ?? 0), m.email).toBe(1);
    expect(await crieur('show', String(id))).toMatchObject({ id, total: 4, sent: 4, failed: 0, queued: 0, status: 'done' });

    clockNow = TUESDAY;
    try {
      expect((await sendListDigests(deps, { cadence: 'daily' }))[0]).toMatchObject({ campaign: id, queued: 0, already: 4 });
    } finally {
      clockNow = MONDAY;
    }
    await new Promise((r) => setTimeout(r, 1_000));
    expect(live.sink.messages.length).toBe(sentBefore + 4);
  });
});
