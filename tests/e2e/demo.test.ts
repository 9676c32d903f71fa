/** `npm run demo`, the README's quick start: the whole pipeline on embedded defaults, in a directory of its own. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { REDIS_URL as TEST_REDIS_URL } from '../support/services.ts';

const BIN = fileURLToPath(new URL('../../src/cli/crieur.js', import.meta.url));
const cwd = mkdtempSync(join(tmpdir(), 'crieur-demo-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('crieur demo', () => {
  it('files the sample proposals, acknowledges them, answers no robot, and exits 0', { timeout: 120_000 }, () => {
    const run = spawnSync(process.execPath, [BIN, 'demo'], {
      cwd,
      encoding: 'utf8',
      timeout: 110_000,
      env: { ...process.env, REDIS_URL: process.env.REDIS_URL ?? TEST_REDIS_URL },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/proposals filed: 3/);
    expect(run.stdout).toMatch(/mails sent: 7/);
    const emls = readdirSync(join(cwd, 'outbox')).filter((f) => f.endsWith('.eml'));
    expect(emls).toHaveLength(7);
    expect(readdirSync(join(cwd, 'outbox')).filter((f) => f.endsWith('.html'))).toHaveLength(7);
    const recipients = emls.map((f) => /^To: (.*)$/m.exec(readFileSync(join(cwd, 'outbox', f), 'utf8'))?.[1] ?? '');
    for (const robot of ['paul.durand@exemple.fr', 'MAILER-DAEMON', 'someone@example.net']) {
      expect(recipients.join('\n')).not.toContain(robot);
    }
  });

  it('REDIS_URL that does not answer: says so and exits 1, never left running (audit W)', { timeout: 120_000 }, async () => {
    // It printed « Redis is not reachable … » and then hung for good: its SMTP listener stayed open after the failed start.
    const { freePort } = await import('../support/ports.ts');
    const closed = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'crieur-demo-noredis-'));
    try {
      const run = spawnSync(process.execPath, [BIN, 'demo'], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, REDIS_URL: `redis://127.0.0.1:${closed}` } });
      expect(run.signal, 'still running after 60 s').toBeNull();
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`Redis is not reachable at redis://127\\.0\\.0\\.1:${closed}`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
