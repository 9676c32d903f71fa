/**
 * The text part and the HTML part of one mail said « l’orateur » and « l'orateur » by turns: the MJML templates were
 * written with the typographic apostrophe, most .txt templates with the typewriter one, so the plain-text reader saw
 * both in one message (« vient d'arriver … l’orateur est prévenu »). Every shipped template now writes ’ between two
 * letters (and after a group's name, « {{group.name}}’s »), as the French strings built in src/core/render do; text
 * that comes from mail or config (a title, the group's name) is left as its writer typed it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIR = fileURLToPath(new URL('../../templates/', import.meta.url));
const files = [
  ...readdirSync(DIR).filter((f) => /\.(txt|mjml)$/.test(f)),
  ...readdirSync(`${DIR}partials`).filter((f) => /\.(txt|mjml)$/.test(f)).map((f) => `partials/${f}`),
];

/** The template's own words: what lies outside {{ … }} (a helper's quoted argument is code, not prose). */
const prose = (s: string): string => s.replace(/\{\{[\s\S]*?\}\}/g, (m) => (m.startsWith('{{group') ? '\u0000X' : '\u0000'));

describe('templates write one apostrophe', () => {
  it('has templates to check', () => expect(files.length).toBeGreaterThan(40));
  it.each(files)('%s: no typewriter apostrophe between letters', (f) => {
    const text = prose(readFileSync(`${DIR}${f}`, 'utf8'));
    const straight = [...text.matchAll(/(?<=[\p{L}X])'(?=\p{L})/gu)].map((m) => text.slice(Math.max(0, m.index - 20), m.index + 20));
    expect(straight).toEqual([]);
  });
});
