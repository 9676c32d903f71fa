/**
 * `crieur announce` with the mail server down (audit z): nothing was sent, yet it exited 0 saying « 2 mail(s)
 * deferred by the server (4xx) » — a server never reached. SPEC's exit 1 is a runtime failure such as a service
 * unreachable: announce now says no server answered, with the error and the fix, and exits 1; a login the server
 * refuses (535) is the configuration's: 78 with smtp.url's fix. The mails stay queued for crieur start, and --json
 * still gives the counts. A 4xx answer stays a deferral, exit 0
 * (tests/announce/send-faults.test.ts). On PostgreSQL; smtp.url is a port nothing listens on (useCliStore).
 */
import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { useCliStore } from '../support/cli-store.ts';
import { runCrieur } from '../support/crieur-process.ts';

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

/** An SMTP server that greets, offers AUTH and refuses every login (535), as a relay does with a wrong password. */
function refusingLogin(): Promise<{ url: string; server: Server }> {
  const server = createServer((sock) => {
    sock.write('220 relay.example ESMTP\r\n');
    let buf = '';
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (/^EHLO/i.test(line)) sock.write('250-relay.example\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n');
        else if (/^AUTH/i.test(line)) sock.write('535 5.7.8 Authentication credentials invalid\r\n');
        else if (/^QUIT/i.test(line)) sock.end('221 bye\r\n');
        else sock.write('503 5.5.1 login first\r\n');
      }
    });
    sock.on('error', () => undefined);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `smtp://crieur:wrongpassword@127.0.0.1:${(server.address() as { port: number }).port}`, server })));
}

describe('announce with the mail server refusing the login', { timeout: 400_000 }, () => {
  let server: Server | undefined;
  afterAll(() => server?.close());

  it('exits 78 with the server\'s answer and smtp.url\'s fix, the password never shown; the mails stay queued', async () => {
    const relay = await refusingLogin();
    server = relay.server;
    const ev = await cli.store.events.create({ date: new Date('2031-07-17T17:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de juillet' });
    await cli.store.subscribers.upsert([{ email: 'c@example.fr', status: 'active' as const, source: 'cli', language: 'fr' as const }]);
    const r = await runCrieur(['announce', String(ev.id), '--config', cli.configFile], { dir: cli.box.dir, env: { CRIEUR_SMTP_URL: relay.url }, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(78);
    const human = r.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('{'));
    expect(human.join('\n')).toMatch(/^crieur: \d+ mail\(s\) not sent: the mail server answered « 535 5\.7\.8 Authentication credentials invalid » — .*set its user and password in smtp\.url/m);
    expect(human.length, human.join('\n')).toBeLessThanOrEqual(2);
    expect(r.stderr).not.toMatch(/wrongpassword|deferred by the server|\n\s+at /);
  });
});

// Black-box audit: an announce killed mid-send (kill -9) left its rows in flight under its lease; run again, announce
// said « 40 mail(s) deferred by the server (4xx) » — no server had deferred anything. Rows another sender holds are
// said as such, with what becomes of them; exit 0 (nothing is wrong: crieur start takes them over).
describe('announce run again while another sender holds rows', { timeout: 400_000 }, () => {
  it('says they are held by another sender, not deferred by the server', async () => {
    const ev = await cli.store.events.create({ date: new Date('2031-09-18T17:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de septembre' });
    await cli.store.subscribers.upsert([
      { email: 'held-1@example.fr', status: 'active' as const, source: 'cli', language: 'fr' as const },
      { email: 'held-2@example.fr', status: 'active' as const, source: 'cli', language: 'fr' as const },
    ]);
    const first = await cli.crieur('announce', String(ev.id), '--json');
    // (the roster keeps the members of the tests above: all of them get it)
    const { id, total } = JSON.parse(first.stdout) as { id: number; total: number };
    // What a sender killed inside its chunk leaves: its rows claimed, in transmission, under a lease not over yet.
    await cli.db.query(
      `UPDATE outbox SET status = 'sending', attempts = attempts + 1, lease_until = now() + interval '10 minutes', transmitting_at = now(), last_error = NULL, smtp_response = NULL
       WHERE campaign_id = $1`,
      [id],
    );
    const r = await cli.crieur('announce', String(ev.id));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^${total} mail\\(s\\) held by another sender`, 'm'));
    expect(r.stderr).toMatch(/held by another sender \(a crieur start sending them, or an earlier run that was stopped or killed\): once its lease \(queue\.sendLeaseSeconds\) is over, crieur start sends/m);
    expect(r.stderr).not.toMatch(/deferred by the server|not sent: no mail server answered/);
    expect(r.stdout).toContain(`: 0 sent, 0 failed, ${total} queued of ${total} — sending`);
  });
});
