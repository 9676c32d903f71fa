/**
 * The organizers' digest answered with commands (issue 10), end to end through Dovecot, Redis, the workers and an
 * SMTP listener: three proposals filed by mail, the organizers' digest built and sent, taken from the listener, and
 * answered by the organizer — `accept`, `decline … trop long`, `waitlist`, one per line above the quoted digest, to
 * its Reply-To (the digest's organizer token, whose ref names a day, not a proposal) — APPENDed to the inbox: three
 * decisions in `crieur proposals show --json`'s history, the speaker's three decision mails, one transcript to the
 * organizer. The same reply with a forged From, or from the speaker (his own token, or the digest's), changes nothing.
 * (An organizer's reply is authenticated by the digest's token in In-Reply-To whatever address it is sent to.)
 * Regression: the transcript was audited on the token's ref — for the digest a day, `d20261130`, not a proposal —
 * so the command job failed after the decisions and was retried until parked; an expired digest token likewise.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createDigestComposer } from '../../src/adapters/compose/digest-mail.ts';
import { sendOrganizerDigest } from '../../src/app/organizer-digest.ts';
import { findTokens, mintToken } from '../../src/core/tokens.ts';
import { buildMail, quiet, sentTo, TEST_SECRET, useLiveImap, waitFor, type SentMail } from '../support/pipeline.ts';
import { causedTo, DIM, fileProposal, JEAN, ORGA2, send, type Filed } from '../support/commands.ts';
import { killAll, runCrieur, sandbox } from '../support/crieur-process.ts';

const MALLORY = 'mallory@evil.example';

/** An organizer's answer to the digest: commands first, then the digest quoted below an attribution, as clients do. */
function replyTo(digest: SentMail, o: { from: string; to: string; commands: string[] }) {
  const quoted = (digest.mail.text ?? '').split('\n').map((l) => (l === '' ? '>' : `> ${l}`));
  const spec = {
    from: o.from,
    to: o.to,
    subject: `Re: ${digest.mail.subject}`,
    inReplyTo: digest.mail.messageId!,
    references: digest.mail.messageId!,
    body: [...o.commands, '', 'Le lun. 30 nov. 2026 à 08:00, PostgreSQL Paris <talks@pgug.example.org> a écrit :', ...quoted, ''].join('\n'),
  };
  return { ...buildMail(spec), spec };
}

describe("the organizers' digest answered with commands (postgres)", () => {
  const live = useLiveImap('postgres', { overrides: { limits: { acksPerSenderPerDay: 1000 } } });
  const box = sandbox('digest-reply');
  afterAll(async () => {
    await killAll();
    await box.cleanup();
  });
  const status = async (ref: string) => (await live.p.store.proposals.get(ref))!.status;
  /**
   * The message's command job finished without a failure (a failure is retried, and parked after its retries).
   * The job's effects are committed before BullMQ records it completed, so it can still read 'active' for a moment:
   * wait for a settled state, then say which it is (a CI run once read 'active' here).
   */
  const jobCompleted = async (inboundId: number) => {
    const queue = live.p.running.context.dispatcher.queue('command');
    const state = await waitFor(async () => {
      const s = await (await queue.getJob(`command-${inboundId}`))?.getState();
      return s && s !== 'active' ? s : null;
    }, `command job of ${inboundId} to settle`, 30_000);
    const job = await queue.getJob(`command-${inboundId}`);
    expect(job!.failedReason ?? null).toBeNull();
    expect(state).toBe('completed');
  };
  let filed: Filed[] = [];
  let digest: SentMail;
  let digestAddress: string;
  const commands = () => [`accept ${filed[0]!.ref}`, `decline ${filed[1]!.ref} trop long`, `waitlist ${filed[2]!.ref}`];

  it('three proposals filed; the digest lists them with their reply lines and an organizer token for the day', async () => {
    filed = [];
    for (const title of ['Partitionnement déclaratif', 'JSONB en production', 'VACUUM sans peur']) filed.push(await fileProposal(live, title));
    const deps = { ...live.p.running.context.deps, organizerMailer: createDigestComposer(live.p.config) };
    const r = await sendOrganizerDigest(deps);
    expect(r).toMatchObject({ counts: { pending: 3, unconfirmed: 0 }, queued: 2 });
    digest = await waitFor(async () => (await sentTo(live.sink, DIM)).find((m) => m.mail.headers['x-crieur-digest']?.[0]?.startsWith('organizers ')), "the organizers' digest", 30_000);
    for (const f of filed) expect(digest.mail.text).toContain(`accepter ${f.ref}`);
    digestAddress = digest.mail.replyTo[0]!.email;
    const [token] = findTokens(digestAddress);
    // The token's ref is the day (d20261130), not a proposal: the commands name their proposals themselves.
    expect(token).toMatchObject({ purpose: 'organizer', ref: expect.stringMatching(/^d\d{8}$/) });
    expect(findTokens(digest.mail.messageId!)[0]?.token).toBe(token!.token);
  }, 180_000);

  it('the same reply with a forged From does nothing and answers no one', async () => {
    const forged = replyTo(digest, { from: `Mallory <${MALLORY}>`, to: digestAddress, commands: commands() });
    const inbound = await send(live, forged);
    expect(inbound).toMatchObject({ kind: 'command', state: 'done' });
    expect(await live.p.store.commands.get(inbound.id)).toMatchObject({ outcome: 'refused', reason: 'forged' });
    for (const f of filed) expect(await status(f.ref)).toBe('received');
    expect(await sentTo(live.sink, MALLORY)).toEqual([]);
    expect((await live.p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE cause_message_id = $1', [inbound.id]))[0]!.n).toBe(0);
  }, 60_000);

  it('the speaker answering the digest (forwarded to him) decides nothing, with his own token or without', async () => {
    const speakerAddress = filed[0]!.ack.mail.replyTo[0]!.email;
    expect(findTokens(speakerAddress)[0]).toMatchObject({ purpose: 'speaker', ref: filed[0]!.ref });
    // With his acknowledgement's token: a speaker token acts only on its own proposal, with speaker verbs.
    // To the digest's address: its organizer token is not his (its MAC binds the organizer's address).
    for (const [to, reason] of [[speakerAddress, null], [digestAddress, 'forged']] as const) {
      const inbound = await send(live, replyTo(digest, { from: `Jean Dupont <${JEAN}>`, to, commands: commands() }));
      for (const f of filed) expect(await status(f.ref), `${to}: ${f.ref}`).toBe('received');
      if (reason) expect(await live.p.store.commands.get(inbound.id)).toMatchObject({ outcome: 'refused', reason });
      for (const f of filed) expect((await live.p.store.proposals.history(f.ref)).filter((h) => h.action.startsWith('status:'))).toEqual([]);
    }
  }, 120_000);

  it("an organizer answering a digest whose token expired is told so, once; nothing is decided and the job does not fail", async () => {
    // Regression: the transcript was audited on the token's ref — a day, not a proposal — and the job failed on it.
    const old = new Date(Date.now() - 200 * 86_400_000);
    const token = mintToken(TEST_SECRET, { purpose: 'organizer', ref: 'd20260101' }, DIM, old);
    const m = replyTo(digest, { from: `Dimitri Fontaine <${DIM}>`, to: `talks+${token}@pgug.example.org`, commands: commands() });
    const expired = buildMail({ ...m.spec, inReplyTo: `<${token}.abc@pgug.example.org>`, references: `<${token}.abc@pgug.example.org>` });
    const inbound = await send(live, expired);
    expect(inbound).toMatchObject({ kind: 'command', state: 'done' });
    expect(await live.p.store.commands.get(inbound.id)).toMatchObject({ outcome: 'refused', reason: 'expired' });
    for (const f of filed) expect(await status(f.ref)).toBe('received');
    const t = await waitFor(async () => (await sentTo(live.sink, DIM)).find((x) => x.mail.inReplyTo === expired.messageId), 'the expired-token transcript', 30_000);
    expect(findTokens(t.mail.replyTo[0]!.email)[0]).toMatchObject({ purpose: 'organizer' });
    await waitFor(() => quiet(live.p), 'the outbox to drain', 30_000);
    expect((await sentTo(live.sink, DIM)).filter((x) => x.mail.inReplyTo === expired.messageId)).toHaveLength(1);
    await jobCompleted(inbound.id);
  }, 60_000);

  it('the organizer answers: three decisions, the speaker told each, one transcript', async () => {
    const before = (await sentTo(live.sink, DIM)).length;
    const reply = replyTo(digest, { from: `Dimitri Fontaine <${DIM}>`, to: digestAddress, commands: commands() });
    const inbound = await send(live, reply);
    expect(inbound).toMatchObject({ kind: 'command', state: 'done' });
    // The command log's row is finished just after the effects' commit (which marks the message done).
    await waitFor(async () => (await live.p.store.commands.get(inbound.id))?.outcome === 'executed', 'the command log to say executed', 10_000);
    await jobCompleted(inbound.id);
    expect([await status(filed[0]!.ref), await status(filed[1]!.ref), await status(filed[2]!.ref)]).toEqual(['accepted', 'declined', 'waitlisted']);

    // The speaker's three decision mails, the reason quoted in the decline.
    const toJean = (ref: string, what: RegExp) => waitFor(async () => (await sentTo(live.sink, JEAN)).find((m) => m.mail.subject.includes(ref) && what.test(m.mail.subject)), `${ref} mail to Jean`, 30_000);
    await toJean(filed[0]!.ref, /Action requise/);
    expect((await toJean(filed[1]!.ref, /Réponse/)).mail.text).toContain('trop long');
    expect((await toJean(filed[2]!.ref, /attente/)).mail.text).toContain('Si une place se libère');

    // Exactly one transcript, to the organizer, in the digest's thread, with the three results.
    await waitFor(() => quiet(live.p), 'the outbox to drain', 30_000);
    const transcripts = (await sentTo(live.sink, DIM)).slice(before).filter((m) => m.mail.inReplyTo === reply.messageId);
    expect(transcripts).toHaveLength(1);
    expect(transcripts[0]!.mail.text!.match(/\[fait\]/g)).toHaveLength(3);
    expect((await causedTo(live, inbound.id, DIM)).map((r) => r.purpose)).toEqual(['command-result']);
    // The transcript is audited on the first proposal the reply named (the digest's token names a day).
    const audit = (await live.p.store.proposals.history(filed[0]!.ref)).filter((h) => h.action === 'mail-queued' && h.messageId === inbound.id);
    expect(audit.map((h) => h.detail)).toContainEqual(expect.objectContaining({ purpose: 'command-result', to: DIM }));
    expect((await sentTo(live.sink, ORGA2)).filter((m) => m.mail.inReplyTo === reply.messageId)).toEqual([]);

    // `crieur proposals show --json`: each history has its decision, by the organizer, via the reply.
    const configFile = box.writeConfig({ database: { url: live.db.url }, secret: TEST_SECRET, log: { level: 'silent' } });
    for (const [f, to] of [[filed[0]!, 'accepted'], [filed[1]!, 'declined'], [filed[2]!, 'waitlisted']] as const) {
      const r = await runCrieur(['proposals', 'show', f.ref, '--json', '--config', configFile], { dir: box.dir, timeoutMs: 120_000 });
      expect(r.code, r.stderr).toBe(0);
      const shown = JSON.parse(r.stdout) as { status: string; history: { who: string; what: string; via: string | null }[] };
      expect(shown.status).toBe(to);
      const decisions = shown.history.filter((h) => h.what.startsWith('status:'));
      expect(decisions, f.ref).toEqual([expect.objectContaining({ who: DIM, what: `status:${to}`, via: reply.messageId })]);
    }
  }, 300_000);
});
