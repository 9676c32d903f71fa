/**
 * `crieur init` as an operator installs it (audit d, defects 5 and 6): its closing lines name every key the
 * defaults leave unanswerable; the unit's install lines let `User=crieur` read the configuration (chown root:crieur,
 * chmod 640) and say a Maildir inbox must be writable under ProtectSystem=strict; a configuration file crieur may not
 * read says that fix; a DIR that cannot be made is said in words.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configFileError, loadConfig } from '../../src/config/load.ts';
import { MUST_SET, systemdUnit } from '../../src/cli/commands/init.ts';
import { ROOT, runCrieur, sandbox } from '../support/crieur-process.ts';

const box = sandbox('init');
afterAll(() => box.cleanup());
const run = (args: string[]) => runCrieur(args, { dir: box.dir, cwd: box.dir, timeoutMs: 120_000 });

describe('crieur init', { timeout: 200_000 }, () => {
  it('its closing lines list every key the user must set', async () => {
    const dir = join(box.dir, 'keys');
    const r = await run(['init', dir]);
    expect(r.code, r.stderr).toBe(0);
    for (const key of ['group.name', 'addresses.proposals', 'addresses.from', 'addresses.bounces', 'organizers', 'inbox.url', 'smtp.url', 'lists']) {
      expect(r.stdout).toMatch(new RegExp(`^ {4}${key.replace('.', '\\.')} +\\S`, 'm'));
    }
    expect(MUST_SET.map(([k]) => k)).toContain('organizers');
    expect(r.stdout).toContain(`then: crieur doctor --config ${join(dir, 'crieur.config.yaml')}`);
    expect(r.stdout).toMatch(/chown root:crieur, chmod 640/);
  });

  it("its database is DIR's own, whatever directory a command is run from (audit W)", async () => {
    // A relative pglite:// path is read from the current directory: `crieur proposals list --config DIR/…` run from
    // elsewhere made an empty database there (≈ 20 s of initdb) and answered « no proposals ».
    const dir = join(box.dir, 'srv');
    expect((await run(['init', dir])).code).toBe(0);
    const file = join(dir, 'crieur.config.yaml');
    expect(loadConfig({ file, env: {} }).database.url).toBe(`pglite://${join(dir, 'data', 'crieur')}`);
    const elsewhere = join(box.dir, 'elsewhere');
    mkdirSync(elsewhere);
    const r = await runCrieur(['doctor', '--config', file], { dir: box.dir, cwd: elsewhere, env: { CRIEUR_REDIS_URL: 'redis://127.0.0.1:1' }, timeoutMs: 120_000 });
    expect(r.stdout).toMatch(new RegExp(`^ok +database +pglite://${join(dir, 'data', 'crieur').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(not created yet`, 'm'));
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('the unit: the config made readable by the user crieur, and a Maildir inbox writable', () => {
    const unit = systemdUnit('/srv/crieur');
    expect(unit).toMatch(/^#\s+chown root:crieur \/srv\/crieur\/crieur\.config\.yaml && chmod 640 \/srv\/crieur\/crieur\.config\.yaml\b/m);
    expect(unit).toMatch(/^User=crieur$/m);
    expect(unit).toMatch(/^ReadWritePaths=\/srv\/crieur\/data$/m);
    expect(unit).toMatch(/maildir:\/\/ inbox.*writable/);
    expect(unit).toMatch(/^#ReadWritePaths=\S+/m);
  });

  it('a DIR that cannot be made: 1, the path, the cause in words and the fix', async () => {
    const afile = join(box.dir, 'afile');
    writeFileSync(afile, 'in the way');
    const r = await run(['init', join(afile, 'x')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`crieur: cannot create the directory ${join(afile, 'x')}: a part of the path is not a directory — choose a directory for DIR (one that does not exist yet is created)`);
  });

  it('a configuration file crieur may not read says how to make it readable (the unit would exit 78, never retried)', () => {
    const eacces = Object.assign(new Error("EACCES: permission denied, open '/srv/crieur/crieur.config.yaml'"), { code: 'EACCES', syscall: 'open', path: '/srv/crieur/crieur.config.yaml' });
    expect(configFileError(eacces, '/srv/crieur/crieur.config.yaml')).toBe(
      'cannot read the configuration file /srv/crieur/crieur.config.yaml: permission denied — make it readable by the user crieur runs as (chown root:crieur, chmod 640)',
    );
  });

  // As the service runs it: another user than the one who ran init (root here).
  const asOther = process.getuid?.() === 0 && spawnSync('setpriv', ['--help']).status === 0;
  it.skipIf(!asOther)('as that other user: the file init wrote is refused with the fix, and the install line makes it readable', async () => {
    const dir = join('/tmp', `crieur-init-${randomBytes(4).toString('hex')}`);
    mkdirSync(dir);
    try {
      chmodSync(dir, 0o755);
      expect((await runCrieur(['init', dir], { dir: box.dir, timeoutMs: 120_000 })).code).toBe(0);
      const config = join(dir, 'crieur.config.yaml');
      expect(statSync(config).mode & 0o777).toBe(0o600);
      const doctorAsNobody = () =>
        spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, join(ROOT, 'src/cli/crieur.js'), 'doctor', '--config', config], {
          cwd: dir,
          env: { PATH: process.env.PATH, NODE_NO_WARNINGS: '1', CRIEUR_REDIS_URL: 'redis://127.0.0.1:9' },
          encoding: 'utf8',
          timeout: 120_000,
        });
      const refused = doctorAsNobody();
      expect(refused.status, refused.stderr).toBe(78);
      expect(refused.stderr.trim()).toBe(`crieur: cannot read the configuration file ${config}: permission denied — make it readable by the user crieur runs as (chown root:crieur, chmod 640)`);
      // The install line, with this user's group for crieur's.
      chownSync(config, 0, 65534);
      chmodSync(config, 0o640);
      const read = doctorAsNobody();
      expect(read.stdout).toMatch(/^ok +config +\S+crieur\.config\.yaml \(group crieur\)$/m);
    } finally {
      spawnSync('rm', ['-rf', dir]);
    }
  });
});
