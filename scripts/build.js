#!/usr/bin/env node
// `npm run build`, also run by `prepare` (so by `npm ci`): bundles the CLI into dist/ with esbuild, so that `crieur`
// starts without compiling TypeScript at run time (tsx's loader transformed every .ts file on each start: most of
// `crieur parse`'s second). One entry, src/cli/main.ts; each command it loads on demand stays a chunk of its own
// (code splitting), so `parse` still never loads BullMQ, PGlite or MJML. The bin (src/cli/crieur.js) runs dist/ only
// while its manifest matches the files on disk (src/cli/bundle.js), else the sources through tsx.
//
// The bundle is not relocatable, on purpose: it lives in the checkout, beside src/ and templates/.
// - `import.meta.url` in crieur's sources keeps meaning the *source* file's URL (templates/, the .sql migrations
//   and package.json are found relative to it): the build rewrites it to that file's URL seen from dist/.
// - src/cli/stop-signal.js stays the one module the bin already loaded (a SIGTERM that came while loading is kept
//   there), imported from dist/ at its own path rather than copied in.
// - Only the packages of the fast commands are bundled in (INLINE); every other import stays a run-time import
//   from node_modules, as under tsx — among them those that read their own files at run time (PGlite's .wasm,
//   Bull Board's pages, pino's worker threads, playwright) or have optional native parts (pg-native, msgpackr).
import { build } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL, URL } from 'node:url';
import { digestFiles, DIST_DIR, MANIFEST, MANIFEST_FORMAT } from '../src/cli/bundle.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ROOT_URL = pathToFileURL(ROOT).href.replace(/\/?$/, '/');
const ENTRY = 'src/cli/main.ts';

/** Bundled in: what `crieur parse`, `--help`, `--version` and the configuration load (their start-up is the goal). */
const INLINE = new Set(['commander', 'yaml', 'zod', 'luxon', 'chrono-node', 'franc-min', 'mailparser', 'libmime', 'html-to-text', 'he', 'iconv-lite']);
/** Crieur's files imported from dist/ at their own path, one module shared with the bin. */
const SHARED = new Set(['src/cli/stop-signal.js']);
/** Files outside the module graph that decide the bundle's contents: a change to one makes the bundle stale. */
const BUILD_INPUTS = ['scripts/build.js', 'src/cli/bundle.js', 'tsconfig.json'];

const posix = (p) => p.split(path.sep).join('/');
const fromRoot = (file) => posix(path.relative(ROOT, file));
const packageName = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

const layout = {
  name: 'crieur-layout',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      if (isBuiltin(args.path)) return { path: args.path, external: true };
      if (args.path.startsWith('.') || args.path.startsWith('/')) {
        const rel = fromRoot(path.resolve(args.resolveDir, args.path));
        return SHARED.has(rel) ? { path: `../${rel}`, external: true } : undefined;
      }
      // A dependency of a bundled package comes along with it; crieur's own imports are bundled only if INLINE.
      if (args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      return INLINE.has(packageName(args.path)) ? undefined : { path: args.path, external: true };
    });
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const rel = fromRoot(args.path);
      if (rel.startsWith('..') || rel.includes('node_modules/')) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (/import\.meta\.(dirname|filename|resolve)\b/.test(source)) {
        return { errors: [{ text: `${rel}: use import.meta.url (the build maps it back to the source file), not import.meta.dirname/filename/resolve` }] };
      }
      const here = `new URL(${JSON.stringify(`../${rel}`)}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', here), loader: 'ts', resolveDir: path.dirname(args.path) };
    });
  },
};

/** The files the bundle was built from: crieur's own inputs, each bundled package's package.json, BUILD_INPUTS. */
function manifestFiles(inputs) {
  const own = new Set();
  const packages = new Set();
  for (const input of Object.keys(inputs)) {
    const at = input.lastIndexOf('node_modules/');
    if (at === -1) {
      own.add(input);
      continue;
    }
    const rest = input.slice(at + 'node_modules/'.length);
    packages.add(`${input.slice(0, at)}node_modules/${packageName(rest)}/package.json`);
  }
  return [...[...own].sort(), ...[...packages].sort(), ...BUILD_INPUTS];
}

export async function buildBundle() {
  const started = Date.now();
  const dist = path.join(ROOT, DIST_DIR);
  // Built beside dist/ and swapped in whole: a `crieur` starting meanwhile sees the old bundle or the new one.
  const tmp = `${dist}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: tmp,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    plugins: [layout],
    metafile: true,
    logLevel: 'warning',
    // CommonJS packages bundled into ES modules call require() for Node's own modules.
    banner: { js: "import { createRequire as __crieurCreateRequire } from 'node:module'; const require = __crieurCreateRequire(import.meta.url);" },
  });
  const files = manifestFiles(result.metafile.inputs);
  const entry = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === ENTRY)?.[0];
  if (!entry) throw new Error(`esbuild wrote no output for ${ENTRY}`);
  const manifest = { format: MANIFEST_FORMAT, entry: path.basename(entry), files, digest: digestFiles(ROOT_URL, files) };
  writeFileSync(path.join(tmp, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
  const old = `${dist}.old-${process.pid}`;
  try {
    renameSync(dist, old);
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
  try {
    renameSync(tmp, dist);
  } catch (err) {
    // Another build swapped its dist/ in first (two test runs in one checkout): it is as good as this one.
    if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
    rmSync(tmp, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  const outputs = Object.keys(result.metafile.outputs).length;
  return { ms: Date.now() - started, outputs, bytes, files: files.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const r = await buildBundle();
  process.stdout.write(`${DIST_DIR}/: ${r.outputs} modules, ${(r.bytes / 1e6).toFixed(1)} MB, from ${r.files} files, in ${r.ms} ms\n`);
}
