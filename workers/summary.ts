/**
 * The daily summary of undelivered mail, in processes that deliver: checked every interval, sent at most once
 * a day (src/app/report-undelivered.ts). Several processes may run it: the outbox key makes it once.
 */
import type { AppDeps } from '../src/app/deps.ts';
import { reportUndelivered } from '../src/app/report-undelivered.ts';
import { createUndeliveredComposer } from '../src/adapters/compose/undelivered.ts';
import { every } from './every.ts';

export function startUndeliveredSummary(deps: AppDeps, intervalMs: number): { stop(): Promise<void> } {
  const composer = createUndeliveredComposer(deps.config, { clock: deps.clock });
  return every(intervalMs, () => reportUndelivered({ ...deps, composer }), (err) =>
    deps.log.warn({ err: err.message }, 'undelivered mail summary failed (tried again at the next round)'),
  );
}
