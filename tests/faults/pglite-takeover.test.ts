/**
 * Two `crieur start` on one PGlite directory: the first opens it and serves it, the second goes through it. When
 * the serving one stops, the survivor must take over serving the database — before the fix it took the inbox
 * lock and looped forever on "cannot reach pglite … run the command again" while mail waited (issue 11, defect 5).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImapFlow } from 'imapflow';
import { imapClient, startDovecot, type Dovecot } from '../support/dovecot.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { baseConfig, duplicates, killAll, proposalMail, runCrieur, sandbox, sleep, spawnCrieur, speakerOf, tally, waitUntil } from '../support/crieur-process.ts';

const ORGA = 'orga@pgug.example.org';
const box = sandbox('takeover');
let dc: Dovecot;
let sink: SmtpSink;
let imap: ImapFlow;
let configFile: string;

beforeAll(async () => {
  [dc, sink] = await Promise.all([startDovecot(), startSmtpSink()]);
  imap = await imapClient(dc);
  configFile = box.writeConfig(baseConfig({ prefix: box.prefix, databaseUrl: `pglite://${join(box.dir, 'db')}`, smtpUrl: sink.url, inboxUrl: dc.url(), organizers: [ORGA] }));
});

afterAll(async () => {
  await killAll();
  await imap?.logout().catch(() => undefined);
  await sink?.close();
  await dc?.stop();
  await box.cleanup();
});

const storeOf = (c: ReturnType<typeof spawnCrieur>) => String(c.logs().find((l) => l.msg === 'crieur running')?.store ?? '');

describe('two crieur start on one PGlite directory', () => {
  it('the survivor takes over serving the database when the serving one stops; mail is acknowledged within a minute', { timeout: 420_000 }, async () => {
    const owner = spawnCrieur(['start', '--config', configFile], { dir: box.dir, name: 'owner' });
    // Generous: creating a PGlite directory takes ≈ 3.5 s alone, and close to a minute on a loaded machine.
    await owner.waitForLog('crieur running', 180_000);
    const survivor = spawnCrieur(['start', '--config', configFile], { dir: box.dir, name: 'survivor' });
    await survivor.waitForLog('crieur running', 90_000);
    expect(storeOf(owner)).toMatch(/\(serving on 127\.0\.0\.1:\d+\)$/);
    expect(storeOf(survivor)).toContain(`(served by pid ${owner.pid})`);

    await imap.append('INBOX', proposalMail(1, 'tk'));
    await waitUntil(() => sink.messages.length >= 2, 60_000, 'the first proposal acknowledged while both run');

    expect(await owner.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    const stoppedAt = Date.now();
    await imap.append('INBOX', proposalMail(2, 'tk'));
    // The bound: mail is processed within a minute of the serving process stopping.
    await waitUntil(() => sink.messages.length >= 4, 60_000, `the second proposal acknowledged by the survivor (have ${sink.messages.length} mails)`);
    console.log(`pglite takeover: the survivor acknowledged the next mail ${Date.now() - stoppedAt} ms after the owner exited`);
    expect(survivor.logs().some((l) => l.msg === 'database: its serving process stopped; this process serves it now')).toBe(true);

    // The survivor serves it now: a command run meanwhile goes through it.
    const listed = await runCrieur(['proposals', 'list', '--json', '--config', configFile], { dir: box.dir, timeoutMs: 90_000 });
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as unknown[]).length).toBe(2);

    await sleep(3_000); // past the recovery sweep and the stale threshold: a second send would show
    expect(duplicates(sink.messages)).toEqual([]);
    const counts = tally(sink.messages);
    for (const n of [1, 2]) expect([...counts].filter(([k]) => k.startsWith(`${speakerOf(n, 'tk')} `)).map(([, c]) => c)).toEqual([1]);
    expect(survivor.exit).toBeNull();
    expect(await survivor.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
