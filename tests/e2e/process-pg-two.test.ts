/**
 * Two `crieur start` with the same config on PostgreSQL (as on two machines): one watches the inbox, the other
 * stands by; both run every worker. Each message must be ingested once, filed once, acknowledged once — also
 * when the watching one stops and the other takes the inbox over.
 */
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/adapters/db/open.ts';
import type { Db } from '../../src/adapters/db/db.ts';
import { PG_URL, randomSchema } from '../support/db.ts';
import type { SmtpSink } from '../support/smtp-sink.ts';
import { duplicates, proposalMail, startChildServices, stopChildServices, type ChildServices, sandbox, sleep, speakerOf, spawnCrieur, tally, waitUntil } from '../support/crieur-process.ts';

const ORGA = 'orga@pgug.example.org';
const N = 24;
const box = sandbox('two');
const schema = randomSchema('e2e');
let services: ChildServices | undefined;
let sink: SmtpSink;
let imap: ImapFlow;
let db: Db;
let configFile: string;

beforeAll(async () => {
  services = await startChildServices(box, schema, [ORGA]);
  ({ sink, imap, configFile } = services);
});

afterAll(() => stopChildServices(services ?? {}, box, schema, db));

describe('two crieur start on one PostgreSQL', () => {
  it('ingest, file and acknowledge each message once, across a watcher hand-over', { timeout: 120_000 }, async () => {
    const a = spawnCrieur(['start', '--config', configFile], { dir: box.dir, name: 'start-a' });
    const b = spawnCrieur(['start', '--config', configFile], { dir: box.dir, name: 'start-b' });
    // One of them gets the inbox lease; the other says it stands by.
    await Promise.all([a.waitForLog('crieur running', 60_000), b.waitForLog('crieur running', 60_000)]);
    const isWatching = (c: typeof a) => c.logs().some((l) => l.msg === 'inbox caught up; watching');
    const watching = await waitUntil(() => [a, b].find(isWatching), 60_000, 'one of them watching the inbox');
    const standby = watching === a ? b : a;
    await standby.waitForLog('inbox watched elsewhere: standing by', 30_000);
    db = await openDb(PG_URL, { schema });

    for (let n = 1; n <= N / 2; n++) await imap.append('INBOX', proposalMail(n, 'two'));
    await waitUntil(() => sink.messages.length >= N, 60_000, `${N} mails (have ${sink.messages.length})`);
    // Both processes did work: the jobs are shared through Redis.
    const workedBy = (c: typeof a) => c.logs().filter((l) => l.msg === 'mail sent' || l.msg === 'proposal filed' || l.msg === 'message classified').length;
    expect(workedBy(a) + workedBy(b)).toBeGreaterThan(0);

    // The watcher stops; the one standing by takes the inbox over and the rest of the stream.
    expect(await watching.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    for (let n = N / 2 + 1; n <= N; n++) await imap.append('INBOX', proposalMail(n, 'two'));
    await standby.waitForLog('inbox caught up; watching', 30_000);
    await waitUntil(() => sink.messages.length >= 2 * N, 60_000, `${2 * N} mails (have ${sink.messages.length})`);
    await sleep(4_000); // past the recovery sweep, stale threshold and send lease: a duplicate would show

    expect(duplicates(sink.messages)).toEqual([]);
    expect(sink.messages).toHaveLength(2 * N);
    const stored = [...a.logs(), ...b.logs()].filter((l) => l.msg === 'message stored');
    expect(stored).toHaveLength(N);
    const q = async (sql: string) => Number((await db.query<{ n: number }>(sql))[0]!.n);
    expect(await q('SELECT count(*)::int AS n FROM inbound_messages')).toBe(N);
    expect(await q("SELECT count(*)::int AS n FROM inbound_messages WHERE state = 'done'")).toBe(N);
    expect(await q('SELECT count(*)::int AS n FROM proposals')).toBe(N);
    expect(await q("SELECT count(*)::int AS n FROM outbox WHERE status = 'sent'")).toBe(2 * N);
    expect(await q("SELECT count(*)::int AS n FROM proposal_history WHERE action = 'filed'")).toBe(N);
    const refs = await db.query<{ ref: string; email: string }>(
      `SELECT p.ref, s.email FROM proposals p JOIN proposal_speakers ps ON ps.proposal_id = p.id JOIN speakers s ON s.id = ps.speaker_id`,
    );
    const counts = tally(sink.messages);
    for (let n = 1; n <= N; n++) {
      const ref = refs.find((r) => r.email === speakerOf(n, 'two'))?.ref;
      expect(ref, `proposal of speaker ${n}`).toBeDefined();
      expect(counts.get(`${speakerOf(n, 'two')} ${ref}`)).toBe(1);
      expect(counts.get(`${ORGA} ${ref}`)).toBe(1);
    }
    expect(await standby.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
