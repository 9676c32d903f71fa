/**
 * When nodemailer's DataStream is not the one src/adapters/smtp/dot-stuff.ts was checked against, nodemailer keeps its
 * own loop — safe, the same bytes — but nothing said so (review of f14ec65): after a nodemailer upgrade the CPU the
 * patch saved came back unseen. The sending process's mail phase now says it once, at info; nothing when installed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../src/app/logger.ts';
import { groupConfig } from '../support/test-config.ts';

const installed = vi.hoisted(() => ({ value: true }));
vi.mock('../../src/adapters/smtp/dot-stuff.ts', () => ({
  get dotStuffingInstalled() {
    return installed.value;
  },
}));

function recorder() {
  const lines: { level: string; msg: string }[] = [];
  const at = (level: string) => (_obj: object, msg?: string) => void lines.push({ level, msg: msg ?? '' });
  const log: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => log };
  return { log, lines };
}

async function openMail(send: boolean) {
  vi.resetModules();
  const { CONTEXT_PHASES } = await import('../../workers/context.ts');
  const mail = CONTEXT_PHASES.find((p) => p.name === 'mail')!;
  const { log, lines } = recorder();
  const parts = { config: groupConfig('dot-stuff-fallback'), contextOptions: { send, serveDatabase: false }, log, store: {}, dispatcher: {} };
  const close = await mail.open(parts as never, new AbortController().signal);
  await (close as (() => Promise<void>) | undefined)?.();
  return lines.filter((l) => /dot-stuffing/.test(l.msg));
}

describe("nodemailer's own dot-stuffing kept (another version): said once in the log", () => {
  afterEach(() => {
    installed.value = true;
  });

  it('says it once, at info, when the patch did not apply', async () => {
    installed.value = false;
    const said = await openMail(true);
    expect(said).toHaveLength(1);
    expect(said[0]!.level).toBe('info');
    expect(said[0]!.msg).toContain("nodemailer's own is used");
  });

  it('says nothing when it applied, nor in a process that does not send', async () => {
    expect(await openMail(true)).toEqual([]);
    installed.value = false;
    expect(await openMail(false)).toEqual([]);
  });
});
