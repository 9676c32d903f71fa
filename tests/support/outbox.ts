/** One outbox row through the status lock crieur uses (claimAll), for the tests that follow a single row. */
import type { OutboxStore } from '../../src/app/outbox-store.ts';

export async function claimOne(outbox: Pick<OutboxStore, 'claimAll'>, id: number, leaseMs: number, opts?: Parameters<OutboxStore['claimAll']>[2]) {
  const [item] = await outbox.claimAll([id], leaseMs, opts);
  return item ?? null;
}
