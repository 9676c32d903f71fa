/**
 * A file that could not be read or made, said in words: an errno code alone ("ENOENT", "EACCES: permission denied,
 * mkdir '…'") names no cause a user reads, and no fix (SPEC: errors name the cause and the fix). One text for every
 * command: the path, the cause in words, the fix for that cause and that kind of path, and the exit code.
 *
 * Exit codes (SPEC): a file given as input that cannot be read is bad input data, 65; a path the configuration
 * names (the configuration file, `database.url`'s PGlite directory, `templates.dir`) is the configuration's to fix,
 * 78; a place to write output to (`--out DIR`, `init DIR`) that cannot be made is a runtime failure, 1 (SPEC's
 * codes have no EX_CANTCREAT; scripts see one of 0 1 64 65 75 78).
 */
const WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EEXIST: 'a file of that name is in the way',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  // Not an errno: src/adapters/make-dir.ts's, for a mkdir answered ENOENT although its parent is a directory (/proc).
  EMKDIR: 'this file system makes no directory there',
};

export function fileErrorText(err: unknown): string {
  const e = err as { code?: string; message?: string } | null;
  return (e?.code && WORDS[e.code]) ?? e?.code ?? e?.message ?? String(err);
}

/** What the path is to the command: what it reads, what the configuration names, or where it writes. */
export type FileRole = 'input' | 'config' | 'output';

export const FILE_EXIT: Readonly<Record<FileRole, number>> = { input: 65, config: 78, output: 1 };

export interface FileContext {
  path: string;
  role: FileRole;
  /** What was done to it: read or write (a file), create or open (a directory). Default: read for input and config, create for output. */
  action?: 'read' | 'create' | 'write' | 'open';
  /** The path's name in the sentence ("the CSV file", "the PGlite directory"); none by default. */
  what?: string;
  /** Where the path was given, for the fix: `database.url`, `templates.dir`, `--out`, `DIR`. */
  setting?: string;
  /** A fix of the caller's for some causes (errno codes), instead of the generic one. */
  fixes?: Readonly<Partial<Record<string, string>>>;
}

/** An error the CLI reports as it is, with its exit code (main.ts: any error carrying a numeric exitCode). */
export class FileError extends Error {
  readonly code = 'EFILE';
  constructor(
    message: string,
    readonly exitCode: number,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FileError';
  }
}

/** `cannot read the CSV file nope.csv: no such file — check the path (relative to /home/x)`. */
export function fileErrorMessage(err: unknown, ctx: FileContext): string {
  const e = err as NodeJS.ErrnoException | null;
  const code = e?.code ?? '';
  const action = ctx.action ?? (ctx.role === 'output' ? 'create' : 'read');
  const isDir = action === 'create';
  const namesDir = /dir/i.test(ctx.what ?? '') || action === 'open';
  let cause = fileErrorText(err);
  if (code === 'ENOENT' && isDir) cause = 'a part of the path does not exist';
  if (code === 'ENOENT' && !isDir && namesDir) cause = 'no such directory';
  if (code === 'ENOTDIR' && !isDir && namesDir) cause = 'it is a file, not a directory';
  if (code === 'EEXIST' && isDir) cause = 'it is a file, not a directory';
  // mkdir -p fails on a parent: name it when it is not the path itself.
  const at = e?.path && e.path !== ctx.path && !ctx.path.endsWith(e.path) ? ` (at ${e.path})` : '';
  const fix = ctx.fixes?.[code] ?? genericFix(code, ctx, isDir);
  return `cannot ${action} ${ctx.what ? `${ctx.what} ` : ''}${ctx.path}: ${cause}${at} — ${fix}`;
}

export function fileError(err: unknown, ctx: FileContext): FileError {
  return new FileError(fileErrorMessage(err, ctx), FILE_EXIT[ctx.role], ctx.path, { cause: err });
}

function genericFix(code: string, ctx: FileContext, isDir: boolean): string {
  const denied = code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
  const inTheWay = code === 'EEXIST' || code === 'ENOTDIR';
  const setting = ctx.setting;
  switch (ctx.role) {
    case 'input':
      if (code === 'ENOENT') return 'check the path (a relative one is read from the current directory)';
      if (denied) return 'make it readable by this user, or run as a user who can read it';
      if (code === 'EISDIR') return 'give a file, not a directory';
      return 'check the file';
    case 'config': {
      const choose = setting ? `correct ${setting}` : 'correct the path';
      if (isDir) {
        if (denied) return `make its parent directory writable by the user crieur runs as, or ${choose}`;
        if (inTheWay) return setting ? `choose another directory in ${setting}` : 'choose another directory';
        return choose;
      }
      if (code === 'ENOENT') return `create it, or ${choose}`;
      if (denied) return `make it readable by the user crieur runs as, or ${choose}`;
      if (inTheWay || code === 'EISDIR') return choose;
      return `check it, or ${choose}`;
    }
    case 'output': {
      const where = setting ? ` for ${setting}` : '';
      if (inTheWay) return isDir ? `choose a directory${where} (one that does not exist yet is created)` : `choose another name${where}`;
      if (denied) return `choose a directory${where} this user can write to`;
      if (code === 'ENOSPC' || code === 'EDQUOT') return 'free some space, or choose another place';
      return `choose another directory${where}`;
    }
  }
}
