/**
 * Two `crieur start` with the same config on PostgreSQL (as on two machines): one watches the inbox, the other
 * stands by; both run every worker. Each message must be ingested once, filed once, acknowledged once — also
 * when the watching one stops and the other takes the inbox over.
 */
import { describe, expect, it } from 'vitest';
import { duplicates, proposalMail, sleep, spawnCrieur, speakerOf, tally, useChildServices, waitUntil } from '../support/crieur-process.ts';

const ORGA = 'orga@pgug.example.org';
const N = 24;
const svc = useChildServices('two', [ORGA]);

describe('two crieur start on one PostgreSQL', () => {
  it('ingest, file and acknowledge each message once, across a watcher hand-over', { timeout: 120_000 }, async () => {
    const a = spawnCrieur(['start', '--config', svc.configFile], { dir: svc.box.dir, name: 'start-a' });
    const b = spawnCrieur(['start', '--config', svc.configFile], { dir: svc.box.dir, name: 'start-b' });
    // One of them gets the inbox lease; the other says it stands by.
    await Promise.all([a.waitForLog('crieur running', 60_000), b.waitForLog('crieur running', 60_000)]);
    const isWatching = (c: typeof a) => c.logs().some((l) => l.msg === 'inbox caught up; watching');
    const watching = await waitUntil(() => [a, b].find(isWatching), 60_000, 'one of them watching the inbox');
    const standby = watching === a ? b : a;
    await standby.waitForLog('inbox watched elsewhere: standing by', 30_000);

    for (let n = 1; n <= N / 2; n++) await svc.imap.append('INBOX', proposalMail(n, 'two'));
    await waitUntil(() => svc.sink.messages.length >= N, 60_000, `${N} mails (have ${svc.sink.messages.length})`);
    // Both processes did work: the jobs are shared through Redis.
    const workedBy = (c: typeof a) => c.logs().filter((l) => l.msg === 'mail sent' || l.msg === 'proposal filed' || l.msg === 'message classified').length;
    expect(workedBy(a) + workedBy(b)).toBeGreaterThan(0);

    // The watcher stops; the one standing by takes the inbox over and the rest of the stream.
    expect(await watching.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    for (let n = N / 2 + 1; n <= N; n++) await svc.imap.append('INBOX', proposalMail(n, 'two'));
    await standby.waitForLog('inbox caught up; watching', 30_000);
    await waitUntil(() => svc.sink.messages.length >= 2 * N, 60_000, `${2 * N} mails (have ${svc.sink.messages.length})`);
    await sleep(4_000); // past the recovery sweep, stale threshold and send lease: a duplicate would show

    expect(duplicates(svc.sink.messages)).toEqual([]);
    expect(svc.sink.messages).toHaveLength(2 * N);
    const stored = [...a.logs(), ...b.logs()].filter((l) => l.msg === 'message stored');
    expect(stored).toHaveLength(N);
    const q = async (sql: string) => Number((await svc.db.query<{ n: number }>(sql))[0]!.n);
    expect(await q('SELECT count(*)::int AS n FROM inbound_messages')).toBe(N);
    expect(await q("SELECT count(*)::int AS n FROM inbound_messages WHERE state = 'done'")).toBe(N);
    expect(await q('SELECT count(*)::int AS n FROM proposals')).toBe(N);
    expect(await q("SELECT count(*)::int AS n FROM outbox WHERE status = 'sent'")).toBe(2 * N);
    expect(await q("SELECT count(*)::int AS n FROM proposal_history WHERE action = 'filed'")).toBe(N);
    const refs = await svc.db.query<{ ref: string; email: string }>(
      `SELECT p.ref, s.email FROM proposals p JOIN proposal_speakers ps ON ps.proposal_id = p.id JOIN speakers s ON s.id = ps.speaker_id`,
    );
    const counts = tally(svc.sink.messages);
    for (let n = 1; n <= N; n++) {
      const ref = refs.find((r) => r.email === speakerOf(n, 'two'))?.ref;
      expect(ref, `proposal of speaker ${n}`).toBeDefined();
      expect(counts.get(`${speakerOf(n, 'two')} ${ref}`)).toBe(1);
      expect(counts.get(`${ORGA} ${ref}`)).toBe(1);
    }
    expect(await standby.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
