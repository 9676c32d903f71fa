import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileErrorText } from '../../src/core/text/file-error.ts';

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
