/**
 * The start-up runner itself (workers/phases.ts), with phases that only record: the order of opens and closes,
 * what a failure at phase N closes, how a stop request during a phase ends, and that a phase listed twice fails
 * at load. The real phases are driven through real processes in the other files of this folder.
 */
import { describe, expect, it } from 'vitest';
import { openPhases, StartupError, StartupStopped, type Phase } from '../../workers/phases.ts';
import { silentLogger } from '../../src/adapters/log/pino.ts';

type Log = string[];
const phase = (name: string, over: Partial<Phase<Log>> = {}): Phase<Log> => ({
  name,
  async open(log) {
    log.push(`open ${name}`);
    return async () => void log.push(`close ${name}`);
  },
  ...over,
});

describe('openPhases', () => {
  it('opens in order and closes last first, once', async () => {
    const log: Log = [];
    const opened = await openPhases([phase('a'), phase('b'), phase('c')], log, { log: silentLogger });
    await Promise.all([opened.close(), opened.close()]);
    expect(log).toEqual(['open a', 'open b', 'open c', 'close c', 'close b', 'close a']);
  });

  it('a failure at phase N closes N-1 … 1 and is explained with its exit code', async () => {
    const log: Log = [];
    const failing = phase('c', {
      open: async () => {
        throw Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
      },
      explain: (err) => ((err as { code?: string }).code === 'EADDRINUSE' ? { message: 'port in use: set http.port', exitCode: 1 } : undefined),
    });
    const err = await openPhases([phase('a'), phase('b'), failing, phase('d')], log, { log: silentLogger }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect(err).toMatchObject({ phase: 'c', message: 'port in use: set http.port', exitCode: 1 });
    expect(log).toEqual(['open a', 'open b', 'close b', 'close a']);
  });

  it('an error its phase does not explain is passed on as it is (ConfigError and CliError carry their code)', async () => {
    const original = Object.assign(new Error('secret is not set'), { exitCode: 78 });
    const err = await openPhases([phase('a', { open: () => Promise.reject(original) })], [], { log: silentLogger }).catch((e: unknown) => e);
    expect(err).toBe(original);
  });

  it('a stop request during a phase that honours it closes what was opened, that phase included', async () => {
    const log: Log = [];
    const ac = new AbortController();
    const waiting = phase('b', {
      open: (l, signal) =>
        new Promise((resolve) => {
          l.push('open b');
          signal.addEventListener('abort', () => resolve(async () => void l.push('close b')));
        }),
    });
    const p = openPhases([phase('a'), waiting, phase('c')], log, { log: silentLogger, signal: ac.signal }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 20));
    ac.abort();
    const err = await p;
    expect(err).toBeInstanceOf(StartupStopped);
    expect(err).toMatchObject({ phase: 'b' });
    expect(log).toEqual(['open a', 'open b', 'close b', 'close a']);
  });

  it('a phase listed twice fails before anything opens', async () => {
    const log: Log = [];
    await expect(openPhases([phase('a'), phase('a')], log, { log: silentLogger })).rejects.toThrow(/listed twice/);
    expect(log).toEqual([]);
  });
});
