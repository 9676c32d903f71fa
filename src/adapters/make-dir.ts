/**
 * A directory made (`--out DIR`, `init DIR`, `database.url`'s PGlite directory) with its missing parents one level at a time —
 * never Node's `mkdir(path, { recursive: true })`, which spins one core forever where a file system answers ENOENT to
 * every mkdir (/proc, some FUSE mounts): it reads ENOENT as "the parent is missing", finds the parent there, tries
 * again. Here each missing level is made once, from the deepest one that exists; one that cannot be made is an error
 * the caller words with src/core/text/file-error.ts (`EMKDIR` when its parent is a directory and mkdir still says
 * ENOENT). A file in the way is EEXIST (the path itself) or ENOTDIR (a parent), as mkdir -p says.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function makeDir(dir: string): Promise<void> {
  // The levels to make, deepest last: walked up until one exists (the path as given: a relative one stays relative).
  const missing: string[] = [];
  for (let p = dir; ; ) {
    const st = await stat(p).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (st) {
      if (!st.isDirectory()) throw errno(missing.length === 0 ? 'EEXIST' : 'ENOTDIR', p);
      break;
    }
    missing.unshift(p);
    const parent = dirname(p);
    if (parent === p) break;
    p = parent;
  }
  for (const p of missing) {
    await mkdir(p).catch(async (err: NodeJS.ErrnoException) => {
      // Made meanwhile by someone else: as good as made here.
      if (err.code === 'EEXIST' && (await stat(p).catch(() => null))?.isDirectory()) return;
      // Its parent is there (found, or made just before), yet ENOENT: the file system makes no directory here.
      if (err.code === 'ENOENT') throw errno('EMKDIR', p);
      throw err;
    });
  }
}

function errno(code: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: mkdir '${path}'`), { code, path, syscall: 'mkdir' });
}
