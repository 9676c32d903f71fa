/**
 * The language column of `crieur subscribers import` (and --language) as rosters and exports write it (35ba6dd read
 * codes and names, but a value with a region or a codeset after it — « English (UK) », fr_FR.UTF-8 — became « not one
 * crieur writes in », the member imported in the group's language, where its first two letters had read it right).
 */
import { describe, expect, it } from 'vitest';
import { languageOf } from '../../src/cli/commands/subscribers.ts';

describe('languageOf', () => {
  it.each([
    ['English (UK)', 'en'],
    ['English (United States)', 'en'],
    ['Français (France)', 'fr'],
    ['anglais (GB)', 'en'],
    ['English - UK', 'en'],
    ['fr_FR.UTF-8', 'fr'],
    ['en_US.utf8', 'en'],
    ['fr_FR@euro', 'fr'],
    ['EN (US)', 'en'],
    ['en français', 'fr'],
    ['en anglais', 'en'],
    ['fr-CA', 'fr'],
    ['anglais', 'en'],
    ['en', 'en'],
    ['', null],
    ['de', 'unknown'],
    ['Deutsch (Schweiz)', 'unknown'],
    ['frisian', 'unknown'],
  ] as const)('%s → %s', (cell, lang) => {
    expect(languageOf(cell)).toBe(lang);
  });
});
