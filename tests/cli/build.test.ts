/**
 * The bundle keeps commands on demand: what `crieur parse` and `crieur --version` load from dist/ (the entry, the
 * command's chunk, and the chunks they import statically) holds none of the heavy parts of the other commands.
 * And it understands mail exactly as the sources do. Read from the build the test run uses (the global set-up
 * rebuilds dist/ when stale).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freshBundle } from '../../src/cli/bundle.js';
import { mailparserReader } from '../../src/adapters/mailparser.ts';
import { parseContextFrom, parseRawMessage } from '../../src/app/parse-message.ts';
import { loadConfig } from '../../src/config/load.ts';
import { ROOT, runCrieur, sandbox } from '../support/crieur-process.ts';

const HEAVY = ['bullmq', 'ioredis', 'pg', '@electric-sql/pglite', 'mjml', 'playwright-core', 'nodemailer', 'imapflow', 'express', 'pino'];

/** Every file a module of the build loads before it runs (static imports, followed), and the packages it imports. */
function staticClosure(entry: string): { files: string[]; packages: Set<string>; text: string } {
  const dir = dirname(entry);
  const seen = new Set<string>();
  const packages = new Set<string>();
  let text = '';
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    text += source;
    // Static imports only (a dynamic import() is what "on demand" means): `import … from "x"` and `import "x"`.
    for (const m of source.matchAll(/^import\s+(?:[^'";]*?\s+from\s+)?["']([^"']+)["'];?$/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('./')) visit(join(dir, spec));
      else if (!spec.startsWith('node:') && !spec.startsWith('../')) packages.add(spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'));
    }
  };
  visit(entry);
  return { files: [...seen], packages, text };
}

describe('the bundle keeps each command on demand', () => {
  const bundle = freshBundle(new URL(`file://${ROOT}/`));
  const entry = fileURLToPath(bundle.entry ?? 'file:///missing');

  it('is the build the bin runs in this test run', () => {
    expect(bundle).toEqual({ entry: expect.stringMatching(/\/dist\/build-[^/]+\/main\.js$/) });
  });

  it('--version and --help load no package of any command (commander only)', () => {
    const main = staticClosure(entry);
    expect([...main.packages]).toEqual([]);
    expect(main.text).toContain('// node_modules/commander/');
    expect(main.text).not.toContain('// node_modules/mailparser/');
    expect(main.text).not.toContain('// node_modules/zod/');
  });

  it('parse loads mailparser, the configuration and the core, and none of BullMQ, PGlite, MJML, SMTP, IMAP', () => {
    const chunk = readdirSync(dirname(entry)).find((f) => /^parse-[A-Z0-9]+\.js$/.test(f));
    expect(chunk).toBeDefined();
    const parse = staticClosure(join(dirname(entry), chunk!));
    for (const heavy of HEAVY) expect(parse.packages).not.toContain(heavy);
    for (const inlined of ['mailparser', 'zod', 'chrono-node', 'yaml']) expect(parse.text).toContain(`// node_modules/${inlined}/`);
  });

  it('start loads the queue, the database and the mail server clients (they stay run-time imports from node_modules)', () => {
    const chunk = readdirSync(dirname(entry)).find((f) => /^start-[A-Z0-9]+\.js$/.test(f));
    const start = staticClosure(join(dirname(entry), chunk!));
    for (const pkg of ['bullmq', 'ioredis', '@electric-sql/pglite', 'imapflow', 'nodemailer']) expect(start.packages).toContain(pkg);
  });
});

describe('the bundle under --verbose', () => {
  it("prints a stack trace that names the .ts sources, not the bundle's chunks", { timeout: 60_000 }, async () => {
    const box = sandbox('bundle-verbose');
    try {
      const r = await runCrieur(['parse', join(box.dir, 'missing.eml'), '--verbose'], { dir: box.dir, timeoutMs: 50_000 });
      expect(r.code).toBe(65);
      expect(r.stderr).toMatch(/^crieur: cannot read .*missing\.eml: no such file — check the path/m);
      expect(r.stderr).toMatch(/\/src\/cli\/commands\/parse\.ts:\d+:\d+\)$/m);
      expect(r.stderr).not.toContain('/dist/');
    } finally {
      await box.cleanup();
    }
  });
});

describe('the bundle understands mail as the sources do', () => {
  it('parse --json over every fixture: the same objects as the sources in this process', { timeout: 120_000 }, async () => {
    const box = sandbox('bundle-parse');
    try {
      const configFile = join(box.dir, 'crieur.config.yaml');
      writeFileSync(configFile, 'group:\n  name: Bundle test\n');
      const dir = join(ROOT, 'tests/fixtures/proposals');
      const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().map((f) => join(dir, f));
      const r = await runCrieur(['parse', '--json', '--config', configFile, ...files], { dir: box.dir, timeoutMs: 100_000 });
      expect(r.code, r.stderr).toBe(0);
      const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(files.length);
      const ctx = parseContextFrom(loadConfig({ file: configFile, env: {} }));
      for (const [i, file] of files.entries()) {
        const outcome = await parseRawMessage(readFileSync(file), ctx, mailparserReader);
        expect(outcome.ok).toBe(true);
        expect(lines[i], file).toEqual(JSON.parse(JSON.stringify({ file, ...(outcome.ok ? outcome.result : {}) })));
      }
    } finally {
      await box.cleanup();
    }
  });
});
