/**
 * Commands across real processes on PostgreSQL: `crieur proposals decide` and `proposals show --json` next to a
 * running `crieur start`; and a `crieur start` killed with SIGKILL between an organizer's decision and the speaker's
 * mail — after the restart the speaker gets exactly one mail. The kill lands in that window because the test holds
 * the outbox table locked (EXCLUSIVE: reads pass, inserts wait) while the decision commits.
 */
import { describe, expect, it } from 'vitest';
import { mintToken } from '../../src/core/tokens.ts';
import { runCrieur, sleep, spawnCrieur, useChildServices, waitUntil, describeSent, type CrieurChild } from '../support/crieur-process.ts';
import { buildMail, proposalMail, TEST_SECRET } from '../support/pipeline.ts';
import { readMail } from '../../src/adapters/mailparser.ts';

const DIM = 'dim@example.org';
const ORGA2 = 'orga2@example.org';
const svc = useChildServices('cmd', [DIM, ORGA2]);
const start = (name: string) => spawnCrieur(['start', '--config', svc.configFile], { dir: svc.box.dir, name });

async function file(title: string, email: string): Promise<string> {
  const m = proposalMail({ lang: 'fr', name: 'Jean Test', email, title });
  await svc.imap.append('INBOX', m.raw);
  return waitUntil(
    async () => (await svc.db.query<{ ref: string }>('SELECT p.ref FROM proposals p JOIN inbound_messages m ON m.id = p.message_id WHERE m.message_id = $1', [m.messageId]))[0]?.ref,
    60_000,
    `${title} filed`,
  );
}
const statusOf = async (ref: string) => (await svc.db.query<{ status: string }>('SELECT status FROM proposals WHERE ref = $1', [ref]))[0]?.status;
/** Mails to `email` about `ref` whose decoded subject matches. */
const mailsTo = async (email: string, ref: string, subject: RegExp) => {
  const mine = svc.sink.messages.filter((m) => m.envelope.to.includes(email) && describeSent(m).ref === ref);
  return (await Promise.all(mine.map((m) => readMail(m.raw)))).filter((m) => subject.test(m.subject));
};
const confirmMails = async (email: string, ref: string) => (await mailsTo(email, ref, /Action requise/)).length;

describe('commands across processes (postgres)', () => {
  let a: CrieurChild;

  it('crieur proposals decide: accepted as the local operator, the speaker mailed; show --json tells who, when, what, via', { timeout: 600_000 }, async () => {
    a = start('start-a');
    await a.waitForLog('inbox caught up; watching', 180_000);
    const email = 'cli.speaker@example.fr';
    const ref = await file('Décision en ligne de commande', email);
    const r = await runCrieur(['proposals', 'decide', ref, 'accept', '--config', svc.configFile], { dir: svc.box.dir, name: 'decide', timeoutMs: 240_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${ref} est maintenant acceptée`);
    expect(await statusOf(ref)).toBe('accepted');
    await waitUntil(async () => (await confirmMails(email, ref)) === 1, 60_000, 'the speaker asked to confirm');
    const again = await runCrieur(['proposals', 'decide', ref, 'decline', 'trop', 'tard', '--config', svc.configFile], { dir: svc.box.dir, name: 'decide2', timeoutMs: 240_000 });
    expect(again.code).toBe(65);
    expect(again.stderr).toMatch(/est acceptée \(par \S+@\S+/);
    const bad = await runCrieur(['proposals', 'decide', ref, 'frobnicate', '--config', svc.configFile], { dir: svc.box.dir, name: 'decide3', timeoutMs: 240_000 });
    expect(bad.code).toBe(64);
    const show = await runCrieur(['proposals', 'show', ref, '--json', '--config', svc.configFile], { dir: svc.box.dir, name: 'show', timeoutMs: 240_000 });
    const json = JSON.parse(show.stdout) as { status: string; history: { who: string; when: string; what: string; via: string | null }[] };
    expect(json.status).toBe('accepted');
    const decision = json.history.find((h) => h.what === 'status:accepted')!;
    expect(decision.who).toMatch(/@/);
    expect(new Date(decision.when).getTime()).toBeGreaterThan(0);
    expect(json.history[0]).toMatchObject({ what: 'filed', who: email, via: expect.stringMatching(/^<.+>$/) });
  });

  it('kill -9 between the decision and the speaker mail: after the restart exactly one speaker mail', { timeout: 600_000 }, async () => {
    const email = 'kill.speaker@example.fr';
    const ref = await file('Décision interrompue', email);
    const toSpeaker = () => svc.sink.messages.filter((m) => m.envelope.to.includes(email) && describeSent(m).ref === ref).length;
    // The filing's mails (acknowledgement, notices) queued and sent before the lock: only the decision's wait on it.
    await waitUntil(() => toSpeaker() === 1, 240_000, 'the acknowledgement sent');
    await waitUntil(async () => Number((await svc.db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE status IN ('queued', 'sending')"))[0]!.n) === 0, 60_000, 'filing mails sent');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = svc.db.transaction(async (tx) => {
      await tx.query('LOCK TABLE outbox IN EXCLUSIVE MODE');
      locked();
      await gate;
    });
    await isLocked;
    const token = mintToken(TEST_SECRET, { purpose: 'organizer', ref }, DIM, new Date());
    const accept = buildMail({ from: `Dimitri <${DIM}>`, to: `talks+${token}@pgug.example.org`, subject: `Re: [${ref}] Nouvelle proposition`, body: 'accepter\n' });
    await svc.imap.append('INBOX', accept.raw);
    // The decision commits; its mails wait on the lock.
    await waitUntil(async () => (await statusOf(ref)) === 'accepted', 60_000, 'the decision committed');
    await sleep(500);
    a.kill('SIGKILL');
    expect(await a.exited).toEqual({ code: null, signal: 'SIGKILL' });
    release();
    await holder;
    expect(await confirmMails(email, ref)).toBe(0);
    expect(toSpeaker()).toBe(1); // the acknowledgement

    const a2 = start('start-a2');
    const acceptedSent = async () =>
      Number((await svc.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE recipient = $1 AND subject_ref LIKE $2 AND status = 'sent'`, [email, `${ref}/accepted/%`]))[0]!.n);
    await waitUntil(async () => (await acceptedSent()) >= 1, 240_000, 'the speaker mail after the restart');
    await sleep(6_000); // past stalled-job detection and the recovery sweep: a second mail would show
    expect(await acceptedSent()).toBe(1);
    expect(toSpeaker()).toBe(2);
    expect(await confirmMails(email, ref)).toBe(1);
    const decisions = await svc.db.query<{ n: number }>("SELECT count(*)::int AS n FROM proposal_history h JOIN proposals p ON p.id = h.proposal_id WHERE p.ref = $1 AND h.action = 'status:accepted'", [ref]);
    expect(decisions[0]!.n).toBe(1);
    expect(await mailsTo(DIM, ref, /Résultat de vos commandes/)).toHaveLength(1);
    expect(await a2.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
