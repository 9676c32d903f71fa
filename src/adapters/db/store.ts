/** The Store the app needs, assembled from one repository per table group over a Db. */
import type { Store } from '../../app/store.ts';
import { attachmentStore } from './attachments.ts';
import { checkpointStore } from './checkpoints.ts';
import { commandStore } from './commands.ts';
import type { Db } from './db.ts';
import { eventStore } from './events.ts';
import { inboundStore } from './inbound.ts';
import { listArchive } from './list-posts.ts';
import { outboxStore } from './outbox.ts';
import { proposalStore } from './proposals.ts';
import { subscriberStore } from './subscribers.ts';
import { campaignStore } from './campaigns.ts';
import { membershipStore } from './membership.ts';
import { undeliveredStore } from './undelivered.ts';
import { digestPreferenceStore } from './digest-preferences.ts';
import { joinRequestStore } from './join-requests.ts';

export function storeOn(db: Db): Store {
  return {
    inbound: inboundStore(db),
    proposals: proposalStore(db),
    attachments: attachmentStore(db),
    outbox: outboxStore(db),
    events: eventStore(db),
    checkpoints: checkpointStore(db),
    subscribers: subscriberStore(db),
    campaigns: campaignStore(db),
    membership: membershipStore(db),
    digests: digestPreferenceStore(db),
    join: joinRequestStore(db),
    lists: listArchive(db),
    commands: commandStore(db),
    undelivered: undeliveredStore(db),
    describe: () => db.describe(),
    close: () => db.close(),
  };
}
