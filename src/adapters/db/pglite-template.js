// A fresh PGlite cluster made once, when crieur is installed (scripts/build.js, run by `prepare`, so by `npm ci`), and
// copied into each new pglite:// directory instead of running initdb there. initdb inside WebAssembly is most of a
// first start's cost: PGlite runs a second PostgreSQL instance and the initdb module beside the one it keeps, each
// with WebAssembly memory that never shrinks — measured 2026-12-02 on one fresh directory: 8.9 s and 915 MB peak
// RSS, against a copy of the 39 MB template (≈ 0.2–0.6 s) and an ordinary open of an existing cluster (≈ 0.7 s,
// ≈ 320 MB). The demo, a first `crieur start` and every test that makes a database pay the smaller figures.
//
// A copy of a cluster that was shut down cleanly is that cluster (as `cp -a` of a stopped PostgreSQL's data
// directory): nothing in it names the path it lives at. The template holds no crieur table — migrations run on it as
// on a new cluster — so it does not go stale when crieur changes; it is tied only to the PGlite build that made it,
// whose version its VERSION file names: with another PGlite installed (or no template: `npm ci --ignore-scripts`),
// a new directory is made by initdb as before.
//
// Plain JavaScript: scripts/build.js makes the template before any TypeScript loader exists.
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Where the template lives under the checkout's root. */
export const TEMPLATE_DIR = 'dist/pglite-template';
const VERSION_FILE = 'VERSION';
/** A copy in progress: renamed to pgdata once whole, so that a crash mid-copy leaves no half cluster behind. */
const PARTIAL = 'pgdata.partial-';

/** The installed PGlite's version (its package.json, found from its entry point: its exports map hides the file). */
export function pgliteVersion() {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      if (pkg.name === '@electric-sql/pglite') return String(pkg.version);
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the version of @electric-sql/pglite');
    dir = up;
  }
}

/** The template's data directory when one made by the installed PGlite is there, else null. */
export function usableTemplate(rootDir) {
  const dir = path.join(rootDir, TEMPLATE_DIR);
  try {
    return readFileSync(path.join(dir, VERSION_FILE), 'utf8').trim() === pgliteVersion() ? path.join(dir, 'pgdata') : null;
  } catch {
    return null;
  }
}

/**
 * Makes `pgdata` (which must not exist) a copy of the template: true, or false when there is no usable template (the
 * caller lets PGlite run initdb). The caller holds the directory's lock, so the leftovers of a copy a crash cut short
 * are its to remove. A copy that fails (a full disk, a parent not writable) throws, with nothing left behind — but
 * for a template this user cannot read: false, as with none. `npm ci` runs as the installer (root) and the service as
 * its own user (`crieur init`'s unit: User=crieur); a template built before its modes were shared (below) has a file
 * PGlite wrote 0600, and its copy failed as "permission denied" on the database's own directory, whose fix
 * (make its parent writable) was not the cause. `copy` is cpSync but for tests, which run as root and are never
 * refused a read.
 */
export function copyTemplate(rootDir, pgdata, copy = cpSync) {
  const template = usableTemplate(rootDir);
  if (!template) return false;
  const parent = path.dirname(pgdata);
  for (const name of readdirSync(parent)) if (name.startsWith(PARTIAL)) rmSync(path.join(parent, name), { recursive: true, force: true });
  const partial = path.join(parent, `${PARTIAL}${process.pid}`);
  try {
    copy(template, partial, { recursive: true });
    renameSync(partial, pgdata);
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    if (refusedRead(err, template)) return false;
    throw err;
  }
  return true;
}

/** A read of the template refused to this user (EACCES/EPERM on a path inside it), not a write of the copy. */
function refusedRead(err, template) {
  const e = /** @type {NodeJS.ErrnoException} */ (err);
  const at = typeof e?.path === 'string' ? path.resolve(e.path) : '';
  return (e?.code === 'EACCES' || e?.code === 'EPERM') && (at === template || at.startsWith(template + path.sep));
}

/**
 * The template as installed: readable by every user, writable by its builder only (directories 0755, files 0644).
 * PGlite writes its files 0666 whatever the umask (any local user could change what every new database starts from)
 * and one, pg_logical/replorigin_checkpoint, 0600 (the service's user could not copy it). A template already there
 * is set so too, as `npm run build` or `npm ci` after an upgrade keeps a usable one.
 */
function shareModes(dir) {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) shareModes(p);
    else if (entry.isFile()) chmodSync(p, 0o644);
  }
}

/**
 * Makes the template under rootDir unless one made by the installed PGlite is there. Built aside and renamed into
 * place whole (a build running meanwhile, or cut short, never leaves a half template that would be copied).
 * Returns what it did, for the build's output line.
 */
export async function makeTemplate(rootDir) {
  if (usableTemplate(rootDir)) {
    try {
      shareModes(path.join(rootDir, TEMPLATE_DIR));
    } catch {
      // Another user's template (a build by hand in a checkout root installed): left as it is; a copy it refuses falls back to initdb.
    }
    return { made: false };
  }
  const started = Date.now();
  const dir = path.join(rootDir, TEMPLATE_DIR);
  const aside = `${dir}.partial-${process.pid}`;
  rmSync(aside, { recursive: true, force: true });
  mkdirSync(aside, { recursive: true });
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const pg = await PGlite.create(path.join(aside, 'pgdata'));
    await pg.query('SELECT 1');
    await pg.close(); // a clean shut-down: the copy needs no recovery
    writeFileSync(path.join(aside, VERSION_FILE), `${pgliteVersion()}\n`);
    shareModes(aside);
    rmSync(dir, { recursive: true, force: true });
    renameSync(aside, dir);
  } catch (err) {
    rmSync(aside, { recursive: true, force: true });
    throw err;
  }
  return { made: true, ms: Date.now() - started };
}
