/**
 * Crashes, not shutdowns: a process killed with SIGKILL in the middle of the stream (no drain, no lease
 * release, jobs left active in Redis, outbox rows left `sending`). After a restart, every proposal must be
 * filed exactly once and every mail sent once — stalled jobs and the recovery sweep take over what the dead
 * process held — except a mail whose SMTP transaction the kill interrupted, parked for a human, never sent
 * twice (see expectFiledOnceMailedOnce).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CrieurChild, proposalMail, runCrieur, sleep, spawnCrieur, speakerOf, tally, useChildServices, waitUntil } from '../support/crieur-process.ts';

const ORGA = 'orga@pgug.example.org';
const svc = useChildServices('kill', [ORGA]);

const start = (name: string) => spawnCrieur(['start', '--config', svc.configFile], { dir: svc.box.dir, name });
const worker = (name: string) => spawnCrieur(['worker', 'classify', 'file', 'command', 'deliver', '--config', svc.configFile], { dir: svc.box.dir, name });
const busy = (c: CrieurChild) => c.logs().filter((l) => ['message classified', 'proposal filed', 'mail sent'].includes(l.msg ?? '')).length;

/** Done: `to` proposals filed, two outbox rows each, none still queued or sending. */
const settled = (to: number) => async () => {
  const q = async (sql: string) => Number((await svc.db.query<{ n: number }>(sql))[0]!.n);
  return (
    (await q('SELECT count(*)::int AS n FROM proposals')) >= to &&
    (await q('SELECT count(*)::int AS n FROM outbox')) >= 2 * to &&
    (await q("SELECT count(*)::int AS n FROM outbox WHERE status IN ('queued', 'sending')")) === 0
  );
};

/**
 * Filed exactly once; never mailed twice. A process killed during an SMTP transaction (between DATA and its own
 * `sent` commit) may or may not have had the mail accepted (RFC 1047): that row is parked as failed with a reason
 * saying so — never sent a second time by itself. Every other row is sent, exactly once.
 */
async function expectFiledOnceMailedOnce(to: number, tag: string): Promise<void> {
  const q = async (sql: string) => Number((await svc.db.query<{ n: number }>(sql))[0]!.n);
  expect(await q('SELECT count(*)::int AS n FROM proposals')).toBe(to);
  expect(await q("SELECT count(*)::int AS n FROM proposal_history WHERE action = 'filed'")).toBe(to);
  // A parked row is reported in the organizers' daily summary of undelivered mail: that mail is not a proposal's.
  const proposals = "subject_ref NOT LIKE 'undelivered:%'";
  expect(await q(`SELECT count(*)::int AS n FROM outbox WHERE ${proposals}`)).toBe(2 * to);
  const notSent = await svc.db.query<{ recipient: string; ref: string; status: string; last_error: string | null }>(
    `SELECT recipient, split_part(subject_ref, '/', 1) AS ref, status, last_error FROM outbox WHERE status <> 'sent' AND ${proposals}`,
  );
  for (const r of notSent) {
    expect(r.status, `${r.recipient} ${r.ref}`).toBe('failed');
    expect(r.last_error, `${r.recipient} ${r.ref}`).toMatch(/interrupted during the SMTP transaction/);
  }
  const refs = await svc.db.query<{ ref: string; email: string }>(
    'SELECT p.ref, s.email FROM proposals p JOIN proposal_speakers ps ON ps.proposal_id = p.id JOIN speakers s ON s.id = ps.speaker_id',
  );
  const counts = tally(svc.sink.messages);
  for (const [key, n] of counts) expect(n, `${key} received ${n} times`).toBe(1);
  const parked = new Set(notSent.map((r) => `${r.recipient} ${r.ref}`));
  for (let i = 1; i <= to; i++) {
    const ref = refs.find((r) => r.email === speakerOf(i, tag))?.ref;
    expect(ref, `proposal of speaker ${i}`).toBeDefined();
    for (const key of [`${speakerOf(i, tag)} ${ref}`, `${ORGA} ${ref}`]) {
      // Sent rows were received once; a parked row was received at most once (0 if the kill came before the 250).
      if (!parked.has(key)) expect(counts.get(key), key).toBe(1);
    }
  }
  expect(svc.sink.messages.length).toBeGreaterThanOrEqual(2 * to - parked.size);
  if (parked.size) console.log(`SIGKILL inside an SMTP transaction: ${parked.size} mail(s) parked, not re-sent: ${[...parked].join(', ')}`);
}

describe('SIGKILL mid-stream', () => {
  let a: CrieurChild;

  it('a worker killed mid-job: after its restart every proposal is filed once and every mail sent once, or parked if the kill caught its SMTP transaction; none twice', { timeout: 120_000 }, async () => {
    a = start('start-a');
    const b = worker('worker-b');
    await Promise.all([a.waitForLog('inbox caught up; watching', 60_000), b.waitForLog('crieur running', 60_000)]);
    // Through the queue (crieur ingest, as an MTA's pipe would): the start process's watcher files what it takes from the
    // inbox and sends its mails itself, so a stream by IMAP could leave the worker nothing to be killed in the middle of.
    const files = Array.from({ length: 30 }, (_, i) => {
      const file = join(svc.box.dir, `kill-${i + 1}.eml`);
      writeFileSync(file, proposalMail(i + 1, 'k'));
      return file;
    });
    const ingested = await runCrieur(['ingest', ...files, '--config', svc.configFile], { dir: svc.box.dir });
    expect(ingested.code, ingested.stderr).toBe(0);
    // Kill it while it has work in hand: it has done some, and the stream is far from over.
    await waitUntil(() => busy(b) >= 3 && svc.sink.messages.length >= 6, 60_000, 'the worker busy with the stream');
    const sentAtKill = svc.sink.messages.length;
    b.kill('SIGKILL');
    expect(await b.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(sentAtKill).toBeLessThan(60);

    const b2 = worker('worker-b2');
    await waitUntil(settled(30), 90_000, '30 proposals filed and every mail sent or parked');
    await sleep(5_000); // past stalled-job detection, the recovery sweep and the send lease: a duplicate would show
    await expectFiledOnceMailedOnce(30, 'k');
    expect(await b2.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('crieur start itself killed mid-stream: the next one waits out its inbox lock and finishes the stream; filed once', { timeout: 120_000 }, async () => {
    const before = svc.sink.messages.length;
    for (let n = 31; n <= 40; n++) await svc.imap.append('INBOX', proposalMail(n, 'k'));
    await waitUntil(() => svc.sink.messages.length >= before + 2, 60_000, 'the start process busy with the stream');
    a.kill('SIGKILL');
    expect(await a.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const a2 = start('start-a2');
    await a2.waitForLog('inbox caught up; watching', 60_000);
    await waitUntil(settled(40), 60_000, '40 proposals filed and every mail sent or parked');
    await sleep(5_000);
    await expectFiledOnceMailedOnce(40, 'k');
    expect(await a2.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
