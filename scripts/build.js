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
// - Some sources load CommonJS packages with `const require = createRequire(import.meta.url)` (under tsx, an import
//   would send each of their files through the loader's hooks thread). The build drops that line: the `require`
//   calls below it become plain ones, which esbuild bundles in (tests/cli/build.test.ts checks they are).
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL, URL } from 'node:url';
import { digestFiles, DIST_DIR, MANIFEST, MANIFEST_FORMAT } from '../src/cli/bundle.js';
import { makeTemplate, TEMPLATE_DIR } from '../src/adapters/db/pglite-template.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ROOT_URL = pathToFileURL(ROOT).href.replace(/\/?$/, '/');
const ENTRY = 'src/cli/main.ts';

/** Bundled in: what `crieur parse`, `--help`, `--version` and the configuration load (their start-up is the goal). */
const INLINE = new Set(['commander', 'yaml', 'zod', 'luxon', 'chrono-node', 'franc-min', 'mailparser', 'libmime', 'html-to-text', 'he', 'iconv-lite']);
/** Crieur's files imported from dist/ at their own path, one module shared with the bin. */
const SHARED = new Set(['src/cli/stop-signal.js']);
/** Files outside the module graph that decide the bundle's contents: a change to one makes the bundle stale. */
const BUILD_INPUTS = ['scripts/build.js', 'src/cli/bundle.js', 'tsconfig.json'];
/** An older build's directory is removed by a later build once it is this old (no start-up takes that long). */
const OLD_BUILD_MS = 10 * 60_000;
/** A source's own `require` for CommonJS packages (see the header): dropped, so that its calls are bundled. */
const LOCAL_REQUIRE = /^const require = createRequire\(import\.meta\.url\);$/gm;
/** From a build's directory (dist/build-…/) back to the checkout's root. */
const TO_ROOT = '../../';

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
        return SHARED.has(rel) ? { path: `${TO_ROOT}${rel}`, external: true } : undefined;
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
      const here = `new URL(${JSON.stringify(`${TO_ROOT}${rel}`)}, import.meta.url).href`;
      const contents = source.replace(LOCAL_REQUIRE, '// (require: bundled in by scripts/build.js)').replaceAll('import.meta.url', here);
      return { contents, loader: 'ts', resolveDir: path.dirname(args.path) };
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

export async function buildBundle(attempt = 1) {
  const started = Date.now();
  const dist = path.join(ROOT, DIST_DIR);
  // Each build writes a directory of its own, then points dist/manifest.json at it (a rename, atomic): a `crieur`
  // starting meanwhile loads the old build or the new one whole — main.js imports its command's chunk a moment
  // after it started, so an older build's files are removed only once no start-up can still be reading them.
  const name = `build-${Date.now().toString(36)}-${process.pid}`;
  const out = path.join(dist, name);
  mkdirSync(out, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: out,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]', // a command's chunk is parse-HASH.js, a shared one chunk-HASH.js
    plugins: [layout],
    metafile: true,
    logLevel: 'warning',
    // Stack traces (`--verbose`) name the .ts sources: the bin turns source maps on for --verbose only.
    sourcemap: 'linked',
    // CommonJS packages bundled into ES modules call require() for Node's own modules.
    banner: { js: "import { createRequire as __crieurCreateRequire } from 'node:module'; const require = __crieurCreateRequire(import.meta.url);" },
  });
  const files = manifestFiles(result.metafile.inputs);
  const entry = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === ENTRY)?.[0];
  if (!entry) throw new Error(`esbuild wrote no output for ${ENTRY}`);
  // The digest is taken after esbuild read the files: one edited meanwhile would be digested as it is now while the
  // bundle holds it as it was — a stale bundle the bin would take for fresh (seen: two people editing while a third built).
  // Then build again, from the files as they are.
  const editedDuring = files.filter((f) => statSync(new URL(f, ROOT_URL)).mtimeMs >= started - 2);
  if (editedDuring.length > 0 && attempt < 3) {
    rmSync(out, { recursive: true, force: true });
    return buildBundle(attempt + 1);
  }
  const manifest = { format: MANIFEST_FORMAT, entry: `${name}/${path.basename(entry)}`, files, digest: digestFiles(ROOT_URL, files) };
  const tmp = path.join(dist, `${MANIFEST}.${process.pid}`);
  writeFileSync(tmp, `${JSON.stringify(manifest, null, 1)}\n`);
  renameSync(tmp, path.join(dist, MANIFEST));
  for (const old of readdirSync(dist)) {
    const at = path.join(dist, old);
    if (old.startsWith('build-') && old !== name && Date.now() - statSync(at).mtimeMs > OLD_BUILD_MS) rmSync(at, { recursive: true, force: true });
  }
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  const outputs = Object.keys(result.metafile.outputs).length;
  return { ms: Date.now() - started, outputs, bytes, files: files.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const r = await buildBundle();
  process.stdout.write(`${DIST_DIR}/: ${r.outputs} modules, ${(r.bytes / 1e6).toFixed(1)} MB, from ${r.files} files, in ${r.ms} ms\n`);
  // New pglite:// directories are copies of this cluster instead of an initdb each (src/adapters/db/pglite-template.js).
  // Without it crieur works as well, only slower to make a database: a failure here is said, not fatal.
  try {
    const t = await makeTemplate(ROOT);
    if (t.made) process.stdout.write(`${TEMPLATE_DIR}/: a fresh PGlite cluster for new databases, in ${t.ms} ms\n`);
  } catch (err) {
    process.stderr.write(`warning: no PGlite template (${err.message}): each new pglite:// database runs initdb instead (≈ 10 s, ≈ 900 MB)\n`);
  }
}
