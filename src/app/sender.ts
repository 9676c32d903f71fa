/** The SMTP side, as deliver-outbox and send-campaign use it (src/adapters/smtp). */
export interface Sender {
  /**
   * Resolves with the server's final answer; rejects with an error whose `code` is ESMTP_TRANSIENT, ESMTP_PERMANENT,
   * or ESMTP_UNCERTAIN (no reply after the whole message was sent: it may have been delivered, never send it again).
   */
  send(raw: Buffer, envelope: { from: string; to: string[] }): Promise<{ response: string }>;
  /**
   * Waits until `n` pooled connections are free (1 ≤ n ≤ connections) and holds them until the returned function
   * is called: a deliver job takes them before it marks its rows transmitting (src/adapters/smtp/slots.ts).
   */
  reserve?(n: number): Promise<() => void>;
  /** reserve, waiting at most `ms` for them: null (nothing held) when the pool stayed busy that long. */
  reserveWithin?(n: number, ms: number): Promise<(() => void) | null>;
  /** How many connections the pool opens at most. */
  readonly connections?: number;
  verify(): Promise<void>;
  close(): Promise<void>;
}
