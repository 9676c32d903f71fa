/**
 * `crieur doctor` as an operator reads it on a fresh machine: each failure names its cause in words (not
 * imapflow's "Command failed") with the fix for that cause, and doctor looks without creating anything
 * (issue 11: defect 2's doctor line, and the day-one list).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, PG_URL, randomSchema } from '../support/db.ts';
import { startDovecot, type Dovecot } from '../support/dovecot.ts';
import { freePort } from '../support/ports.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { baseConfig, runCrieur, sandbox } from '../support/crieur-process.ts';
import { REDIS_URL } from '../support/services.ts';

const box = sandbox('doctor');
const schema = randomSchema('faults');
let dc: Dovecot;
let sink: SmtpSink;
let configFile: string;

beforeAll(async () => {
  // A Dovecot of its own: this file refuses a login, which slows Dovecot's later logins from the address.
  [dc, sink] = await Promise.all([startDovecot(), startSmtpSink()]);
  configFile = box.writeConfig(baseConfig({ prefix: box.prefix, databaseUrl: `${PG_URL}?schema=${schema}`, smtpUrl: sink.url, inboxUrl: dc.url() }));
});

afterAll(async () => {
  await sink?.close();
  await dc?.stop();
  await dropSchema(schema);
  await box.cleanup();
});

const doctor = (env: NodeJS.ProcessEnv = {}) => runCrieur(['doctor', '--config', configFile], { dir: box.dir, env, timeoutMs: 100_000 });
const line = (stdout: string, name: string) => stdout.split('\n').find((l) => new RegExp(`^(ok|FAIL) +${name} `).test(l)) ?? '';
/** The fix on a check's FAIL line (one line a check: `FAIL  name  target: cause — fix: …`), from « fix: » on. */
const fixAfter = (stdout: string, name: string) => {
  const l = stdout.split('\n').find((x) => new RegExp(`^FAIL +${name} `).test(x)) ?? '';
  return l.includes(' — fix: ') ? l.slice(l.lastIndexOf(' — fix: ') + 3) : '';
};

describe('crieur doctor names the cause and its fix', { timeout: 120_000 }, () => {
  it('a refused IMAP login: "login refused for USER", the fix is the password in inbox.url', async () => {
    const r = await doctor({ CRIEUR_INBOX_URL: dc.url().replace(encodeURIComponent(dc.pass), 'wrong-password') });
    expect(r.code, r.stdout).toBe(78); // the configuration's, as `crieur start` exits for it
    expect(line(r.stdout, 'inbox')).toMatch(new RegExp(`^FAIL +inbox +imap://crieur:\\*\\*\\*@127\\.0\\.0\\.1:${dc.port}/INBOX: IMAP login refused for ${dc.user}\\b`));
    expect(r.stdout).not.toContain('Command failed');
    expect(r.stdout).not.toContain('wrong-password');
    expect(fixAfter(r.stdout, 'inbox')).toMatch(/^fix: correct the user and password in inbox\.url/);
  });

  it('a missing Maildir: names the path and how to create it', async () => {
    const missing = join(box.dir, 'no-maildir');
    const r = await doctor({ CRIEUR_INBOX_URL: `maildir://${missing}` });
    expect(r.code, r.stdout).toBe(78);
    expect(line(r.stdout, 'inbox')).toMatch(new RegExp(`^FAIL +inbox +maildir://.*: Maildir ${missing} does not exist`));
    expect(fixAfter(r.stdout, 'inbox')).toBe(`fix: create it (mkdir -p ${missing}/{new,cur,tmp}) or correct inbox.url`);
  });

  it('a Maildir that is a file: says so, not « does not exist » with a mkdir that would fail (audit W)', async () => {
    const afile = join(box.dir, 'mbox-not-maildir');
    writeFileSync(afile, 'From x\n');
    const r = await doctor({ CRIEUR_INBOX_URL: `maildir://${afile}` });
    expect(r.code, r.stdout).toBe(78);
    expect(line(r.stdout, 'inbox')).toMatch(new RegExp(`Maildir ${afile} is a file, not a directory`));
    expect(r.stdout).not.toMatch(/does not exist/);
  });

  it('an empty Maildir directory crieur start would fill (new/, cur/, tmp/) is ok, as start runs on it (audit W)', async () => {
    const fresh = join(box.dir, 'fresh-maildir');
    mkdirSync(fresh);
    const r = await doctor({ CRIEUR_INBOX_URL: `maildir://${fresh}` });
    expect(line(r.stdout, 'inbox')).toMatch(/^ok +inbox +maildir:.*\(Maildir writable; crieur start creates new\/, cur\/\)$/);
    expect(readdirSync(fresh)).toEqual([]);
  });

  it('an IMAP server that is not there: "unreachable", the fix is to start it', async () => {
    const port = await freePort();
    const r = await doctor({ CRIEUR_INBOX_URL: `imap://u:p@127.0.0.1:${port}/INBOX` });
    expect(r.code, r.stdout).toBe(1); // a service not there: it may come back
    expect(line(r.stdout, 'inbox')).toMatch(new RegExp(`IMAP server unreachable at 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
    expect(fixAfter(r.stdout, 'inbox')).toMatch(/start the IMAP server/);
  });

  it('imaps:// to a server that speaks plain text: the fix is the scheme, not « start the IMAP server » (audit W)', async () => {
    const r = await doctor({ CRIEUR_INBOX_URL: dc.url().replace(/^imap:/, 'imaps:') });
    expect(line(r.stdout, 'inbox')).toMatch(/^FAIL +inbox +imaps:.*WRONG_VERSION_NUMBER/);
    expect(fixAfter(r.stdout, 'inbox')).toMatch(/^fix: imaps:\/\/ is for TLS from the first byte \(port 993\); a server that starts in plain text \(port 143\) takes imap:\/\//);
  });

  it('an SMTP server that accepts and never greets (smtp:// to a TLS port): its own fix, a failure that may pass (1), not « start the mail server » (audit W)', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
    try {
      const port = (silent.address() as AddressInfo).port;
      const r = await doctor({ CRIEUR_SMTP_URL: `smtp://127.0.0.1:${port}` });
      expect(line(r.stdout, 'smtp')).toMatch(/^FAIL +smtp .*Greeting never received/);
      expect(fixAfter(r.stdout, 'smtp')).toMatch(/^fix: the server accepted the connection but sent no SMTP greeting: a TLS port \(465\) takes smtps:\/\//);
      expect(r.code, r.stdout).toBe(1);
    } finally {
      silent.close();
    }
  });

  it('a PostgreSQL database that does not exist: "createdb NAME", not "is PostgreSQL running?"', async () => {
    const name = `crieur_nodb_${randomSchema('x').slice(2)}`;
    const r = await doctor({ CRIEUR_DATABASE_URL: PG_URL.replace(/\/test$/, `/${name}`) });
    expect(r.code, r.stdout).toBe(78);
    expect(line(r.stdout, 'database')).toMatch(new RegExp(`database "${name}" does not exist on 127\\.0\\.0\\.1:5432`));
    expect(fixAfter(r.stdout, 'database')).toMatch(new RegExp(`^fix: createdb ${name}\\b`));
    expect(r.stdout).not.toMatch(/is PostgreSQL running/);
  });

  it('an existing database is named once on its line, with what the store adds to it (the PGlite URL was printed twice)', async () => {
    const dir = join(box.dir, 'made-db');
    const made = await runCrieur(['proposals', 'list', '--config', configFile], { dir: box.dir, name: 'doctor-make-db', env: { CRIEUR_DATABASE_URL: `pglite://${dir}` } });
    expect(made.code, made.stderr).toBe(0);
    const pglite = line((await doctor({ CRIEUR_DATABASE_URL: `pglite://${dir}` })).stdout, 'database');
    expect(pglite).toBe(`ok    database   pglite://${dir}`);
    const postgres = line((await doctor()).stdout, 'database');
    expect(postgres).toMatch(new RegExp(`^ok +database +postgres://\\S+\\?schema=${schema} \\(schema ${schema}\\)$`));
    expect(postgres.match(/postgres:\/\//g)).toHaveLength(1);
  });

  it('with no configuration at all, creates nothing on disk (the default PGlite directory included)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'crieur-doctor-empty-'));
    try {
      // Redis named so that every failure is the configuration's: no secret, smtp.url, inbox.url, addresses, organizers.
      const r = await runCrieur(['doctor'], { dir: box.dir, cwd: empty, name: 'doctor-no-config', env: { CRIEUR_REDIS_URL: REDIS_URL }, timeoutMs: 100_000 });
      expect(r.code, r.stdout).toBe(78);
      expect(readdirSync(empty)).toEqual([]);
      expect(line(r.stdout, 'database')).toMatch(/^ok +database +pglite:\/\/.*\/data\/crieur \(not created yet: crieur start creates it\)$/);
      for (const missing of ['secret', 'smtp', 'inbox', 'addresses', 'organizers']) expect(line(r.stdout, missing)).toMatch(/^FAIL /);
      expect(line(r.stdout, 'config')).toMatch(/^ok +config +defaults \+ environment \(group /);
      expect(line(r.stdout, 'dkim')).toMatch(/^ok +dkim +not configured \(mail is sent unsigned\)$/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('the built-in .invalid addresses and no organizer fail as configuration, each with its fix (audit d: init then doctor said ok)', async () => {
    const defaults = box.writeConfig({ ...baseConfig({ prefix: box.prefix, databaseUrl: `${PG_URL}?schema=${schema}`, smtpUrl: sink.url, inboxUrl: dc.url() }), addresses: undefined, organizers: undefined }, 'defaults.yaml');
    const r = await runCrieur(['doctor', '--config', defaults], { dir: box.dir, name: 'doctor-defaults', timeoutMs: 100_000 });
    expect(line(r.stdout, 'addresses')).toMatch(/^FAIL +addresses +talks@crieur\.invalid, crieur <talks@crieur\.invalid>: addresses\.proposals, addresses\.from still at a \.invalid placeholder/);
    expect(fixAfter(r.stdout, 'addresses')).toMatch(/^fix: set addresses\.proposals .*addresses\.from and addresses\.bounces/);
    expect(line(r.stdout, 'organizers')).toMatch(/^FAIL +organizers +none: no organizer/);
    expect(fixAfter(r.stdout, 'organizers')).toMatch(/^fix: set organizers: \[you@example\.org\]/);
    expect(r.code, r.stdout).toBe(78);
    // A bounces address left at a placeholder is named too; real addresses pass.
    const bounces = await doctor({ CRIEUR_ADDRESSES_BOUNCES: 'bounces@crieur.invalid' });
    expect(line(bounces.stdout, 'addresses')).toMatch(/FAIL .*: addresses\.bounces still at a \.invalid placeholder/);
    expect(line((await doctor()).stdout, 'addresses')).toMatch(/^ok +addresses /);
  });

  it('a templates.dir that does not exist: names it with its fix, not "correct the template file named above"', async () => {
    const missing = join(box.dir, 'no-templates');
    const r = await doctor({ CRIEUR_TEMPLATES_DIR: missing });
    expect(line(r.stdout, 'templates')).toMatch(new RegExp(`^FAIL +templates +${missing}: .*cannot open the templates\\.dir directory ${missing}: no such directory`));
    expect(r.stdout).not.toMatch(/ENOENT|scandir/);
    expect(fixAfter(r.stdout, 'templates')).toMatch(/^fix: create that directory .*or correct templates\.dir/);
    expect(r.code, r.stdout).toBe(78);
  });

  it('a configuration failure and a service not there: 1 (the service may come back)', async () => {
    const port = await freePort();
    const r = await doctor({ CRIEUR_REDIS_URL: `redis://127.0.0.1:${port}`, CRIEUR_INBOX_URL: `maildir://${join(box.dir, 'no-maildir-either')}` });
    expect(line(r.stdout, 'redis')).toMatch(/^FAIL /);
    expect(line(r.stdout, 'inbox')).toMatch(/^FAIL /);
    expect(r.code, r.stdout).toBe(1);
  });
});
