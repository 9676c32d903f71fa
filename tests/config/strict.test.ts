/**
 * Issue 11, defect 6: a key the schema does not know is refused (exit 78) with the closest known key, in the
 * file and in CRIEUR_* variables; `smtp://` without a host is no address; every problem of a run is named at
 * once. The start command's side is in tests/e2e/cli-config.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { configFiles, errorOf } from './helpers.ts';
import { closest } from '../../src/config/keys.ts';

const file = configFiles('crieur-strict-');

describe('unknown configuration keys', () => {
  it.each([
    ['inbox: { pollSecond: 3 }\n', 'unknown key inbox.pollSecond — did you mean pollSeconds?'],
    ['smtpp: { url: "smtp://127.0.0.1:25" }\n', 'unknown key smtpp — did you mean smtp?'],
    ['lists:\n  - { name: g, adress: g@lists.example.org }\n', 'unknown key lists.0.adress — did you mean address?'],
    ['events: { defaults: { tme: "18:30" } }\n', 'unknown key events.defaults.tme — did you mean time?'],
    ['frobnicate: 1\n', 'unknown key frobnicate — see crieur init for every key'],
  ])('%j is refused: %s', (yaml, said) => {
    expect(errorOf(() => loadConfig({ file: file(yaml), env: {} })).message).toContain(said);
  });

  it('a CRIEUR_* variable that names no key is refused with the closest one', () => {
    const e = errorOf(() => loadConfig({ file: undefined, env: { CRIEUR_INBOX_POLLSECOND: '5' } }));
    expect(e.message).toContain('unknown environment variable CRIEUR_INBOX_POLLSECOND — did you mean CRIEUR_INBOX_POLLSECONDS?');
  });

  it('variables of the tooling (tests, bench, corpus) are not taken for keys', () => {
    const c = loadConfig({ file: undefined, env: { CRIEUR_TEST_PG_URL: 'x', CRIEUR_BENCH_REDIS_URL: 'x', CRIEUR_CORPUS: '/x', CRIEUR_INBOX_POLLSECONDS: '5' } });
    expect(c.inbox.pollSeconds).toBe(5);
  });

  it('known keys at every depth still load', () => {
    const c = loadConfig({ file: file('inbox: { pollSeconds: 7 }\nevents: { defaults: { time: "18:30" } }\nlists: [{ name: g, address: g@l.example.org, language: en }]\n'), env: {} });
    expect(c.inbox.pollSeconds).toBe(7);
    expect(c.events.defaults.time).toBe('18:30');
    expect(c.lists[0]!.language).toBe('en');
  });
});

describe('URLs that need a host', () => {
  it.each(['smtp://', 'smtps:///x', 'imap:///INBOX', 'redis://'])('%s is refused naming the key', (url) => {
    const key = url.startsWith('smtp') ? 'smtp' : url.startsWith('imap') ? 'inbox' : 'redis';
    const e = errorOf(() => loadConfig({ file: file(`${key}: { url: "${url}" }\n`), env: {} }));
    expect(e.message).toMatch(new RegExp(`${key}\\.url — expected a URL with a host name`));
  });

  it.each([
    ['inbox', 'maildir:///var/mail/crieur'],
    ['database', 'pglite://./data/crieur'],
    ['database', 'postgres:///crieur?host=/var/run/postgresql'],
    ['smtp', 'smtp://127.0.0.1:25'],
  ])('%s %s is accepted', (key, url) => {
    expect(() => loadConfig({ file: file(`${key}: { url: "${url}" }\n`), env: {} })).not.toThrow();
  });
});

describe('every problem at once', () => {
  it('unknown keys, invalid values, bad variables and missing required keys are named in one error', () => {
    const f = file('inbox: { pollSecond: 3 }\nsmtp: { url: "smtp://" }\ngroup: { locale: de }\n');
    const e = errorOf(() => loadConfig({ file: f, env: { CRIEUR_SECRTE: 'x' }, require: ['secret', 'smtp.url', 'inbox.url'] }));
    expect(e.message).toContain('6 problems');
    for (const said of ['inbox.pollSecond', 'smtp.url — expected a URL with a host', 'group.locale', 'CRIEUR_SECRTE — did you mean CRIEUR_SECRET?', 'secret is not set', 'inbox.url is not set']) {
      expect(e.message).toContain(said);
    }
  });

  it('every missing required key is named when the rest is valid', () => {
    const e = errorOf(() => loadConfig({ file: undefined, env: {}, require: ['secret', 'smtp.url', 'inbox.url'] }));
    // SPEC's errors are one or two lines: the first problem on the first, the others on the second (contract audit 2)
    const [first, also, ...more] = e.message.split('\n');
    expect(more).toEqual([]);
    expect(first).toMatch(/3 problems: secret is not set/);
    expect(also).toMatch(/^ {2}also: smtp\.url is not set.*; inbox\.url is not set/);
  });
});

describe('closest', () => {
  it.each([
    ['pollSecond', ['url', 'processedFolder', 'pollSeconds'], 'pollSeconds'],
    ['SMTPP', ['smtp', 'secret'], 'smtp'],
    ['zzzzzz', ['smtp', 'secret'], undefined],
  ])('%s → %s', (word, candidates, expected) => {
    expect(closest(word, candidates)).toBe(expected);
  });
});
