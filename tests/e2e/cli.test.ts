/**
 * The CLI contract (SPEC "Exit codes", "crieur parse", "Configuration") seen from a shell: child processes,
 * exit codes, stdout shapes, stderr naming the cause. No service is touched here.
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, killAll, runCrieur, runCrieurIntoClosedPipe, sandbox } from '../support/crieur-process.ts';

const box = sandbox('cli');
afterAll(async () => {
  await killAll();
  await box.cleanup();
});

const PROPOSAL = join(ROOT, 'tests/fixtures/proposals/01-gmail-alternative-labelled-fr.eml');
const OTHER = join(ROOT, 'tests/fixtures/not-proposals/01-venue-question-fr.eml');
const run = (args: string[], env?: NodeJS.ProcessEnv) => runCrieur(args, { dir: box.dir, env });

// Each child costs seconds of tsx start-up on a shared machine: they run side by side.
describe.concurrent('crieur CLI', { timeout: 60_000 }, () => {
  it('--help exits 0 and lists the commands', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['parse', 'start', 'worker', 'ingest', 'proposals', 'failed', 'doctor']) expect(r.stdout).toContain(c);
  });

  it('an unknown command exits 64 (bad usage)', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/frobnicate/);
    expect(r.stderr).toMatch(/^\(see crieur --help\)$/m);
  });

  it("an unknown option exits 64 and points at the command's help", async () => {
    const r = await run(['parse', '--bogus', PROPOSAL]);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/unknown option '--bogus'/);
    expect(r.stderr).toMatch(/^\(see crieur parse --help\)$/m);
  });

  // SPEC: errors are one or two lines. A near miss got three: commander's, its suggestion, and the pointer to the help.
  it.each([
    [['parse', '--jsn', PROPOSAL], "error: unknown option '--jsn'\n(Did you mean --json?)\n"],
    [['proposal', 'list'], "error: unknown command 'proposal'\n(Did you mean proposals?)\n"],
    [['proposals', 'lst'], "error: unknown command 'lst'\n(Did you mean list?)\n"],
  ])('%j: 64 in two lines, the suggestion as the fix', async (args, said) => {
    const r = await run(args);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(said);
  });

  it.each([
    ['smtp.url', { smtp: { url: 'ftp://x' } }, /smtp\.url/],
    ['group.timezone', { group: { timezone: 'Mars/Olympus' } }, /group\.timezone/],
    ['organizers', { organizers: ['not-an-address'] }, /organizers\.0/],
  ])('an invalid %s in the file exits 78 and names the key', async (key, config, named) => {
    const file = box.writeConfig(config, `bad-${key}.yaml`);
    const r = await run(['parse', '--json', PROPOSAL, '--config', file]);
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(named);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace without --verbose
    expect(r.stdout).toBe('');
  });

  it('an invalid CRIEUR_* variable exits 78 and names the key', async () => {
    const r = await run(['parse', '--json', PROPOSAL], { CRIEUR_SMTP_URL: 'ftp://x' });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/smtp\.url/);
  });

  // With a valid file and only CRIEUR_DKIM_DOMAIN set, crieur said « invalid configuration in crieur.config.yaml,
  // 2 problems: dkim.selector … dkim.keyFile », three lines naming the file (held-out audit).
  it('a section a variable left incomplete exits 78 in one line naming the variable and the fix, not the file', async () => {
    const file = box.writeConfig({ group: { name: 'PG Paris' }, secret: '0123456789abcdef0123' }, 'valid-for-dkim.yaml');
    const r = await run(['parse', '--json', PROPOSAL, '--config', file], { CRIEUR_DKIM_DOMAIN: 'example.org' });
    expect(r.code).toBe(78);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'crieur: invalid configuration in the environment: CRIEUR_DKIM_DOMAIN sets dkim.domain, but dkim.selector and dkim.keyFile are missing: set CRIEUR_DKIM_SELECTOR and CRIEUR_DKIM_KEYFILE, or remove CRIEUR_DKIM_DOMAIN',
    ]);
  });

  it('a section\'s variable takes JSON (CRIEUR_EVENTS_DEFAULTS), and bad JSON exits 78 naming it', async () => {
    const ok = await run(['parse', '--json', PROPOSAL], { CRIEUR_EVENTS_DEFAULTS: '{"time":"18:30","venue":"Salle B"}' });
    expect(ok.code, ok.stderr).toBe(0);
    const bad = await run(['parse', '--json', PROPOSAL], { CRIEUR_EVENTS_DEFAULTS: '{time: 18:30}' });
    expect(bad.code).toBe(78);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^crieur: invalid configuration in the environment: CRIEUR_EVENTS_DEFAULTS='\{time: 18:30\}': not valid JSON; events\.defaults must be a JSON object/);
  });

  it('crieur start without a secret exits 78 and names the key, before touching any service', async () => {
    const file = box.writeConfig({ smtp: { url: 'smtp://127.0.0.1:1' }, inbox: { url: 'maildir:///nonexistent' } }, 'no-secret.yaml');
    const r = await run(['start', '--config', file]);
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/secret/);
  });

  it('crieur worker with an unknown queue exits 64 and lists the queues', async () => {
    const r = await run(['worker', 'classify', 'nope']);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/nope/);
    expect(r.stderr).toMatch(/deliver/);
  });

  it('parse --json on one file prints exactly one JSON object', async () => {
    const r = await run(['parse', '--json', PROPOSAL]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const obj = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(obj).not.toHaveProperty('file');
    expect(obj).toMatchObject({ kind: 'proposal', proposal: { format: expect.stringMatching(/^(talk|lightning)$/) as unknown } });
    expect(Object.keys(obj)).toEqual(expect.arrayContaining(['messageId', 'kind', 'from', 'subject', 'language', 'warnings']));
  });

  it('parse --json on several files prints NDJSON in order; an unreadable file is an error line and exit 65', async () => {
    const missing = join(box.dir, 'no-such.eml');
    const r = await run(['parse', '--json', PROPOSAL, missing, OTHER]);
    expect(r.code).toBe(65);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.file)).toEqual([PROPOSAL, missing, OTHER]);
    expect(lines[0]).toMatchObject({ kind: 'proposal' });
    expect(Object.keys(lines[1]!).sort()).toEqual(['error', 'file']);
    expect(lines[1]!.error).toEqual(expect.any(String));
    expect(lines[2]).toMatchObject({ kind: 'other' });
    // The exit 65 is said on stderr too (it said nothing), with the path, the cause in words and the fix.
    const fix = `cannot read ${missing}: no such file — check the path (a relative one is read from the current directory)`;
    expect(lines[1]!.error).toBe(fix);
    expect(r.stderr).toBe(`crieur: ${fix}\n`);
  });

  it('parse --json on several inputs, one of them not mail: its line, and one line on stderr naming it', async () => {
    const notes = join(box.dir, 'several-notes.txt');
    writeFileSync(notes, 'just some notes\nnot a message\n');
    const r = await run(['parse', '--json', PROPOSAL, notes]);
    expect(r.code).toBe(65);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)[1]).toEqual({ file: notes, error: expect.stringMatching(/^not a mail message/) as unknown });
    expect(r.stderr).toMatch(new RegExp(`^crieur: ${notes.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a mail message[^\n]*\n$`));
  });

  it('parse - of bytes that are not mail names standard input, not "-"', async () => {
    const r = await runCrieur(['parse', '--json', '-', PROPOSAL], { dir: box.dir, input: 'just some notes\n' });
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/^crieur: standard input: not a mail message/);
  });

  it('parse on one unreadable input exits 65 with a one-line reason; under --json stdout is still one object', async () => {
    const absent = join(box.dir, 'absent.eml');
    const r = await run(['parse', '--json', absent]);
    expect(r.code).toBe(65);
    expect(JSON.parse(r.stdout)).toEqual({ file: absent, error: expect.stringContaining('absent.eml') as unknown });
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(r.stderr).toContain('absent.eml');
  });

  it('parse on one input that is not mail names the file and what crieur reads, in two lines', async () => {
    const notes = join(box.dir, 'notes.txt');
    writeFileSync(notes, 'just some notes\nnot a message\n');
    const human = await run(['parse', notes]);
    expect(human.code).toBe(65);
    expect(human.stdout).toBe('');
    expect(human.stderr.trim().split('\n')).toHaveLength(2);
    expect(human.stderr).toContain(`${notes}: not a mail message`);
    const json = await run(['parse', '--json', notes]);
    expect(json.code).toBe(65);
    expect(JSON.parse(json.stdout)).toMatchObject({ file: notes, error: expect.stringMatching(/not a mail message/) as unknown });
  });

  // `crieur parse` typed at a terminal to see its usage waited, silent, for a message typed by hand. util-linux's
  // script(1) gives the child a terminal; its input is left open, as a user's keyboard is.
  it.skipIf(spawnSync('script', ['--version']).status !== 0).each([['parse'], ['ingest']])('crieur %s with no file, stdin a terminal: 64 at once, saying what to give', async (command) => {
    const child = spawn('script', ['-qec', `${process.execPath} ${join(ROOT, 'src/cli/crieur.js')} ${command}`, '/dev/null'], { cwd: box.dir, env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CRIEUR_'))) });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearTimeout(timer);
    child.stdin.end();
    expect(code, out).toBe(64);
    expect(out).toContain(`crieur: no input: give the message files (or mbox files) to ${command}, or - to read one from standard input`);
  });

  it('parse --json escapes the C1 controls and bidi marks a terminal would act on (the value read back is unchanged)', async () => {
    const file = join(box.dir, 'c1.eml');
    writeFileSync(file, 'From: Eve <eve@example.com>\r\nSubject: =?utf-8?B?' + Buffer.from('Titre \u009b2J \u202eevil').toString('base64') + '?=\r\nMessage-ID: <c1@example.com>\r\n\r\nBonjour\r\n');
    const r = await run(['parse', '--json', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0080-\u009f\u202e]/);
    expect(r.stdout).toContain('\\u009b');
    expect((JSON.parse(r.stdout) as { subject: string }).subject).toBe('Titre \u009b2J \u202eevil');
  });

  // `crieur … | head -1`: the reader gone is no failure — exit 0 and no stack trace, as `git log | head`.
  it.each([['--help'], ['--version'], ['parse', PROPOSAL]])('crieur %s into a closed pipe ends quietly with 0', async (...args) => {
    const r = await runCrieurIntoClosedPipe(args, { dir: box.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });
});

/**
 * No config file and no CRIEUR_* key: a command on services runs on built-in defaults (the demo and environment-only
 * deployments rely on them) but says so in one line — an operator in the wrong directory would otherwise read an
 * empty database, or write members into a throwaway ./data/crieur. `announce --list nope` stops (64) before opening
 * any database: the warning comes first, and nothing is created here.
 */
describe.concurrent('running on built-in defaults', { timeout: 60_000 }, () => {
  const WARNING = /^crieur: no crieur\.config\.yaml here and no --config: running on built-in defaults \(database pglite:\/\/\.\/data\/crieur\); run crieur init or pass --config FILE$/m;
  const here = (args: string[], env?: NodeJS.ProcessEnv) => runCrieur(args, { dir: box.dir, cwd: box.dir, env });

  it('says so in one line on stderr when neither a file nor a CRIEUR_* key is given', async () => {
    const r = await here(['announce', '1', '--list', 'nope']);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(WARNING);
    expect(r.stderr.match(/built-in defaults/g)).toHaveLength(1);
  });

  it('the same for a subcommand (subscribers import, stopped by its missing file before the database)', async () => {
    const r = await here(['subscribers', 'import', 'nowhere.csv']);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(WARNING);
  });

  it.each([
    ['a CRIEUR_* key', ['announce', '1', '--list', 'nope'], { CRIEUR_GROUP_NAME: 'PUG' }],
    ['--config', ['announce', '1', '--list', 'nope', '--config', 'CONFIG'], undefined],
    ['parse', ['parse', PROPOSAL], undefined],
    ['--help', ['--help'], undefined],
    ['announce --help', ['announce', '--help'], undefined],
    ['--version', ['--version'], undefined],
  ] as const)('not with %s', async (_what, args, env) => {
    const config = box.writeConfig({ group: { name: 'PUG' } }, 'defaults-some.yaml');
    const r = await here(args.map((a) => (a === 'CONFIG' ? config : a)), env);
    expect(r.stderr).not.toMatch(/built-in defaults/);
  });
});
