import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileError, fileErrorMessage, fileErrorText } from '../../src/core/text/file-error.ts';

describe('fileErrorText: a file that cannot be read, in words', () => {
  const errorOf = (path: string) => {
    try {
      readFileSync(path);
    } catch (err) {
      return err;
    }
    throw new Error(`${path} could be read`);
  };

  it('says what happened instead of the errno code', () => {
    expect(fileErrorText(errorOf('/nonexistent/crieur.yaml'))).toBe('no such file');
    expect(fileErrorText(errorOf(tmpdir()))).toBe('it is a directory, not a file');
  });

  it('keeps a code it has no words for, and a message without a code', () => {
    expect(fileErrorText(Object.assign(new Error('odd'), { code: 'EXDEV' }))).toBe('EXDEV');
    expect(fileErrorText(new Error('disk on fire'))).toBe('disk on fire');
  });
});

describe('fileError: the path, the cause in words, the fix, the exit code (audit d)', () => {
  const errno = (code: string, syscall: string, path: string) => Object.assign(new Error(`${code}: …, ${syscall} '${path}'`), { code, syscall, path });

  it('an input that cannot be read is bad input (65), with a fix for the cause', () => {
    const e = fileError(errno('ENOENT', 'open', 'nope.csv'), { path: 'nope.csv', role: 'input', what: 'the CSV file' });
    expect(e.exitCode).toBe(65);
    expect(e.message).toBe('cannot read the CSV file nope.csv: no such file — check the path (a relative one is read from the current directory)');
    expect(fileError(errno('EACCES', 'open', '/x.csv'), { path: '/x.csv', role: 'input' }).message).toMatch(/permission denied — make it readable by this user/);
  });

  it('an output directory that cannot be made is a runtime failure (1): a file in the way, no permission', () => {
    const inTheWay = fileError(errno('EEXIST', 'mkdir', 'afile'), { path: 'afile', role: 'output', what: 'the directory', setting: '--out' });
    expect(inTheWay.exitCode).toBe(1);
    expect(inTheWay.message).toBe('cannot create the directory afile: it is a file, not a directory — choose a directory for --out (one that does not exist yet is created)');
    const denied = fileError(errno('EACCES', 'mkdir', '/ro/x'), { path: '/ro/x', role: 'output', what: 'the directory', setting: 'DIR' });
    expect(denied.message).toBe('cannot create the directory /ro/x: permission denied — choose a directory for DIR this user can write to');
    expect(denied.message).not.toMatch(/EACCES|mkdir '/);
  });

  it('a path the configuration names is the configuration (78), and the fix names the key', () => {
    const e = fileError(errno('ENOENT', 'scandir', '/srv/tpl'), { path: '/srv/tpl', role: 'config', what: 'the templates.dir directory', action: 'open', setting: 'templates.dir' });
    expect(e.exitCode).toBe(78);
    expect(e.message).toBe('cannot open the templates.dir directory /srv/tpl: no such directory — create it, or correct templates.dir');
    const pglite = fileErrorMessage(errno('EACCES', 'mkdir', '/ro/db'), { path: '/ro/db', role: 'config', what: 'the PGlite directory', setting: 'database.url', action: 'create' });
    expect(pglite).toBe('cannot create the PGlite directory /ro/db: permission denied — make its parent directory writable by the user crieur runs as, or correct database.url');
  });

  it('a fix of the caller\'s for a cause wins; a parent that failed is named', () => {
    const e = fileErrorMessage(errno('EACCES', 'open', '/etc/crieur.yaml'), { path: '/etc/crieur.yaml', role: 'config', fixes: { EACCES: 'chmod 640 it' } });
    expect(e).toBe('cannot read /etc/crieur.yaml: permission denied — chmod 640 it');
    expect(fileErrorMessage(errno('ENOTDIR', 'mkdir', '/a/file'), { path: '/a/file/x/y', role: 'output' })).toContain('(at /a/file)');
  });
});
