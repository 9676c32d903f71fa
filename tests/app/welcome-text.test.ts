/**
 * The welcome's words without http.publicUrl (review of e3fcb87): no link is shown, so none is spoken of — the mail
 * said « Le même lien figure au bas de chaque annonce » under a mailto alone.
 */
import { describe, expect, it } from 'vitest';
import { readMail } from '../../src/adapters/mailparser.ts';
import { createMembershipMails } from '../../src/adapters/compose/membership-mails.ts';
import { configSchema } from '../../src/config/schema.ts';

const base = {
  group: { name: 'PostgreSQL Paris', locale: 'fr', timezone: 'Europe/Paris' },
  addresses: { proposals: 'talks@pgug.example.org', from: 'PostgreSQL Paris <talks@pgug.example.org>', bounces: 'bounces@pgug.example.org' },
  organizers: ['dim@example.org'],
  secret: 'welcome-test-secret-0123456789',
  lists: [{ name: 'generale', address: 'pgsql-fr-generale@lists.postgresql.example' }],
};

describe('welcome without a public URL', () => {
  it.each(['fr', 'en'] as const)('%s: the mailto is said, and no « same link »', async (locale) => {
    const mails = createMembershipMails(configSchema.parse(base));
    const mail = await readMail((await mails.welcome({ name: null, email: 'ana@example.org' }, locale, 12, null)).raw);
    for (const body of [mail.text!, mail.html!]) {
      expect(body).toMatch(/talks\+u-12-[a-z2-7]{16}@pgug\.example\.org/);
      expect(body).not.toMatch(/même lien|same link|ce lien|this link/);
    }
  });
  it('with a public URL, the link and its reminder', async () => {
    const mails = createMembershipMails(configSchema.parse({ ...base, http: { publicUrl: 'https://pgug.example.org' } }));
    const mail = await readMail((await mails.welcome({ name: null, email: 'ana@example.org' }, 'fr', 12, null)).raw);
    expect(mail.text!.replace(/\s+/g, ' ')).toContain('Le même lien figure au bas de chaque annonce.');
  });
});
