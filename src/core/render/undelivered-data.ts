/**
 * Template data for the organizers' daily summary of undelivered mail (templates/undelivered.*): which mails
 * were parked since the last summary, to whom, and the server's last answer — what an organizer needs to
 * decide between `crieur failed retry` and writing to the person another way. Pure: dates are passed in.
 */
import type { Language } from '../../types.ts';
import { layoutData, type LayoutData } from './data.ts';
import { formatDate } from './dates.ts';

export interface UndeliveredMail {
  id: number;
  purpose: string;
  subjectRef: string;
  recipient: string;
  attempts: number;
  /** The server's last answer, or the last error when no server answered. */
  answer: string;
  createdAt: Date;
}

export interface UndeliveredData extends LayoutData {
  count: number;
  plural: boolean;
  /** The day the summary is for, in the group's time zone (also its idempotency key). */
  day: string;
  mails: { id: string; recipient: string; what: string; since: string; attempts: number; answer: string }[];
}

const PURPOSE: Record<Language, Record<string, string>> = {
  fr: { ack: 'accusé de réception', 'notify-organizer': 'avis aux organisateurs', 'command-result': 'réponse à une commande', announce: 'annonce', digest: 'résumé', reminder: 'rappel', membership: 'inscription' },
  en: { ack: 'acknowledgement', 'notify-organizer': 'organizer notice', 'command-result': 'command result', announce: 'announcement', digest: 'digest', reminder: 'reminder', membership: 'membership' },
};

export function undeliveredData(
  mails: readonly UndeliveredMail[],
  ctx: { group: { name: string; timezone: string }; locale: Language; day: string },
): UndeliveredData {
  const fr = ctx.locale === 'fr';
  const n = mails.length;
  return {
    ...layoutData(ctx.locale, ctx.group, {
      preheader: fr ? `${n} mail${n > 1 ? 's' : ''} non distribué${n > 1 ? 's' : ''}` : `${n} mail${n > 1 ? 's' : ''} not delivered`,
      footerNote: fr ? `Résumé quotidien envoyé aux organisateurs du groupe.` : `Daily summary sent to the organizers of ${ctx.group.name}.`,
    }),
    count: n,
    plural: n > 1,
    day: ctx.day,
    mails: mails.map((m) => ({
      id: `o${m.id}`,
      recipient: m.recipient,
      what: `${PURPOSE[ctx.locale][m.purpose] ?? m.purpose} ${m.subjectRef}`,
      since: formatDate(m.createdAt, ctx.locale, ctx.group.timezone),
      attempts: m.attempts,
      answer: m.answer,
    })),
  };
}
