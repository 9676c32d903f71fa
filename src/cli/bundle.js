// The prebuilt bundle in dist/ (scripts/build.js, run by `npm run build` and by `prepare`, so by `npm ci`), and the
// rule that decides whether the bin may run it: only when it is the build of the files as they are *now*. The
// manifest lists every file the bundle was built from (crieur's own sources, the package.json of each package
// bundled in, the build script and tsconfig.json) with a digest of their contents; the bin recomputes that digest
// from the files on disk (≈ 250 files, 15–20 ms of CPU on the loaded 2-core machine) and runs the sources through
// tsx when it differs, when a file is gone, or when there is no bundle. Content rather than mtimes: a checkout, a
// `git stash pop` or a copy that keeps old mtimes cannot fool it, and an edit that is undone counts as no edit.
// Plain JavaScript: the bin imports it before any TypeScript loader exists.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { URL } from 'node:url';

/** Bumped when the manifest's meaning changes: a bundle from an older build script is then stale. */
export const MANIFEST_FORMAT = 1;
export const DIST_DIR = 'dist';
export const MANIFEST = 'manifest.json';

/** sha256 over the files' relative paths and contents, in the order given. Throws when one cannot be read. */
export function digestFiles(rootUrl, files) {
  const hash = createHash('sha256');
  for (const file of files) {
    const bytes = readFileSync(new URL(file, rootUrl));
    hash.update(`${file}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/**
 * The bundle's entry module (a file: URL) when dist/ holds the build of the current files, else `{ stale: why }`.
 * rootUrl: the checkout's root, ending with '/'.
 */
export function freshBundle(rootUrl) {
  const distUrl = new URL(`${DIST_DIR}/`, rootUrl);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL(MANIFEST, distUrl), 'utf8'));
  } catch {
    return { stale: 'no bundle (npm run build)' };
  }
  if (manifest?.format !== MANIFEST_FORMAT || !Array.isArray(manifest.files) || typeof manifest.entry !== 'string') {
    return { stale: 'bundle from another build script' };
  }
  let digest;
  try {
    digest = digestFiles(rootUrl, manifest.files);
  } catch {
    return { stale: 'a file the bundle was built from is gone' };
  }
  if (digest !== manifest.digest) return { stale: 'sources changed since the bundle was built' };
  return { entry: new URL(manifest.entry, distUrl).href };
}
