/**
 * Every fixture in tests/fixtures/membership is a raw message written to the group's address, parsed whole
 * (`parseRawMessage`, the classify chain included): kind `other` with the request read, or — `"membership": null` —
 * with none. The proposal fixtures that say "inscription" or "s'abonner" stay proposals (tests/core/extract).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mailparserReader } from '../../../src/adapters/mailparser.ts';
import { parseRawMessage } from '../../../src/app/parse-message.ts';
import type { MembershipInfo, ParseContext } from '../../../src/types.ts';

const ctx: ParseContext = { ownAddresses: ['talks@pgug.example.org'], organizers: ['dim@example.org'], secret: 'fixtures-secret' };
const dir = new URL('../../fixtures/membership/', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();

describe('membership request fixtures', () => {
  it('has some', () => expect(files.length).toBeGreaterThanOrEqual(4));

  it.each(files)('%s', async (file) => {
    const expected = JSON.parse(readFileSync(join(dir, file.replace(/\.eml$/, '.expected.json')), 'utf8')) as { kind: string; membership: MembershipInfo | null };
    const out = await parseRawMessage(readFileSync(join(dir, file)), ctx, mailparserReader);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.result.kind).toBe(expected.kind);
    expect(out.result.membership ?? null).toEqual(expected.membership);
  });
});
