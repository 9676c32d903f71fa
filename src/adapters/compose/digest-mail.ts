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
import { mintToken } from '../../core/tokens.ts';
import { systemClock, type Clock } from '../../ports.ts';
import type { DigestMailer } from '../../app/send-digests.ts';
import type { OrganizerMailer } from '../../app/organizer-digest.ts';
import { createRenderer, type Renderer } from '../render/messages.ts';
import { buildMimeDigest } from '../render/digest-mime.ts';
import { renderDigestText } from '../render/digest-text.ts';
import { buildRaw } from '../smtp/build-raw.ts';

/** Both mailers the digest use cases declare (send-digests.ts, organizer-digest.ts), on one renderer. */
export type DigestComposer = DigestMailer & OrganizerMailer;

export function createDigestComposer(config: Config, opts: { renderer?: Renderer; clock?: Clock } = {}): DigestComposer {
  const renderer = opts.renderer ?? createRenderer();
  const clock = opts.clock ?? systemClock;
  const { inbox, domain, envelopeFrom, group } = sendingIdentity(config);
  const listOf = (name: string) => config.lists.find((l) => l.name === name);
  const nonce = () => randomUUID().slice(-12);
  const organizerToken = (organizer: string) => mintToken(requireSecret(config), { purpose: 'organizer', ref: organizerDigestRef(clock.now(), group.timezone) }, organizer, clock.now());

  return {
    async render(d, locale) {
      const r = await renderer.render('digest', locale, digestTemplateData(d, { locale, group }));
      return { subject: r.subject, html: r.html, text: renderDigestText(d, { locale, timezone: group.timezone, groupName: group.name }) };
    },

    async compose(d, r, format, to, raws) {
      const list = listOf(d.list.name);
      const headers: Record<string, string> = { 'X-Crieur-Digest': `${d.list.name} ${d.period.key} ${format}` };
      if (list) headers['List-Id'] = `<${listIdOf(list)}>`;
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
        return { raw, envelopeFrom, recipient: to.email, subject: r.subject };
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
      return { raw: await buildRaw(msg), envelopeFrom, recipient: to.email, subject: r.subject };
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
