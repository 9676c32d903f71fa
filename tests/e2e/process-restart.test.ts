/**
 * `crieur start` as users run it, on PGlite (the process serves the database to the other commands), with a
 * private Dovecot and a recording SMTP listener: restart mid-stream, CLI commands while it runs, /healthz and
 * /metrics, Dovecot restarted under it, SIGTERM.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../support/dovecot.ts';
import { freePort } from '../support/ports.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { imapClient } from '../inbox/helpers.ts';
import {
  baseConfig,
  describeSent,
  duplicates,
  killAll,
  proposalMail,
  runCrieur,
  sandbox,
  sleep,
  speakerOf,
  spawnCrieur,
  tally,
  waitUntil,
  type CrieurChild,
  type RunResult,
} from '../support/crieur-process.ts';

const ORGA = 'orga@pgug.example.org';
const box = sandbox('restart');
let dc: Dovecot;
let sink: SmtpSink;
let imap: ImapFlow;
let configFile: string;
let httpPort: number;
let running: CrieurChild | null = null;
let listed: RunResult | undefined;
let receivedOnly: RunResult | undefined;
let shown: RunResult | undefined;
let missing: RunResult | undefined;

beforeAll(async () => {
  [dc, sink, httpPort] = await Promise.all([startDovecot(), startSmtpSink(), freePort()]);
  imap = await imapClient(dc);
  configFile = box.writeConfig(
    baseConfig({ prefix: box.prefix, databaseUrl: `pglite://${join(box.dir, 'db')}`, smtpUrl: sink.url, inboxUrl: dc.url(), httpPort, organizers: [ORGA] }),
  );
});

afterAll(async () => {
  await killAll();
  await imap?.logout().catch(() => undefined);
  await sink?.close();
  await dc?.stop();
  await box.cleanup();
});

const start = (name: string) => spawnCrieur(['start', '--config', configFile], { dir: box.dir, name });
const cli = (args: string[]) => runCrieur([...args, '--config', configFile], { dir: box.dir, timeoutMs: 60_000 });
const append = async (from: number, to: number) => {
  for (let n = from; n <= to; n++) await imap.append('INBOX', proposalMail(n, 'rs'));
};

interface Listed {
  ref: string;
  status: string;
  format: string;
  title: string | null;
  durationMinutes: number;
  language: string | null;
  speakers: { name: string | null; email: string | null }[];
  receivedAt: string;
  event: string | null;
}

describe('crieur start on PGlite', () => {
  it('resumes from the checkpoint after a restart mid-stream: 20 proposals, each mail sent once', { timeout: 150_000 }, async () => {
    const first = start('start-1');
    await first.waitForLog('inbox caught up; watching', 60_000);
    await append(1, 10);
    // Stop while the stream is still being worked on: a few mails out, not all.
    await waitUntil(() => sink.messages.length >= 4, 60_000, 'the first acknowledgements');
    const exit = await first.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(first.logs().some((l) => l.msg === 'stopping: draining active jobs')).toBe(true);
    const sentBefore = sink.messages.length;
    expect(sentBefore).toBeLessThan(40);

    await append(11, 20);
    running = start('start-2');
    await waitUntil(() => sink.messages.length >= 40, 90_000, `40 mails (have ${sink.messages.length})`);
    // Longer than the recovery sweep, the stale threshold and the send lease: a duplicate would show by now.
    await sleep(4_000);

    expect(duplicates(sink.messages)).toEqual([]);
    expect(sink.messages).toHaveLength(40);
    // Each message was stored once, by one process or the other: the second resumed, it did not rescan.
    const stored = [...first.logs(), ...running.logs()].filter((l) => l.msg === 'message stored');
    expect(stored).toHaveLength(20);
    // The CLI while it runs (PGlite: the running process serves the database); shapes checked below.
    [listed, receivedOnly, shown, missing] = await Promise.all([
      cli(['proposals', 'list', '--json']),
      cli(['proposals', 'list', '--status', 'received', '--json']),
      cli(['proposals', 'show', 'p1', '--json']),
      cli(['proposals', 'show', 'P-9999', '--json']),
    ]);
    expect(listed.code, listed.stderr).toBe(0);
    const list = JSON.parse(listed.stdout) as Listed[];
    expect(list).toHaveLength(20);
    expect(new Set(list.map((p) => p.ref)).size).toBe(20);
    const counts = tally(sink.messages);
    for (let n = 1; n <= 20; n++) {
      const p = list.find((x) => x.speakers.some((s) => s.email === speakerOf(n, 'rs')));
      expect(p, `proposal of speaker ${n}`).toBeDefined();
      expect(counts.get(`${speakerOf(n, 'rs')} ${p!.ref}`), `ack to speaker ${n}`).toBe(1);
      expect(counts.get(`${ORGA} ${p!.ref}`), `notice for ${p!.ref}`).toBe(1);
    }
    const acks = sink.messages.map(describeSent).filter((m) => !m.to.includes(ORGA));
    expect(acks).toHaveLength(20);
  });

  it('answered proposals list/show --json while it ran (SPEC shapes)', async () => {
    expect(running?.exit).toBeNull();
    const list = JSON.parse(listed!.stdout) as Listed[];
    expect(receivedOnly!.code).toBe(0);
    expect((JSON.parse(receivedOnly!.stdout) as Listed[]).length).toBe(list.length);
    for (const p of list) {
      expect(Object.keys(p).sort()).toEqual(['durationMinutes', 'event', 'format', 'language', 'receivedAt', 'ref', 'speakers', 'status', 'title'].sort());
      expect(p).toMatchObject({ status: 'received', format: 'talk', durationMinutes: 30, language: 'fr', event: null });
      expect(p.ref).toMatch(/^P-\d{4}$/);
      expect(new Date(p.receivedAt).toISOString()).toBe(p.receivedAt);
    }
    const first = list.find((p) => p.ref === 'P-0001')!;
    expect(shown!.code, shown!.stderr).toBe(0);
    const one = JSON.parse(shown!.stdout) as Listed & { history: { at: string; actor: string; action: string; message: unknown }[] };
    expect(one).toMatchObject({ ref: 'P-0001', title: first.title, status: 'received', speakers: first.speakers });
    expect(one.history.length).toBeGreaterThanOrEqual(1);
    expect(one.history[0]).toMatchObject({ action: 'filed', actor: first.speakers[0]!.email });
    expect(new Date(one.history[0]!.at).toISOString()).toBe(one.history[0]!.at);
    expect(missing!.code).toBe(65);
    expect(missing!.stderr).toMatch(/P-9999/);
  });

  it('serves /healthz (200, with checks) and /metrics (Prometheus text with crieur_ metrics) on http.port', async () => {
    const health = await fetch(`http://127.0.0.1:${httpPort}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', checks: { redis: 'ok', database: 'ok' } });
    const metrics = await fetch(`http://127.0.0.1:${httpPort}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await metrics.text();
    expect(text).toMatch(/^# TYPE crieur_jobs_total counter$/m);
    expect(text).toMatch(/^crieur_jobs_total\{queue="deliver",outcome="sent"\} \d+$/m);
    expect(text).toMatch(/^crieur_queue_jobs\{queue="classify",state="waiting"\} 0$/m);
    expect(text).toMatch(/^crieur_messages_ingested_total\{source="imap"\} \d+$/m);
    // Proposals the watcher classified on arrival count as the classify job's outcome would.
    expect(text).toMatch(/^crieur_jobs_total\{queue="classify",outcome="proposal"\} [1-9]\d*$/m);
  });

  it('takes crieur ingest and crieur doctor while it runs (they go through the served database)', { timeout: 90_000 }, async () => {
    const before = sink.messages.length;
    const file = join(box.dir, 'ingest.eml');
    writeFileSync(file, proposalMail(30, 'rs'));
    const [ingested, doctor] = await Promise.all([cli(['ingest', file]), cli(['doctor'])]);
    expect(ingested.code, ingested.stderr).toBe(0);
    expect(ingested.stdout.trim()).toBe('1 stored, 0 already known');
    expect(doctor.code, doctor.stdout).toBe(0);
    expect(doctor.stdout).toMatch(new RegExp(`^ok +database +pglite://.*served by pid ${running!.pid}\\)`, 'm'));
    await waitUntil(() => sink.messages.length >= before + 2, 60_000, 'the ack and notice of the ingested proposal');
    const acks = [...tally(sink.messages)].filter(([k]) => k.startsWith(`${speakerOf(30, 'rs')} `));
    expect(acks).toEqual([[expect.stringMatching(/ P-\d{4}$/) as unknown, 1]]);
  });

  it('reconnects when Dovecot restarts under it, and catches up', { timeout: 120_000 }, async () => {
    const child = running!;
    const before = sink.messages.length;
    const caughtUp = () => child.logs().filter((l) => l.msg === 'inbox caught up; watching').length;
    const caughtUpBefore = caughtUp();
    await dc.restart();
    await imap.logout().catch(() => undefined);
    imap = await imapClient(dc);
    await append(21, 23);
    await waitUntil(() => sink.messages.length >= before + 6, 60_000, `6 more mails (have ${sink.messages.length - before})`);
    // The mails can be out before the new session's catch-up has returned (it delivers, then moves each message):
    // wait for the reconnected session's "caught up" rather than read the log the instant the sixth mail lands.
    const inboxLines = () => child.logs().filter((l) => /^inbox /.test(l.msg ?? '')).map((l) => JSON.stringify(l)).join('\n');
    await waitUntil(() => caughtUp() > caughtUpBefore, 30_000, 'an "inbox caught up" after the restart').catch((err: Error) => {
      throw new Error(`${err.message}; the inbox's log:\n${inboxLines()}`);
    });
    expect(child.logs().some((l) => /inbox session failed/.test(l.msg ?? '')), inboxLines()).toBe(true);
    await sleep(3_000);
    expect(duplicates(sink.messages)).toEqual([]);
    expect(sink.messages).toHaveLength(before + 6);
  });

  it('drains on SIGTERM and exits 0', { timeout: 60_000 }, async () => {
    const exit = await running!.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(running!.stderr()).not.toMatch(/"level":(50|60)/); // no error or fatal logged on the way out
  });
});
