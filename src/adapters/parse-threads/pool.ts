/**
 * Parse threads (ParseThreads, src/app/parse-message.ts): a process that classifies mail decodes and understands it in
 * worker threads, beside its own thread's database, Redis and SMTP work. In a backlog that work and the parsing each
 * take a core (bench/ingest); a single-threaded worker left the second core to the database and Redis alone.
 *
 * - A message goes to the thread with the fewest in hand; its bytes are copied over (a stored message's buffer may
 *   share memory with others), the decoded mail comes back by structured clone, its parts' bytes made Buffers again.
 * - A message over IN_PROCESS_ABOVE_BYTES is parsed in this thread: copying its attachments both ways would cost
 *   more than it frees.
 * - A thread that stops while it holds messages fails their parses: their jobs are retried as on any failure, and the
 *   next message starts a new thread. (Its heap is not bounded apart: V8 ends the whole process, not the thread, when a
 *   young-generation allocation meets a thread's own limit — seen with resourceLimits — so a thread has the process's.)
 * - A thread that cannot start at all (its modules do not load) is said once, and the process parses in its own
 *   thread from then on: slower, never stuck.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { Config } from '../../config/schema.ts';
import type { ParseOutcome, ParseThreads } from '../../app/parse-message.ts';
import type { Logger } from '../../app/logger.ts';
import type { Mail } from '../../types.ts';

/** Above this size a message is parsed in the process's own thread (see above). */
export const IN_PROCESS_ABOVE_BYTES = 1024 * 1024;

/**
 * How many parse threads for this machine: one core is the process's own, the others may parse — two at most, since
 * the process's own thread then keeps up with no more (bench/ingest: parsing is a quarter of a message's work).
 */
export function parseThreadCount(cpus: number = availableParallelism()): number {
  return Math.min(2, Math.max(0, cpus - 1));
}

export type ThreadRequest = { id: number; raw: Uint8Array };
export type ThreadAnswer =
  | { ready: true }
  | { id: number; outcome: ParseOutcome }
  | { id: number; error: { message: string; stack: string | null } };

export interface ParseThreadOptions {
  config: Config;
  threads: number;
  /** This thread's parse, for large messages and when no thread can start. */
  inProcess: (raw: Buffer) => Promise<ParseOutcome>;
  log: Logger;
  /** Tests: another first module for the threads (one that cannot load, one that stops). */
  entry?: URL;
}

export interface ParseThreadPool extends ParseThreads {
  /** Starts a thread now, so that the first message does not wait for its modules to load (≈ 0.3 s of CPU). */
  warm(): void;
  /** Ends the threads; a parse asked afterwards runs in this thread. */
  close(): Promise<void>;
}

type Pending = { resolve: (o: ParseOutcome) => void; reject: (e: Error) => void; raw: Buffer };
type Thread = { worker: Worker; pending: Map<number, Pending>; ready: boolean };

const ENTRY = new URL('./entry.js', import.meta.url);

export function createParseThreads(opts: ParseThreadOptions): ParseThreadPool {
  const threads: Thread[] = [];
  let nextId = 1;
  let broken = false;
  let closed = false;

  const start = (): Thread => {
    const worker = new Worker(opts.entry ?? ENTRY, {
      workerData: { config: opts.config },
      // A profile asked of the process (bench/ingest --cpu-prof) covers its threads too; other flags are not a thread's.
      execArgv: process.execArgv.filter((a) => a.startsWith('--cpu-prof')),
    });
    // The process ends when its work does, threads or not (close() ends them on a stop).
    worker.unref();
    const t: Thread = { worker, pending: new Map(), ready: false };
    worker.on('message', (a: ThreadAnswer) => {
      if ('ready' in a) return void (t.ready = true);
      const p = t.pending.get(a.id);
      if (!p) return;
      t.pending.delete(a.id);
      if ('outcome' in a) return p.resolve(revive(a.outcome));
      const err = new Error(a.error.message);
      if (a.error.stack) err.stack = a.error.stack;
      p.reject(err);
    });
    const ended = (why: string) => {
      const at = threads.indexOf(t);
      if (at >= 0) threads.splice(at, 1);
      const held = [...t.pending.values()];
      t.pending.clear();
      if (!t.ready && !closed) {
        // It never came up: its modules cannot load here. Parsing goes on in this thread, said once.
        if (!broken) opts.log.warn({ err: why }, 'parse thread could not start: messages are parsed in the main thread');
        broken = true;
        for (const p of held) opts.inProcess(p.raw).then(p.resolve, p.reject);
        return;
      }
      if (held.length > 0) opts.log.warn({ err: why, messages: held.length }, 'parse thread stopped: its messages are retried');
      for (const p of held) p.reject(new Error(`the parse thread stopped while decoding (${why})`));
    };
    worker.on('error', (err: Error) => ended(err.message));
    worker.on('exit', (code) => ended(`exit ${code}`));
    threads.push(t);
    return t;
  };

  const pick = (): Thread => {
    if (threads.length < opts.threads) {
      // A new thread while any is idle is not needed; one is started when all have work in hand.
      const idle = threads.find((t) => t.pending.size === 0);
      if (!idle) return start();
    }
    return threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  };

  return {
    parse(raw) {
      if (closed || broken || opts.threads === 0 || raw.length > IN_PROCESS_ABOVE_BYTES) return opts.inProcess(raw);
      const t = pick();
      const id = nextId++;
      const copy = new Uint8Array(raw.length);
      copy.set(raw);
      return new Promise<ParseOutcome>((resolve, reject) => {
        t.pending.set(id, { resolve, reject, raw });
        t.worker.postMessage({ id, raw: copy } satisfies ThreadRequest, [copy.buffer]);
      });
    },
    warm() {
      if (!closed && !broken && opts.threads > 0 && threads.length === 0) start();
    },
    async close() {
      closed = true;
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}

/** A decoded mail as structured clone gives it back: its parts' bytes are Uint8Arrays, made Buffers (no copy). */
function revive(outcome: ParseOutcome): ParseOutcome {
  if (outcome.ok) reviveMail(outcome.mail);
  return outcome;
}

function reviveMail(mail: Mail): void {
  for (const part of mail.parts) {
    const c = part.content as Uint8Array;
    if (!Buffer.isBuffer(c)) part.content = Buffer.from(c.buffer, c.byteOffset, c.byteLength);
  }
  for (const e of mail.embedded) reviveMail(e);
}
