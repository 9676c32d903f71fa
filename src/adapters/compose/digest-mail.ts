/**
 * Digest mails as the exact bytes the outbox sends, in the three formats a member may choose — HTML (MJML on the
 * shared layout, with the RFC 1153 text as its plain alternative), plain text (RFC 1153 alone) and MIME
 * (multipart/digest of the posts' raw bytes) — and the organizers' daily digest, which carries an organizer
 * reply token (Reply-To and Message-ID) like the organizer notices, so that commands sent back are authenticated.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config/schema.ts';
import { requireSecret } from '../../config/load.ts';
import { sendingIdentity } from './sending-identity.ts';
import { listIdOf } from '../../core/digest/list-of.ts';
import { organizerDigestRef } from '../../core/digest/organizers.ts';
import { digestTemplateData } from '../../core/digest/template-data.ts';
import { composeMessage, tokenAddress, tokenMessageId } from '../../core/compose/message.ts';
import { memberUnsubscribe, memberVerp } from '../../core/compose/campaign-slots.ts';
import { sentinel, SENTINEL_RE } from '../../core/compose/mime-template.ts';
import { escapeHtml } from '../../core/render/escape.ts';
import { fillSlotLines } from '../../core/render/wrap.ts';
import { mintToken } from '../../core/tokens.ts';
import { systemClock, type Clock } from '../../app/clock.ts';
import type { DigestMailer, RenderedDigest } from '../../app/send-digests.ts';
import type { OrganizerMailer } from '../../app/organizer-digest.ts';
import { createRenderer, type Renderer } from '../render/messages.ts';
import { buildMimeDigest } from '../render/digest-mime.ts';
import { renderDigestText } from '../render/digest-text.ts';
import { buildRaw } from '../smtp/build-raw.ts';

/** Where a member's unsubscribe link goes in a digest rendered once for all members (a control character: no text has it). */
const UNSUBSCRIBE = sentinel('unsubscribe');

/**
 * Both mailers the digest use cases declare (send-digests.ts, organizer-digest.ts), on one renderer; `forMember`:
 * a digest rendered for members (`members: true`) with that member's unsubscribe link filled in, the parts as they
 * read them (what compose puts in their mail; `crieur digest --out` writes them).
 */
export type DigestComposer = DigestMailer & OrganizerMailer & { forMember(r: RenderedDigest, to: { email: string; memberId: number }): RenderedDigest };

export function createDigestComposer(config: Config, opts: { renderer?: Renderer; clock?: Clock } = {}): DigestComposer {
  const renderer = opts.renderer ?? createRenderer();
  const clock = opts.clock ?? systemClock;
  const { inbox, domain, envelopeFrom, group } = sendingIdentity(config);
  const listOf = (name: string) => config.lists.find((l) => l.name === name);
  const nonce = () => randomUUID().slice(-12);
  const organizerToken = (organizer: string) => mintToken(requireSecret(config), { purpose: 'organizer', ref: organizerDigestRef(clock.now(), group.timezone) }, organizer, clock.now());
  // A member's own unsubscribe links (RFC 2369, RFC 8058 one-click when there is an https page), as in their mail.
  const linksOf = (to: { email: string; memberId: number }) =>
    memberUnsubscribe({ memberId: to.memberId, recipient: to.email, inbox, secret: requireSecret(config), publicUrl: config.http.publicUrl });
  const fill = (r: RenderedDigest, links: { mailto: string; https: string | null }): RenderedDigest => {
    const shown = links.https ?? links.mailto;
    // the text's line wrapped once filled (a link longer than the line goes to a line of its own)
    return { subject: r.subject, html: r.html.replaceAll(UNSUBSCRIBE, escapeHtml(shown)), text: fillSlotLines(r.text, SENTINEL_RE, () => shown) };
  };

  return {
    forMember(r, to) {
      return fill(r, linksOf(to));
    },

    async render(d, locale, opts = {}) {
      // Rendered once per locale for every member: their unsubscribe link is a slot, filled in compose.
      const unsubscribe = opts.members ? UNSUBSCRIBE : null;
      const r = await renderer.render('digest', locale, digestTemplateData(d, { locale, group, unsubscribeUrl: unsubscribe }));
      return { subject: r.subject, html: r.html, text: renderDigestText(d, { locale, timezone: group.timezone, groupName: group.name, unsubscribe }) };
    },

    async compose(d, rendered, format, to, raws) {
      const list = listOf(d.list.name);
      const headers: Record<string, string> = { 'X-Crieur-Digest': `${d.list.name} ${d.period.key} ${format}` };
      // The list's own List-Id, as Mailman's digests carry it: members' filters on the list catch its digest too.
      // (A digest that comes back to the inbox is auto-generated mail, never a list post: no loop.)
      if (list) headers['List-Id'] = `<${listIdOf(list)}>`;
      let r = rendered;
      let envelope = envelopeFrom;
      if (to.memberId !== undefined) {
        // Roster mail, like an announcement to a member (src/adapters/compose/announcement.ts, send-campaign.ts): the
        // member's own unsubscribe links (RFC 2369, RFC 8058 one-click when there is an https page) and a VERP
        // envelope sender naming them, so that a bounce scores this member whatever the DSN says.
        const links = linksOf({ email: to.email, memberId: to.memberId });
        headers['List-Unsubscribe'] = links.https ? `<${links.mailto}>, <${links.https}>` : `<${links.mailto}>`;
        if (links.https) headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
        headers.Precedence = 'bulk';
        envelope = memberVerp(envelopeFrom, requireSecret(config), to.memberId, to.email);
        r = fill(r, links);
      } else if (r.text.includes(UNSUBSCRIBE)) {
        throw new Error('a digest rendered for members composed without a member: its unsubscribe link would be empty');
      }
      const messageId = `<digest.${d.period.key}.${nonce()}@${domain}>`;
      // Answers to a digest go to the list, as Mailman's do: a digest is the list's traffic, not crieur's mail.
      const replyTo = d.list.address;
      if (format === 'mime') {
        const messages = d.entries.map((e) => {
          const raw = raws.get(e.inboundId);
          if (!raw) throw new Error(`digest ${d.period.key}: raw message ${e.inboundId} missing`);
          return raw;
        });
        const raw = buildMimeDigest({
          headers: {
            from: config.addresses.from,
            to: { name: to.name ?? '', address: to.email },
            replyTo,
            subject: r.subject,
            date: clock.now(),
            messageId,
            extra: { ...headers, 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
          },
          toc: r.text.slice(0, r.text.indexOf('-'.repeat(70))).trimEnd() + '\n',
          messages,
        });
        return { raw, envelopeFrom: envelope, recipient: to.email, subject: r.subject };
      }
      const msg = composeMessage({
        from: config.addresses.from,
        to,
        replyTo,
        subject: r.subject,
        html: format === 'html' ? r.html : '',
        text: r.text,
        messageId,
        date: clock.now(),
        autoSubmitted: 'auto-generated',
        headers,
      });
      return { raw: await buildRaw(msg), envelopeFrom: envelope, recipient: to.email, subject: r.subject };
    },

    organizerReplyAddress(organizer) {
      return tokenAddress(inbox, organizerToken(organizer));
    },

    async organizers(data, organizer, locale) {
      const token = organizerToken(organizer);
      const r = await renderer.render('digest-organizers', locale, data);
      const msg = composeMessage({
        from: config.addresses.from,
        to: { name: null, email: organizer },
        replyTo: tokenAddress(inbox, token),
        subject: r.subject,
        html: r.html,
        text: r.text,
        messageId: tokenMessageId(token, nonce(), domain),
        date: clock.now(),
        autoSubmitted: 'auto-generated',
        headers: { 'X-Crieur-Digest': `organizers ${organizerDigestRef(clock.now(), group.timezone)}` },
      });
      return { raw: await buildRaw(msg), envelopeFrom, recipient: organizer, subject: r.subject };
    },
  };
}
