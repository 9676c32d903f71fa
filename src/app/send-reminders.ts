/**
 * Reminders of a coming event, `reminders.beforeEventDays` days before (default J-6 and J-1): to the programme's
 * speakers (« vous présentez… ») and to the roster's active members. Checked by the recovery sweep with the clock:
 * a reminder is due during the 24 hours that start d days before the event — a crieur that was down then skips it
 * rather than sending « dans 6 jours » three days before. Exactly once across restarts: the campaign's key
 * (`reminder:E-ID:J-d`) and the ledger's (purpose reminder, `E-ID/J-d`, recipient) make a second tick a no-op.
 * Speakers are added first: one who is also a member gets the speakers' wording, once, in their proposal's language.
 * A speaker's copy carries their reply token for their talk (Reply-To, Message-ID), as their acknowledgement does: the
 * reminder asks them to reply if anything changed, and the reply is threaded on the proposal and passed on to the
 * organizers, its verbs acting (apply-commands.ts). A speaker of two talks that evening gets one mail, the first's token.
 */
import type { CampaignRecord } from './campaign-store.ts';
import { MEMBERS_LIST } from './subscriber-store.ts';
import { envelopeSender, eventMailInput, type AnnounceDeps, type VariantSpec } from './announce-event.ts';
import type { Dispatcher } from './dispatcher.ts';
import type { InboundStore } from './inbound-store.ts';
import { dispatchCampaign } from './announce-event.ts';
import { chunkSize } from './send-campaign.ts';
import { speakerLocale } from './decide.ts';
import { speakerRowVariant } from '../core/compose/campaign-slots.ts';

const DAY = 86_400_000;

export async function sendDueReminders(deps: AnnounceDeps & { dispatcher: Dispatcher; store: { inbound: Pick<InboundStore, 'get'> } }): Promise<CampaignRecord[]> {
  const now = deps.clock.now();
  const started: CampaignRecord[] = [];
  for (const ev of await deps.store.events.list({ from: now })) {
    for (const d of deps.config.reminders.beforeEventDays) {
      const opens = ev.date.getTime() - d * DAY;
      if (now.getTime() < opens || now.getTime() >= opens + DAY) continue;
      const key = `reminder:E-${ev.id}:J-${d}`;
      const specs: VariantSpec[] = (['fr', 'en'] as const).flatMap((locale) => [
        { key: `member:${locale}`, locale, to: null },
        { key: `speaker:${locale}`, locale, to: null },
      ]);
      const input = await eventMailInput(deps, ev, 'reminder', now, { daysBefore: d });
      const members = await deps.builder.build(input, specs.filter((s) => s.key.startsWith('member:')));
      const speakers = await deps.builder.build({ ...input, forSpeakers: true }, specs.filter((s) => s.key.startsWith('speaker:')));
      const { campaign, created } = await deps.store.campaigns.create({
        key,
        kind: 'reminder',
        eventId: ev.id,
        list: null,
        parts: { variants: Object.fromEntries([...members, ...speakers].map((b) => [b.key, b.mime])) },
      });
      if (!created) continue;
      const ref = `E-${ev.id}/J-${d}`;
      const from = envelopeSender(deps.config);
      // Each speaker in the language they proposed in (as their acknowledgement and decision mails), not the group's
      const speakerRows = [];
      for (const t of input.talks) {
        const p = await deps.store.proposals.get(t.ref);
        const locale = p ? await speakerLocale(deps, p) : deps.config.group.locale;
        // the row names the talk: the speaker's reply token is theirs for it (« je suis malade », « retirer » act on it)
        for (const s of t.speakers) if (s.email) speakerRows.push({ email: s.email, variant: speakerRowVariant(`speaker:${locale}`, t.ref) });
      }
      await deps.store.campaigns.addRecipients(campaign.id, 'reminder', ref, from, speakerRows);
      await deps.store.campaigns.addMembers(campaign.id, 'reminder', ref, from, MEMBERS_LIST, deps.config.group.locale);
      await dispatchCampaign(deps, campaign.id, chunkSize(deps.config));
      started.push(campaign);
    }
  }
  return started;
}
