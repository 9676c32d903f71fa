/**
 * The Composer port: a proposal's mails (acknowledgement, organizer notice) as the exact bytes the outbox
 * will send. Here the pieces meet: template data (pure), rendering (mjml), headers (pure), reply tokens
 * (HMAC, per recipient) and MIME encoding (nodemailer). Built once per outbox row; a retry resends the bytes.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config/schema.ts';
import { requireSecret } from '../../config/load.ts';
import { sendingIdentity } from './sending-identity.ts';
import { mintToken, type TokenPurpose } from '../../core/tokens.ts';
import { ackData, noticeData } from '../../core/render/data.ts';
import { composeMessage, threadHeaders, tokenAddress, tokenMessageId, type AutoSubmitted } from '../../core/compose/message.ts';
import { createRenderer, type Renderer } from '../render/messages.ts';
import { buildRaw } from '../smtp/build-raw.ts';
import { systemClock, type Clock, type ComposedMail, type Composer, type ProposalRecord, type ThreadInfo } from '../../ports.ts';
import type { Address, Language } from '../../types.ts';

export interface ComposerOptions {
  renderer?: Renderer;
  clock?: Clock;
}

export function createComposer(config: Config, opts: ComposerOptions = {}): Composer {
  const renderer = opts.renderer ?? createRenderer();
  const clock = opts.clock ?? systemClock;
  const { inbox, domain, envelopeFrom, group } = sendingIdentity(config);


  async function build(
    purpose: TokenPurpose,
    template: string,
    p: ProposalRecord,
    to: Address,
    locale: Language,
    data: (replyAddress: string) => object,
    /** The mail this one answers (threading), or null for a mail that starts a thread. */
    parent: ThreadInfo | null,
    autoSubmitted: AutoSubmitted,
  ): Promise<ComposedMail> {
    const token = mintToken(requireSecret(config), { purpose, ref: p.ref }, to.email);
    const replyAddress = tokenAddress(inbox, token);
    const rendered = await renderer.render(template, locale, data(replyAddress));
    const { inReplyTo, references } = parent ? threadHeaders(parent) : { inReplyTo: null, references: [] };
    const msg = composeMessage({
      from: config.addresses.from,
      to,
      replyTo: replyAddress,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      // randomUUID draws from a cached pool; randomBytes asks the system each call (measured: most of a mail's random cost).
      messageId: tokenMessageId(token, randomUUID().slice(-12), domain),
      date: clock.now(),
      inReplyTo,
      references,
      autoSubmitted,
      headers: { 'X-Crieur-Ref': p.ref },
    });
    return { raw: await buildRaw(msg), envelopeFrom, recipient: to.email, subject: rendered.subject };
  }

  return {
    ack(p, to, thread) {
      // The speaker is answered in the language the proposal was written in (a French mail offering a talk in
      // English gets a French answer); else the talk's language; else the group's default.
      const locale = thread.language ?? p.language ?? config.group.locale;
      return build(
        'speaker',
        'ack',
        p,
        to,
        locale,
        (replyAddress) => ackData(p, { group, locale, replyAddress, receivedAt: p.receivedAt, recipient: to }),
        thread,
        'auto-replied',
      );
    },
    organizerNotice(p, organizer) {
      const locale = config.group.locale;
      const to: Address = { name: null, email: organizer };
      const submittedBy = p.speakers[0]?.email ? { name: p.speakers[0].name, email: p.speakers[0].email } : null;
      return build(
        'organizer',
        'notify-organizer',
        p,
        to,
        locale,
        (replyAddress) => noticeData(p, { group, locale, replyAddress, receivedAt: p.receivedAt, submittedBy }),
        // Organizers get a thread of their own, not the speaker's: the notice starts it.
        null,
        'auto-generated',
      );
    },
  };
}
