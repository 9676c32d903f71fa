/**
 * The `Composer` port for the mails about a proposal: renders, adds the headers, mints the reply tokens and
 * builds the bytes the outbox stores. Wiring only — each decision lives in its pure module (data.ts for
 * the wording, compose/message.ts for headers, tokens.ts for the MAC); this file picks the locale and
 * the addresses from config.
 *
 *   acknowledgement → every speaker, in the proposal's language (the group's when unknown), auto-replied,
 *                     threaded under the speaker's message, token (speaker, ref, speaker address)
 *   organizer notice → each organizer, in the group's language, auto-generated,
 *                     token (organizer, ref, organizer address)
 */
import { randomBytes } from 'node:crypto';
import { composeMessage, domainOf, threadHeaders, tokenAddress, tokenMessageId, type MessageInput } from '../../core/compose/message.ts';
import { ackData, noticeData } from '../../core/render/data.ts';
import { mintToken, type TokenPurpose } from '../../core/tokens.ts';
import type { Config } from '../../config/schema.ts';
import type { Clock, ComposedMail, Composer, ProposalRecord, ThreadInfo } from '../../ports.ts';
import type { Address, Language } from '../../types.ts';
import { buildRaw } from '../smtp/build-raw.ts';
import { createRenderer, type RenderedMail, type Renderer } from './messages.ts';

export interface ProposalComposerOptions {
  renderer?: Renderer;
  clock?: Clock;
  /** Random part of Message-IDs (tests pass a fixed one). */
  nonce?: () => string;
}

type ComposerConfig = Pick<Config, 'group' | 'addresses' | 'secret'>;

export function createProposalComposer(config: ComposerConfig, opts: ProposalComposerOptions = {}): Composer {
  const renderer = opts.renderer ?? createRenderer();
  const now = () => (opts.clock ?? { now: () => new Date() }).now();
  const nonce = opts.nonce ?? (() => randomBytes(6).toString('hex'));
  const secret = config.secret;
  const envelopeFrom = config.addresses.bounces ?? config.addresses.proposals;

  function tokens(purpose: TokenPurpose, ref: string, recipient: string): { replyTo: string; messageId: string } {
    if (!secret) throw new Error('secret is not configured: reply tokens need it (set secret or CRIEUR_SECRET)');
    const token = mintToken(secret, { purpose, ref }, recipient);
    return {
      replyTo: tokenAddress(config.addresses.proposals, token),
      messageId: tokenMessageId(token, nonce(), domainOf(config.addresses.proposals)),
    };
  }

  async function finish(rendered: RenderedMail, to: Address, input: Omit<MessageInput, 'from' | 'to' | 'subject' | 'html' | 'text' | 'date'>): Promise<ComposedMail> {
    const msg = composeMessage({ from: config.addresses.from, to, ...rendered, date: now(), ...input });
    return { raw: await buildRaw(msg), envelopeFrom, recipient: to.email, subject: rendered.subject };
  }

  return {
    async ack(p: ProposalRecord, to, thread: ThreadInfo) {
      const locale: Language = p.language ?? config.group.locale;
      const { replyTo, messageId } = tokens('speaker', p.ref, to.email);
      const data = ackData(p, { group: config.group, locale, replyAddress: replyTo, receivedAt: p.receivedAt, recipient: { name: to.name, email: to.email } });
      const rendered = await renderer.render('ack', locale, data);
      return finish(rendered, { name: to.name, email: to.email }, {
        replyTo,
        messageId,
        ...threadHeaders(thread),
        autoSubmitted: 'auto-replied',
        headers: { 'X-Crieur-Ref': p.ref },
      });
    },
    async organizerNotice(p: ProposalRecord, organizer: string, _thread: ThreadInfo) {
      const locale = config.group.locale;
      const { replyTo, messageId } = tokens('organizer', p.ref, organizer);
      const data = noticeData(p, { group: config.group, locale, replyAddress: replyTo, receivedAt: p.receivedAt, submittedBy: null });
      const rendered = await renderer.render('notify-organizer', locale, data);
      return finish(rendered, { name: null, email: organizer }, {
        replyTo,
        messageId,
        autoSubmitted: 'auto-generated',
        headers: { 'X-Crieur-Ref': p.ref },
      });
    },
  };
}
