/** A proposal as crieur files it, with everything a mail shows, and some hostile text in it. */
import type { ProposalForMail, MailContext } from '../../src/core/render/data.ts';

export const SAMPLE: ProposalForMail = {
  ref: 'P-0007',
  format: 'talk',
  title: 'Partitionnement <script>alert("x")</script> & "index" d\'Élodie',
  abstract:
    "Retour d'expérience sur le partitionnement déclaratif en production : 40 To, 3 000 partitions, " +
    'et ce que nous avons appris sur les index, le VACUUM et les plans génériques.\n\nUne <b>démo</b> & des chiffres.',
  durationMinutes: 45,
  language: 'fr',
  speakers: [
    { name: 'Jean Dupont', email: 'jean.dupont@example.fr' },
    { name: 'Priya "PR" <Raman>', email: 'priya@example.org' },
  ],
  attachments: [
    { filename: 'slides & notes.pdf', contentType: 'application/pdf', size: 1_258_291, sha256: 'a'.repeat(64) },
    { filename: 'schema.png', contentType: 'image/png', size: 48_000, sha256: 'b'.repeat(64) },
  ],
};

export const GROUP = { name: "Groupe d'Utilisateurs PostgreSQL à Paris", timezone: 'Europe/Paris' };

export function context(locale: 'fr' | 'en', replyAddress = 'talks+s-p0007-abcdefghijklmnop@pgug.example.org'): MailContext {
  return { group: GROUP, locale, replyAddress, receivedAt: new Date('2013-11-28T18:00:00Z') };
}
