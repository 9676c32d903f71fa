/**
 * /healthz and Prometheus /metrics for `crieur start` and `crieur worker`. Health is "every dependency answers
 * now" (Redis PING, a trivial SQL query); metrics are counters kept by the worker wiring plus queue depths read
 * at scrape time.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { within } from '../within.ts';
import { mjmlCompileCount } from '../render/mjml.ts';

export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export class Metrics {
  readonly registry = new Registry();
  readonly jobs = new Counter({ name: 'crieur_jobs_total', help: 'Jobs finished, by queue and outcome', labelNames: ['queue', 'outcome'], registers: [this.registry] });
  readonly ingested = new Counter({ name: 'crieur_messages_ingested_total', help: 'Messages stored, by source', labelNames: ['source'], registers: [this.registry] });
  readonly bounces = new Counter({ name: 'crieur_member_bounces_total', help: 'Bounces that named a member, by kind', labelNames: ['kind'], registers: [this.registry] });
  readonly queueDepth: Gauge;
  /** MJML compiles in this process: one per template × language × content, never one per recipient. */
  readonly mjmlCompiles = new Gauge({
    name: 'crieur_mjml_compiles_total',
    help: 'MJML compiles since start (cached by content hash)',
    registers: [this.registry],
    collect() {
      this.set(mjmlCompileCount());
    },
  });

  constructor(depths?: () => Promise<Record<string, Record<string, number>>>) {
    collectDefaultMetrics({ register: this.registry, prefix: 'crieur_' });
    this.queueDepth = new Gauge({
      name: 'crieur_queue_jobs',
      help: 'Jobs in each queue, by state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        if (!depths) return;
        // Redis unreachable: the scrape still answers (process metrics, counters), without queue depths.
        const all = await within(depths(), CHECK_MS).catch(() => null);
        if (!all) return this.reset();
        for (const [queue, states] of Object.entries(all)) for (const [state, n] of Object.entries(states)) this.set({ queue, state }, n);
      },
    });
  }
}

/** How long /healthz waits for one dependency, and /metrics for the queue depths. */
const CHECK_MS = 2_000;

/** A path prefix served by another handler (the queue dashboard, adapters/http/admin.ts). */
export interface Route {
  prefix: string;
  /** Only the prefix itself (`/` is the programme page, not every path). */
  exact?: boolean;
  /** Serves every path nothing else serves (the pages' 404), instead of a bare 404; `prefix` is then unused. */
  fallback?: boolean;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

function matches(r: Route, url: string): boolean {
  if (r.fallback) return false;
  if (r.exact) return url === r.prefix || url.startsWith(`${r.prefix}?`);
  return url === r.prefix || url.startsWith(`${r.prefix}/`) || url.startsWith(`${r.prefix}?`);
}

/** The listener's own paths: read-only, so GET and HEAD (Node sends no body to a HEAD). */
const OWN_PATHS = ['/healthz', '/metrics'];
const READ_ONLY = ['GET', 'HEAD'];

/**
 * `/subscribe/` for `/subscribe`: the URL without its trailing slash when that is a path served here, so a link
 * typed or pasted with one still arrives (308 keeps the method). Null when there is no such path.
 */
function withoutTrailingSlash(url: string, routes: readonly Route[]): string | null {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (!/[^/]\/+$/.test(path)) return null;
  const target = path.replace(/\/+$/, '') + (q < 0 ? '' : url.slice(q));
  const bare = target.split('?')[0]!;
  return OWN_PATHS.includes(bare) || routes.some((r) => matches(r, target)) ? target : null;
}

export async function startHttp(host: string, port: number, metrics: Metrics, checks: HealthCheck[], routes: Route[] = []): Promise<Server> {
  const fallback = routes.find((r) => r.fallback);
  const server = createServer((req, res) => {
    void (async () => {
      const url = req.url ?? '';
      const route = routes.find((r) => matches(r, url));
      const own = OWN_PATHS.find((p) => url === p);
      const redirect = route || own ? null : withoutTrailingSlash(url, routes);
      if (route) {
        route.handle(req, res);
      } else if (own && !READ_ONLY.includes(req.method ?? '')) {
        res.writeHead(405, { allow: READ_ONLY.join(', '), 'content-type': 'text/plain; charset=utf-8' }).end(`${req.method ?? ''} is not allowed on ${own}: GET or HEAD\n`);
      } else if (own === '/healthz') {
        const results = await Promise.all(
          checks.map(async (c) => {
            try {
              // A check waits on a client that may retry forever (BullMQ's Redis connection): bounded.
              await within(c.check(), CHECK_MS);
              return [c.name, 'ok'] as const;
            } catch (err) {
              return [c.name, (err as Error).message] as const;
            }
          }),
        );
        const ok = results.every(([, r]) => r === 'ok');
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: ok ? 'ok' : 'degraded', checks: Object.fromEntries(results) }));
      } else if (own === '/metrics') {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(await metrics.registry.metrics());
      } else if (redirect) {
        res.writeHead(308, { location: redirect, 'content-type': 'text/plain; charset=utf-8' }).end(`${redirect}\n`);
      } else if (fallback) {
        fallback.handle(req, res);
      } else {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      }
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
