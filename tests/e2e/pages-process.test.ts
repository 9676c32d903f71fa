/**
 * The wiring of the pages in a crieur process (workers/process.ts, its http phase): with http.public the listener of
 * /healthz serves the programme, the feed and the form; without it only the links of mail. Catches a page route
 * built but never handed to the listener.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../workers/process.ts';
import { clearRedisPrefix, e2eConfig, redisPrefix, testDatabase } from '../support/pipeline.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

describe('a crieur process serves the pages', () => {
  it.each([true, false])('http.public: %s', { timeout: 120_000 }, async (on) => {
    const [port, sink, db] = await Promise.all([freePort(), startSmtpSink(), testDatabase('postgres')]);
    const prefix = redisPrefix();
    const config = e2eConfig({ smtpUrl: sink.url, databaseUrl: db.url, prefix, overrides: { http: { host: '127.0.0.1', port, public: on } } });
    const running = await runProcess(config, { queues: ['deliver'], watch: false, serveDatabase: false });
    const status = async (path: string) => (await fetch(`http://127.0.0.1:${port}${path}`)).status;
    try {
      for (const path of ['/', '/events.ics', '/subscribe']) expect(await status(path), path).toBe(on ? 200 : 404);
      // Links in mail, whatever http.public says: a made-up token gets the "not valid" page, not a missing route.
      const unsubscribe = await fetch(`http://127.0.0.1:${port}/unsubscribe/u-1-aaaaaaaaaaaaaaaa`);
      expect(unsubscribe.status).toBe(404);
      expect(await unsubscribe.text()).toContain('Ce lien de désabonnement n’est pas valide');
      const confirm = await fetch(`http://127.0.0.1:${port}/confirm/c-1-aaaaaaaaaaaaaaaa`);
      expect(confirm.status).toBe(404);
      expect(await confirm.text()).toContain('Ce lien de confirmation n’est pas valide');
      expect(await status('/healthz')).toBe(200);
    } finally {
      await running.stop();
      await sink.close();
      await db.drop();
      await clearRedisPrefix(prefix);
    }
  });
});
