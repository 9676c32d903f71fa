/**
 * `crieur start` failing during start-up, as an operator meets it: whatever the phase, the process closes what
 * it opened and exits with the phase's code (1 runtime, 78 configuration) after one or two human lines —
 * never a stack trace, never a process left half-started taking jobs (issue 11, defects 1 and 2).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, PG_URL, randomSchema } from '../support/db.ts';
import { startDovecot, type Dovecot } from '../support/dovecot.ts';
import { freePort } from '../support/ports.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { baseConfig, killAll, runCrieur, sandbox, spawnCrieur, type RunResult } from '../support/crieur-process.ts';

const box = sandbox('faults-start');
const schema = randomSchema('faults');
let dc: Dovecot;
let sink: SmtpSink;
let httpPort: number;

beforeAll(async () => {
  [dc, sink, httpPort] = await Promise.all([startDovecot(), startSmtpSink(), freePort()]);
});

afterAll(async () => {
  await killAll();
  await sink?.close();
  await dc?.stop();
  await dropSchema(schema);
  await box.cleanup();
});

const config = (over: { inboxUrl?: string; httpPort?: number; databaseUrl?: string } = {}) =>
  baseConfig({
    prefix: box.prefix,
    databaseUrl: over.databaseUrl ?? `${PG_URL}?schema=${schema}`,
    smtpUrl: sink.url,
    inboxUrl: over.inboxUrl ?? dc.url(),
    httpPort: over.httpPort ?? 0,
  });

const startOnce = (file: string, name: string) => runCrieur(['start', '--config', file], { dir: box.dir, name, timeoutMs: 60_000 });

/** One or two human lines on stderr besides the JSON log, no stack trace, never "crieur running". */
function expectCleanFailure(r: RunResult, code: number, cause: RegExp): void {
  const human = r.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('{'));
  expect(r.code, r.stderr).toBe(code);
  expect(human.join('\n')).toMatch(cause);
  expect(human.length, human.join('\n')).toBeLessThanOrEqual(2);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toContain('"msg":"crieur running"');
}

describe('a failure during start-up closes what was opened and exits with its code', () => {
  it('a second crieur start on the same http.port exits 1 naming the port, before taking any job', { timeout: 120_000 }, async () => {
    const file = box.writeConfig(config({ httpPort }), 'same-port.yaml');
    const first = spawnCrieur(['start', '--config', file], { dir: box.dir, name: 'port-first' });
    await first.waitForLog('crieur running', 60_000);
    const second = await startOnce(file, 'port-second');
    expectCleanFailure(second, 1, new RegExp(`http\\.port ${httpPort} is already in use.*set http\\.port`));
    // It stopped before starting any worker or watcher: nothing of the pipeline ran in it.
    expect(second.stderr).not.toMatch(/"msg":"(inbox caught up; watching|inbox watched elsewhere: standing by)"/);
    // The first one is untouched and still stops cleanly.
    expect(first.exit).toBeNull();
    expect(await first.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('a refused IMAP login exits 78 naming inbox.url and the fix', { timeout: 60_000 }, async () => {
    // A Dovecot of its own: after a refused login, Dovecot slows every later login from the address.
    const own = await startDovecot();
    try {
      const file = box.writeConfig(config({ inboxUrl: own.url().replace(encodeURIComponent(own.pass), 'wrong-password') }), 'bad-login.yaml');
      const r = await startOnce(file, 'bad-login');
      expectCleanFailure(r, 78, new RegExp(`login refused for ${own.user}.*inbox\\.url`));
      expect(r.stderr).not.toContain('wrong-password');
    } finally {
      await own.stop();
    }
  });

  it('a missing IMAP mailbox exits 78 naming inbox.url', { timeout: 60_000 }, async () => {
    const file = box.writeConfig(config({ inboxUrl: dc.url('NoSuchFolder') }), 'no-mailbox.yaml');
    const r = await startOnce(file, 'no-mailbox');
    expectCleanFailure(r, 78, /NoSuchFolder.*inbox\.url/);
  });

  it('a missing Maildir exits 78 naming inbox.url', { timeout: 60_000 }, async () => {
    const missing = join(box.dir, 'no-such-maildir');
    const file = box.writeConfig(config({ inboxUrl: `maildir://${missing}` }), 'no-maildir.yaml');
    const r = await startOnce(file, 'no-maildir');
    expectCleanFailure(r, 78, new RegExp(`Maildir ${missing} does not exist.*inbox\\.url`));
  });

  // The server answers and refuses the login: the configuration's to fix (78, not restarted), not an outage (audit d).
  it('a PostgreSQL database that does not exist exits 78 with the createdb line', { timeout: 60_000 }, async () => {
    const name = `crieur_missing_${randomSchema('db').slice(3)}`;
    const file = box.writeConfig(config({ databaseUrl: PG_URL.replace(/\/test$/, `/${name}`) }), 'no-db.yaml');
    const r = await startOnce(file, 'no-db');
    expectCleanFailure(r, 78, new RegExp(`database "?${name}"? does not exist.*createdb ${name}`));
  });

  it('a PGlite directory that cannot be created exits 78 naming it and database.url, and leaves nothing behind', { timeout: 60_000 }, async () => {
    const blocker = join(box.dir, 'a-file');
    writeFileSync(blocker, 'not a directory');
    const file = box.writeConfig(config({ databaseUrl: `pglite://${join(blocker, 'db')}` }), 'bad-pglite.yaml');
    const r = await startOnce(file, 'bad-pglite');
    expectCleanFailure(r, 78, /cannot create the PGlite directory .*a-file\/db: .* — choose another directory in database\.url/);
  });
});
