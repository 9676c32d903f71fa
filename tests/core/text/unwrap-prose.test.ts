/** unwrapProse: paragraphs hard-wrapped by a mail client (Gmail 78, Thunderbird/Mutt 72, Outlook 76) joined back. */
import { describe, expect, it } from 'vitest';
import { unwrapProse, valueColumn, wrapWidth } from '../../../src/core/text/unwrap-prose.ts';
import { hardWrap } from '../../support/wrap.ts';

const PARAGRAPH =
  "Retour d'expérience sur la migration d'une table de 2 To vers le partitionnement déclaratif : le découpage par mois, " +
  'les index globaux qui manquent, le détachement des vieilles partitions sans verrou exclusif et ce que nous ferions autrement.';

describe('unwrapProse', () => {
  it.each([72, 76, 78])('joins a paragraph wrapped at %i columns back into one line', (width) => {
    const wrapped = hardWrap(PARAGRAPH, width);
    expect(wrapped.split('\n').length).toBeGreaterThan(2);
    expect(wrapWidth(wrapped.split('\n'))).toBeLessThanOrEqual(width);
    expect(unwrapProse(wrapped)).toBe(PARAGRAPH);
  });

  it('keeps the paragraphs apart, and each one whole', () => {
    const text = `${hardWrap(PARAGRAPH, 72)}\n\n${hardWrap(PARAGRAPH, 72)}`;
    expect(unwrapProse(text)).toBe(`${PARAGRAPH}\n\n${PARAGRAPH}`);
  });

  it('keeps the lines a writer ended: short lines, list items, a line announcing a list', () => {
    const text = [
      hardWrap(PARAGRAPH, 72),
      '',
      'Déroulé :',
      '- le découpage par mois et ce que coûte une partition de trop dans les plans',
      '- les index globaux qui manquent',
      '1. avant',
      '2. après',
      'Une ligne courte.',
      'Une autre.',
    ].join('\n');
    const out = unwrapProse(text).split('\n');
    expect(out[0]).toBe(PARAGRAPH);
    expect(out.slice(1)).toEqual(text.split('\n').slice(hardWrap(PARAGRAPH, 72).split('\n').length));
  });

  it('an indented block (Mutt under « Abstract: ») is read at its own width', () => {
    const wrapped = hardWrap(PARAGRAPH, 70).split('\n').map((l) => `  ${l}`).join('\n');
    expect(unwrapProse(wrapped.split('\n').map((l) => l.trim()).join('\n'), wrapWidth(wrapped.split('\n')))).toBe(PARAGRAPH);
  });

  it('leaves text that was not hard-wrapped as it is: whole-paragraph lines, short lines', () => {
    const whole = `${PARAGRAPH}\n${PARAGRAPH}\nSigné : moi`;
    expect(wrapWidth(whole.split('\n'))).toBeNull();
    expect(unwrapProse(whole)).toBe(whole);
    const poem = 'Une ligne\nune autre\net encore une';
    expect(unwrapProse(poem)).toBe(poem);
  });

  it('with no width to go by, joins a long line cut mid-sentence before a lower-case word', () => {
    expect(unwrapProse('Je peux faire une présentation éclair sur pg_cron : planifier la maintenance\ndirectement dans la base, sans crontab.')).toBe(
      'Je peux faire une présentation éclair sur pg_cron : planifier la maintenance directement dans la base, sans crontab.',
    );
    // a sentence ended, or a short line: the writer's
    expect(unwrapProse('Je peux faire une présentation éclair sur pg_cron et la maintenance.\ndirectement')).toContain('\n');
    expect(unwrapProse('Une présentation éclair\nsur pg_cron')).toContain('\n');
  });
});

describe('valueColumn: a labelled value wrapped with its label', () => {
  it('counts the label in the first line, so that its cut is seen', () => {
    const typed = 'Trois ans de partitionnement déclaratif sur une base de 4 To, le découpage par mois et les index qui manquent.';
    const lines = hardWrap(`Résumé : ${typed}`, 72).split('\n');
    const value = [lines[0]!.replace(/^Résumé : /, ''), ...lines.slice(1)].join('\n');
    expect(valueColumn(lines[0], value)).toBe('Résumé : '.length);
    expect(unwrapProse(value, 72, valueColumn(lines[0], value))).toBe(typed);
    expect(valueColumn('Résumé :', 'autre chose')).toBe(0);
  });
});

describe('a short text (no width shows) cut before a capitalised word', () => {
  it('joins when that word could not have fitted at 72 columns', () => {
    expect(unwrapProse('What went well and what we would do differently after two years of running\nCitus for a multi-tenant analytics product.')).toBe(
      'What went well and what we would do differently after two years of running Citus for a multi-tenant analytics product.',
    );
  });

  it('keeps a line the writer ended short of that', () => {
    const text = 'We moved twelve clusters to ARM and measured every single query plan\nThe results surprised us.';
    expect(unwrapProse(text)).toBe(text);
  });
});
