/**
 * `crieur digest` from a shell (SPEC): --out writes .html, .txt (RFC 1153) and .eml (MIME digest) for a list with
 * posts and nothing for an empty period; --dry-run sends nothing and names the members it would send to (their
 * choices recorded by `subscribers add --digest`, active members only); bad --list and --since exit 64.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openStore } from '../../src/adapters/db/open.ts';
import { mailparserReader, readMail } from '../../src/adapters/mailparser.ts';
import { collectListPost } from '../../src/app/collect-list-post.ts';
import { configSchema } from '../../src/config/schema.ts';
import { silentLogger } from '../../src/adapters/log/pino.ts';
import { killAll, runCrieur, sandbox } from '../support/crieur-process.ts';
import { buildMail } from '../support/pipeline.ts';

const box = sandbox('digest');
const LISTS = [
  { name: 'generale', address: 'pgsql-fr-generale@lists.postgresql.example', language: 'fr' },
  { name: 'vide', address: 'vide@lists.postgresql.example', language: 'fr' },
];
let configFile: string;

beforeAll(async () => {
  const dbUrl = `pglite://${join(box.dir, 'db')}`;
  const config = { database: { url: dbUrl }, lists: LISTS, secret: 'cli-digest-secret-0123', organizers: ['dim@example.org'], log: { level: 'silent' } };
  configFile = box.writeConfig(config);
  const store = await openStore(dbUrl);
  try {
    const parsed = configSchema.parse(config);
    const headers = ['List-Id: Liste générale <pgsql-fr-generale.lists.postgresql.example>', 'Archived-At: <https://archives.example.org/m/1>'];
    const a = buildMail({ from: 'Jean <jean@example.fr>', to: LISTS[0]!.address, subject: '[generale] Apéro de décembre', body: 'Qui vient ?', headers });
    const b = buildMail({ from: 'Marie <marie@example.fr>', to: LISTS[0]!.address, subject: 'RE : [generale] Apéro de décembre', body: 'Moi !', references: a.messageId, headers });
    for (const m of [a, b]) {
      const { id } = await store.inbound.saveRaw(m.raw, { source: 'cli' });
      await collectListPost({ config: parsed, store, clock: { now: () => new Date() }, log: silentLogger, reader: mailparserReader }, id, await readMail(m.raw));
    }
  } finally {
    await store.close();
  }
}, 180_000);

afterAll(async () => {
  await killAll();
  await box.cleanup();
});

describe('crieur digest', { timeout: 90_000 }, () => {
  it('--out writes every format of the list with posts, nothing for the empty one', async () => {
    const out = join(box.dir, 'out');
    const r = await runCrieur(['digest', '--since', '1h', '--out', out, '--config', configFile], { dir: box.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/generale: 2 messages, 1 thread, 2 posters/);
    // the window asked for, not the whole day it falls in (« no post for Wednesday, December 2 » after --since 5m)
    expect(r.stdout).toMatch(/vide: no post since \w+day, \w+ \d{1,2}, \d{4} at \d{1,2}:\d\d [AP]M, nothing written/);
    const files = readdirSync(out).sort();
    expect(files.map((f) => f.replace(/since-[\w-]+/, 'P'))).toEqual(['generale-P.eml', 'generale-P.html', 'generale-P.txt']);
    const txt = readFileSync(join(out, files.find((f) => f.endsWith('.txt'))!), 'utf8');
    // The period in words, never its key; an hour is a day's topics unless it spans midnight.
    expect(txt).toMatch(/^Résumé de la liste generale du \S+ \d/);
    expect(txt).not.toMatch(/since-/);
    expect(txt).toMatch(/\nThèmes (du jour|de la période) :\n/);
    expect(txt).toContain('-'.repeat(30));
    expect(txt).toContain('<https://archives.example.org/m/1>');
    const eml = readFileSync(join(out, files.find((f) => f.endsWith('.eml'))!), 'utf8').replace(/\r\n[ \t]+/g, ' ');
    expect(eml).toMatch(/multipart\/digest/);
    // No member takes a digest yet: a sample member's copy (below, a real member's), never one addressed to the list.
    expect(eml).toMatch(/^To: member@[^\s]+$/m);
    expect(eml).toMatch(/^Precedence: bulk$/m);
    expect(eml).toMatch(/^List-Unsubscribe: <mailto:[^>]+\+u-0-/m);
    expect(readFileSync(join(out, files.find((f) => f.endsWith('.html'))!), 'utf8')).toContain('Apéro de décembre');
  });

  it('--dry-run sends nothing and says why', async () => {
    const r = await runCrieur(['digest', '--dry-run', '--since', '1h', '--list', 'generale', '--config', configFile], { dir: box.dir });
    expect(r.code).toBe(0);
    // the period in words, never its outbox key (« a digest of since-2026-12-01T1822-… »): for --since, the moment it
    // starts (« for Tuesday, December 1 » named the whole day, and an hour after midnight two)
    expect(r.stdout).toMatch(/^generale: no member takes a digest since \w+day, \w+ \d{1,2}, \d{4} at \d{1,2}:\d\d [AP]M, nothing sent$/m);
    expect(r.stdout).not.toContain('since-');
    expect(existsSync(join(box.dir, 'db'))).toBe(true);
  });

  it('subscribers add --digest records a member\'s choice; --dry-run then names who would get it, and only active members', async () => {
    const add = (...args: string[]) => runCrieur(['subscribers', 'add', ...args, '--config', configFile], { dir: box.dir });
    // Two lists configured: the digest's must be named.
    const ambiguous = await add('alice@example.fr', '--digest', 'daily');
    expect(ambiguous.code).toBe(64);
    expect(ambiguous.stderr).toMatch(/several lists are configured: name the digest's with --list \(generale, vide\)/);
    // (Every refusal of the options: tests/cli/digest-choice.test.ts.) The refused command added nobody: "added" below.
    expect((await add('alice@example.fr', '--name', 'Alice', '--digest', 'daily', '--list', 'generale')).stdout).toBe('alice@example.fr added (active); digest of generale: daily, html\n');
    expect((await add('bob@example.fr', '--digest', 'weekly', '--digest-format', 'text', '--list', 'generale')).stdout).toMatch(/digest of generale: weekly, text/);
    expect((await add('carol@example.fr', '--digest', 'daily', '--digest-format', 'mime', '--list', 'generale')).code).toBe(0);
    expect((await runCrieur(['subscribers', 'remove', 'carol@example.fr', '--config', configFile], { dir: box.dir })).code).toBe(0);
    // An existing member changes their mind: the choice is replaced, not added.
    expect((await add('bob@example.fr', '--digest', 'daily', '--digest-format', 'mime', '--list', 'generale')).stdout).toBe('bob@example.fr was already there (active); digest of generale: daily, mime\n');
    const list = JSON.parse((await runCrieur(['subscribers', 'list', '--json', '--config', configFile], { dir: box.dir })).stdout) as Record<string, unknown>[];
    expect(list.find((m) => m.email === 'alice@example.fr')).toMatchObject({ status: 'active', lists: ['members'], bounces: 0, digests: [{ list: 'generale', cadence: 'daily', format: 'html' }] });
    expect(list.find((m) => m.email === 'bob@example.fr')!.digests).toEqual([{ list: 'generale', cadence: 'daily', format: 'mime' }]);
    expect(list.find((m) => m.email === 'carol@example.fr')).toMatchObject({ status: 'unsubscribed' });

    const dry = await runCrieur(['digest', '--dry-run', '--since', '1h', '--list', 'generale', '--config', configFile], { dir: box.dir });
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^generale: 2 messages, 1 thread, 2 posters would go to 2 members \(html 1, text 0, mime 1\):$/m);
    expect(dry.stdout).toMatch(/^ {2}html daily {2}alice@example\.fr$/m);
    expect(dry.stdout).toMatch(/^ {2}mime daily {2}bob@example\.fr$/m);
    expect(dry.stdout).not.toContain('carol@example.fr');
    // Without --list, the organizers' digest too: a proposal waits, so it would go to the organizer.
    const store = await openStore(`pglite://${join(box.dir, 'db')}`);
    try {
      const { id } = await store.inbound.saveRaw(buildMail({ from: 'Éloïse <eloise@example.fr>', to: 'talks@pgug.example.org', subject: 'Proposition', body: 'VACUUM' }).raw, { source: 'cli' });
      await store.proposals.fileFromMessage(id, { format: 'talk', title: 'VACUUM sans peur', abstract: null, durationMinutes: 45, language: 'fr', speakers: [{ name: 'Éloïse', email: 'eloise@example.fr' }], attachments: [] }, 'eloise@example.fr');
    } finally {
      await store.close();
    }
    const json = await runCrieur(['digest', '--dry-run', '--json', '--since', '1h', '--config', configFile], { dir: box.dir });
    expect(json.code, json.stderr).toBe(0);
    const lines = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.list === 'generale')).toMatchObject({ queued: 0, recipients: { html: 1, text: 0, mime: 1 }, to: [{ email: 'alice@example.fr', format: 'html', cadence: 'daily' }, { email: 'bob@example.fr', format: 'mime', cadence: 'daily' }] });
    expect(lines.find((l) => l.list === 'vide')).toMatchObject({ counts: null, to: [] });
    expect(lines.find((l) => l.organizers === true)).toMatchObject({ counts: { pending: 1 }, queued: 0, to: ['dim@example.org'] });
  }, 300_000);

  it('--out writes the copy a member gets (audit: the preview was addressed to the list, without its roster headers)', async () => {
    // The members added above take generale's digest; with http.publicUrl their links are the https page too.
    const file = box.writeConfig({ ...(parse(readFileSync(configFile, 'utf8')) as object), http: { port: 0, publicUrl: 'https://pgug.example.org' } }, 'public-url.yaml');
    const out = join(box.dir, 'out-member');
    const r = await runCrieur(['digest', '--since', '1h', '--list', 'generale', '--out', out, '--config', file], { dir: box.dir });
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(out);
    const eml = readFileSync(join(out, files.find((f) => f.endsWith('.eml'))!), 'utf8');
    const head = eml.slice(0, eml.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
    expect(head).toMatch(/^To: (alice@example\.fr|Alice <alice@example\.fr>|bob@example\.fr)$/m);
    expect(head).not.toMatch(/^To:.*pgsql-fr-generale@/m);
    expect(head).toMatch(/^List-Id: <pgsql-fr-generale\.lists\.postgresql\.example>$/im);
    // A member's links under a sample token (member 0), as sent: mailto and the https page, one-click, bulk.
    expect(head).toMatch(/^List-Unsubscribe: <mailto:[^>]+\+u-0-[^>]+\?subject=unsubscribe>, <https:\/\/pgug\.example\.org\/unsubscribe\/u-0-[^>]+>$/m);
    expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(head).toMatch(/^Precedence: bulk$/m);
    expect(head).toMatch(/^Reply-To: pgsql-fr-generale@lists\.postgresql\.example$/m);
    // The parts as that member reads them: the same link in the text's preamble and the HTML footer.
    expect(readFileSync(join(out, files.find((f) => f.endsWith('.txt'))!), 'utf8')).toMatch(/^Pour vous désabonner :\n<https:\/\/pgug\.example\.org\/unsubscribe\/u-0-[^>]+>$/m);
    expect(readFileSync(join(out, files.find((f) => f.endsWith('.html'))!), 'utf8')).toContain('https://pgug.example.org/unsubscribe/u-0-');
  });

  it.each([
    [['--list', 'nope'], /no list named "nope"/],
    [['--since', 'hier'], /--since "hier" is not a duration/],
    // A window whose start is no date at all ended in « Invalid time value », exit 1.
    [['--since', '99999999999w'], /--since "99999999999w" is longer than a century: write at most 5200w/],
    [['--since', '5201w'], /longer than a century/],
  ])('%j exits 64 naming the cause', async (args, msg) => {
    const r = await runCrieur(['digest', ...args, '--config', configFile], { dir: box.dir });
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
