/**
 * The Composer port: a proposal's mails (acknowledgement, organizer notice) as the exact bytes the outbox
 * will send. Here the pieces meet: template data (pure), rendering (mjml), headers (pure), reply tokens
 * (HMAC, per recipient) and MIME encoding (nodemailer). Built once per outbox row; a retry resends the bytes.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config/schema.ts';
import { requireSecret } from '../../config/load.ts';
import { addressOf } from '../../core/address.ts';
import { mintToken, type TokenPurpose } from '../../core/tokens.ts';
import { ackData, noticeData } from '../../core/render/data.ts';
import { composeMessage, threadHeaders, tokenAddress, tokenMessageId, type AutoSubmitted } from '../../core/compose/message.ts';
import { createRenderer, type Renderer } from '../render/messages.ts';
import { buildRaw } from '../smtp/build-raw.ts';
import { systemClock, type Clock } from '../../app/clock.ts';
import type { ComposedMail, Composer, ThreadInfo } from '../../app/composer.ts';
import type { ProposalRecord } from '../../app/proposal-store.ts';
import type { Address, Language } from '../../types.ts';

export interface ComposerOptions {
  renderer?: Renderer;
  clock?: Clock;
}

/** What one outgoing mail about a proposal needs; the bytes come back ready for the outbox. */
export interface MailSpec {
  purpose: TokenPurpose;
  template: string;
  /** The proposal ref the reply token names (and X-Crieur-Ref). */
  ref: string;
  to: Address;
  locale: Language;
  data: (replyAddress: string) => object;
  /** The mail this one answers (threading), or null for a mail that starts a thread. */
  parent: ThreadInfo | null;
  autoSubmitted: AutoSubmitted;
}

/**
 * The one way crieur builds a mail that can be answered: a fresh token minted for the recipient (Reply-To and
 * Message-ID), the template rendered around it, the headers decided in core/compose, the bytes built once.
 */
export function createMailBuilder(config: Config, opts: ComposerOptions = {}): (m: MailSpec) => Promise<ComposedMail> {
  const renderer = opts.renderer ?? createRenderer();
  const clock = opts.clock ?? systemClock;
  const inbox = config.addresses.proposals;
  const domain = inbox.slice(inbox.lastIndexOf('@') + 1);
  // Bounces of our own mail go to the bounces address when there is one, never to a person.
  const envelopeFrom = config.addresses.bounces ?? addressOf(config.addresses.from);
  return async (m) => {
    const token = mintToken(requireSecret(config), { purpose: m.purpose, ref: m.ref }, m.to.email, clock.now());
    const replyAddress = tokenAddress(inbox, token);
    const rendered = await renderer.render(m.template, m.locale, m.data(replyAddress));
    const { inReplyTo, references } = m.parent ? threadHeaders(m.parent) : { inReplyTo: null, references: [] };
    const msg = composeMessage({
      from: config.addresses.from,
      to: m.to,
      replyTo: replyAddress,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      // randomUUID draws from a cached pool; randomBytes asks the system each call (measured: most of a mail's random cost).
      messageId: tokenMessageId(token, randomUUID().slice(-12), domain),
      date: clock.now(),
      inReplyTo,
      references,
      autoSubmitted: m.autoSubmitted,
      headers: { 'X-Crieur-Ref': m.ref },
    });
    return { raw: await buildRaw(msg), envelopeFrom, recipient: m.to.email, subject: rendered.subject };
  };
}

export function createComposer(config: Config, opts: ComposerOptions = {}): Composer {
  const renderer = opts.renderer ?? createRenderer();
  const builder = createMailBuilder(config, { ...opts, renderer });
  const group = { name: config.group.name, timezone: config.group.timezone };
  const build = (
    purpose: TokenPurpose,
    template: string,
    p: ProposalRecord,
    to: Address,
    locale: Language,
    data: (replyAddress: string) => object,
    parent: ThreadInfo | null,
    autoSubmitted: AutoSubmitted,
  ) => builder({ purpose, template, ref: p.ref, to, locale, data, parent, autoSubmitted });

  return {
    // An acknowledgement is written in the proposal's language (either); a notice in the group's.
    warm: () => Promise.all([renderer.warm(['ack'], ['fr', 'en']), renderer.warm(['notify-organizer'], [config.group.locale])]).then(() => undefined),
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
