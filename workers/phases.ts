/**
 * Start-up as data: an ordered list of phases, each opening one part of a process and returning how to close it.
 * A failure at phase N closes N-1 … 1 and becomes one error naming cause and fix, with its exit code; a stop
 * request during start-up closes what was opened and ends in StartupStopped (the command exits 0). Stopping a
 * started process is the same close, in the same reverse order — so there is never a half-started process
 * (issue 11: a second `crieur start` failed on its HTTP port after its workers had started, and kept running).
 */
import type { Logger } from '../src/app/logger.ts';
import { within } from '../src/adapters/within.ts';

export type Close = () => Promise<unknown>;

/** What the operator reads for a failure: one or two lines, cause then fix; and the exit code (SPEC). */
export interface Explained {
  message: string;
  exitCode: number;
}

export interface Phase<S> {
  readonly name: string;
  /** Opens this part; what it returns closes it. `signal` aborts on a stop request: a phase that waits should honour it. */
  open(s: S, signal: AbortSignal): Promise<Close | void>;
  /**
   * A stop request while it opens: how long to let it finish opening (so that what it opened is closed properly)
   * before leaving it to the exit. Default 3 s; longer for a phase that must not be cut mid-way (PGlite's initdb).
   */
  abandonMs?: number;
  /** Bound on its close, after which the next close runs anyway (a service that is gone must not hang a stop). */
  closeMs?: number | ((s: S) => number);
  /** Its failures in the operator's words; undefined leaves the error as it is (ConfigError and CliError carry their code). */
  explain?(err: unknown, s: S): Explained | undefined;
}

export class StartupError extends Error {
  constructor(
    readonly phase: string,
    message: string,
    readonly exitCode: number,
    options: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'StartupError';
    // --verbose prints the stack: the cause's is the one that says where it went wrong.
    const cause = options.cause as Error | undefined;
    if (cause?.stack) this.stack = `${this.name} (${phase}): ${message}\ncaused by ${cause.stack}`;
  }
}

/** A stop request arrived during start-up: everything opened was closed; the command ends with 0. */
export class StartupStopped extends Error {
  constructor(readonly phase: string) {
    super(`stopped during start-up (phase ${phase})`);
    this.name = 'StartupStopped';
  }
}

export interface Opened {
  /** Closes every opened phase, last first; each bounded. Idempotent. */
  close(): Promise<void>;
}

const CLOSE_MS = 5_000;
/** A phase that ignores the stop signal gets this long to finish opening (so its part can be closed), then is left to the exit. */
const ABANDON_MS = 3_000;

export async function openPhases<S>(phases: readonly Phase<S>[], s: S, opts: { log: Logger; signal?: AbortSignal }): Promise<Opened> {
  const signal = opts.signal ?? new AbortController().signal;
  const names = new Set<string>();
  for (const p of phases) {
    if (names.has(p.name)) throw new Error(`start-up phase ${p.name} is listed twice`);
    names.add(p.name);
  }
  const opened: { phase: Phase<S>; close: Close }[] = [];
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      for (const { phase, close } of opened.reverse()) await closeOne(phase, close, s, opts.log);
    })());

  const stopped = async (phase: string) => {
    await close();
    opts.log.info({ phase }, 'stop requested during start-up: closed what was opened');
    return new StartupStopped(phase);
  };
  for (const phase of phases) {
    if (signal.aborted) throw await stopped(phase.name);
    opts.log.debug({ phase: phase.name }, 'start-up phase');
    try {
      const c = await openOne(phase, s, signal, opts.log);
      if (c) opened.push({ phase, close: c });
      // A phase that honours the signal may finish opening because of it: the stop came during this phase.
      if (signal.aborted) throw new StartupStopped(phase.name);
    } catch (err) {
      // A failure that the stop itself caused (a connection cut while opening) is a stop.
      if (err instanceof StartupStopped || signal.aborted) throw await stopped(phase.name);
      await close();
      throw explain(phase, err, s);
    }
  }
  return { close };
}

async function openOne<S>(phase: Phase<S>, s: S, signal: AbortSignal, log: Logger): Promise<Close | void> {
  const opening = phase.open(s, signal);
  let onAbort = () => undefined as void;
  const aborted = new Promise<'stop'>((resolve) => {
    onAbort = () => resolve('stop');
    if (signal.aborted) resolve('stop');
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const first = await Promise.race([opening, aborted]);
    if (first !== 'stop') return first;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  // Stopped while opening. A phase that honours the signal settles now; close what it managed to open.
  const late = await within(opening, phase.abandonMs ?? ABANDON_MS).catch(() => undefined);
  if (late) await closeOne(phase, late, s, log);
  throw new StartupStopped(phase.name);
}

async function closeOne<S>(phase: Phase<S>, close: Close, s: S, log: Logger): Promise<void> {
  const ms = typeof phase.closeMs === 'function' ? phase.closeMs(s) : (phase.closeMs ?? CLOSE_MS);
  try {
    await within(close(), ms);
  } catch (err) {
    log.warn({ phase: phase.name, err: (err as Error).message }, 'closing: phase did not close cleanly');
  }
}

function explain<S>(phase: Phase<S>, err: unknown, s: S): unknown {
  let said: Explained | undefined;
  try {
    said = phase.explain?.(err, s);
  } catch {
    said = undefined;
  }
  return said ? new StartupError(phase.name, said.message, said.exitCode, { cause: err }) : err;
}
