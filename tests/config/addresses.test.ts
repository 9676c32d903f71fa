/**
 * addresses.from is a mailbox (RFC 5322): `addr@domain` or `Display Name <addr@domain>`. Anything else is
 * refused when the configuration is read (exit 78, naming the key), not when the first mail is sent. The
 * other address keys are bare addresses (they are used as envelope and token addresses) and say so too.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { configFiles, errorOf } from './helpers.ts';

const file = configFiles('crieur-addresses-');

const yamlString = (s: string) => JSON.stringify(s);

describe('addresses.from', () => {
  it.each([
    'talks@pgug.example.org',
    'PostgreSQL Paris <talks@pgug.example.org>',
    '"Groupe d\'Utilisateurs PostgreSQL à Paris" <talks@pgug.example.org>',
    '"Dupont, Jean" <jean@example.org>',
    '"Say \\"hi\\"" <hi@example.org>',
    'Groupe à Paris <talks@pgug.example.org>',
    'J. R. Doe <jrd@example.org>',
    '<talks@pgug.example.org>',
  ])('%s is accepted as written', (from) => {
    const c = loadConfig({ file: file(`addresses: { from: ${yamlString(from)} }\n`), env: {} });
    expect(c.addresses.from).toBe(from);
  });

  it.each([
    'not an address',
    'talks',
    'Paris <not an address>',
    'Paris <talks@pgug.example.org',
    'Dupont, Jean <jean@example.org>',
    '"unterminated <talks@pgug.example.org>',
    'talks@pgug.example.org, other@example.org',
    'Paris <talks@pgug.example.org> trailing',
  ])('%s is refused naming the key and what is expected', (from) => {
    const e = errorOf(() => loadConfig({ file: file(`addresses: { from: ${yamlString(from)} }\n`), env: {} }));
    expect(e.message).toContain('addresses.from — expected a mailbox such as talks@example.org or PostgreSQL Paris <talks@example.org>');
  });

  it('is checked when it comes from CRIEUR_ADDRESSES_FROM too', () => {
    const e = errorOf(() => loadConfig({ file: undefined, env: { CRIEUR_ADDRESSES_FROM: 'not an address' } }));
    expect(e.message).toContain('CRIEUR_ADDRESSES_FROM="not an address": addresses.from must be a mailbox');
    expect(loadConfig({ file: undefined, env: { CRIEUR_ADDRESSES_FROM: 'Paris <p@example.org>' } }).addresses.from).toBe('Paris <p@example.org>');
  });
});

describe('the other address keys', () => {
  it.each([
    ['addresses: { proposals: "not an address" }\n', 'addresses.proposals — expected an email address'],
    ['addresses: { bounces: "not an address" }\n', 'addresses.bounces — expected an email address'],
    ['organizers: ["not an address"]\n', 'organizers.0 — expected an email address'],
    ['lists: [{ name: g, address: "not an address" }]\n', 'lists.0.address — expected an email address'],
  ])('%j is refused: %s', (yaml, said) => {
    expect(errorOf(() => loadConfig({ file: file(yaml), env: {} })).message).toContain(said);
  });
});
