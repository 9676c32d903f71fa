/**
 * A file or directory a command cannot read or make, told with the path, the cause in words and the fix, and the
 * SPEC's code — never Node's "EEXIST: file already exists, mkdir 'afile'" or "ENOENT: …, open 'nope.csv'" (audit d):
 * an input that cannot be read is bad input (65); an output place that cannot be made is a runtime failure (1).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../support/cli-store.ts';
import { runCrieur, type RunResult } from '../support/crieur-process.ts';

const cli = useCliStore('file-errors', 'fer');

function expectSaid(r: RunResult, code: number, line: string): void {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr.trim()).toBe(`crieur: ${line}`);
  expect(r.stderr).not.toMatch(/EEXIST|ENOENT|ENOTDIR|mkdir '|open '|\n\s+at /);
}

describe('file errors in words, with the fix', { timeout: 200_000 }, () => {
  it('subscribers import of a file that is not there: 65, "no such file", check the path', async () => {
    const r = await cli.crieur('subscribers', 'import', join(cli.box.dir, 'nope.csv'));
    expectSaid(r, 65, `cannot read the CSV file ${join(cli.box.dir, 'nope.csv')}: no such file — check the path (a relative one is read from the current directory)`);
  });

  // parse and ingest said « cannot read nope.eml: no such file » with no fix, and ingest named stdin « - ».
  it('ingest of a file that is not there: 65, the cause in words and the fix; stdin is named standard input', async () => {
    const nope = join(cli.box.dir, 'nope.eml');
    const r = await cli.crieur('ingest', nope);
    expect(r.code, r.stderr).toBe(65);
    expect(r.stderr).toBe(`crieur: cannot read ${nope}: no such file — check the path (a relative one is read from the current directory)\n`);
    const stdin = await runCrieur(['ingest', '-', '--config', cli.configFile], { dir: cli.box.dir, input: 'just some notes\n', timeoutMs: 120_000 });
    expect(stdin.code, stdin.stderr).toBe(65);
    expect(stdin.stderr).toMatch(/^crieur: standard input: not a mail message/);
  });

  it('announce --out and digest --out onto a file: 1, "it is a file, not a directory", choose a directory', async () => {
    const afile = join(cli.box.dir, 'afile');
    writeFileSync(afile, 'in the way');
    const ev = await cli.store.events.create({ date: new Date(Date.now() + 30 * 86_400_000), venue: 'Salle 1', title: null });
    const said = `cannot create the directory ${afile}: it is a file, not a directory — choose a directory for --out (one that does not exist yet is created)`;
    expectSaid(await cli.crieur('announce', String(ev.id), '--out', afile), 1, said);
    expectSaid(await cli.crieur('digest', '--out', afile), 1, said);
  });

  // mkdir -p under /proc: Node's recursive mkdir spun one core forever there (each mkdir answers ENOENT, the parent is
  // found, it tries again). Each command with --out, and init DIR: one line, exit 1, within seconds.
  it.skipIf(!existsSync('/proc/self'))('--out under /proc (no directory can be made there): 1, said in one line, not a spinning process', async () => {
    const ev = await cli.store.events.create({ date: new Date(Date.now() + 40 * 86_400_000), venue: 'Salle 2', title: null });
    const run = (...args: string[]) => runCrieur([...args, '--config', cli.configFile], { dir: cli.box.dir, timeoutMs: 45_000 });
    const fix = 'choose another directory for --out';
    expectSaid(await run('announce', String(ev.id), '--out', '/proc/nope'), 1, `cannot create the directory /proc/nope: this file system makes no directory there — ${fix}`);
    expectSaid(await run('call', '--out', '/proc/nope/call'), 1, `cannot create the directory /proc/nope/call: this file system makes no directory there (at /proc/nope) — ${fix}`);
    expectSaid(await run('digest', '--out', '/proc/nope'), 1, `cannot create the directory /proc/nope: this file system makes no directory there — ${fix}`);
    const init = await runCrieur(['init', '/proc/nope'], { dir: cli.box.dir, timeoutMs: 45_000 });
    expectSaid(init, 1, 'cannot create the directory /proc/nope: this file system makes no directory there — choose another directory for DIR');
  });
});
