/**
 * `announce EVENT --dry-run --json` (and `--out DIR --json`), as an audit of the CLI found it printing a shape of its
 * own (`{event, lists, members, dryRun}`): SPEC's campaign counts `{id, kind, event, list, total, sent, failed, queued,
 * status}` as the run would leave them — nothing sent, `queued` who would get it, status `dry-run`. On PostgreSQL (a
 * schema of its own).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../support/cli-store.ts';
import { runCrieur } from '../support/crieur-process.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createCallMailBuilder } from '../../src/adapters/compose/call.ts';
import { callForProposals } from '../../src/app/call-for-proposals.ts';
import { systemClock } from '../../src/app/clock.ts';

const cli = useCliStore('announce-preview', 'anp');
const LISTS = [{ name: 'generale', address: 'generale@lists.example.org', language: 'fr' }];

/** `crieur ARGS` on this run's configuration with a list configured. */
async function withList(...args: string[]) {
  const file = cli.box.writeConfig({ ...(parse(readFileSync(cli.configFile, 'utf8')) as object), lists: LISTS }, 'with-list.yaml');
  return runCrieur([...args, '--config', file], { dir: cli.box.dir, timeoutMs: 120_000 });
}

describe('announce --dry-run --json: the campaign counts SPEC gives announce --json', { timeout: 400_000 }, () => {
  it('prints {id, kind, event, list, total, sent, failed, queued, status} with their types, for --dry-run and --out', async () => {
    const ev = await cli.store.events.create({ date: new Date('2031-03-20T18:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de mars' });
    await cli.store.subscribers.upsert(['a@example.fr', 'b@example.fr'].map((email) => ({ email, status: 'active' as const, source: 'cli', language: 'fr' as const })));
    const dry = await withList('announce', String(ev.id), '--dry-run', '--json');
    expect(dry.code, dry.stderr).toBe(0);
    const j = JSON.parse(dry.stdout) as Record<string, unknown>;
    expect(j).toMatchObject({ id: null, kind: 'announce', event: ev.id, list: null, total: 3, sent: 0, failed: 0, queued: 3, status: 'dry-run' });
    const out = await withList('announce', String(ev.id), '--out', join(cli.box.dir, 'out'), '--json', '--list', 'generale');
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ id: null, kind: 'announce', event: ev.id, list: 'generale', total: 1, sent: 0, failed: 0, queued: 1, status: 'dry-run' });
    expect(readdirSync(join(cli.box.dir, 'out')).some((f) => f.endsWith('.eml'))).toBe(true);
  });
});

describe('announce --out: the member copy as members get it (audit E)', { timeout: 400_000 }, () => {
  it('carries the https unsubscribe link List-Unsubscribe-Post announces, in the header and the footer', async () => {
    const ev = await cli.store.events.create({ date: new Date('2031-04-17T17:00:00Z'), venue: 'Chez Dalibo', title: "Meetup d'avril" });
    await cli.store.subscribers.upsert([{ email: 'c@example.fr', status: 'active' as const, source: 'cli', language: 'fr' as const }]);
    const file = cli.box.writeConfig({ ...(parse(readFileSync(cli.configFile, 'utf8')) as object), http: { port: 0, publicUrl: 'https://pgug.example.org' } }, 'public-url.yaml');
    const dir = join(cli.box.dir, 'out-public');
    const out = await runCrieur(['announce', String(ev.id), '--out', dir, '--config', file], { dir: cli.box.dir, timeoutMs: 120_000 });
    expect(out.code, out.stderr).toBe(0);
    const eml = readFileSync(join(dir, `E-${ev.id}.member-fr.eml`), 'utf8');
    // Unfolded (RFC 5322 §2.2.3): List-Unsubscribe is folded within 78 columns.
    const head = eml.slice(0, eml.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
    expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    // RFC 8058: the one-click header only with an https URI in List-Unsubscribe — the one a member's copy has.
    expect(head).toMatch(/^List-Unsubscribe: <mailto:[^>]+\+u-0-[^>]+>, <https:\/\/pgug\.example\.org\/unsubscribe\/u-0-[^>]+>$/m);
    expect(readFileSync(join(dir, `E-${ev.id}.member-fr.txt`), 'utf8')).toContain('https://pgug.example.org/unsubscribe/u-0-');
  });
});

describe('announce --dry-run: a list address that is also a member (audit E)', { timeout: 400_000 }, () => {
  it('counts it once, as the real run sends it once', async () => {
    const ev = await cli.store.events.create({ date: new Date('2031-05-15T17:00:00Z'), venue: 'Chez Dalibo', title: 'Meetup de mai' });
    await cli.store.subscribers.upsert([{ email: LISTS[0]!.address, status: 'active' as const, source: 'cli', language: 'fr' as const }]);
    const active = (await cli.store.subscribers.list({ status: 'active' })).filter((s) => s.lists.includes('members')).length;
    const dry = await withList('announce', String(ev.id), '--dry-run', '--json');
    expect(dry.code, dry.stderr).toBe(0);
    // The ledger is keyed (purpose, event, recipient): the list's row is the only one that address gets.
    expect(JSON.parse(dry.stdout)).toMatchObject({ lists: ['generale'], members: active - 1, total: active, queued: active });
  });
});

describe('call --dry-run after a call to one list this month', { timeout: 400_000 }, () => {
  it('counts as the real run does: the list that had it is not counted again (it counted every list)', async () => {
    const lists = [{ name: 'generale', address: 'call-fr@lists.example.org', language: 'fr' }, { name: 'english', address: 'call-en@lists.example.org', language: 'en' }];
    const file = cli.box.writeConfig({ ...(parse(readFileSync(cli.configFile, 'utf8')) as object), lists, secret: 'call-preview-secret' }, 'two-lists.yaml');
    const config = loadConfig({ file });
    // `crieur call --list generale` as far as its ledger: the rows it adds, sent or not, are what the next run skips
    await callForProposals({ config, store: cli.store, builder: createCallMailBuilder(config), clock: systemClock }, { list: 'generale' });
    const active = (await cli.store.subscribers.list({ status: 'active' })).filter((s) => s.lists.includes('members')).length;
    const dry = await runCrieur(['call', '--dry-run', '--json', '--config', file], { dir: cli.box.dir, timeoutMs: 120_000 });
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ kind: 'call', event: null, list: null, lists: ['english'], members: active, queued: active + 1, status: 'dry-run' });
    // --force: everyone in scope, a list's address that is also a member counted once (it was counted twice)
    await cli.store.subscribers.upsert([{ email: 'call-en@lists.example.org', status: 'active' as const, source: 'cli', language: 'en' as const }]);
    const forced = await runCrieur(['call', '--dry-run', '--force', '--json', '--config', file], { dir: cli.box.dir, timeoutMs: 120_000 });
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ lists: ['generale', 'english'], members: active, queued: active + 2 });
    const text = await runCrieur(['call', '--dry-run', '--list', 'generale', '--config', file], { dir: cli.box.dir, timeoutMs: 120_000 });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/nothing new — every list and member in scope already has it/);
  });
});
