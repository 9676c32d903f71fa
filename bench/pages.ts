/**
 * bench/pages — requests/s of the public pages (`/` with a three-talk programme, `/events.ics`) served by crieur's
 * listener over a PostgreSQL store, next to a bare node:http server answering the same bytes from memory in the same
 * run: what the store queries, the rendering and the rate-limit bookkeeping cost per request.
 *
 *   npx tsx bench/pages.ts [--requests N] [--concurrency C]
 *
 * Needs PostgreSQL at CRIEUR_TEST_PG_URL or postgres://postgres@127.0.0.1:5432/test (a schema of its own, dropped).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { configSchema } from '../src/config/schema.ts';
import { openStore } from '../src/adapters/db/open.ts';
import { Metrics, startHttp } from '../src/adapters/http/server.ts';
import { createLogger } from '../src/adapters/log/pino.ts';
import { systemClock } from '../src/app/clock.ts';
import { pageRoutes } from '../workers/http-routes.ts';

const args = process.argv.slice(2);
const arg = (name: string, d: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : d);
const REQUESTS = arg('--requests', 2000);
const CONCURRENCY = arg('--concurrency', 10);
const PG_URL = process.env.CRIEUR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_pages_${randomBytes(4).toString('hex')}`;

const config = configSchema.parse({
  group: { name: 'PostgreSQL Paris', locale: 'fr', timezone: 'Europe/Paris' },
  addresses: { proposals: 'talks@pgug.example.org', from: 'PostgreSQL Paris <talks@pgug.example.org>' },
  secret: 'bench-secret-0123456789',
  http: { port: 0, public: true, rateLimit: { perMinute: 1e9, burst: 1e9 } },
  log: { level: 'silent' },
});

async function run(url: string): Promise<number> {
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) {
        // A kept-alive socket the server closed while idle (its 5 s keepAliveTimeout, between runs) resets once.
        const r = await fetch(url).catch(() => fetch(url));
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
      }
    }),
  );
  return REQUESTS / (Number(process.hrtime.bigint() - t0) / 1e9);
}

const store = await openStore(PG_URL, { schema });
const servers: Server[] = [];
try {
  const ev = await store.events.create({ date: new Date(Date.now() + 30 * 86_400_000), venue: 'Dalibo', title: 'Meetup', venueAddress: '43 rue du Faubourg Montmartre, 75009 Paris' });
  for (let i = 0; i < 3; i++) {
    const { id } = await store.inbound.saveRaw(Buffer.from(`Message-ID: <${randomBytes(6).toString('hex')}@x>\r\n\r\nx\r\n`), { source: 'cli' });
    const draft = { format: i === 0 ? ('talk' as const) : ('lightning' as const), title: `Talk ${i}`, abstract: 'Un résumé de quelques lignes.\n\nEt un second paragraphe.', durationMinutes: i === 0 ? 45 : 5, language: 'fr' as const, speakers: [{ name: `Speaker ${i}`, email: `s${i}@example.fr` }], attachments: [] };
    await store.events.assign(ev.id, (await store.proposals.fileFromMessage(id, draft, 'bench')).proposal.ref);
  }
  const crieur = await startHttp('127.0.0.1', 0, new Metrics(), [], pageRoutes({ config, store, clock: systemClock, log: createLogger('silent') }));
  servers.push(crieur);
  const base = `http://127.0.0.1:${(crieur.address() as AddressInfo).port}`;
  const bodies = { home: Buffer.from(await (await fetch(`${base}/`)).arrayBuffer()), ics: Buffer.from(await (await fetch(`${base}/events.ics`)).arrayBuffer()) };
  const bare = createServer((req, res) => res.end(req.url === '/events.ics' ? bodies.ics : bodies.home));
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', () => r()));
  servers.push(bare);
  const bareBase = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`requests ${REQUESTS}, concurrency ${CONCURRENCY}, load average ${load}`);
  for (const [name, path] of [['/', '/'], ['/events.ics', '/events.ics']] as const) {
    await run(`${base}${path}`); // warm-up
    const c = await run(`${base}${path}`);
    const b = await run(`${bareBase}${path}`);
    console.log(`${name.padEnd(12)} crieur ${c.toFixed(0)} req/s, bare node:http (same bytes) ${b.toFixed(0)} req/s, ratio ${(c / b).toFixed(2)}, ${bodies[path === '/' ? 'home' : 'ics'].length} bytes`);
  }
} finally {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await store.close();
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}
