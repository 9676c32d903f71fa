/**
 * The membership mails' text part (audit E): the join and leave confirmations and the "you are unsubscribed" notice
 * are read in text-mode clients too, and their lines were as long as the group's name made them (80 columns and
 * more for « Groupe d'Utilisateurs PostgreSQL à Paris »): 72 columns once every value is in, as the announcements.
 */
import { describe, expect, it } from 'vitest';
import { createMembershipMails } from '../../src/adapters/compose/membership-mails.ts';
import { readMail } from '../../src/adapters/mailparser.ts';
import { groupConfig } from '../support/test-config.ts';

const config = groupConfig('wrap', {
  group: { name: "Groupe d'Utilisateurs PostgreSQL à Paris et en Île-de-France", locale: 'fr', timezone: 'Europe/Paris' },
  http: { publicUrl: 'https://pgug.example.org' },
});
const mails = createMembershipMails(config, { clock: { now: () => new Date('2026-12-01T10:00:00Z') } });
const to = { name: 'Zoé Martin', email: 'zoe.martin@example.net' };

/** Lines over 72 columns that could have been broken (more than one word). */
const tooLong = (text: string) => text.split('\n').filter((l) => [...l].length > 72 && /\S\s+\S/.test(l.trim()));

describe('membership mails: the text part within 72 columns', () => {
  for (const locale of ['fr', 'en'] as const) {
    it(`join confirmation, leave confirmation and notice (${locale})`, async () => {
      const built = [
        await mails.confirmJoin(to, locale, 'c-1-abcdefghijklmnop', new Date('2026-12-08T10:00:00Z'), null),
        await mails.confirmLeave(to, locale, 'u-2-abcdefghijklmnop'),
        await mails.left(to, locale),
      ];
      for (const b of built) {
        const text = (await readMail(b.raw)).text ?? '';
        expect(text).toContain("Groupe d'Utilisateurs PostgreSQL");
        expect(tooLong(text), b.subject).toEqual([]);
      }
    });
  }
});
