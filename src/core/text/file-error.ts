/**
 * A file that could not be read, said in words: an errno code alone ("ENOENT") names no cause a user reads, and no
 * fix (SPEC: errors name the cause and the fix).
 */
const WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
};

export function fileErrorText(err: unknown): string {
  const e = err as { code?: string; message?: string } | null;
  return (e?.code && WORDS[e.code]) ?? e?.code ?? e?.message ?? String(err);
}
