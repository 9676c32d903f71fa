/**
 * SIGTERM during each start-up phase of `crieur start` (a deploy or a supervisor stopping it while it comes up):
 * exit 0 — or the phase's own failure code — within 10 s, never a hang and never a stack trace. The phases are
 * PROCESS_PHASES itself, so a phase added later is tested here too. Where a real fault can hold a phase open
 * (a Redis or an IMAP server that accepts and never answers, a PGlite directory held by another live process),
 * the test holds it there; the other phases are quick, and the signal lands in them or just after.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCESS_PHASES } from '../../workers/process.ts';
import { dropSchema, PG_URL, randomSchema } from '../support/db.ts';
import { startDovecot, type Dovecot } from '../support/dovecot.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { baseConfig, killAll, sandbox, spawnCrieur } from '../support/crieur-process.ts';

const box = sandbox('sigterm');
const schema = randomSchema('faults');
let dc: Dovecot;
let sink: SmtpSink;
let silent: { server: Server; port: number; sockets: Set<Socket> };

/** A TCP server that accepts and never says a word: a Redis or IMAP server hung mid-start. */
async function silentServer(): Promise<typeof silent> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, port: (server.address() as { port: number }).port, sockets };
}

beforeAll(async () => {
  [dc, sink, silent] = await Promise.all([startDovecot(), startSmtpSink(), silentServer()]);
});

afterAll(async () => {
  await killAll();
  for (const s of silent?.sockets ?? []) s.destroy();
  await new Promise((r) => silent?.server.close(r));
  await sink?.close();
  await dc?.stop();
  await dropSchema(schema);
  await box.cleanup();
});

/** How a phase is held open, as config overrides; phases without one are quick. */
const HOLDS: Record<string, () => Record<string, unknown>> = {
  redis: () => ({ redis: { url: `redis://127.0.0.1:${silent.port}`, prefix: box.prefix } }),
  database: () => {
    // A PGlite directory held by a live process (this test runner) that does not serve it: start waits its turn.
    const dir = join(box.dir, `held-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'crieur.lock'), JSON.stringify({ pid: process.pid, at: new Date().toISOString() }));
    return { database: { url: `pglite://${dir}` } };
  },
  inbox: () => ({ inbox: { url: `imap://u:p@127.0.0.1:${silent.port}/INBOX`, pollSeconds: 1 } }),
};
/** Codes a phase may end with on its own if its fault outlasts the signal's arrival (Redis gives up after 3 s). */
const OWN_CODE: Record<string, number> = { redis: 1 };

describe('SIGTERM during each start-up phase', () => {
  it('lists the phases in their order', () => {
    expect(PROCESS_PHASES.map((p) => p.name)).toEqual(['redis', 'database', 'queues', 'mail', 'http', 'workers', 'recovery', 'summary', 'digests', 'inbox']);
  });

  it.each(PROCESS_PHASES.map((p) => p.name))('stops cleanly when signalled during %s', { timeout: 120_000 }, async (phase) => {
    const config = {
      ...baseConfig({ prefix: box.prefix, databaseUrl: `${PG_URL}?schema=${schema}`, smtpUrl: sink.url, inboxUrl: dc.url(), log: 'debug' }),
      ...HOLDS[phase]?.(),
    };
    const file = box.writeConfig(config, `sigterm-${phase}.yaml`);
    const child = spawnCrieur(['start', '--config', file], { dir: box.dir, name: `sigterm-${phase}` });
    await child.waitForLog((l) => l.msg === 'start-up phase' && l.phase === phase, 90_000);
    if (HOLDS[phase]) {
      await new Promise((r) => setTimeout(r, 300));
      expect(child.logs().some((l) => l.msg === 'crieur running'), 'still in the held phase when signalled').toBe(false);
    }
    // 10 s, then SIGKILL: a kill shows as signal SIGKILL and fails the test.
    const t0 = Date.now();
    const exit = await child.stop('SIGTERM', 10_000);
    console.log(`SIGTERM during ${phase}: exit ${JSON.stringify(exit)} after ${Date.now() - t0} ms`);
    expect(exit.signal, child.stderr()).toBeNull();
    expect([0, OWN_CODE[phase] ?? 0], child.stderr()).toContain(exit.code);
    expect(child.stderr()).not.toMatch(/\n\s+at /);
    if (exit.code === 0) {
      const stopped = child.logs().some((l) => l.msg === 'stop requested during start-up: closed what was opened' || l.msg === 'signal received');
      expect(stopped, child.stderr()).toBe(true);
    }
  });
});
