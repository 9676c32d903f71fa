/**
 * The body of a parse thread (pool.ts): raw bytes in, parseRawMessage's outcome out, with the context of the process
 * that started it (its configuration; the system clock ages tokens, as in that process). Told "ready" once its modules
 * are loaded, so that a thread that cannot start is known from one that stopped while parsing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../../config/schema.ts';
import { parseContextFrom, parseRawMessage } from '../../app/parse-message.ts';
import { mailparserReader } from '../mailparser.ts';
import type { ThreadAnswer, ThreadRequest } from './pool.ts';

export function serveParseThread(): void {
  const port = parentPort;
  if (!port) throw new Error('serveParseThread runs in a worker thread (src/adapters/parse-threads/pool.ts)');
  const ctx = parseContextFrom((workerData as { config: Config }).config);
  port.on('message', (m: ThreadRequest) => {
    const raw = Buffer.from(m.raw.buffer, m.raw.byteOffset, m.raw.byteLength);
    parseRawMessage(raw, ctx, mailparserReader).then(
      (outcome) => port.postMessage({ id: m.id, outcome } satisfies ThreadAnswer),
      (err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        port.postMessage({ id: m.id, error: { message: e.message, stack: e.stack ?? null } } satisfies ThreadAnswer);
      },
    );
  });
  port.postMessage({ ready: true } satisfies ThreadAnswer);
}
