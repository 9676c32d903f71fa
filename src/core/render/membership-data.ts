/**
 * Template data for the mails of joining and leaving (templates/join-confirm.*, leave-confirm.*, left.*, welcome.*). Pure:
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
  /** The welcome's: the address a mail (blank is enough) to which unsubscribes this member (their List-Unsubscribe mailto). */
  unsubscribeAddress: string | null;
}

const CADENCE: Record<Language, Record<'daily' | 'weekly', string>> = {
  fr: { daily: 'quotidien', weekly: 'hebdomadaire' },
  en: { daily: 'daily', weekly: 'weekly' },
};

function digestNote(locale: Language, digest: { list: string; cadence: 'daily' | 'weekly' | null } | null | undefined, welcome: boolean): string | null {
  if (!digest) return null;
  if (welcome) {
    // What the member now gets, not what a request asks for; « résumé non » / "digest off" changes it.
    if (locale === 'fr') {
      return digest.cadence
        ? `Vous recevrez aussi le résumé ${CADENCE.fr[digest.cadence]} de la liste ${digest.list} (pour l’arrêter, écrivez « résumé non »).`
        : `Vous ne recevrez pas de résumé de la liste ${digest.list}.`;
    }
    return digest.cadence
      ? `You will also receive the ${CADENCE.en[digest.cadence]} digest of the ${digest.list} list (to stop it, write "digest off").`
      : `You will receive no digest of the ${digest.list} list.`;
  }
  if (locale === 'fr') {
    return digest.cadence ? `La demande choisit aussi le résumé ${CADENCE.fr[digest.cadence]} de la liste ${digest.list}.` : `La demande arrête aussi le résumé de la liste ${digest.list}.`;
  }
  return digest.cadence ? `The request also chooses the ${CADENCE.en[digest.cadence]} digest of the ${digest.list} list.` : `The request also stops the digest of the ${digest.list} list.`;
}

export function membershipMailData(
  kind: 'join-confirm' | 'leave-confirm' | 'left' | 'welcome',
  ctx: {
    group: { name: string; timezone: string };
    locale: Language;
    to: { name: string | null; email: string };
    replyAddress: string;
    link: string | null;
    expiresAt: Date | null;
    groupAddress: string;
    digest?: { list: string; cadence: 'daily' | 'weekly' | null } | null;
    /** The welcome's: the member's own unsubscribe mailto address and, with http.publicUrl, their one-click page. */
    unsubscribe?: { address: string; https: string | null } | null;
  },
): MembershipMailData {
  const fr = ctx.locale === 'fr';
  const welcome = kind === 'welcome';
  const note = digestNote(ctx.locale, ctx.digest, welcome);
  const preheader = {
    'join-confirm': fr ? 'Une réponse, même vide, confirme votre inscription.' : 'A reply, even blank, confirms your subscription.',
    'leave-confirm': fr ? 'Une réponse, même vide, confirme votre désabonnement.' : 'A reply, even blank, confirms that you leave.',
    left: fr ? 'Vous ne recevrez plus nos annonces.' : 'You will no longer receive our announcements.',
    welcome: fr ? 'Vous recevrez désormais nos annonces.' : `You will receive ${ctx.group.name}’s announcements.`,
  }[kind];
  const footerNote = welcome
    ? fr
      ? `Vous recevez ce message parce que vous vous êtes inscrit(e) aux annonces de ce groupe.`
      : `You receive this because you subscribed to the announcements of ${ctx.group.name}.`
    : fr
      ? `Ce message est envoyé à la demande faite pour ${ctx.to.email}. Sans réponse, rien ne change.`
      : `This message answers a request made for ${ctx.to.email}. Without an answer, nothing changes.`;
  const unsubscribe = welcome ? (ctx.unsubscribe ?? null) : null;
  return {
    // The welcome's footer links to the member's unsubscribe page (else their mailto), as every roster mail's does.
    ...layoutData(ctx.locale, ctx.group, {
      preheader,
      footerNote: kind === 'left' ? null : footerNote,
      unsubscribeUrl: unsubscribe ? (unsubscribe.https ?? `mailto:${unsubscribe.address}?subject=unsubscribe`) : null,
    }),
    // Never the name a join request carries: anyone can type any text for any address, and the confirmation would
    // carry it to that inbox under the group's DKIM (phishing). The name is applied once the request is confirmed.
    // Nor the welcome, the first mail after that: the person confirmed their address, not the text typed beside it.
    greetingName: kind === 'join-confirm' || welcome ? null : ctx.to.name?.trim() || null,
    email: ctx.to.email,
    replyAddress: ctx.replyAddress,
    link: ctx.link,
    expiresOn: ctx.expiresAt ? formatDay(ctx.expiresAt, ctx.locale, ctx.group.timezone) : null,
    groupAddress: ctx.groupAddress,
    subscribeWord: fr ? 'abonner' : 'subscribe',
    unsubscribeWord: fr ? 'désabonner' : 'unsubscribe',
    digestNote: note,
    digestNoteText: note ? wrapText(note, 72) : null,
    unsubscribeAddress: unsubscribe?.address ?? null,
  };
}
