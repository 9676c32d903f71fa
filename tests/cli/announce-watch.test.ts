/**
 * `crieur announce --json` prints the campaign's counts when it is done: with nothing left queued but the last mails
 * still in flight (a running `crieur start` sending them), the campaign's end is waited for, not its middle.
 */
import { describe, expect, it } from 'vitest';
import { watch } from '../../src/cli/commands/announce.ts';
import type { CampaignRecord, CampaignStore } from '../../src/app/campaign-store.ts';

function campaigns(states: { status: CampaignRecord['status']; queued: number; sent: number }[]): CampaignStore {
  let i = 0;
  const at = () => states[Math.min(i, states.length - 1)]!;
  const record = (): CampaignRecord => ({ id: 7, key: 'k', kind: 'announce', eventId: 1, list: null, status: at().status, pauseReason: null, consecutiveFailures: 0, createdAt: new Date(0), eventSequence: 0 });
  return {
    get: async () => record(),
    counts: async () => {
      const s = at();
      i++;
      return { total: 6, sent: s.sent, failed: 0, queued: s.queued };
    },
  } as unknown as CampaignStore;
}

describe('announce waits for the campaign’s end', () => {
  it('nothing queued, still sending: waits until the campaign is done', async () => {
    const store = campaigns([
      { status: 'sending', queued: 3, sent: 3 },
      { status: 'sending', queued: 0, sent: 5 },
      { status: 'sending', queued: 0, sent: 5 },
      { status: 'sending', queued: 0, sent: 6 },
      { status: 'done', queued: 0, sent: 6 },
    ]);
    const c = await watch(store, 7, () => false);
    expect(c.status).toBe('done');
  });
  it('returns at once when the campaign pauses', async () => {
    const c = await watch(campaigns([{ status: 'paused', queued: 4, sent: 2 }]), 7, () => false);
    expect(c.status).toBe('paused');
  });
});
