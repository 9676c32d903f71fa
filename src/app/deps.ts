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
   * Sends queued outbox rows from the current job, in processes that run the deliver queue, when the SMTP pool has a
   * free connection for each right now; a row that fails goes on under the deliver queue's retry policy. false when
   * nothing was done (no sender here, the pool busy, the sending failed before it began): the caller queues them.
   */
  sendNow?: (ids: readonly number[], log: Logger) => Promise<boolean>;
}
