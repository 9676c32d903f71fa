/**
 * Contract audit 2 of the CLI against SPEC.md, driving the built bin with fresh inputs (no service reached):
 * - `parse --json`: SPEC's object lists messageId, kind, from, subject, language, proposal | command | bounce, and
 *   `warnings` last — crieur printed warnings before the proposal, command or bounce;
 * - SPEC's errors are one or two human lines: an invalid configuration with several problems said one line each
 *   (three to a dozen lines); now the first on the first line and the others on a second, every one still named;
 * - control characters on a terminal are shown escaped: commander's usage errors quoted the words given raw
 *   (« unknown option '--ESC[31m' » reached the terminal as an ESC sequence).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCrieur, sandbox } from '../support/crieur-process.ts';
import { parseEventDate } from '../../src/cli/commands/events.ts';
import { CliError } from '../../src/cli/exit-codes.ts';
import { groupConfig } from '../support/test-config.ts';

const box = sandbox('contract-audit-2');
afterAll(() => box.cleanup());
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runCrieur(args, { dir: box.dir, cwd: box.dir, env, timeoutMs: 60_000 });

function mail(name: string, lines: string[]): string {
  const path = join(box.dir, name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

const PROPOSAL = mail('proposal.eml', [
  'From: "Raman, Priya" <priya@example.fr>',
  'To: talks@pgug.example.org',
  'Subject: Proposition de conférence : Partitionnement déclaratif',
  'Date: Mon, 03 Nov 2025 10:00:00 +0100',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  'Bonjour,',
  '',
  'Je voudrais proposer une présentation de 30 minutes.',
  '',
  'Titre : Partitionnement déclaratif en production',
  "Résumé : Retour d'expérience sur le partitionnement de tables de 2 To.",
  '',
  'Priya Raman',
]);

const COMMAND = mail('command.eml', [
  'From: dim@example.org',
  'To: talks@pgug.example.org',
  'Subject: Re: [P-0001] Partitionnement',
  'Message-ID: <cmd-ca2@example.org>',
  'In-Reply-To: <x@example.org>',
  '',
  'accepter',
]);

const BOUNCE = mail('bounce.eml', [
  'From: Mail Delivery System <MAILER-DAEMON@mx.example.org>',
  'To: bounces@pgug.example.org',
  'Subject: Undelivered Mail Returned to Sender',
  'Message-ID: <bounce-ca2@mx.example.org>',
  'Date: Mon, 03 Nov 2025 10:00:00 +0100',
  'MIME-Version: 1.0',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
  '',
  '--b',
  'Content-Type: text/plain',
  '',
  'This is the mail system. Your message could not be delivered.',
  '<ghost@example.invalid>: host said: 550 5.1.1 User unknown',
  '--b',
  'Content-Type: message/delivery-status',
  '',
  'Reporting-MTA: dns; mx.example.org',
  '',
  'Final-Recipient: rfc822; ghost@example.invalid',
  'Action: failed',
  'Status: 5.1.1',
  '--b--',
]);

describe('parse --json: the keys in SPEC\'s order', { timeout: 120_000 }, () => {
  const SPEC_ORDER = ['messageId', 'kind', 'from', 'subject', 'language', 'proposal', 'command', 'bounce', 'warnings'];
  const inSpecOrder = (keys: string[]) => keys.filter((k) => SPEC_ORDER.includes(k));

  it.each([
    ['a proposal', PROPOSAL, 'proposal'],
    ['a command', COMMAND, 'command'],
    ['a bounce', BOUNCE, 'bounce'],
  ])('%s: warnings last, after its %s', async (_what, file, key) => {
    const r = await run(['parse', '--json', file]);
    expect(r.code, r.stderr).toBe(0);
    const obj = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(obj.kind).toBe(key);
    const keys = Object.keys(obj);
    expect(inSpecOrder(keys)).toEqual(['messageId', 'kind', 'from', 'subject', 'language', key, 'warnings']);
    expect(keys.at(-1)).toBe('warnings');
  });

  it('NDJSON of several files: "file" first, the same order on each line', async () => {
    const r = await run(['parse', '--json', PROPOSAL, COMMAND, BOUNCE]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    for (const obj of lines) {
      expect(Object.keys(obj)[0]).toBe('file');
      expect(Object.keys(obj).at(-1)).toBe('warnings');
    }
  });
});

describe('an invalid configuration with several problems: two lines, every problem named', { timeout: 120_000 }, () => {
  it('three problems of the file and one of the environment: exit 78, two lines on stderr', async () => {
    const config = box.writeConfig(
      { group: { name: 'PG Paris', locale: 'de' }, bogus: 1, tokens: { maxAgeDays: 'ten' }, secret: '0123456789abcdef0123' },
      'several.yaml',
    );
    const r = await run(['proposals', 'list', '--config', config], { CRIEUR_HTTP_PORT: 'abc' });
    expect(r.code).toBe(78);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^crieur: invalid configuration in .*several\.yaml and the environment, 4 problems: /);
    for (const said of ['unknown key bogus', 'group.locale', 'tokens.maxAgeDays', 'CRIEUR_HTTP_PORT=abc: http.port must be a number']) {
      expect(r.stderr).toContain(said);
    }
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('one problem: one line, as before', async () => {
    const config = box.writeConfig({ group: { name: 'PG Paris' }, bogus: 1, secret: '0123456789abcdef0123' }, 'one.yaml');
    const r = await run(['proposals', 'list', '--config', config]);
    expect(r.code).toBe(78);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^crieur: invalid configuration in .*one\.yaml: unknown key bogus/)]);
  });
});

// Anything a terminal acts on: C0 but tab and newline, DEL, C1, bidi embeddings, overrides, isolates.
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('usage errors quote the words given escaped', { timeout: 120_000 }, () => {
  it.each([
    [['proposals', 'list', '--\u001b[31mbad'], "error: unknown option '--\\x1b[31mbad'"],
    [['nope\u001b]0;pwned\u0007'], "error: unknown command 'nope\\x1b]0;pwned\\x07'"],
    [['events', 'create', '--date', '2027-01-28', '--venue', 'X', '--\u202eevil'], "error: unknown option '--\\u202eevil'"],
    [['parse', '--jsn\u009b'], "error: unknown option '--jsn\\x9b'"],
  ])('%j: 64, no control character on stderr', async (args, said) => {
    const r = await run(args);
    expect(r.code).toBe(64);
    expect(r.stderr).not.toMatch(ACTIVE);
    expect(r.stderr.split('\n')[0]).toBe(said);
    expect(r.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
  });
});

describe('a PGlite directory where no directory can be made: 78 at once', { timeout: 120_000 }, () => {
  // database.url under /proc: Node's recursive mkdir spun a core forever (`crieur proposals list` never returned).
  it.each([[['proposals', 'list']], [['events', 'list', '--json']]])('%j under /proc: 78, database.url named, no hang', async (args) => {
    const r = await runCrieur(args, { dir: box.dir, cwd: box.dir, env: { CRIEUR_DATABASE_URL: 'pglite:///proc/crieur-nope/db' }, timeoutMs: 45_000 });
    expect(r.code).toBe(78);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('crieur: cannot create the PGlite directory /proc/crieur-nope/db: this file system makes no directory there');
    expect(r.stderr).toContain('database.url');
    expect(r.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
  });
});

describe('events create --date ISO: a day in any ISO 8601 form starts at the default time', { timeout: 120_000 }, () => {
  // 20270128 (ISO 8601's basic form) was read by luxon as midnight, where 2027-01-28 starts at events.defaults.time;
  // 2027-06 and 2027 were the 1st at midnight: no day, refused as any unreadable date.
  const paris = groupConfig('contract-audit-2');
  const at19 = parseEventDate('2027-01-28', paris).toISOString();
  it.each(['20270128', '2027-W04-4', '2027W044', '2027-028', '2027028'])('%s is 2027-01-28 at 19:00, as 2027-01-28', (given) => {
    expect(parseEventDate(given, paris).toISOString()).toBe(at19);
  });

  it.each(['2027-01', '2027'])('%s names no day: 64', (given) => {
    const err = (() => {
      try {
        parseEventDate(given, paris);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(64);
  });

  it('from the CLI: events create --date 20270128 --json gives the date 2027-01-28 does', async () => {
    const config = box.writeConfig({ group: { name: 'PG Paris', timezone: 'Europe/Paris' }, database: { url: `pglite://${join(box.dir, 'db')}` } }, 'events.yaml');
    const r = await run(['events', 'create', '--date', '20270128', '--venue', 'Salle A', '--json', '--config', config]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ date: '2027-01-28T18:00:00.000Z', venue: 'Salle A', title: null, programme: [] });
  });
});
