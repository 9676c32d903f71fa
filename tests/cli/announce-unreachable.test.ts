/**
 * `crieur announce` with the mail server down (audit z): nothing was sent, yet it exited 0 saying « 2 mail(s)
 * deferred by the server (4xx) » — a server never reached. SPEC's exit 1 is a runtime failure such as a service
 * unreachable: announce now says no server answered, with the error and the fix, and exits 1; the mails stay queued
 * for crieur start, and --json still gives the counts. A 4xx answer stays a deferral, exit 0
 * (tests/announce/send-faults.test.ts). On PostgreSQL; smtp.url is a port nothing listens on (useCliStore).
 */
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../support/cli-store.ts';

const cli = useCliStore('announce-unreachable', 'anu');

describe('announce with no mail server answering', { timeout: 400_000 }, () => {
  it('exits 1 naming the cause and smtp.url; the mails stay queued; --json keeps its counts', async () => {
    const ev = await cli.store.events.create({ date: new Date('2031-06-19T17:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de juin' });
    await cli.store.subscribers.upsert([
      { email: 'a@example.fr', status: 'active' as const, source: 'cli', language: 'fr' as const },
      { email: 'b@example.fr', status: 'active' as const, source: 'cli', language: 'fr' as const },
    ]);
    const r = await cli.crieur('announce', String(ev.id), '--json');
    expect(r.code, r.stderr).toBe(1);
    const human = r.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('{'));
    expect(human.join('\n')).toMatch(/^crieur: 2 mail\(s\) not sent: no mail server answered \(.*ECONNREFUSED 127\.0\.0\.1:9\) — start it, or correct smtp\.url$/m);
    expect(human.length, human.join('\n')).toBeLessThanOrEqual(2);
    expect(r.stderr).not.toMatch(/deferred by the server|\n\s+at /);
    const counts = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(counts).toMatchObject({ kind: 'announce', event: ev.id, total: 2, sent: 0, queued: 2, status: 'sending' });
  });
});
