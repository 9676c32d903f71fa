/**
 * The commands that talk to services, as an MTA or an operator runs them, next to a running
 * `crieur worker …` on PostgreSQL (its own schema, named in the URL): doctor, ingest (0, 65, 75),
 * failed list/retry.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/adapters/db/open.ts';
import type { Db } from '../../src/adapters/db/db.ts';
import { storeOn } from '../../src/adapters/db/store.ts';
import type { Store } from '../../src/app/store.ts';
import { PG_URL, dropSchema, randomSchema } from '../support/db.ts';
import { startDovecot, type Dovecot } from '../support/dovecot.ts';
import { freePort } from '../support/ports.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import {
  baseConfig,
  killAll,
  proposalMail,
  runCrieur,
  runCrieurIntoClosedPipe,
  sandbox,
  speakerOf,
  spawnCrieur,
  tally,
  waitUntil,
  type CrieurChild,
} from '../support/crieur-process.ts';

const box = sandbox('svc');
const schema = randomSchema('e2e');
let dc: Dovecot;
let sink: SmtpSink;
let db: Db;
let store: Store;
let worker: CrieurChild;
let configFile: string;
let closedPort: number;

beforeAll(async () => {
  [dc, sink, closedPort] = await Promise.all([startDovecot(), startSmtpSink(), freePort()]);
  configFile = box.writeConfig(
    baseConfig({ prefix: box.prefix, databaseUrl: `${PG_URL}?schema=${schema}`, smtpUrl: sink.url, inboxUrl: dc.url(), organizers: ['orga@pgug.example.org'] }),
  );
  worker = spawnCrieur(['worker', 'classify', 'file', 'command', 'deliver', '--config', configFile], { dir: box.dir, name: 'worker' });
  await worker.waitForLog('crieur running', 60_000);
  db = await openDb(PG_URL, { schema });
  store = storeOn(db);
});

afterAll(async () => {
  await killAll();
  await store?.close();
  await sink?.close();
  await dc?.stop();
  await dropSchema(schema);
  await box.cleanup();
});

const cli = (args: string[], opts: { env?: NodeJS.ProcessEnv; input?: Buffer } = {}) =>
  runCrieur([...args, '--config', configFile], { dir: box.dir, ...opts });

describe.concurrent('doctor and ingest when a service is missing', { timeout: 60_000 }, () => {
  it('doctor prints one ok line per configured service when all are up', async () => {
    const r = await cli(['doctor']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(['ok config', 'ok database', 'ok redis', 'ok secret', 'ok addresses', 'ok organizers', 'ok smtp', 'ok inbox', 'ok templates', 'ok dkim']);
    expect(r.stdout).not.toContain(dc.pass); // URLs are printed without passwords
  });

  it('doctor into a closed pipe (`crieur doctor | head -1`) ends quietly with 0, no stack trace', async () => {
    const r = await runCrieurIntoClosedPipe(['doctor', '--config', configFile], { dir: box.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('doctor prints a FAIL line with a fix when Redis is down, and exits 1', async () => {
    const r = await cli(['doctor'], { env: { CRIEUR_REDIS_URL: `redis://127.0.0.1:${closedPort}` } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^FAIL +redis +redis://127\\.0\\.0\\.1:${closedPort}: .+$`, 'm'));
    expect(r.stdout).toMatch(/^FAIL +redis .* — fix: .*redis/im);
    // The cause the socket gave, not ioredis's « Connection is closed. »; the fix once, after it on the check's one line.
    expect(r.stdout).toContain(`redis://127.0.0.1:${closedPort}: not reachable (connect ECONNREFUSED 127.0.0.1:${closedPort}) — fix: `);
    expect(r.stdout).not.toMatch(/Connection is closed|Start it/);
    for (const ok of ['database', 'secret', 'smtp', 'inbox']) expect(r.stdout).toMatch(new RegExp(`^ok +${ok} `, 'm'));
  });

  it.each([
    ['Redis', { CRIEUR_REDIS_URL: 'redis://127.0.0.1:PORT' }, /Redis is not reachable at redis:\/\/127\.0\.0\.1:\d+ \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)/],
    ['PostgreSQL', { CRIEUR_DATABASE_URL: `postgres://postgres@127.0.0.1:PORT/test?schema=${schema}` }, /cannot reach postgres/],
  ])('crieur start exits 1 with a one-line cause and fix when %s is unreachable', async (_name, env, cause) => {
    const r = await cli(['start'], { env: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace('PORT', String(closedPort))])) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(cause);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['Redis', { CRIEUR_REDIS_URL: 'redis://127.0.0.1:PORT' }],
    ['PostgreSQL', { CRIEUR_DATABASE_URL: 'postgres://postgres@127.0.0.1:PORT/test' }],
  ])('ingest exits 75 (EX_TEMPFAIL) when %s is unreachable, and takes nothing', async (_name, env) => {
    const raw = proposalMail(900 + Math.floor(Math.random() * 1000), `down${randomBytes(2).toString('hex')}`);
    const file = join(box.dir, `down-${randomBytes(4).toString('hex')}.eml`);
    writeFileSync(file, raw);
    const envWithPort = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace('PORT', String(closedPort))]));
    const r = await cli(['ingest', file], { env: envWithPort });
    expect(r.code).toBe(75);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(r.stderr).toMatch(/retry|try again/i);
    const id = /^Message-ID: (.*)$/m.exec(raw.toString())![1]!.trim();
    expect(await db.query('SELECT id FROM inbound_messages WHERE message_id = $1', [id])).toEqual([]);
  });
});

describe('ingest and failed, with a worker running', () => {
  it('ingest stores a message and exits 0; the running worker files and acknowledges it, once', { timeout: 90_000 }, async () => {
    const file = join(box.dir, 'in.eml');
    writeFileSync(file, proposalMail(1, 'ing'));
    const r = await cli(['ingest', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('1 stored, 0 already known');
    await waitUntil(() => tally(sink.messages).size >= 2, 60_000, 'the ack and the notice');
    const p = (await store.proposals.list()).find((x) => x.speakers.some((s) => s.email === speakerOf(1, 'ing')));
    expect(p).toBeDefined();
    expect(tally(sink.messages)).toEqual(new Map([[`${speakerOf(1, 'ing')} ${p!.ref}`, 1], [`orga@pgug.example.org ${p!.ref}`, 1]]));

    // The MTA delivers the same message again (it never saw our exit code): stored once, answered once.
    const again = await cli(['ingest', '--quiet', file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    await new Promise((res) => setTimeout(res, 3_000));
    expect(sink.messages).toHaveLength(2);
  });

  it('a malformed message is parked; failed list --json shows it; failed retry replays it', { timeout: 90_000 }, async () => {
    const garbage = Buffer.from(`this is not a mail message ${randomBytes(4).toString('hex')}\nno headers at all\n`);
    const r = await cli(['ingest', '-'], { input: garbage });
    // Kept and parked, and the exit code says what `crieur parse` says of it: not a mail message (an MTA bounces it).
    expect(r.code, r.stderr).toBe(65);
    expect(r.stderr.trim()).toMatch(/^crieur: standard input: not a mail message: .* kept for review \(crieur failed list\)$/);
    expect(r.stdout.trim()).toBe('0 stored, 0 already known, 1 not mail (kept for review)');
    const failed = await waitUntil(async () => (await store.inbound.listFailed())[0], 60_000, 'the message parked');
    expect(failed.error).toMatch(/not a mail message/);

    const listed = await cli(['failed', 'list', '--json']);
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as { id: string; type: string; at: string; what: string; error: string | null }[];
    expect(rows).toEqual([{ id: `m${failed.id}`, type: 'message', at: failed.receivedAt.toISOString(), what: expect.stringContaining('pipe') as unknown, error: failed.error }]);

    const parkedBefore = worker.logs().filter((l) => l.msg === 'message parked: cannot be parsed' && l.inbound === failed.id).length;
    const retried = await cli(['failed', 'retry', `m${failed.id}`]);
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stdout.trim()).toBe('1 queued again');
    // Classified again from its stored bytes by the worker — and parked again, since the bytes are the same.
    expect(parkedBefore).toBe(1);
    await waitUntil(() => countParked(failed.id) === 2, 60_000, 'the message classified and parked again');
    expect((await store.inbound.get(failed.id))?.state).toBe('failed');

    const unknown = await cli(['failed', 'retry', 'x12']);
    expect(unknown.code).toBe(64);
  });
});

describe('a stop request while starting', () => {
  it.each(['worker', 'start'])('crieur %s sent SIGTERM while its modules still load stops cleanly with 0', { timeout: 60_000 }, async (command) => {
    const args = command === 'worker' ? ['worker', 'classify'] : ['start'];
    const child = spawnCrieur([...args, '--config', configFile], { dir: box.dir, name: `early-stop-${command}` });
    // Signalled once the process has run 300 ms of CPU: past Node's own start-up (≈ 110 ms of CPU here) and the bin's
    // first lines, which listen for the signal, and still loading the command's modules (BullMQ, pg, PGlite, MJML…, a
    // second of CPU and more) — before the fix, SIGTERM killed it there. Counted in CPU, not waited in wall time: a loaded machine took more
    // than the 300 ms this used to wait just to start Node, and the signal killed it before the bin ran.
    await waitUntil(() => cpuMs(child.pid) >= 300, 30_000, 'the bin started');
    expect(child.logs().some((l) => l.msg === 'crieur running'), 'still starting when signalled').toBe(false);
    expect(await child.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});

/** CPU time a process has used (user + system, /proc/PID/stat fields 14 and 15, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function countParked(id: number): number {
  return worker.logs().filter((l) => l.msg === 'message parked: cannot be parsed' && l.inbound === id).length;
}
