/**
 * Template data for the mails of joining and leaving (templates/join-confirm.*, leave-confirm.*, left.*). Pure:
 * dates and links are passed in. The join confirmation is the same for a stranger and for a member, so that it
 * tells nobody who is on the list.
 */
import type { Language } from '../../types.ts';
import { layoutData, type LayoutData } from './data.ts';
import { formatDay } from './dates.ts';
import { wrapText } from './wrap.ts';

export interface MembershipMailData extends LayoutData {
  greetingName: string | null;
  email: string;
  /** Where a reply goes (token-bearing), shown so that a client that drops Reply-To can still be answered. */
  replyAddress: string;
  /** The https link that confirms (join) or unsubscribes (leave), when http.publicUrl is set. */
  link: string | null;
  /** The join request's last day, in the group's time zone. */
  expiresOn: string | null;
  /** The group's address, for the way back (`subscribe`) or the way out (`unsubscribe`). */
  groupAddress: string;
  subscribeWord: string;
  unsubscribeWord: string;
  /** The digest choice the request carries, in words ("avec le résumé hebdomadaire de la liste generale"), or null. */
  digestNote: string | null;
  /** The same, wrapped for the text part. */
  digestNoteText: string | null;
}

const CADENCE: Record<Language, Record<'daily' | 'weekly', string>> = {
  fr: { daily: 'quotidien', weekly: 'hebdomadaire' },
  en: { daily: 'daily', weekly: 'weekly' },
};

function digestNote(locale: Language, digest: { list: string; cadence: 'daily' | 'weekly' | null } | null | undefined): string | null {
  if (!digest) return null;
  if (locale === 'fr') {
    return digest.cadence ? `La demande choisit aussi le résumé ${CADENCE.fr[digest.cadence]} de la liste ${digest.list}.` : `La demande arrête aussi le résumé de la liste ${digest.list}.`;
  }
  return digest.cadence ? `The request also chooses the ${CADENCE.en[digest.cadence]} digest of the ${digest.list} list.` : `The request also stops the digest of the ${digest.list} list.`;
}

export function membershipMailData(
  kind: 'join-confirm' | 'leave-confirm' | 'left',
  ctx: {
    group: { name: string; timezone: string };
    locale: Language;
    to: { name: string | null; email: string };
    replyAddress: string;
    link: string | null;
    expiresAt: Date | null;
    groupAddress: string;
    digest?: { list: string; cadence: 'daily' | 'weekly' | null } | null;
  },
): MembershipMailData {
  const fr = ctx.locale === 'fr';
  const note = digestNote(ctx.locale, ctx.digest);
  const preheader = {
    'join-confirm': fr ? 'Une réponse, même vide, confirme votre inscription.' : 'A reply, even blank, confirms your subscription.',
    'leave-confirm': fr ? 'Une réponse, même vide, confirme votre désabonnement.' : 'A reply, even blank, confirms that you leave.',
    left: fr ? 'Vous ne recevrez plus nos annonces.' : 'You will no longer receive our announcements.',
  }[kind];
  const footerNote = fr
    ? `Ce message est envoyé à la demande faite pour ${ctx.to.email}. Sans réponse, rien ne change.`
    : `This message answers a request made for ${ctx.to.email}. Without an answer, nothing changes.`;
  return {
    ...layoutData(ctx.locale, ctx.group, { preheader, footerNote: kind === 'left' ? null : footerNote }),
    // Never the name a join request carries: anyone can type any text for any address, and the confirmation would
    // carry it to that inbox under the group's DKIM (phishing). The name is applied once the request is confirmed.
    greetingName: kind === 'join-confirm' ? null : ctx.to.name?.trim() || null,
    email: ctx.to.email,
    replyAddress: ctx.replyAddress,
    link: ctx.link,
    expiresOn: ctx.expiresAt ? formatDay(ctx.expiresAt, ctx.locale, ctx.group.timezone) : null,
    groupAddress: ctx.groupAddress,
    subscribeWord: fr ? 'abonner' : 'subscribe',
    unsubscribeWord: fr ? 'désabonner' : 'unsubscribe',
    digestNote: note,
    digestNoteText: note ? wrapText(note, 72) : null,
  };
}
