/**
 * Reminders of a coming event, `reminders.beforeEventDays` days before (default J-6 and J-1): to the programme's
 * speakers (« vous présentez… ») and to the roster's active members. Checked by the recovery sweep with the clock:
 * a reminder is due during the 24 hours that start d days before the event — a crieur that was down then skips it
 * rather than sending « dans 6 jours » three days before. Exactly once across restarts: the campaign's key
 * (`reminder:E-ID:J-d`) and the ledger's (purpose reminder, `E-ID/J-d`, recipient) make a second tick a no-op.
 * Speakers are added first: one who is also a member gets the speakers' wording, once, in their proposal's language.
 * A speaker's copy carries their reply token for their talk (Reply-To, Message-ID), as their acknowledgement does: the
 * reminder asks them to reply if anything changed, and the reply is threaded on the proposal and passed on to the
 * organizers, its verbs acting (apply-commands.ts). So a speaker gets one reminder per talk, naming it (« vous présentez
 * « … » »), each in its proposal's thread with its own token: a speaker of two talks that evening could answer only
 * about the first when they got one mail with the first's token (a Reply-To holds one address; a token, one proposal).
 * Never twice for one talk: the ledger's key is per recipient, so a speaker's first talk holds the event's
 * (`E-ID/J-d`: no member copy is added beside it), each further talk its own (`E-ID/J-d/P-0008`).
 */
import type { CampaignRecord } from './campaign-store.ts';
import { MEMBERS_LIST } from './subscriber-store.ts';
import { envelopeSender, eventMailInput, type AnnounceDeps, type BuiltVariant, type VariantSpec } from './announce-event.ts';
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
      const specs: VariantSpec[] = (['fr', 'en'] as const).map((locale) => ({ key: `member:${locale}`, locale, to: null }));
      const input = await eventMailInput(deps, ev, 'reminder', now, { daysBefore: d });
      const members = await deps.builder.build(input, specs);
      // One speakers' mail per talk, naming it, in the language it was proposed in (as its acknowledgement and decision
      // mails), not the group's; its rows name the talk: each speaker's reply token is theirs for it (« je suis malade »,
      // « retirer » act on that talk)
      const speakers: BuiltVariant[] = [];
      const perTalk: { ref: string; variant: string; emails: string[] }[] = [];
      for (const t of input.talks) {
        const emails = [...new Map(t.speakers.flatMap((s) => (s.email ? [[s.email.toLowerCase(), s.email] as const] : []))).values()];
        if (emails.length === 0) continue;
        const p = await deps.store.proposals.get(t.ref);
        const locale = p ? await speakerLocale(deps, p) : deps.config.group.locale;
        const variant = speakerRowVariant(`speaker:${locale}`, t.ref);
        speakers.push(...(await deps.builder.build({ ...input, forSpeakers: true, speakerOf: t.ref }, [{ key: variant, locale, to: null }])));
        perTalk.push({ ref: t.ref, variant, emails });
      }
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
      // A speaker's first talk under the event's ledger key, each further one under its own (see the header)
      const seen = new Set<string>();
      const rowsBy = new Map<string, { email: string; variant: string }[]>();
      for (const t of perTalk) {
        for (const email of t.emails) {
          const at = seen.has(email.toLowerCase()) ? `${ref}/${t.ref}` : ref;
          seen.add(email.toLowerCase());
          rowsBy.set(at, [...(rowsBy.get(at) ?? []), { email, variant: t.variant }]);
        }
      }
      for (const [at, rows] of rowsBy) await deps.store.campaigns.addRecipients(campaign.id, 'reminder', at, from, rows);
      await deps.store.campaigns.addMembers(campaign.id, 'reminder', ref, from, MEMBERS_LIST, deps.config.group.locale);
      await dispatchCampaign(deps, campaign.id, chunkSize(deps.config));
      started.push(campaign);
    }
  }
  return started;
}
