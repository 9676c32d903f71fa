/**
 * An entry of `lists` missing a key, or written as a word, was said in zod's words (contract audit of the CLI):
 * « lists.0.name — expected string, received undefined », beside « lists.0.address — expected an email address » for
 * an address left out, « lists.0 — expected object, received string » for `- generale`, and from CRIEUR_LISTS
 * « lists.0.name must be a text ». Now one line per entry: what it lacks, what it sets, and an entry as it should be;
 * the file's or the variable's to fix. A section's missing keys (dkim) and a wrong value in an entry as before.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { configFiles, errorOf } from '../config/helpers.ts';
import { runCrieur, sandbox } from '../support/crieur-process.ts';

const file = configFiles('crieur-list-entries-');
const head = 'group: { name: "PG Paris" }\nsecret: "0123456789abcdef0123"\n';
const ENTRY = '{ name: generale, address: pgsql-fr-generale@lists.postgresql.example, language: fr }';
const JSON_ENTRY = `CRIEUR_LISTS='[{"name":"generale","address":"pgsql-fr-generale@lists.postgresql.example","language":"fr"}]'`;

describe('an entry of lists that lacks a key, or is no entry', () => {
  it.each([
    ['lists:\n  - { address: g@lists.example }\n', 'lists.0.name is missing (the entry sets address): add it to that entry in the file'],
    ['lists:\n  - { name: generale }\n', 'lists.0.address is missing (the entry sets name): add it to that entry in the file'],
    ['lists:\n  - { name: a, address: a@lists.example }\n  - {}\n', 'lists.1.name and lists.1.address are missing (the entry is empty): add them to that entry in the file'],
  ])('%j: one line, what is missing and an entry as it should be', (yaml, said) => {
    const f = file(head + yaml);
    expect(errorOf(() => loadConfig({ file: f, env: {} })).message).toBe(`invalid configuration in ${f}: ${said}, as in lists: [${ENTRY}]`);
  });

  it.each([
    ['lists:\n  - generale\n', 'lists.0 — expected an entry with its keys'],
    ['lists: generale\n', 'lists — expected a list of entries with their keys'],
  ])('%j: an entry has keys', (yaml, said) => {
    const f = file(head + yaml);
    expect(errorOf(() => loadConfig({ file: f, env: {} })).message).toBe(`invalid configuration in ${f}: ${said}, as in lists: [${ENTRY}] (set it in the file or with CRIEUR_LISTS)`);
  });

  it('from CRIEUR_LISTS: the variable is named, with the JSON it takes', () => {
    const f = file(head);
    const e = errorOf(() => loadConfig({ file: f, env: { CRIEUR_LISTS: '[{"address":"g@lists.example"}]' } }));
    const shown = JSON.stringify('[{"address":"g@lists.example"}]');
    expect(e.message).toBe(`invalid configuration in the environment: CRIEUR_LISTS=${shown}: lists.0.name is missing (the entry sets address): add name to it, e.g. ${JSON_ENTRY}`);
  });

  it('guards: a wrong value in an entry, and a section\'s missing keys, as before', () => {
    const bad = file(`${head}lists:\n  - { name: generale, address: g@lists.example, language: de }\n`);
    expect(errorOf(() => loadConfig({ file: bad, env: {} })).message).toMatch(/lists\.0\.language — expected one of "fr"\|"en"/);
    const dkim = file(`${head}dkim: { domain: example.org }\n`);
    expect(errorOf(() => loadConfig({ file: dkim, env: {} })).message).toBe(
      `invalid configuration in ${dkim}: dkim.selector and dkim.keyFile are missing (the file sets dkim.domain): add them under dkim in the file, or set CRIEUR_DKIM_SELECTOR and CRIEUR_DKIM_KEYFILE`,
    );
  });
});

describe('through the CLI', { timeout: 60_000 }, () => {
  const box = sandbox('config-list-entries');
  afterAll(() => box.cleanup());
  it('crieur doctor: 78, the one line', async () => {
    const f = file(`${head}lists:\n  - { address: g@lists.example }\n`);
    const r = await runCrieur(['doctor', '--config', f], { dir: box.dir, cwd: box.dir, timeoutMs: 30_000 });
    expect(r.code).toBe(78);
    expect(r.stderr).toBe(`crieur: invalid configuration in ${f}: lists.0.name is missing (the entry sets address): add it to that entry in the file, as in lists: [${ENTRY}]\n`);
  });
});
