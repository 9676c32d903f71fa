/**
 * The mails commands cause, as sent: people are named as crieur names them (an audit read « Martin, Claire a
 * refusé » and « Raman, Priya confirme sa venue »), a corrected duration carries its unit (« Durée : 20 » said
 * nothing), a transcript is addressed to the cleaned name.
 */
import { describe, expect, it } from 'vitest';
import { createCommandMails } from '../../src/adapters/compose/command-mails.ts';
import { readMail } from '../../src/adapters/mailparser.ts';
import type { ProposalRecord } from '../../src/app/proposal-store.ts';
import { configSchema } from '../../src/config/schema.ts';
import { decidedWords } from '../../src/core/decision/words.ts';
import { changeValue, personName } from '../../src/core/render/command-data.ts';

const configIn = (locale: 'fr' | 'en') =>
  configSchema.parse({
    group: { name: 'PostgreSQL Paris', locale, timezone: 'Europe/Paris' },
    addresses: { proposals: 'talks@pgug.example.org', from: 'PostgreSQL Paris <talks@pgug.example.org>', bounces: 'bounces@pgug.example.org' },
    organizers: ['dim@example.org', 'orga2@example.org'],
    secret: 'command-mails-test-secret-0123',
  });

const P = { ref: 'P-0008', title: 'VACUUM sans peur', durationMinutes: 20, format: 'talk', language: 'fr' } as unknown as ProposalRecord;
const unfold = (s: string) => s.replace(/\s+/g, ' ');

describe('organizers’ updates name people as crieur does', () => {
  const mails = createCommandMails(configIn('fr'));

  it('an FYI: « Claire Martin a refusé », not « Martin, Claire »', async () => {
    const m = await readMail((await mails.update('fyi', P, 'orga2@example.org', { actor: 'Martin, Claire', decided: decidedWords('decline', 'fr') })).raw);
    expect(m.subject).toBe('[P-0008] Claire Martin a refusé : VACUUM sans peur');
    expect(unfold(m.text!)).toContain('Pour information : Claire Martin a refusé P-0008');
    expect(`${m.subject}${m.text}${m.html}`).not.toContain('Martin, Claire');
  });

  it('a speaker’s confirmation: « Priya Raman confirme sa venue »', async () => {
    const m = await readMail((await mails.update('confirmed', P, 'dim@example.org', { actor: 'Raman, Priya' })).raw);
    expect(m.subject).toBe('[P-0008] Priya Raman confirme sa venue : VACUUM sans peur');
    expect(`${m.subject}${m.text}${m.html}`).not.toContain('Raman, Priya');
  });

  it('an operator (`dim@host` from the shell) is shown as is', () => {
    expect(personName('dim@crieur-host')).toBe('dim@crieur-host');
    expect(personName('  Priya   Raman ')).toBe('Priya Raman');
  });
});

describe('a correction’s values, with their unit or in words', () => {
  it('fr: « Durée : 20 minutes », the format and language in words', async () => {
    const changes = [{ field: 'Durée', value: '20' }, { field: 'Format', value: 'lightning' }, { field: 'Langue', value: 'en' }, { field: 'Titre', value: 'VACUUM  sans peur' }];
    const m = await readMail((await createCommandMails(configIn('fr')).update('corrected', P, 'dim@example.org', { actor: 'Raman, Priya', changes })).raw);
    expect(m.text).toContain('  Durée : 20 minutes\n');
    expect(m.text).toContain('  Format : présentation éclair (lightning talk)\n');
    expect(m.text).toContain('  Langue : anglais\n');
    expect(m.text).toContain('  Titre : VACUUM sans peur\n');
    expect(m.html).toMatch(/<th class="label">Durée<\/th><td>20 minutes<\/td>/);
    expect(m.subject).toBe('[P-0008] Priya Raman corrige sa proposition : VACUUM sans peur');
  });

  it('en: "Duration: 20 minutes"; a value that is not a bare number is left as written', () => {
    expect(changeValue('Duration', '20', 'en')).toBe('20 minutes');
    expect(changeValue('Duration', '1', 'en')).toBe('1 minute');
    expect(changeValue('Language', 'fr', 'en')).toBe('French');
    expect(changeValue('Durée', '20 min environ', 'fr')).toBe('20 min environ');
    expect(changeValue('Résumé', 'Un  résumé', 'fr')).toBe('Un résumé');
  });
});

describe('a transcript is addressed to the cleaned name', () => {
  it('"Raman, Priya" <priya@…> gets a transcript to Priya Raman', async () => {
    const mails = createCommandMails(configIn('en'));
    const parent = { messageId: '<m1@example.in>', references: [], subject: 'Re: [P-0008] Proposal received' };
    const t = await mails.transcript({ name: 'Raman, Priya', email: 'priya@example.in' }, 'en', { purpose: 'speaker', ref: 'P-0008' }, { results: [], showHelp: true }, parent);
    const m = await readMail(t.raw);
    expect(m.to).toEqual([{ name: 'Priya Raman', email: 'priya@example.in' }]);
  });
});
