/**
 * The MembershipMails of src/app/membership-mails.ts: template data (pure), templates join-confirm / leave-confirm /
 * left / welcome (the configured override folder first), headers, MIME. The confirmations' Reply-To is the inbox's plus-address
 * with the member token (`c-` for joining, the member's `u-` for leaving — the List-Unsubscribe mailto), so that a
 * reply, even blank, acts; the link is the same token under http.publicUrl. The "you are unsubscribed" notice's
 * Reply-To is the group's address itself: answering it with `subscribe` asks to come back.
 */
import { randomUUID } from 'node:crypto';
import type { JoinDigest, MembershipMails } from '../../app/membership-mails.ts';
import type { Config } from '../../config/schema.ts';
import { addressOf } from '../../core/address.ts';
import { composeMessage, tokenAddress } from '../../core/compose/message.ts';
import { memberUnsubscribe, memberVerp } from '../../core/compose/campaign-slots.ts';
import { requireSecret } from '../../config/load.ts';
import { membershipMailData } from '../../core/render/membership-data.ts';
import { systemClock, type Clock } from '../../app/clock.ts';
import type { ComposedMail } from '../../app/composer.ts';
import type { Address, Language } from '../../types.ts';
import { createRenderer, type Renderer } from '../render/messages.ts';
import { buildRaw } from '../smtp/build-raw.ts';
import { templateDirs } from './announcement.ts';
import { wrapLongLines } from '../../core/render/wrap.ts';

export function createMembershipMails(config: Config, opts: { renderer?: Renderer; clock?: Clock } = {}): MembershipMails {
  const renderer = opts.renderer ?? createRenderer({ dir: templateDirs(config) });
  const clock = opts.clock ?? systemClock;
  const inbox = config.addresses.proposals;
  const domain = inbox.slice(inbox.lastIndexOf('@') + 1);
  const envelopeFrom = config.addresses.bounces ?? addressOf(config.addresses.from);
  const group = { name: config.group.name, timezone: config.group.timezone };
  const base = config.http.publicUrl?.replace(/\/+$/, '') ?? null;

  async function build(
    template: 'join-confirm' | 'leave-confirm' | 'left' | 'welcome',
    to: Address,
    locale: Language,
    replyAddress: string,
    link: string | null,
    expiresAt: Date | null,
    digest: JoinDigest | null = null,
    roster: { memberId: number } | null = null,
  ): Promise<ComposedMail> {
    // Roster mail (the welcome) carries what an announcement does: List-Id, the member's own List-Unsubscribe
    // (one-click with an https page), a VERP envelope sender that names them to a bounce.
    const secret = roster ? requireSecret(config) : '';
    const links = roster ? memberUnsubscribe({ memberId: roster.memberId, recipient: to.email, inbox, secret, publicUrl: base ?? undefined }) : null;
    const unsubscribe = links ? { address: links.mailto.slice('mailto:'.length).replace(/\?.*$/, ''), https: links.https } : null;
    const data = membershipMailData(template, { group, locale, to, replyAddress, link: links ? links.https : link, expiresAt, groupAddress: inbox, digest, unsubscribe });
    const r = await renderer.render(template, locale, data);
    const msg = composeMessage({
      from: config.addresses.from,
      to,
      replyTo: replyAddress,
      subject: r.subject,
      html: r.html,
      // 72 columns once the group's name, the address and the date are in (as the announcements' text part).
      text: wrapLongLines(r.text, 72),
      messageId: `<${template}.${randomUUID().slice(-12)}@${domain}>`,
      date: clock.now(),
      // Sent on a request, never by a person: responders that honour RFC 3834 stay silent (half of loop safety).
      autoSubmitted: 'auto-generated',
      headers: {
        'X-Crieur-Ref': template,
        ...(links
          ? {
              'List-Id': `<members.${domain}>`,
              'List-Unsubscribe': links.https ? `<${links.mailto}>, <${links.https}>` : `<${links.mailto}>`,
              ...(links.https ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
            }
          : {}),
      },
    });
    const from = roster ? memberVerp(envelopeFrom, secret, roster.memberId, to.email) : envelopeFrom;
    return { raw: await buildRaw(msg), envelopeFrom: from, recipient: to.email, subject: r.subject };
  }

  return {
    confirmJoin(to, locale, token, expiresAt, digest) {
      return build('join-confirm', to, locale, tokenAddress(inbox, token), base ? `${base}/confirm/${token}` : null, expiresAt, digest ?? null);
    },
    confirmLeave(to, locale, token) {
      return build('leave-confirm', to, locale, tokenAddress(inbox, token), base ? `${base}/unsubscribe/${token}` : null, null);
    },
    left(to, locale) {
      return build('left', to, locale, inbox, null, null);
    },
    welcome(to, locale, memberId, digest) {
      return build('welcome', to, locale, inbox, null, null, digest ?? null, { memberId });
    },
  };
}
