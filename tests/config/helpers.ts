/** What the configuration tests share: configuration files in a temporary folder, and the ConfigError a load throws. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { ConfigError } from '../../src/config/load.ts';

/** A writer of YAML files in a folder of their own, removed after the test file (call at its top level). */
export function configFiles(prefix: string): (text: string) => string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (text) => {
    const p = join(dir, `c-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(p, text);
    return p;
  };
}

/** The ConfigError `fn` throws, checked to exit 78; fails the test when it throws nothing. */
export function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).exitCode).toBe(78);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}
