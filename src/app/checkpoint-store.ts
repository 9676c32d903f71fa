/** Where an inbox watcher stands in its mailbox (src/adapters/inbox), kept in the database across restarts. */

export interface Checkpoint {
  uidValidity: number;
  lastUid: number;
}
export interface CheckpointStore {
  get(mailbox: string): Promise<Checkpoint | null>;
  set(mailbox: string, cp: Checkpoint): Promise<void>;
}
