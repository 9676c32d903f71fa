/** The commented file `crieur init` writes is generated from the schema: every key described, and it loads as written. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sampleConfig, schemaKeys, describeKey } from '../../src/config/sample.ts';
import { leafPaths } from '../../src/config/keys.ts';
import { configSchema } from '../../src/config/schema.ts';

describe('the sample configuration', () => {
  const text = sampleConfig({ secret: 'generated-secret-0123456789', header: 'test' });

  it('describes every key and section of the schema (add a line to config/descriptions.ts for a new key)', () => {
    const undescribed = schemaKeys().filter((k) => describeKey(k.path, k.schema) === null).map((k) => k.path);
    expect(undescribed).toEqual([]);
  });

  it('names every leaf key, set or commented out', () => {
    for (const { path } of leafPaths(configSchema)) {
      const key = path[path.length - 1]!;
      expect(text, path.join('.')).toMatch(new RegExp(`^\\s*(# )?${key}:`, 'm'));
    }
  });

  it('parses to the schema defaults plus the secret', () => {
    const parsed = configSchema.parse(JSON.parse(JSON.stringify(parse(text), (_, v: unknown) => (v === null ? undefined : v))));
    expect(parsed).toEqual({ ...configSchema.parse({}), secret: 'generated-secret-0123456789' });
  });
});
