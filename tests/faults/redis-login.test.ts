/**
 * Audit W: a Redis that wants a password, given none or the wrong one (NOAUTH, WRONGPASS). crieur said « Redis is not
 * reachable … Start it (apt-get install redis-server) » and exited 1 — which systemd restarts forever, for a Redis
 * that is running and a password only the operator can correct. A refused login is the configuration's, as a refused
 * IMAP or PostgreSQL login: 78, naming redis.url; `ingest` too (SPEC: 75 is for temporary failures only).
 * Likewise a login let in whose ACL refuses crieur a command or its keys (NOPERM): an ACL user on the running Redis,
 * named for the test and deleted after it.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { baseConfig, proposalMail, runCrieur, sandbox, spawnCrieur } from '../support/crieur-process.ts';
import { PrivateRedis } from '../support/private-redis.ts';
import { REDIS_URL } from '../support/services.ts';
import { Redis } from 'ioredis';

const box = sandbox('redis-login');
let sink: SmtpSink;
let port = 0;
const redis = new PrivateRedis(() => port, 'sesame-0123');

beforeAll(async () => {
  [sink, port] = await Promise.all([startSmtpSink(), freePort()]);
  await redis.start();
}, 30_000);

afterAll(async () => {
  await redis.kill();
  await sink?.close();
  await box.cleanup();
});

/** Every service right (an embedded database not made yet, a Maildir, the listener) but Redis's password. */
function configWith(redisUrl: string, name: string): string {
  const maildir = join(box.dir, 'Maildir');
  for (const d of ['new', 'cur', 'tmp']) mkdirSync(join(maildir, d), { recursive: true });
  const config = baseConfig({ prefix: box.prefix, databaseUrl: `pglite://${join(box.dir, 'db')}`, smtpUrl: sink.url, inboxUrl: `maildir://${maildir}` });
  return box.writeConfig({ ...config, redis: { url: redisUrl, prefix: box.prefix } }, name);
}

const human = (stderr: string) => stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('{'));

describe('Redis refuses the login', () => {
  for (const [what, url] of [
    ['no password (NOAUTH)', () => `redis://127.0.0.1:${port}`],
    ['a wrong password (WRONGPASS)', () => `redis://:wrong@127.0.0.1:${port}`],
  ] as const) {
    it(`crieur start with ${what} exits 78 naming redis.url, not « start it »`, { timeout: 60_000 }, async () => {
      const r = await runCrieur(['start', '--config', configWith(url(), 'start.yaml')], { dir: box.dir, name: 'start' });
      expect(r.code, r.stderr).toBe(78);
      expect(human(r.stderr).join('\n')).toMatch(/refused the login \((NOAUTH|WRONGPASS)[^)]*\): correct the password in redis\.url/);
      expect(human(r.stderr).length).toBeLessThanOrEqual(2);
      expect(r.stderr).not.toMatch(/Start it|\n\s+at /);
    });
  }

  it('crieur doctor says login refused with its fix, and exits 78 (the configuration is all that is wrong)', { timeout: 60_000 }, async () => {
    const r = await runCrieur(['doctor', '--config', configWith(`redis://:wrong@127.0.0.1:${port}`, 'doctor.yaml')], { dir: box.dir, name: 'doctor' });
    expect(r.stdout).toMatch(/FAIL {2}redis .*login refused \(WRONGPASS/);
    expect(r.stdout).toMatch(/fix: correct the password in redis\.url/);
    expect(r.code, r.stdout).toBe(78);
  });

  it('crieur ingest exits 78 (SPEC: a refused login is the configuration\'s; 75 only for what may come back): the message not taken', { timeout: 60_000 }, async () => {
    const file = join(box.dir, 'p.eml');
    writeFileSync(file, proposalMail(1, 'rlogin'));
    const r = await runCrieur(['ingest', '--config', configWith(`redis://:wrong@127.0.0.1:${port}`, 'ingest.yaml'), file], { dir: box.dir, name: 'ingest' });
    expect(r.code, r.stderr).toBe(78);
    expect(r.stderr).toMatch(/refused the login.*the message was not taken \(a configuration error: the MTA returns it to its sender\)/);
  });
});

describe('redis.url names a database the server does not have (/99: it has 16)', () => {
  // ioredis emitted the SELECT's refusal and went on, on database 0: doctor said ok, start ran (held-out day-one audit).
  const url = () => `redis://:sesame-0123@127.0.0.1:${port}/99`;
  it('crieur start exits 78 naming the number and redis.url, not « start it »', { timeout: 60_000 }, async () => {
    const r = await runCrieur(['start', '--config', configWith(url(), 'db99.yaml')], { dir: box.dir, name: 'start-db99' });
    expect(r.code, r.stderr).toBe(78);
    expect(human(r.stderr).join('\n')).toMatch(/has no database 99 \(ERR DB index is out of range\): correct the number in redis\.url/);
    expect(human(r.stderr).length).toBeLessThanOrEqual(2);
    expect(r.stderr).not.toMatch(/crieur running|Start it|\n\s+at /);
  });

  it('crieur doctor says so with its fix and exits 78; ingest exits 78 too', { timeout: 60_000 }, async () => {
    const d = await runCrieur(['doctor', '--config', configWith(url(), 'doctor-db99.yaml')], { dir: box.dir, name: 'doctor-db99' });
    expect(d.stdout).toMatch(/FAIL {2}redis .*no such database \(ERR DB index is out of range\)/);
    expect(d.stdout).toMatch(/fix: correct the database number in redis\.url/);
    expect(d.code, d.stdout).toBe(78);
    const file = join(box.dir, 'db99.eml');
    writeFileSync(file, proposalMail(2, 'rdb99'));
    const i = await runCrieur(['ingest', '--config', configWith(url(), 'ingest-db99.yaml'), file], { dir: box.dir, name: 'ingest-db99' });
    expect(i.code, i.stderr).toBe(78);
    expect(i.stderr).toMatch(/has no database 99.*the message was not taken \(a configuration error/);
  });

  it('a database the server has (/3) is used as before', { timeout: 60_000 }, async () => {
    const d = await runCrieur(['doctor', '--config', configWith(`redis://:sesame-0123@127.0.0.1:${port}/3`, 'doctor-db3.yaml')], { dir: box.dir, name: 'doctor-db3' });
    expect(d.stdout).toMatch(/^ok +redis /m);
  });
});

describe('redis.url gives a password the server does not need (its default user has none)', () => {
  // ioredis printed « [WARN] This Redis server's `default` user does not require a password… » outside the JSON logs
  // for every connection crieur start opens — 13 lines at start, more at each reconnect (held-out day-one audit).
  it('crieur start runs, and says it once at most', { timeout: 90_000 }, async () => {
    const u = new URL(REDIS_URL);
    const child = spawnCrieur(['start', '--config', configWith(`redis://:unneeded-0123@${u.hostname}:${u.port || 6379}`, 'unneeded.yaml')], { dir: box.dir, name: 'start-unneeded' });
    await child.waitForLog('crieur running', 60_000);
    const exit = await child.stop('SIGTERM', 30_000);
    expect(exit.code, child.stderr()).toBe(0);
    const warned = child.stderr().split('\n').filter((l) => /does not require a password/.test(l));
    expect(warned.length, warned.join('\n')).toBeLessThanOrEqual(1);
  });
});

describe("Redis's ACL refuses crieur's user a command or its keys (NOPERM)", () => {
  const admin = new Redis(REDIS_URL, { lazyConnect: true });
  const users: string[] = [];
  /** An ACL user on the shared Redis with these rules, its redis.url; deleted after the tests. */
  const aclUser = async (...rules: string[]) => {
    const user = `crieur_acl_${randomBytes(5).toString('hex')}`;
    users.push(user);
    await admin.call('ACL', 'SETUSER', user, 'reset', 'on', '>pw-0123456789', ...rules);
    const u = new URL(REDIS_URL);
    return { user, url: `redis://${user}:pw-0123456789@${u.hostname}:${u.port || 6379}` };
  };
  beforeAll(async () => {
    await admin.connect();
  });
  afterAll(async () => {
    for (const u of users) await admin.call('ACL', 'DELUSER', u).catch(() => undefined);
    admin.disconnect();
  });

  for (const [what, rules] of [
    ['no command allowed (not even PING)', ['~*', '&*', '-@all']],
    ["every command, on another application's keys only", ['~otherapp:*', '&*', '+@all']],
    ['every command but EVALSHA, which the queues run their scripts with', ['~*', '&*', '+@all', '-evalsha']],
  ] as const) {
    it(`crieur start with ${what} exits 78 naming the user, the refusal and the grant — not « not reachable »`, { timeout: 60_000 }, async () => {
      const { user, url } = await aclUser(...rules);
      const r = await runCrieur(['start', '--config', configWith(url, `acl-${user}.yaml`)], { dir: box.dir, name: `start-${user}`, timeoutMs: 45_000 });
      expect(r.code, r.stderr).toBe(78);
      const said = human(r.stderr).filter((l) => !l.startsWith('Skipping the ready check')).join('\n');
      expect(said).toContain(`refused a command to the user ${user} (NOPERM`);
      expect(said).toContain(`ACL SETUSER ${user} +@all ~${box.prefix}:* &*`);
      expect(r.stderr).not.toMatch(/not reachable|Start it|\n\s+at /);
    });
  }

  it('crieur doctor says permission refused with the grant, and exits 78', { timeout: 60_000 }, async () => {
    const { user, url } = await aclUser('~otherapp:*', '&*', '+@all');
    const r = await runCrieur(['doctor', '--config', configWith(url, 'acl-doctor.yaml')], { dir: box.dir, name: 'acl-doctor' });
    expect(r.stdout).toMatch(new RegExp(`FAIL {2}redis .*permission refused to ${user} \\(NOPERM`));
    expect(r.stdout).toContain(`fix: give the ACL user crieur's commands and keys (ACL SETUSER ${user} +@all ~${box.prefix}:* &*)`);
    expect(r.code, r.stdout).toBe(78);
  });
});
