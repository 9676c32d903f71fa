/**
 * Issue 11, defect 3, through real processes (`crieur worker …` and `crieur ingest` children on PostgreSQL,
 * Redis, a real smtp-server listener with scripted answers): deliveries are retried like an MTA's on a short
 * configured schedule — a 451 lasting longer than the old 8 attempts is delivered once and never parked; a
 * retry scheduled before a restart goes out once, when due, after it; a mail still deferred after
 * delivery.giveUpAfterHours is parked with the server's last answer and reported once in the organizers'
 * daily summary, with two processes running the summary.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/adapters/db/db.ts';
import { openDb } from '../../src/adapters/db/open.ts';
import { readMail } from '../../src/adapters/mailparser.ts';
import { dropSchema, PG_URL, randomSchema } from '../support/db.ts';
import { baseConfig, killAll, runCrieur, sandbox, sleep, spawnCrieur, waitUntil, type CrieurChild, type Sandbox } from '../support/crieur-process.ts';
import { proposalMail, scriptedSink } from '../support/pipeline.ts';
import type { SmtpSink } from '../support/smtp-sink.ts';

const ORGA = 'orga@pgug.example.org';
const QUEUES = ['classify', 'file', 'command', 'deliver'];

interface Faults {
  box: Sandbox;
  db: Db;
  sink: SmtpSink;
  script(recipient: string, codes: number[]): void;
  configFile: string;
  worker(name: string): CrieurChild;
  ingest(raw: Buffer): Promise<void>;
}

/** A schema, a Redis prefix, a scripted listener and a config of the describe's own, with this delivery section. */
function useFaults(label: string, delivery: { retryMinutes: number[]; giveUpAfterHours: number }, queue: Record<string, number> = {}, smtp: Record<string, number> = {}): Faults {
  const box = sandbox(label);
  const schema = randomSchema('faults');
  const f = { box } as Faults;
  beforeAll(async () => {
    const scripted = await scriptedSink();
    f.sink = scripted.sink;
    f.script = scripted.script;
    f.db = await openDb(PG_URL, { schema });
    const base = baseConfig({ prefix: box.prefix, databaseUrl: `${PG_URL}?schema=${schema}`, smtpUrl: f.sink.url, organizers: [ORGA] });
    f.configFile = box.writeConfig({ ...base, delivery, queue: { ...(base.queue as object), ...queue }, smtp: { ...(base.smtp as object), ...smtp } });
    f.worker = (name) => spawnCrieur(['worker', ...QUEUES, '--config', f.configFile], { dir: box.dir, name });
    let n = 0;
    f.ingest = async (raw) => {
      const file = join(box.dir, `in-${++n}.eml`);
      writeFileSync(file, raw);
      const r = await runCrieur(['ingest', file, '--config', f.configFile], { dir: box.dir });
      expect(r.code, r.stderr).toBe(0);
    };
  }, 60_000);
  afterAll(async () => {
    await killAll();
    await f.db?.close();
    await f.sink?.close();
    await dropSchema(schema);
    await box.cleanup();
  }, 60_000);
  return f;
}

interface Row {
  id: number;
  purpose: string;
  subject_ref: string;
  status: string;
  attempts: number;
  smtp_response: string | null;
  last_error: string | null;
}
const rowsTo = async (db: Db, email: string) =>
  db.query<Row>('SELECT id, purpose, subject_ref, status, attempts, smtp_response, last_error FROM outbox WHERE recipient = $1 ORDER BY id', [email]);
const acceptedFor = (sink: SmtpSink, email: string) => sink.messages.filter((m) => m.envelope.to.includes(email));
const rejectedFor = (sink: SmtpSink, email: string) => sink.rejected.filter((m) => m.envelope.to.includes(email));

describe('451 for longer than the old 2-minute window (8 attempts)', () => {
  // 0.005 min = 300 ms between attempts.
  const f = useFaults('faults-451', { retryMinutes: [0.005], giveUpAfterHours: 1 });

  it('is retried on the schedule, each deferral logged with the answer, delivered once, never parked', { timeout: 120_000 }, async () => {
    const email = 'greylisted.speaker@exemple.fr';
    f.script(email, Array(12).fill(451));
    const worker = f.worker('worker-451');
    await worker.waitForLog('crieur running', 60_000);
    await f.ingest(proposalMail({ lang: 'fr', name: 'Grise Liste', email, title: 'Attendre sans perdre' }).raw);

    await waitUntil(() => acceptedFor(f.sink, email).length >= 1, 90_000, 'the acknowledgement accepted after 12 answers 451');
    await waitUntil(async () => (await rowsTo(f.db, email))[0]?.status === 'sent', 10_000, 'the row marked sent');
    expect(rejectedFor(f.sink, email)).toHaveLength(12);
    const [row] = await rowsTo(f.db, email);
    expect(row).toMatchObject({ status: 'sent', attempts: 13 });
    expect(row!.smtp_response).toMatch(/^250/);

    // Every deferral says what the server answered; every retry is logged with its reason and its delay.
    const deferred = worker.logs().filter((l) => l.msg === 'mail not accepted' && l.to === email);
    expect(deferred).toHaveLength(12);
    for (const l of deferred) expect(l.answer).toMatch(/^451 4\.3\.0 try again later/);
    const retries = worker.logs().filter((l) => l.msg === 'job failed: will retry' && l.queue === 'deliver' && l.id === row!.id);
    expect(retries).toHaveLength(12);
    for (const l of retries) expect(l).toMatchObject({ retryIn: '0 s', reason: expect.stringMatching(/451/) as unknown });
    expect(worker.logs().filter((l) => l.msg === 'mail parked')).toEqual([]);

    // Longer than the sweep, the stale threshold and the lease: a second copy would show by now.
    await sleep(4_000);
    expect(acceptedFor(f.sink, email)).toHaveLength(1);
    expect(await worker.stop()).toEqual({ code: 0, signal: null });
  });
});

describe('a restart while a retry is scheduled', () => {
  // The first retry 15 s after the first 451: long enough to stop the process before it is due.
  const f = useFaults('faults-restart', { retryMinutes: [0.25], giveUpAfterHours: 1 });

  it('keeps the schedule in Redis: after the restart the mail goes out once, when due', { timeout: 150_000 }, async () => {
    const email = 'patient.speaker@exemple.fr';
    f.script(email, [451]);
    const first = f.worker('worker-before');
    await first.waitForLog('crieur running', 60_000);
    await f.ingest(proposalMail({ lang: 'en', name: 'Patient Speaker', email, title: 'Queues that survive restarts' }).raw);
    const deferral = await first.waitForLog((l) => l.msg === 'job failed: will retry' && l.queue === 'deliver', 60_000);
    const deferredAt = Date.now();
    expect(deferral.retryIn).toBe('15 s');
    expect(await first.stop()).toEqual({ code: 0, signal: null });
    expect(acceptedFor(f.sink, email)).toEqual([]);
    expect((await rowsTo(f.db, email))[0]).toMatchObject({ status: 'queued', attempts: 1, smtp_response: expect.stringMatching(/^451/) as unknown });

    const second = f.worker('worker-after');
    await second.waitForLog('crieur running', 60_000);
    await waitUntil(() => acceptedFor(f.sink, email).length >= 1, 90_000, 'the retry after the restart');
    // Not before it was due: the delayed job survived (were it lost, the recovery sweep would have sent it
    // within a few seconds of the restart). A lower bound only: a slow machine can only make it later.
    expect(Date.now() - deferredAt).toBeGreaterThanOrEqual(14_000);
    await sleep(4_000);
    expect(acceptedFor(f.sink, email)).toHaveLength(1);
    expect(rejectedFor(f.sink, email)).toHaveLength(1);
    expect((await rowsTo(f.db, email))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await second.stop()).toEqual({ code: 0, signal: null });
  });
});

describe('still deferred after delivery.giveUpAfterHours', () => {
  // 0.002 h = 7.2 s of retries, 300 ms apart.
  const f = useFaults('faults-giveup', { retryMinutes: [0.005], giveUpAfterHours: 0.002 });

  it('is parked with the last answer and reported once to the organizers, with two processes summarizing', { timeout: 150_000 }, async () => {
    const email = 'unreachable.speaker@exemple.fr';
    f.script(email, Array(1000).fill(451));
    const [a, b] = [f.worker('worker-a'), f.worker('worker-b')];
    await Promise.all([a.waitForLog('crieur running', 60_000), b.waitForLog('crieur running', 60_000)]);
    await f.ingest(proposalMail({ lang: 'fr', name: 'Injoignable', email, title: 'Serveurs fatigués' }).raw);

    const row = await waitUntil(async () => {
      const r = (await rowsTo(f.db, email))[0];
      return r?.status === 'failed' ? r : null;
    }, 90_000, 'the acknowledgement parked');
    expect(row.smtp_response).toMatch(/^451 4\.3\.0 try again later/);
    expect(row.last_error).toMatch(/^gave up after \d+ s and \d+ attempts: .*451/);
    expect(row.attempts).toBeGreaterThan(8);
    expect(acceptedFor(f.sink, email)).toEqual([]);

    // The summary: one mail to the organizer, naming the mail, its recipient and the server's last answer.
    await waitUntil(() => acceptedFor(f.sink, ORGA).some((m) => m.raw.includes('non distribu')), 60_000, 'the summary to the organizer');
    const summaries = await Promise.all(acceptedFor(f.sink, ORGA).map((m) => readMail(m.raw)));
    // Several rounds of both processes' summary timers (1 s each).
    await sleep(4_000);
    const all = (await Promise.all(acceptedFor(f.sink, ORGA).map((m) => readMail(m.raw)))).filter((m) => /non distribu/.test(m.subject));
    expect(all).toHaveLength(1);
    const summary = summaries.find((m) => /non distribu/.test(m.subject))!;
    expect(summary.subject).toMatch(/^1 mail non distribué \(\d{4}-\d{2}-\d{2}\)$/);
    expect(summary.text).toMatch(new RegExp(`^- o${row.id} : accusé de réception ${row.subject_ref}, à ${email}$`, 'm'));
    expect(summary.text).toContain('dernière réponse : 451 4.3.0 try again later');
    expect(summary.headers['auto-submitted']).toEqual(['auto-generated']);
    const reported = await f.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE id = $1 AND reported_at IS NOT NULL', [row.id]);
    expect(reported[0]?.n).toBe(1);
    expect(await Promise.all([a.stop(), b.stop()])).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
  });
});

// A filing sends its mails from its own job when the SMTP pool has a free connection for each (deps.sendNow); with a
// pool of one they do not fit, and one deliver job carries both. Either way a row that fails goes on alone.
describe.each([
  { pool: 10, first: 'its own job' },
  { pool: 1, first: 'one deliver job' },
])("a filing's mails sent together ($first, pool of $pool), one of them deferred or refused", ({ pool }) => {
  // 0.01 min then 0.05 min: 0.6 s before the first retry, 3 s before each later one.
  // The recovery sweep left out (staleSeconds 60): on a loaded machine it would dispatch a row waiting more than the
  // usual 2 s as a job of its own, and which job sent what is what this test reads.
  const f = useFaults(`faults-batch-${pool}`, { retryMinutes: [0.01, 0.05], giveUpAfterHours: 1 }, { staleSeconds: 60 }, { pool });
  const rowFor = async (email: string, purpose: string, ref?: string) =>
    (await f.db.query<Row>('SELECT id, purpose, subject_ref, status, attempts, smtp_response, last_error FROM outbox WHERE recipient = $1 AND purpose = $2 ORDER BY id', [email, purpose])).find(
      (r) => ref === undefined || r.subject_ref === ref,
    );

  it('sends the siblings once and retries only the deferred row, alone, on the schedule; a 5xx row is parked at once', { timeout: 150_000 }, async () => {
    const deferred = 'deferred.speaker@exemple.fr';
    const refused = 'refused.speaker@exemple.fr';
    f.script(deferred, [451, 451]);
    f.script(refused, [550]);
    const worker = f.worker('worker-batch');
    await worker.waitForLog('crieur running', 60_000);
    await f.ingest(proposalMail({ lang: 'fr', name: 'Différée', email: deferred, title: 'Un lot, une erreur' }).raw);
    await f.ingest(proposalMail({ lang: 'en', name: 'Refused', email: refused, title: 'One batch, one refusal' }).raw);

    await waitUntil(() => acceptedFor(f.sink, deferred).length >= 1, 60_000, 'the deferred acknowledgement accepted at its third attempt');
    await waitUntil(async () => (await rowFor(refused, 'ack'))?.status === 'failed', 30_000, 'the refused acknowledgement parked');
    const ack = (await rowFor(deferred, 'ack'))!;
    const notice = (await rowFor(ORGA, 'notify-organizer', ack.subject_ref))!;
    const refusedAck = (await rowFor(refused, 'ack'))!;
    const refusedNotice = (await rowFor(ORGA, 'notify-organizer', refusedAck.subject_ref))!;

    // Each filing's two mails went in one job, the first attempt of each row: the filing's own (classify-<message>)
    // when the pool had a connection for each, else a deliver job whose id names both rows.
    const sentLogged = (id: number) => worker.logs().some((l) => l.msg === 'mail sent' && l.outbox === id);
    await waitUntil(() => [ack, notice, refusedNotice].every((r) => sentLogged(r.id)), 30_000, 'the three mails sent, logged');
    const logs = worker.logs();
    const jobOf = (id: number, msg: string) => logs.filter((l) => l.msg === msg && l.outbox === id).map((l) => l.job);
    const filing = (row: Row) => logs.find((l) => l.msg === 'proposal filed' && l.ref === row.subject_ref.split('/')[0])?.job;
    const firstJob = (a: Row, b: Row) => (pool > 1 ? filing(a) : `deliver-${a.id}-${b.id}`);
    if (pool > 1) expect(filing(ack)).toMatch(/^classify-\d+$/);
    expect(jobOf(notice.id, 'mail sent')).toEqual([firstJob(ack, notice)]);
    expect(jobOf(ack.id, 'mail not accepted')).toEqual([firstJob(ack, notice), `deliver-${ack.id}`]);
    expect(jobOf(ack.id, 'mail sent')).toEqual([`deliver-${ack.id}`]);
    expect(jobOf(refusedNotice.id, 'mail sent')).toEqual([firstJob(refusedAck, refusedNotice)]);

    // The deferred row alone went on, continuing the schedule: attempt 1 then 2 (0.6 s, then 3 s), not restarted.
    const retries = logs.filter((l) => l.msg === 'job failed: will retry' && l.queue === 'deliver');
    expect(retries.map((l) => [l.id, l.attempt, l.retryIn])).toEqual([
      [ack.id, 1, '1 s'],
      [ack.id, 2, '3 s'],
    ]);
    expect(ack).toMatchObject({ status: 'sent', attempts: 3 });
    expect(notice).toMatchObject({ status: 'sent', attempts: 1 });
    expect(refusedNotice).toMatchObject({ status: 'sent', attempts: 1 });
    // Refused: parked at once with the server's answer, never tried again.
    expect(refusedAck).toMatchObject({ status: 'failed', attempts: 1 });
    expect(refusedAck.smtp_response).toMatch(/^550 /);
    expect(refusedAck.last_error).toMatch(/refused by the mail server, not retried/);
    expect(rejectedFor(f.sink, refused)).toHaveLength(1);

    // Longer than the sweep, the stale threshold and the lease: a second copy of any of them would show by now.
    await sleep(4_000);
    expect(acceptedFor(f.sink, deferred)).toHaveLength(1);
    expect(rejectedFor(f.sink, deferred)).toHaveLength(2);
    expect(acceptedFor(f.sink, refused)).toHaveLength(0);
    // The organizer: the two notices once each (and the summary of the parked mail, a mail of its own).
    expect(acceptedFor(f.sink, ORGA).filter((m) => !m.raw.includes('non distribu'))).toHaveLength(2);
    expect(await worker.stop()).toEqual({ code: 0, signal: null });
  });
});

describe('a row deferred in a deliver job, with the recovery sweep running', () => {
  // 0.1 min = 6 s before the retry; the sweep every second takes rows untouched for 2 s (the test default).
  const f = useFaults('faults-batch-sweep', { retryMinutes: [0.1], giveUpAfterHours: 1 });

  it('waits out its own retry: the sweep finds its job (named by the row) and does not send it earlier', { timeout: 120_000 }, async () => {
    const email = 'slow.speaker@exemple.fr';
    f.script(email, [451]);
    const worker = f.worker('worker-batch-sweep');
    await worker.waitForLog('crieur running', 60_000);
    await f.ingest(proposalMail({ lang: 'fr', name: 'Lente', email, title: 'Attendre son tour' }).raw);
    const deferral = await worker.waitForLog((l) => l.msg === 'job failed: will retry' && l.queue === 'deliver', 60_000);
    const deferredAt = Date.now();
    expect(deferral.retryIn).toBe('6 s');
    await waitUntil(() => acceptedFor(f.sink, email).length >= 1, 60_000, 'the acknowledgement accepted at its second attempt');
    // Not before it was due (a lower bound only: a slow machine can only make it later).
    expect(Date.now() - deferredAt).toBeGreaterThanOrEqual(5_500);
    await sleep(3_000);
    expect(acceptedFor(f.sink, email)).toHaveLength(1);
    expect(rejectedFor(f.sink, email)).toHaveLength(1);
    expect((await rowsTo(f.db, email))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(acceptedFor(f.sink, ORGA)).toHaveLength(1);
    expect(await worker.stop()).toEqual({ code: 0, signal: null });
  });
});
