/**
 * The organizers' daily summary of undelivered mail as outbox bytes (the UndeliveredComposer of
 * src/app/report-undelivered.ts): template data (pure), the templates/undelivered.* mails, headers, MIME.
 * No reply token: there is nothing to answer; a reply reaches the proposals inbox as any mail would.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config/schema.ts';
import { addressOf } from '../../core/address.ts';
import { composeMessage } from '../../core/compose/message.ts';
import { undeliveredData } from '../../core/render/undelivered-data.ts';
import type { UndeliveredComposer } from '../../app/report-undelivered.ts';
import { systemClock, type Clock } from '../../app/clock.ts';
import { createRenderer, type Renderer } from '../render/messages.ts';
import { buildRaw } from '../smtp/build-raw.ts';

export function createUndeliveredComposer(config: Config, opts: { renderer?: Renderer; clock?: Clock } = {}): UndeliveredComposer {
  const renderer = opts.renderer ?? createRenderer();
  const clock = opts.clock ?? systemClock;
  const inbox = config.addresses.proposals;
  const domain = inbox.slice(inbox.lastIndexOf('@') + 1);
  const envelopeFrom = config.addresses.bounces ?? addressOf(config.addresses.from);
  const locale = config.group.locale;
  return {
    async undelivered(mails, organizer, day) {
      const data = undeliveredData(mails, { group: { name: config.group.name, timezone: config.group.timezone }, locale, day });
      const rendered = await renderer.render('undelivered', locale, data);
      const msg = composeMessage({
        from: config.addresses.from,
        to: { name: null, email: organizer },
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        messageId: `<undelivered.${day}.${randomUUID().slice(-12)}@${domain}>`,
        date: clock.now(),
        autoSubmitted: 'auto-generated',
      });
      return { raw: await buildRaw(msg), envelopeFrom, recipient: organizer, subject: rendered.subject };
    },
  };
}
