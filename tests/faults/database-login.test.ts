/**
 * The database's failures told by cause, the same way by every command that opens it (audit d, defects 1 and 2):
 * a login the server refuses (no such role, no such database), a malformed database.url, a PGlite directory that
 * cannot be made are the configuration's (78, the fix named) — never "database migration failed" nor a raw
 * "EACCES: permission denied, mkdir '…'" with 1; a server that is not there stays 1 (worth a restart).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbError } from '../../src/adapters/db/db.ts';
import { loginRefused } from '../../src/adapters/db/pg-db.ts';
import { parseDbUrl } from '../../src/adapters/db/url.ts';
import { explainDatabase } from '../../workers/explain.ts';
import { PG_URL, randomSchema } from '../support/db.ts';
import { freePort } from '../support/ports.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { ROOT, baseConfig, killAll, runCrieur, sandbox, type RunResult } from '../support/crieur-process.ts';

const box = sandbox('faults-dblogin');
let sink: SmtpSink;
let configFile: string;
const maildir = join(box.dir, 'Maildir');

beforeAll(async () => {
  sink = await startSmtpSink();
  for (const sub of ['new', 'cur', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
  configFile = box.writeConfig(baseConfig({ prefix: box.prefix, databaseUrl: `${PG_URL}?schema=${randomSchema('dbl')}`, smtpUrl: sink.url, inboxUrl: `maildir://${maildir}` }));
});

afterAll(async () => {
  await killAll();
  await sink?.close();
  await box.cleanup();
});

const run = (args: string[], databaseUrl: string) =>
  runCrieur([...args, '--config', configFile], { dir: box.dir, env: { CRIEUR_DATABASE_URL: databaseUrl }, timeoutMs: 90_000 });

/** One or two human lines on stderr (the JSON log aside), the code, no stack trace, never a migration blamed. */
function expectSaid(r: RunResult, code: number, said: RegExp): void {
  const human = r.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('{'));
  expect(r.code, r.stderr).toBe(code);
  expect(human.join('\n')).toMatch(said);
  expect(human.length, human.join('\n')).toBeLessThanOrEqual(2);
  expect(r.stderr).not.toMatch(/\n\s+at |migration failed|EACCES|ENOTDIR|mkdir '/);
}

const server = new URL(PG_URL);
const hostPort = `${server.hostname}:${server.port || 5432}`;
const re = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a login the server refuses is the configuration (78), said with its fix, by every command', { timeout: 200_000 }, () => {
  const noRole = `postgres://nosuchrole_${randomSchema('r').slice(2)}@${hostPort}${server.pathname}`;
  const role = new URL(noRole).username;
  const said = new RegExp(`^crieur: cannot log in as ${role} at ${re(hostPort)} \\(role "${role}" does not exist\\): correct database\\.url \\(or create the role: createuser ${role}\\)$`, 'm');

  it('crieur start: no such role → 78, "cannot log in as ROLE", not a migration failure', async () => {
    expectSaid(await run(['start'], noRole), 78, said);
  });

  it('ingest (an MTA pipe): 78 too, the message not taken — a retry cannot mend a login (75 is for what may come back)', async () => {
    const file = join(box.dir, 'ingest-login.eml');
    writeFileSync(file, 'From: jean@example.fr\nSubject: login\nMessage-ID: <ingest-login@example.fr>\n\nBonjour\n');
    const r = await run(['ingest', file], noRole);
    expectSaid(r, 78, new RegExp(`cannot log in as ${role} .*createuser ${role}\\) — the message was not taken \\(a configuration error: the MTA returns it to its sender\\)$`, 'm'));
    // a server that is not there is still worth the MTA's retry
    const down = await run(['ingest', file], `postgres://${hostPort.replace(/:\d+$/, '')}:9/crieur`);
    expectSaid(down, 75, /the message was not taken; the sender will retry/);
  });

  it('proposals list, subscribers add: the same line and code', async () => {
    expectSaid(await run(['proposals', 'list'], noRole), 78, said);
    expectSaid(await run(['subscribers', 'add', 'x@example.org'], noRole), 78, said);
  });

  it('doctor: the database line says it with the fix, and exits 78 when it is the only failure', async () => {
    const r = await run(['doctor'], noRole);
    expect(r.stdout).toMatch(new RegExp(`^FAIL +database +.*: cannot log in as ${role} at ${re(hostPort)}`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^FAIL +database .* — fix: correct database\\.url \\(or create the role: createuser ${role}\\)$`, 'm'));
    expect(r.stdout).not.toMatch(/migration/);
    expect(r.code, r.stdout).toBe(78);
  });

  it('a database that does not exist: 78 with createdb, for start and a command', async () => {
    const name = `crieur_nodb_${randomSchema('x').slice(2)}`;
    const url = `postgres://${server.username || 'postgres'}@${hostPort}/${name}`;
    const createdb = new RegExp(`database "${name}" does not exist on ${re(hostPort)}: createdb ${name} \\(or correct database\\.url\\)`);
    expectSaid(await run(['start'], url), 78, createdb);
    expectSaid(await run(['events', 'list'], url), 78, createdb);
  });

  it('a malformed database.url: postgres:// and pglite:// alone are 78 for every command', async () => {
    expectSaid(await run(['start'], 'postgres://'), 78, /database\.url "postgres:\/\/" names no server and no database: write postgres:\/\/USER:PASSWORD@HOST:5432\/DB/);
    expectSaid(await run(['proposals', 'list'], 'postgres://'), 78, /names no server and no database/);
    expectSaid(await run(['events', 'list'], 'pglite://'), 78, /database\.url "pglite:\/\/" names no directory: write pglite:\/\/\.\/data\/crieur/);
    // Not a directory of crieur's own: the root itself (`pglite:///` opened a database in / and exited 0).
    expectSaid(await run(['events', 'list'], 'pglite:///'), 78, /database\.url "pglite:\/\/\/" names the file system's root, .*: write pglite:\/\/\.\/data\/crieur/);
    expectSaid(await run(['start'], 'pglite:///../..'), 78, /names the file system's root/);
  });

  it('a postgres:// URL nothing can read (a port past 65535, a / in the password): 78 naming database.url, not a failed migration (audit z)', async () => {
    const port = /database\.url "postgres:\/\/postgres@127\.0\.0\.1:99999\/x" is not a URL: its port "99999" is not a number from 0 to 65535 — write postgres:\/\/USER:PASSWORD@HOST:5432\/DB/;
    expectSaid(await run(['proposals', 'list'], 'postgres://postgres@127.0.0.1:99999/x'), 78, port);
    expectSaid(await run(['start'], 'postgres://postgres@127.0.0.1:99999/x'), 78, port);
    const slash = await run(['events', 'list'], 'postgres://alice:pa/ss@127.0.0.1/x');
    expectSaid(slash, 78, /database\.url "postgres:\/\/alice:\*\*\*@127\.0\.0\.1\/x" is not a URL: .*percent-encode/);
    expect(slash.stderr).not.toContain('pa/ss');
    const doctor = await run(['doctor'], 'postgres://postgres@127.0.0.1:abc/x');
    expect(doctor.stdout).toMatch(/^FAIL +database +.*its port "abc" is not a number from 0 to 65535/m);
    expect(doctor.stdout).not.toMatch(/migration|Invalid URL/);
  });

  it('a server that is not there stays a runtime failure (1): worth a restart', async () => {
    const port = await freePort();
    const r = await run(['proposals', 'list'], `postgres://postgres@127.0.0.1:${port}/x`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`cannot reach postgres://postgres@127\\.0\\.0\\.1:${port}/x .*ECONNREFUSED.*is PostgreSQL running`));
  });
});

describe('a PGlite directory that cannot be made: 78 and the fix, for every command that opens the store', { timeout: 200_000 }, () => {
  it('a file in the way (ENOTDIR): events list, subscribers add, proposals list, start', async () => {
    const blocker = join(box.dir, 'a-file');
    writeFileSync(blocker, 'not a directory');
    const url = `pglite://${join(blocker, 'db')}`;
    const said = new RegExp(`^crieur: cannot create the PGlite directory ${re(join(blocker, 'db'))}: a part of the path is not a directory — choose another directory in database\\.url$`, 'm');
    for (const args of [['events', 'list'], ['subscribers', 'add', 'x@example.org'], ['proposals', 'list']]) expectSaid(await run(args, url), 78, said);
    expectSaid(await run(['start'], url), 78, said);
  });

  // Permission denied needs a user other than root: root writes anywhere.
  const asNobody = process.getuid?.() === 0 && spawnSync('setpriv', ['--help']).status === 0;
  it.skipIf(!asNobody)('permission denied (EACCES), as a user who may not write there: the fix names the parent and database.url', () => {
    const shared = join('/tmp', `crieur-dblogin-${randomSchema('p').slice(2)}`);
    mkdirSync(join(shared, 'ro'), { recursive: true });
    try {
      chmodSync(shared, 0o755);
      chmodSync(join(shared, 'ro'), 0o755); // root's: nobody may not create anything in it
      const config = join(shared, 'crieur.config.yaml');
      writeFileSync(config, stringify({ database: { url: `pglite://${join(shared, 'ro', 'db')}` }, redis: { prefix: box.prefix } }), { mode: 0o644 });
      const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, join(ROOT, 'src/cli/crieur.js'), 'events', 'list', '--config', config], {
        cwd: shared,
        env: { PATH: process.env.PATH, NODE_NO_WARNINGS: '1' },
        encoding: 'utf8',
        timeout: 90_000,
      });
      expect(r.status, r.stderr).toBe(78);
      expect(r.stderr).toContain(`cannot create the PGlite directory ${join(shared, 'ro', 'db')}: permission denied — make its parent directory writable by the user crieur runs as, or correct database.url`);
      expect(r.stderr).not.toMatch(/EACCES|mkdir '/);
    } finally {
      spawnSync('rm', ['-rf', shared]);
    }
  });
});

describe('the classification itself', () => {
  const label = 'postgres://alice@db.example:5433/app';
  const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

  it('class 28 and 3D000 are a login refused (EDB_LOGIN, 78), each with its fix', () => {
    const role = loginRefused(pgError('28000', 'role "alice" does not exist'), label)!;
    expect(role).toBeInstanceOf(DbError);
    expect(role).toMatchObject({ code: 'EDB_LOGIN', exitCode: 78, fix: 'correct database.url (or create the role: createuser alice)' });
    expect(role.message).toBe('cannot log in as alice at db.example:5433 (role "alice" does not exist): correct database.url (or create the role: createuser alice)');
    expect(loginRefused(pgError('28P01', 'password authentication failed for user "alice"'), label)!.message).toBe(
      'cannot log in as alice at db.example:5433 (password refused): correct the password in database.url (or CRIEUR_DATABASE_URL)',
    );
    expect(loginRefused(pgError('3D000', 'database "app" does not exist'), label)!.message).toBe('database "app" does not exist on db.example:5433: createdb app (or correct database.url)');
    expect(loginRefused(pgError('28000', 'no pg_hba.conf entry for host "10.0.0.1", user "alice", database "app"'), label)!.fix).toMatch(/pg_hba\.conf/);
    expect(loginRefused(pgError('28000', 'no PostgreSQL user name specified in startup packet'), 'postgres://db.example/app')!.message).toMatch(/\(database\.url names no user\): name the role in database\.url/);
  });

  it('anything else is not a login: unreachable, a query error', () => {
    expect(loginRefused(pgError('ECONNREFUSED', 'connect ECONNREFUSED'), label)).toBeNull();
    expect(loginRefused(pgError('42P01', 'relation "x" does not exist'), label)).toBeNull();
  });

  it('a start-up phase takes the code the database error carries: 78 for the configuration, 1 for an outage', () => {
    expect(explainDatabase(new DbError('EDB_LOGIN', 'x'), label)?.exitCode).toBe(78);
    expect(explainDatabase(new DbError('EDB_URL', 'x'), label)?.exitCode).toBe(78);
    expect(explainDatabase(new DbError('EDB_PATH', 'x'), label)?.exitCode).toBe(78);
    expect(explainDatabase(new DbError('EDB_UNAVAILABLE', 'x'), label)?.exitCode).toBe(1);
    expect(explainDatabase(new DbError('EDB_MIGRATION', 'x'), label)?.exitCode).toBe(1);
  });

  it('malformed URLs: no server and no database, no directory; libpq forms pass', () => {
    for (const bad of ['postgres://', 'postgresql://', 'postgres://?sslmode=require', 'pglite://']) expect(() => parseDbUrl(bad), bad).toThrow(DbError);
    for (const good of ['postgres:///crieur', 'postgres://u@/db?host=/run/postgresql', 'postgresql://db.example', 'pglite://./data/crieur']) expect(() => parseDbUrl(good), good).not.toThrow();
  });
});
