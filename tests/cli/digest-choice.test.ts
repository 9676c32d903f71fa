/**
 * `crieur subscribers add … --digest CADENCE [--digest-format F] [--list NAME]`: what the options mean, read before
 * anything is opened — a table of the accepted forms and of the refusals (exit 64, or 78 without any list), each
 * naming the cause. tests/digest/cli-digest.test.ts runs the command itself.
 */
import { describe, expect, it } from 'vitest';
import { digestChoice, digestList } from '../../src/cli/commands/subscribers.ts';
import { CliError } from '../../src/cli/exit-codes.ts';
import { configSchema } from '../../src/config/schema.ts';

const refusal = (fn: () => unknown): { code: number; message: string } | null => {
  try {
    fn();
    return null;
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    return { code: err.exitCode, message: err.message };
  }
};

describe('--digest options', () => {
  it.each([
    [{}, undefined],
    [{ digest: 'daily' }, { cadence: 'daily', format: 'html' }],
    [{ digest: 'Weekly', digestFormat: 'TEXT' }, { cadence: 'weekly', format: 'text' }],
    [{ digest: 'daily', digestFormat: 'mime', list: 'generale' }, { cadence: 'daily', format: 'mime' }],
    [{ digest: 'off' }, null],
    [{ digest: 'none', list: 'generale' }, null],
  ])('%j → %j', (opts, expected) => {
    expect(digestChoice(opts)).toEqual(expected);
  });

  it.each([
    [{ digest: 'hourly' }, /--digest "hourly": expected daily, weekly or off/],
    [{ digest: 'quotidien' }, /expected daily, weekly or off/],
    [{ digest: 'daily', digestFormat: 'pdf' }, /--digest-format "pdf": expected html, text or mime/],
    [{ digestFormat: 'text' }, /go with --digest/],
    [{ list: 'generale' }, /go with --digest/],
    [{ digest: 'off', digestFormat: 'html' }, /not off/],
  ])('%j is refused (64)', (opts, msg) => {
    const r = refusal(() => digestChoice(opts));
    expect(r?.code).toBe(64);
    expect(r?.message).toMatch(msg);
  });
});

describe("the digest's list", () => {
  const config = (lists: { name: string }[]) =>
    configSchema.parse({ secret: 'digest-choice-0123456789', lists: lists.map((l) => ({ ...l, address: `${l.name}@lists.example.org`, language: 'fr' })) });

  it('is the one named, or the only one configured', () => {
    expect(digestList(config([{ name: 'generale' }]), undefined)).toBe('generale');
    expect(digestList(config([{ name: 'generale' }, { name: 'dev' }]), 'dev')).toBe('dev');
  });

  it.each([
    [[{ name: 'generale' }, { name: 'dev' }], undefined, 64, /several lists are configured: name the digest's with --list \(generale, dev\)/],
    [[{ name: 'generale' }], 'nope', 64, /no list named "nope" in the configuration \(lists: generale\)/],
    [[], undefined, 78, /no list is configured/],
  ])('%j with --list %s is refused (%i)', (lists, name, code, msg) => {
    const r = refusal(() => digestList(config(lists), name));
    expect(r).toMatchObject({ code });
    expect(r!.message).toMatch(msg);
  });
});
