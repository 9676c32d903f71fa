/**
 * `crieur announce` killed with SIGKILL mid-campaign, then run again: every member receives the announcement
 * exactly once (counted per recipient at the SMTP listener) — except a mail the kill caught inside its SMTP
 * transaction, parked as "may have been delivered" and never sent a second time (RFC 1047).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/adapters/db/open.ts';
import type { Db } from '../../src/adapters/db/db.ts';
import { storeOn } from '../../src/adapters/db/store.ts';
import type { Store } from '../../src/app/store.ts';
import { PG_URL, dropSchema, randomSchema } from '../support/db.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { baseConfig, killAll, runCrieur, sandbox, spawnCrieur, waitUntil } from '../support/crieur-process.ts';

const box = sandbox('annkill');
const schema = randomSchema('e2e');
const MEMBERS = 400;
let sink: SmtpSink;
let db: Db;
let store: Store;
let configFile: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  configFile = box.writeConfig({ ...baseConfig({ prefix: box.prefix, databaseUrl: `${PG_URL}?schema=${schema}`, smtpUrl: sink.url }), delivery: { ratePerSecond: 40 } });
  db = await openDb(PG_URL, { schema });
  store = storeOn(db);
  await store.events.create({ date: new Date('2027-01-28T18:00:00Z'), venue: 'Chez Dalibo' });
  await store.subscribers.upsert(Array.from({ length: MEMBERS }, (_, i) => ({ email: `m${i}@example.fr`, name: `Membre ${i}`, language: 'fr' as const, status: 'active' as const, source: 'test' })));
}, 120_000);

afterAll(async () => {
  await killAll();
  await store?.close();
  await sink?.close();
  await dropSchema(schema);
  await box.cleanup();
}, 60_000);

describe('announce killed mid-campaign', () => {
  it('after a restart every member has it exactly once, or parked if the kill caught its SMTP transaction; none twice', { timeout: 600_000 }, async () => {
    const first = spawnCrieur(['announce', '2027-01-28', '--config', configFile], { dir: box.dir, name: 'announce-1' });
    // The rate (40/s) keeps the campaign going long enough to be killed in the middle.
    await waitUntil(() => sink.messages.length >= 40, 300_000, 'the campaign under way');
    first.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const atKill = sink.messages.length;
    expect(atKill).toBeLessThan(MEMBERS);

    const again = await runCrieur(['announce', '2027-01-28', '--json', '--config', configFile], { dir: box.dir, timeoutMs: 400_000 });
    expect(again.code, again.stderr).toBe(0);
    const counts = JSON.parse(again.stdout) as { total: number; sent: number; failed: number; queued: number; status: string };
    expect(counts).toMatchObject({ total: MEMBERS, queued: 0, status: 'done' });

    const per = new Map<string, number>();
    for (const m of sink.messages) per.set(m.envelope.to[0]!, (per.get(m.envelope.to[0]!) ?? 0) + 1);
    for (const [to, n] of per) expect(n, `${to} received ${n} times`).toBe(1);
    const parked = await db.query<{ recipient: string; last_error: string }>(`SELECT recipient, last_error FROM outbox WHERE campaign_id IS NOT NULL AND status <> 'sent'`);
    for (const p of parked) expect(p.last_error).toMatch(/interrupted during the SMTP transaction/);
    for (let i = 0; i < MEMBERS; i++) {
      const to = `m${i}@example.fr`;
      if (!parked.some((p) => p.recipient === to)) expect(per.get(to), to).toBe(1);
    }
    expect(counts.sent + counts.failed).toBe(MEMBERS);
    if (parked.length) console.log(`SIGKILL inside SMTP transactions: ${parked.length} mail(s) parked, not re-sent`);
  });
});
