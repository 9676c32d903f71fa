/**
 * Issue 11, defect 4, through real processes (`crieur worker …`, `crieur ingest`, `crieur parse` children on
 * PostgreSQL): a NUL byte in a header and the body is acknowledged and stored without it (it used to fail in
 * PostgreSQL with `unsupported Unicode escape sequence`, retried 8 times silently, parked, no ack); an error
 * that cannot change on retry parks at the first attempt with its reason; a transient one is retried, each
 * retry logged with its reason. The faults are the database's own: a CHECK constraint, and a trigger raising a
 * deadlock twice (a sequence counts the calls: it is not rolled back with the failed transaction).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/adapters/db/db.ts';
import { openDb } from '../../src/adapters/db/open.ts';
import { sniffMessageId } from '../../src/adapters/db/inbound.ts';
import { dropSchema, PG_URL, randomSchema } from '../support/db.ts';
import { baseConfig, killAll, runCrieur, sandbox, sleep, spawnCrieur, waitUntil, type CrieurChild } from '../support/crieur-process.ts';
import { proposalMail } from '../support/pipeline.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const FIXTURE = new URL('../fixtures/proposals/48-nul-byte-in-headers-fr.eml', import.meta.url);
const box = sandbox('faults-input');
const schema = randomSchema('faults');
let db: Db;
let sink: SmtpSink;
let configFile: string;
let worker: CrieurChild;

beforeAll(async () => {
  sink = await startSmtpSink();
  db = await openDb(PG_URL, { schema });
  // The database's own faults, for two titles (search_path is the test's schema).
  await db.exec(`ALTER TABLE proposals ADD CONSTRAINT faults_no_boom CHECK (title IS NULL OR title NOT LIKE '%Boom%');
    CREATE SEQUENCE faults_flaky_calls;
    CREATE FUNCTION faults_flaky() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.title LIKE '%Flaky%' AND nextval('faults_flaky_calls') <= 2 THEN
        RAISE EXCEPTION 'deadlock detected (simulated)' USING ERRCODE = '40P01';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER faults_flaky BEFORE INSERT ON proposals FOR EACH ROW EXECUTE FUNCTION faults_flaky();`);
  configFile = box.writeConfig(baseConfig({ prefix: box.prefix, databaseUrl: `${PG_URL}?schema=${schema}`, smtpUrl: sink.url }));
  worker = spawnCrieur(['worker', 'classify', 'file', 'command', 'deliver', '--config', configFile], { dir: box.dir, name: 'worker' });
  await worker.waitForLog('crieur running', 60_000);
}, 90_000);

afterAll(async () => {
  await killAll();
  await db?.close();
  await sink?.close();
  await dropSchema(schema);
  await box.cleanup();
}, 60_000);

let n = 0;
async function ingest(raw: Buffer): Promise<number> {
  const file = join(box.dir, `in-${++n}.eml`);
  writeFileSync(file, raw);
  const r = await runCrieur(['ingest', file, '--config', configFile], { dir: box.dir });
  expect(r.code, r.stderr).toBe(0);
  const rows = await db.query<{ id: number }>('SELECT id FROM inbound_messages WHERE message_id = $1', [sniffMessageId(raw)]);
  expect(rows).toHaveLength(1);
  return rows[0]!.id;
}

interface Inbound {
  state: string;
  kind: string | null;
  error: string | null;
  parsed: string | null;
}
const settledInbound = (id: number) =>
  waitUntil(async () => {
    const [m] = await db.query<Inbound>('SELECT state, kind, error, parsed::text AS parsed FROM inbound_messages WHERE id = $1', [id]);
    return m && (m.state === 'done' || m.state === 'failed') ? m : null;
  }, 60_000, `inbound ${id} done or failed`);
const accepted = (email: string) => sink.messages.filter((m) => m.envelope.to.includes(email));
const jobLogs = (queue: string, id: number) => worker.logs().filter((l) => l.queue === queue && l.id === id);

describe('bad input and deterministic failures', () => {
  it('a NUL byte in headers and body: `crieur parse` says proposal, and it is filed, acknowledged, stored without NUL', { timeout: 120_000 }, async () => {
    const raw = readFileSync(FIXTURE);
    expect(raw.includes(0)).toBe(true);
    const parsed = await runCrieur(['parse', '--json', FIXTURE.pathname], { dir: box.dir });
    expect(parsed.code, parsed.stderr).toBe(0);
    expect(JSON.parse(parsed.stdout)).toMatchObject({ kind: 'proposal', subject: 'Proposition de conférence : VACUUM sans douleur' });

    const id = await ingest(raw);
    const m = await settledInbound(id);
    expect(m).toMatchObject({ state: 'done', kind: 'proposal', error: null });
    expect(m.parsed).not.toContain('\\u0000');
    await waitUntil(() => accepted('camille.lefevre@exemple.fr').length >= 1, 60_000, 'the acknowledgement');
    const [p] = await db.query<{ title: string; abstract: string; name: string }>(
      `SELECT p.title, p.abstract, s.name FROM proposals p JOIN proposal_speakers s ON s.proposal_id = p.id WHERE p.message_id = $1`,
      [id],
    );
    expect(p).toMatchObject({ title: 'VACUUM sans douleur', name: 'Camille Lefèvre' });
    expect(p!.abstract).toContain('ses coûts : comment le régler');
    expect(p!.abstract).not.toMatch(/[\x00-\x08\x0b-\x1f]/);
    expect(jobLogs('classify', id).filter((l) => l.msg === 'job failed: will retry')).toEqual([]);
  });

  it('an error that cannot change on retry parks the message at the first attempt, with its reason', { timeout: 120_000 }, async () => {
    const id = await ingest(proposalMail({ lang: 'en', name: 'Bea Boom', email: 'bea.boom@example.com', title: 'Boom goes the constraint' }).raw);
    const m = await settledInbound(id);
    expect(m.state).toBe('failed');
    expect(m.error).toMatch(/^a database constraint violation, not retried: 23514: .*faults_no_boom/);
    expect(jobLogs('classify', id).filter((l) => l.msg === 'job failed: will retry')).toEqual([]);
    // The park writes the state, then logs (workers/runners.ts): the line may reach the log a moment after the state.
    await waitUntil(() => worker.logs().some((l) => l.msg === 'message parked' && l.inbound === id), 10_000, 'the parked log line');
    expect(worker.logs().filter((l) => l.msg === 'message parked' && l.inbound === id)).toHaveLength(1);
    await sleep(2_000);
    expect(accepted('bea.boom@example.com')).toEqual([]);
  });

  it('a transient error is retried, each retry logged with its reason, and the message filed once', { timeout: 120_000 }, async () => {
    const id = await ingest(proposalMail({ lang: 'en', name: 'Flo Flaky', email: 'flo.flaky@example.com', title: 'Flaky locks in practice' }).raw);
    const m = await settledInbound(id);
    expect(m).toMatchObject({ state: 'done', kind: 'proposal' });
    const retries = jobLogs('classify', id).filter((l) => l.msg === 'job failed: will retry');
    expect(retries.map((l) => [l.attempt, l.retryIn])).toEqual([
      [1, '1 s'],
      [2, '2 s'],
    ]);
    for (const l of retries) expect(l.reason).toMatch(/deadlock detected \(simulated\)/);
    await waitUntil(() => accepted('flo.flaky@example.com').length >= 1, 60_000, 'the acknowledgement');
    await sleep(3_000);
    expect(accepted('flo.flaky@example.com')).toHaveLength(1);
  });
});
