/** What the use cases are given; built once per process by workers/context.ts. */
import type { Config } from '../config/schema.ts';
import type { Clock } from './clock.ts';
import type { Composer } from './composer.ts';
import type { Dispatcher } from './dispatcher.ts';
import type { Logger } from './logger.ts';
import type { Sender } from './sender.ts';
import type { Store } from './store.ts';
import type { ParseContext } from '../types.ts';
import type { MailReader } from './parse-message.ts';
import type { MembershipMails } from './membership-mails.ts';
import type { SendSlot } from './file-proposal.ts';
import type { DecodeBudget } from './decode-budget.ts';

export interface AppDeps {
  config: Config;
  ctx: ParseContext;
  reader: MailReader;
  store: Store;
  dispatcher: Dispatcher;
  composer: Composer;
  /** Absent in processes that do not send (e.g. `crieur ingest`). */
  sender?: Sender;
  clock: Clock;
  log: Logger;
  /** Counts a member's bounce by kind (/metrics), in processes that serve metrics. */
  /** The mails of joining and leaving (issue 9), in processes that act on membership. */
  membershipMails?: MembershipMails;
  onBounce?: (kind: 'hard' | 'soft' | 'complaint') => void;
  /**
   * A filing's own send, in processes that run the deliver queue: reserve(n) holds a pooled SMTP connection for each
   * of its n mails when the pool frees them within a short wait (null otherwise, or when such sends hang: the caller
   * queues a deliver job as before). src/app/file-proposal.ts.
   */
  sendNow?: { reserve(n: number): Promise<SendSlot | null> };
  /** The bytes of raw mail this process's classify jobs decode at once (decode-budget.ts); unbounded when absent. */
  decodeBudget?: DecodeBudget;
}
