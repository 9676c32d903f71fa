/**
 * `crieur start` before its mail server (a boot where crieur comes up first): it must not die of it. It runs,
 * retries with the inbox backoff — one log line per attempt, no stack trace — and once Dovecot answers, the
 * mail that waited is taken and acknowledged once (issue 11, defect 2).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { duplicates, proposalMail, sleep, spawnCrieur, speakerOf, tally, useChildServices, waitUntil } from '../support/crieur-process.ts';

const ORGA = 'orga@pgug.example.org';
const svc = useChildServices('inbox-down', [ORGA]);
const RETRYING = 'inbox session failed (connection lost or handler error): retrying';

describe('IMAP down when crieur starts', () => {
  it('keeps running and retrying, then acknowledges the waiting mail once when the server is up', { timeout: 150_000 }, async () => {
    await svc.imap.mailboxOpen('INBOX'); // Dovecot creates INBOX's Maildir on first use: the mail is dropped there below
    const child = spawnCrieur(['start', '--config', svc.configFile], { dir: svc.box.dir, name: 'start-before-imap' });
    await svc.dc.restart(async () => {
      // Dovecot is down from here until this function returns.
      await child.waitForLog('crieur running', 90_000);
      await waitUntil(() => child.logs().filter((l) => l.msg === RETRYING).length >= 2, 60_000, 'two connection attempts, each logged');
      writeFileSync(join(svc.dc.maildir, 'new', `${Date.now()}.M1P1.faults`), proposalMail(1, 'down'));
    });
    await child.waitForLog('inbox caught up; watching', 60_000);
    await waitUntil(() => svc.sink.messages.length >= 2, 60_000, 'the acknowledgement and the organizers notice');
    await sleep(3_000); // past the recovery sweep and the stale threshold: a second send would show by now

    expect(duplicates(svc.sink.messages)).toEqual([]);
    const acks = [...tally(svc.sink.messages)].filter(([k]) => k.startsWith(`${speakerOf(1, 'down')} `));
    expect(acks).toEqual([[expect.stringMatching(/ P-\d{4}$/) as unknown, 1]]);
    // Each attempt logged once, as a warning naming the cause; no error, no stack trace.
    const attempts = child.logs().filter((l) => l.msg === RETRYING);
    for (const a of attempts) expect(a).toMatchObject({ level: 40, err: expect.stringMatching(/^EINBOX_CONNECT: IMAP server unreachable at 127\.0\.0\.1:\d+/) as unknown });
    expect(child.stderr()).not.toMatch(/\n\s+at /);
    expect(child.stderr()).not.toMatch(/"level":(50|60)/);
    expect(child.exit).toBeNull();
    expect(await child.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
