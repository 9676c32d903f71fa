/** The stored inbound messages, as the ingest, classify and file use cases see them (src/adapters/db/inbound.ts). */
import type { Kind, ParseResult } from '../types.ts';

export type InboundSource = 'imap' | 'maildir' | 'pipe' | 'cli';
/** received → classified → done | failed (parked with its reason; `crieur failed retry` replays it). */
export type InboundState = 'received' | 'classified' | 'done' | 'failed';

export interface InboundLocator {
  source: InboundSource;
  /** imap: mailbox URL without credentials; maildir: folder path. */
  mailbox?: string | null;
  uidValidity?: number | null;
  uid?: number | null;
}

export interface InboundMessage {
  id: number;
  messageId: string | null;
  sha256: string;
  source: InboundSource;
  kind: Kind | null;
  state: InboundState;
  error: string | null;
  receivedAt: Date;
  /** The ParseResult stored when classified (JSON), null before. */
  parsed: ParseResult | null;
}

export interface InboundStore {
  /** Stores raw bytes first, byte-exact. Unique by (Message-ID, sha256): a second copy returns the first id. */
  saveRaw(raw: Buffer, loc: InboundLocator): Promise<{ id: number; inserted: boolean }>;
  /** saveRaw for a batch (a backlog): one round trip and one commit; results in the order given. */
  saveRawMany(items: readonly { raw: Buffer; loc: InboundLocator }[]): Promise<{ id: number; inserted: boolean }[]>;
  getRaw(id: number): Promise<Buffer | null>;
  /**
   * The bytes of a message to classify, or — when it was handled already — only its kind, without reading the bytes:
   * a second job for a message (the recovery sweep's, listed just before the first job finished, during a backlog)
   * then costs one small read instead of a decode. null when there is no such message.
   */
  rawToClassify(id: number): Promise<{ raw: Buffer } | { done: Kind | null } | null>;
  get(id: number): Promise<InboundMessage | null>;
  /**
   * Records what the message is: state classified, or done when `done` (nothing more to do with it). A message
   * already done is left as it is (a stale second job must not wind it back): `updated` false. `findCopy`: also
   * answers with the first other stored copy of this message (same Message-ID, other bytes: a re-delivery through
   * another route adds its own trace headers), unless that copy failed — only the first copy is acted on.
   */
  setClassified(
    id: number,
    kind: Kind,
    parsed: ParseResult,
    opts?: { done?: boolean; findCopy?: boolean },
  ): Promise<{ updated: boolean; copyOf: Pick<InboundMessage, 'id' | 'state'> | null }>;
  setState(id: number, state: InboundState, error?: string | null): Promise<void>;
  listFailed(): Promise<InboundMessage[]>;
  /**
   * Messages stuck in `received` or `classified` since before `olderThan` — their job was lost (Redis flushed,
   * a crash between the store and the queue). The recovery sweep dispatches them again.
   */
  stale(olderThan: Date, limit: number): Promise<Pick<InboundMessage, 'id' | 'state' | 'kind'>[]>;
  /** How many messages per (kind, state): the demo's report and `crieur doctor`. */
  summary(): Promise<{ kind: Kind | null; state: InboundState; count: number }[]>;
}
