/** Who crieur's mails come from, read once from config: shared by every composer (proposals, digests). */
import type { Config } from '../../config/schema.ts';
import { addressOf } from '../../core/address.ts';

export function sendingIdentity(config: Config) {
  const inbox = config.addresses.proposals;
  return {
    /** The watched inbox: reply tokens go in its local part (`talks+TOKEN@…`). */
    inbox,
    /** The right-hand side of our Message-IDs. */
    domain: inbox.slice(inbox.lastIndexOf('@') + 1),
    // Bounces of our own mail go to the bounces address when there is one, never to a person.
    envelopeFrom: config.addresses.bounces ?? addressOf(config.addresses.from),
    group: { name: config.group.name, timezone: config.group.timezone },
  };
}
