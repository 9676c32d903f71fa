/**
 * A CRIEUR_* variable means what the same value in the file means: the items of a comma list are of the
 * array's element type (`6,1` is [6, 1], as `[6, 1]` is), and keys it brings (a JSON list of objects) are
 * checked like the file's, an unknown one refused naming the variable. Messages say "expected" once.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { configFiles, errorOf } from './helpers.ts';

const file = configFiles('crieur-env-');

describe('comma lists take the element type', () => {
  it.each([
    ['6,1', [6, 1]],
    [' 7 , 2 ', [7, 2]],
    ['3', [3]],
    ['[6,1]', [6, 1]],
  ])('CRIEUR_REMINDERS_BEFOREEVENTDAYS=%j → %j', (value, expected) => {
    const c = loadConfig({ file: undefined, env: { CRIEUR_REMINDERS_BEFOREEVENTDAYS: value } });
    expect(c.reminders.beforeEventDays).toEqual(expected);
  });

  it('the same as the file says it', () => {
    const fromFile = loadConfig({ file: file('reminders: { beforeEventDays: [6, 1] }\ndelivery: { retryMinutes: [1, 5] }\n'), env: {} });
    const fromEnv = loadConfig({ file: undefined, env: { CRIEUR_REMINDERS_BEFOREEVENTDAYS: '6,1', CRIEUR_DELIVERY_RETRYMINUTES: '1,5' } });
    expect(fromEnv.reminders).toEqual(fromFile.reminders);
    expect(fromEnv.delivery).toEqual(fromFile.delivery);
  });

  it('strings stay strings', () => {
    const c = loadConfig({ file: undefined, env: { CRIEUR_ORGANIZERS: 'a@x.org,b@x.org', CRIEUR_COMMANDS_TRUSTEDAUTHSERV: 'mx.example.org, 1' } });
    expect(c.organizers).toEqual(['a@x.org', 'b@x.org']);
    expect(c.commands.trustedAuthserv).toEqual(['mx.example.org', '1']);
  });

  it('an item that is not a number is refused naming the item and the variable, "expected" said once', () => {
    const e = errorOf(() => loadConfig({ file: undefined, env: { CRIEUR_REMINDERS_BEFOREEVENTDAYS: '6,soon' } }));
    expect(e.message).toContain('reminders.beforeEventDays.1 — expected number, received');
    expect(e.message).toContain('CRIEUR_REMINDERS_BEFOREEVENTDAYS');
    expect(e.message).not.toMatch(/expected expected/);
  });

  it('a wrong type from the file says "expected" once too', () => {
    const e = errorOf(() => loadConfig({ file: file('reminders: { beforeEventDays: ["6"] }\n'), env: {} }));
    expect(e.message).toContain('reminders.beforeEventDays.0 — expected number, received string');
    expect(e.message).not.toMatch(/expected expected/);
  });
});

describe('keys brought by a variable are checked like the file', () => {
  it('an unknown key in CRIEUR_LISTS is refused naming it and the variable', () => {
    const e = errorOf(() =>
      loadConfig({ file: undefined, env: { CRIEUR_LISTS: '[{"name":"a","address":"a@l.example","bogus":1}]' } }),
    );
    expect(e.message).toContain('unknown key lists.0.bogus (from CRIEUR_LISTS)');
  });

  it('with the closest known key when it is a typo', () => {
    const e = errorOf(() => loadConfig({ file: undefined, env: { CRIEUR_LISTS: '[{"name":"a","adress":"a@l.example"}]' } }));
    expect(e.message).toContain('unknown key lists.0.adress (from CRIEUR_LISTS) — did you mean address?');
  });

  it('an unknown key in the file is still said once, as the file\'s', () => {
    const e = errorOf(() => loadConfig({ file: file('lists: [{ name: g, address: g@l.example.org, bogus: 1 }]\n'), env: {} }));
    expect(e.message).toContain('unknown key lists.0.bogus — see crieur init');
    expect(e.message).not.toContain('(from CRIEUR_');
    expect(e.message.match(/lists\.0\.bogus/g)).toHaveLength(1);
  });

  it('known keys from the variable load', () => {
    const c = loadConfig({ file: undefined, env: { CRIEUR_LISTS: '[{"name":"a","address":"a@l.example","language":"en"}]' } });
    expect(c.lists).toEqual([{ name: 'a', address: 'a@l.example', language: 'en' }]);
  });
});
