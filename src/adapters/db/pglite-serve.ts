/**
 * Serves an open PGlite to the other crieur processes of this machine over 127.0.0.1, so that every command
 * works while `crieur start` holds the data directory. The wire framing (startup, SSL refusal, message
 * reassembly) is pglite-socket's PGLiteSocketHandler; the scheduling is ours (see gate.ts): a client keeps
 * the backend from its first message until a Sync or simple Query leaves no transaction open.
 */
import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import type { Gate } from './gate.ts';

/** A client holding the backend that goes silent this long is cut off (its transaction rolled back). */
const HOLD_LIMIT_MS = 30_000;

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'
const STARTUP = 0x00; // startup packets start with their length, whose first byte is 0

/** The queue interface PGLiteSocketHandler calls; it is structural, the package types it as its own class. */
class GatedQueue {
  private chains = new Map<number, Promise<unknown>>();
  private timers = new Map<number, NodeJS.Timeout>();

  constructor(
    private readonly db: PGlite,
    private readonly gate: Gate,
    private readonly onStuck: (handlerId: number) => void,
  ) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    // One message at a time per connection, in arrival order, even if the handler reads chunks concurrently.
    const prev = this.chains.get(handlerId) ?? Promise.resolve();
    const next = prev.catch(() => {}).then(() => this.run(handlerId, message, onData));
    this.chains.set(handlerId, next);
    return next;
  }

  private async run(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    await this.gate.acquire(handlerId);
    this.disarm(handlerId);
    let bytes = 0;
    await this.db.runExclusive(() =>
      this.db.execProtocolRawStream(message, {
        onRawData: (d) => {
          bytes += d.length;
          onData(d);
        },
      }),
    );
    const type = message[0];
    const boundary = type === SYNC || type === QUERY || type === STARTUP || type === TERMINATE;
    if (boundary && !this.db.isInTransaction()) this.gate.release(handlerId);
    else this.arm(handlerId);
    return bytes;
  }

  clearQueueForHandler(handlerId: number): void {
    this.gate.cancel(handlerId, new Error('connection closed'));
  }

  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    this.disarm(handlerId);
    this.chains.delete(handlerId);
    if (this.gate.heldBy !== handlerId) return;
    try {
      if (this.db.isInTransaction()) await this.db.runExclusive(() => this.db.execProtocolRaw(rollbackMessage()));
    } finally {
      this.gate.release(handlerId);
    }
  }

  private arm(handlerId: number): void {
    this.timers.set(handlerId, setTimeout(() => this.onStuck(handlerId), HOLD_LIMIT_MS).unref());
  }

  private disarm(handlerId: number): void {
    clearTimeout(this.timers.get(handlerId));
    this.timers.delete(handlerId);
  }
}

/** A simple-protocol Query message: 'Q', int32 length, "ROLLBACK\0". */
function rollbackMessage(): Uint8Array {
  const sql = Buffer.from('ROLLBACK\0');
  const msg = Buffer.alloc(5 + sql.length);
  msg.write('Q', 0);
  msg.writeInt32BE(4 + sql.length, 1);
  sql.copy(msg, 5);
  return msg;
}

export interface PgliteEndpoint {
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function servePglite(db: PGlite, gate: Gate): Promise<PgliteEndpoint> {
  const handlers = new Map<number, PGLiteSocketHandler>();
  const queue = new GatedQueue(db, gate, (id) => void handlers.get(id)?.detach(true));
  const server = net.createServer((socket) => {
    const handler = new PGLiteSocketHandler({
      queryQueue: queue as unknown as PGLiteSocketHandlerOptions['queryQueue'],
      closeOnDetach: true,
    });
    const id = handler.handlerId;
    handlers.set(id, handler);
    handler.addEventListener('close', () => handlers.delete(id));
    handler.addEventListener('error', () => handlers.delete(id));
    handler.attach(socket).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address() as net.AddressInfo;
  return {
    host: '127.0.0.1',
    port: addr.port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...handlers.values()].map((h) => h.detach(true)));
      handlers.clear();
      await closed;
    },
  };
}
