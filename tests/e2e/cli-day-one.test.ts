/**
 * Issue 11's day-one operations and defects 6 and 7, from a shell: --version, init (and doctor on what it
 * wrote), every configuration problem of `start` at once, control characters from mail shown escaped, mbox files
 * through parse and ingest.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { openStore } from '../../src/adapters/db/open.ts';
import { loadConfig } from '../../src/config/load.ts';
import { ROOT, killAll, runCrieur, runCrieurIntoClosedPipe, sandbox } from '../support/crieur-process.ts';
import { corpusDir, hasCorpus } from '../support/corpus.ts';
import { REDIS_URL } from '../support/services.ts';
import { systemdUnit } from '../../src/cli/commands/init.ts';

const box = sandbox('dayone');
afterAll(async () => {
  await killAll();
  await box.cleanup();
});
// Generous: the machine may be shared by several test runs.
const run = (args: string[], env?: NodeJS.ProcessEnv, input?: string) =>
  runCrieur(args, { dir: box.dir, cwd: box.dir, env, timeoutMs: 170_000, ...(input === undefined ? {} : { input }) });
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('day one', { timeout: 360_000 }, () => {
  it('--version prints package.json version', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('init writes a config that loads and doctor accepts, a hardened unit and a compose file; never overwrites', async () => {
    const dir = join(box.dir, 'init');
    const r = await run(['init', dir]);
    expect(r.code, r.stderr).toBe(0);
    const configFile = join(dir, 'crieur.config.yaml');
    const config = loadConfig({ file: configFile, env: {} });
    expect(config.secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const unit = readFileSync(join(dir, 'crieur.service'), 'utf8');
    for (const line of ['Restart=on-failure', 'NoNewPrivileges=yes', 'ProtectSystem=strict', `ReadWritePaths=${dir}/data`]) expect(unit).toContain(line);
    // the sandbox is under /tmp, which a private /tmp would hide from the service (an audit's unit could not start)
    expect(unit).not.toMatch(/^PrivateTmp=yes$/m);
    expect(systemdUnit('/srv/crieur')).toMatch(/^PrivateTmp=yes$/m);
    expect(unit).toMatch(/^ExecStart=\S+ \S+\/src\/cli\/crieur\.js start --config /m);
    const compose = parseYaml(readFileSync(join(dir, 'compose.yaml'), 'utf8')) as { services: Record<string, { environment?: Record<string, string> }> };
    expect(Object.keys(compose.services).sort()).toEqual(['crieur', 'postgres', 'redis']);

    // doctor on the written file: the file loads; what fails is what the operator must still set (audit d: it said
    // ok to talks@crieur.invalid and no organizer), each a configuration failure (78) when the services answer.
    const doctor = await run(['doctor', '--config', configFile], { CRIEUR_REDIS_URL: REDIS_URL });
    expect(doctor.stdout).toMatch(/^ok +config/m);
    expect(doctor.stdout.match(/^FAIL +\S+/gm)?.map((l) => l.split(/ +/)[1])).toEqual(['addresses', 'organizers', 'smtp', 'inbox']);
    expect(doctor.code, doctor.stdout).toBe(78);
    // ... and found as ./crieur.config.yaml without --config, and named so (was: "defaults + environment").
    const here = await runCrieur(['doctor'], { dir: box.dir, cwd: dir, name: 'doctor-in-init-dir', timeoutMs: 170_000 });
    expect(here.stdout).toMatch(/^ok +config +crieur\.config\.yaml \(group /m);
    // ... and with the compose file's environment for crieur (its hosts are not there from here: 1).
    const composed = await run(['doctor', '--config', configFile], compose.services.crieur!.environment);
    expect(composed.stdout).toMatch(/^ok +config/m);
    expect(composed.code, composed.stdout).toBe(1);

    const again = await run(['init', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exist.*nothing written/);
    expect(readFileSync(configFile, 'utf8')).toContain(config.secret!);
  });

  it('start names every configuration problem in one run and exits 78', async () => {
    const file = join(box.dir, 'typos.yaml');
    writeFileSync(file, 'inbox: { pollSecond: 3 }\nsmtpp: { url: "smtp://127.0.0.1:25" }\nsmtp: { url: "smtp://" }\n');
    const r = await run(['start', '--config', file], { CRIEUR_SECRTE: 'x' });
    expect(r.code).toBe(78);
    for (const said of [
      'unknown key inbox.pollSecond — did you mean pollSeconds?',
      'unknown key smtpp — did you mean smtp?',
      'unknown environment variable CRIEUR_SECRTE — did you mean CRIEUR_SECRET?',
      'smtp.url — expected a URL with a host name',
      'secret is not set',
      'inbox.url is not set',
    ]) expect(r.stderr).toContain(said);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('parse shows a Subject\'s ESC sequences and bare CR escaped; --json stays JSON', async () => {
    const mail = 'From: Eve <eve@example.fr>\r\nTo: talks@pgug.example.org\r\nSubject: Talk \u001b]0;pwned\u0007\u001b[2J\rkind: command\r\nMessage-ID: <esc@example.fr>\r\n\r\nBonjour\r\n';
    const human = await run(['parse', '-'], {}, mail);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).not.toMatch(ACTIVE);
    expect(human.stdout).toMatch(/^subject: +Talk /m);
    const json = await run(['parse', '--json', '-'], {}, mail);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toHaveProperty('subject');
  });

  it.skipIf(!hasCorpus)('parse reads every message of an mbox: NDJSON with file and message', async () => {
    const file = join(corpusDir(), 'mbox', 'sisimai__mbox-0.mbox');
    const r = await run(['parse', '--json', file]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; message: number; kind: string });
    expect(lines.map((l) => l.message)).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
    expect(lines.every((l) => l.file === file)).toBe(true);
    expect(lines.filter((l) => l.kind === 'bounce').length).toBeGreaterThan(30);
  });
});

describe('proposals list and show print what a speaker wrote with its control characters escaped', () => {
  const db = `pglite://${join(box.dir, 'db')}`;
  const config = () => box.writeConfig({ database: { url: db } }, 'pglite.yaml');
  beforeAll(async () => {
    const store = await openStore(db);
    try {
      const raw = Buffer.from('From: eve@example.fr\r\nSubject: x\r\nMessage-ID: <esc-store@example.fr>\r\n\r\nbody\r\n');
      const saved = await store.inbound.saveRaw(raw, { source: 'cli' });
      await store.proposals.fileFromMessage(
        saved.id,
        { format: 'talk', title: 'Talk \u001b[2J\rforged', abstract: 'line\u001b]0;t\u0007', durationMinutes: 45, language: 'fr', speakers: [{ name: 'Eve\u001b[31m', email: 'eve@example.fr' }], attachments: [] },
        'eve@example.fr',
      );
    } finally {
      await store.close();
    }
  }, 180_000);

  it('list and show', { timeout: 360_000 }, async () => {
    const file = config();
    const list = await run(['proposals', 'list', '--config', file]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).not.toMatch(ACTIVE);
    expect(list.stdout).toContain('Talk \\x1b[2J\\rforged — Eve\\x1b[31m');
    const show = await run(['proposals', 'show', 'P-0001', '--config', file]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).not.toMatch(ACTIVE);
    expect(show.stdout).toContain('line\\x1b]0;t\\x07');
    const json = await run(['proposals', 'list', '--json', '--config', file]);
    expect((JSON.parse(json.stdout) as { title: string }[])[0]!.title).toBe('Talk \u001b[2J\rforged');
  });

  it('proposals list and subscribers list into a closed pipe (`| head -1`) end quietly with 0, no stack trace', { timeout: 360_000 }, async () => {
    const file = config();
    for (const args of [['proposals', 'list'], ['subscribers', 'list']]) {
      const r = await runCrieurIntoClosedPipe([...args, '--config', file], { dir: box.dir, cwd: box.dir, timeoutMs: 170_000 });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
    }
  });

  it('ingest stores every message of an mbox it is given', { timeout: 360_000 }, async () => {
    const mbox = join(box.dir, 'archive.mbox');
    const msg = (n: number) => `From speaker${n}@example.fr Mon Nov  3 10:0${n}:00 2025\nFrom: speaker${n}@example.fr\nSubject: archive ${n}\nMessage-ID: <archive-${n}-${box.prefix}@example.fr>\n\n>From the archive, message ${n}\n\n`;
    writeFileSync(mbox, [1, 2, 3].map(msg).join(''));
    const file = box.writeConfig({ database: { url: db }, redis: { url: REDIS_URL, prefix: box.prefix } }, 'ingest.yaml');
    const r = await run(['ingest', '--config', file, mbox]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('3 stored, 0 already known');
    const store = await openStore(db);
    try {
      const raws = await Promise.all([1, 2, 3].map(async (n) => (await store.inbound.getRaw(n + 1))?.toString('utf8')));
      expect(raws).toEqual([1, 2, 3].map((n) => msg(n).split('\n').slice(1, -2).join('\n').replace('>From', 'From') + '\n'));
    } finally {
      await store.close();
    }
  });

  it('ingest counts each input once, in one bucket: stored, already known, not mail or unreadable', { timeout: 360_000 }, async () => {
    const mail = join(box.dir, 'fr1.eml');
    writeFileSync(mail, `From: jean@example.fr\nSubject: buckets\nMessage-ID: <buckets-${box.prefix}@example.fr>\n\nBonjour\n`);
    const garbage = join(box.dir, 'garbage.bin');
    writeFileSync(garbage, Buffer.from(`\u0000\u0001 not mail ${box.prefix}\n`));
    const file = box.writeConfig({ database: { url: db }, redis: { url: REDIS_URL, prefix: box.prefix } }, 'ingest.yaml');
    const first = await run(['ingest', '--config', file, mail, garbage]);
    expect(first.code).toBe(65); // the bytes that are not mail: kept for review, and the sender told
    expect(first.stdout.trim()).toBe('1 stored, 0 already known, 1 not mail (kept for review)');
    // Again, as an audit ran it: two files, two outcomes — not « 0 stored, 2 already known, 1 unreadable ».
    const again = await run(['ingest', '--config', file, mail, garbage, join(box.dir, 'missing.eml')]);
    expect(again.code).toBe(65);
    expect(again.stdout.trim()).toBe('0 stored, 1 already known, 1 not mail (kept for review), 1 unreadable');
  });
});
