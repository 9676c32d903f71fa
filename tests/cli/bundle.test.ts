/**
 * The bin runs dist/ only while it is the build of the files as they are now (src/cli/bundle.js), else the sources
 * through tsx: someone editing src/ must never run stale code. Driven on a small checkout of its own in a temp dir —
 * the real bin, bundle.js and stop-signal.js, a src/cli/main.ts and a dist/ whose entries say which one ran — so
 * the rule is exercised end to end (tsx included) without rebuilding the project.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestFiles, freshBundle, MANIFEST_FORMAT } from '../../src/cli/bundle.js';
import { ROOT } from '../support/crieur-process.ts';

let dir: string;
const SOURCE = 'src/cli/main.ts';
const mainTs = (word: string) => `export async function main(): Promise<number> { process.stdout.write('sources ${word}\\n'); return 0; }\n`;

function writeBundle(opts: { files?: string[]; format?: number } = {}): void {
  const files = opts.files ?? [SOURCE, 'src/cli/helper.ts'];
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'dist/main.js'), "export async function main() { process.stdout.write('bundle\\n'); return 0; }\n");
  const digest = digestFiles(pathToFileURL(`${dir}/`).href, files);
  writeFileSync(join(dir, 'dist/manifest.json'), JSON.stringify({ format: opts.format ?? MANIFEST_FORMAT, entry: 'main.js', files, digest }));
}

function run(): string {
  const r = spawnSync(process.execPath, [join(dir, 'src/cli/crieur.js'), 'parse'], { encoding: 'utf8', timeout: 30_000 });
  expect(r.stderr).toBe('');
  return r.stdout.trim();
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crieur-bundle-'));
  mkdirSync(join(dir, 'src/cli'), { recursive: true });
  for (const f of ['crieur.js', 'bundle.js', 'stop-signal.js']) copyFileSync(join(ROOT, 'src/cli', f), join(dir, 'src/cli', f));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the bin: the bundle when it is up to date, else the sources', () => {
  it('runs the sources through tsx when there is no bundle', () => {
    writeFileSync(join(dir, SOURCE), mainTs('v1'));
    writeFileSync(join(dir, 'src/cli/helper.ts'), 'export const x = 1;\n');
    rmSync(join(dir, 'dist'), { recursive: true, force: true });
    expect(run()).toBe('sources v1');
  });

  it('runs the bundle built from the files as they are', () => {
    writeBundle();
    expect(run()).toBe('bundle');
  });

  it('runs the sources once one of them changed, and the bundle again once the change is undone', () => {
    writeFileSync(join(dir, 'src/cli/helper.ts'), 'export const x = 2;\n');
    expect(run()).toBe('sources v1');
    writeFileSync(join(dir, 'src/cli/helper.ts'), 'export const x = 1;\n');
    expect(run()).toBe('bundle');
  });

  it('is not fooled by a changed file that kept its old mtime and size', () => {
    const file = join(dir, 'src/cli/helper.ts');
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(file, old, old);
    writeBundle();
    writeFileSync(file, 'export const x = 3;\n');
    utimesSync(file, old, old);
    expect(run()).toBe('sources v1');
    writeFileSync(file, 'export const x = 1;\n');
  });

  it('runs the sources when a file the bundle was built from is gone', () => {
    writeFileSync(join(dir, 'src/cli/gone.ts'), 'export {};\n');
    writeBundle({ files: [SOURCE, 'src/cli/helper.ts', 'src/cli/gone.ts'] });
    expect(run()).toBe('bundle');
    unlinkSync(join(dir, 'src/cli/gone.ts'));
    expect(run()).toBe('sources v1');
  });

  it('runs the sources when the bundle comes from another build script (manifest format)', () => {
    writeBundle({ format: MANIFEST_FORMAT + 1 });
    expect(run()).toBe('sources v1');
  });

  it('says why the bundle is not used', () => {
    const root = pathToFileURL(`${dir}/`).href;
    writeBundle();
    expect(freshBundle(root)).toEqual({ entry: pathToFileURL(join(dir, 'dist/main.js')).href });
    writeFileSync(join(dir, SOURCE), mainTs('v2'));
    expect(freshBundle(root)).toEqual({ stale: 'sources changed since the bundle was built' });
    expect(run()).toBe('sources v2');
    rmSync(join(dir, 'dist'), { recursive: true });
    expect(freshBundle(root)).toEqual({ stale: 'no bundle (npm run build)' });
  });
});
