/**
 * The campaign side of the recovery sweep: rows a dead sender left mid-SMTP are parked (they may have been
 * delivered: never sent twice), and every campaign still sending gets its remaining chunks dispatched again —
 * a killed `crieur announce`, a job that gave up on a 4xx streak, or the hourly cap waiting.
 */
import type { AppDeps } from './deps.ts';
import { dispatchCampaign } from './announce-event.ts';
import { chunkSize } from './send-campaign.ts';

export async function recoverCampaigns(deps: Pick<AppDeps, 'store' | 'dispatcher' | 'config' | 'log'>): Promise<void> {
  const parked = await deps.store.outbox.parkInterrupted();
  if (parked.length) deps.log.warn({ outbox: parked }, 'mail interrupted during SMTP parked: it may have been delivered (crieur failed list)');
  for (const id of await deps.store.campaigns.unfinished()) await dispatchCampaign(deps, id, chunkSize(deps.config), true);
}
