/**
 * SPEC: `crieur doctor` "checks every configured service and prints one line each". A failing check printed two — the
 * cause, then « fix: … » on a line of its own — so a script reading a line a check (grep FAIL, a monitoring probe) lost
 * the fix, and counting lines counted checks wrong. Each check is now one line: `FAIL  name  target: cause — fix: …`.
 * Several checks failing at once, without any service to start: a closed SMTP and Redis port, a missing Maildir, the
 * placeholder addresses, no organizers, a templates.dir that is not there.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baseConfig, runCrieur, sandbox } from '../support/crieur-process.ts';
import { causeAndFix } from '../../src/cli/commands/doctor.ts';

const box = sandbox('doctor-one-line');
afterAll(() => box.cleanup());

describe('crieur doctor prints one line a check', { timeout: 120_000 }, () => {
  it('each failing check on its own one line, the cause and its fix', async () => {
    const config = box.writeConfig({
      ...baseConfig({ prefix: box.prefix, databaseUrl: `pglite://${join(box.dir, 'db')}`, smtpUrl: 'smtp://127.0.0.1:9', inboxUrl: `maildir://${join(box.dir, 'no-such-Maildir')}` }),
      addresses: undefined,
      organizers: undefined,
      redis: { url: 'redis://127.0.0.1:9', prefix: box.prefix },
      templates: { dir: join(box.dir, 'no-templates') },
    });
    const r = await runCrieur(['doctor', '--config', config], { dir: box.dir, timeoutMs: 100_000 });
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    // every line is a check: ok or FAIL, its name — nothing on a line of its own
    for (const l of lines) expect(l, r.stdout).toMatch(/^(ok|FAIL) +[a-z]+ /);
    const failed = lines.filter((l) => l.startsWith('FAIL'));
    for (const name of ['smtp', 'redis', 'inbox', 'addresses', 'organizers', 'templates']) {
      const line = failed.find((l) => new RegExp(`^FAIL +${name} `).test(l));
      expect(line, `${name} in\n${r.stdout}`).toMatch(/: .+ — fix: \S/);
    }
    // the fix said once: not in the cause as well (an error start prints alone carries its own fix)
    for (const l of failed) {
      const [cause, fix] = l.split(' — fix: ') as [string, string];
      expect(cause, l).not.toContain(fix);
      expect(cause, l).not.toMatch(/or correct (?:inbox|database|redis|smtp)\.url/);
    }
    expect(failed.find((l) => /^FAIL +inbox /.test(l))).toMatch(/does not exist — fix: create it \(mkdir -p .*\/\{new,cur,tmp\}\) or correct inbox\.url$/);
    // one line for each name: no check said twice
    const names = lines.map((l) => l.split(/ +/)[1]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('causeAndFix: a cause that ends with its fix says it once; one that carries its own advice gives it as the fix', () => {
    expect(causeAndFix('cannot log in as bob at h:5432 (role "bob" does not exist): correct database.url (or create the role: createuser bob)', 'correct database.url (or create the role: createuser bob)'))
      .toEqual(['cannot log in as bob at h:5432 (role "bob" does not exist)', 'correct database.url (or create the role: createuser bob)']);
    expect(causeAndFix('Maildir /m does not exist: create it (mkdir -p /m/{new,cur,tmp}) or correct inbox.url', 'create the mailbox (or the Maildir), or correct inbox.url'))
      .toEqual(['Maildir /m does not exist', 'create it (mkdir -p /m/{new,cur,tmp}) or correct inbox.url']);
    // a cause with no advice of its own keeps the check's fix
    expect(causeAndFix('ESOCKET: connect ECONNREFUSED 127.0.0.1:9', 'start the mail server or correct smtp.url')).toEqual(['ESOCKET: connect ECONNREFUSED 127.0.0.1:9', 'start the mail server or correct smtp.url']);
  });
});
