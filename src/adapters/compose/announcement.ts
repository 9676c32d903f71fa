/**
 * The mails about an event (announcement, reminders) as campaign parts: template data (pure), rendering (MJML,
 * compiled once per template × language), the .ics, and the MIME built once per variant with per-recipient slots
 * (campaign-mime.ts). A variant is one way the mail goes out: to a list's address (its language, no personal
 * parts), or to roster members in one language (greeting and unsubscribe slots).
 */
import type { Config } from '../../config/schema.ts';
import type { BuiltVariant, EventMailBuilder, EventMailInput, VariantSpec } from '../../app/announce-event.ts';
import { addressOf } from '../../core/address.ts';
import { domainOf } from '../../core/compose/message.ts';
import { sentinel } from '../../core/compose/mime-template.ts';
import { MEETUP_MINUTES } from '../../core/programme.ts';
import { eventMailData, type EventMailData } from '../../core/render/announce-data.ts';
import { calendarDaysBetween } from '../../core/render/dates.ts';
import { wrapLongLines } from '../../core/render/wrap.ts';
import { closeBidi } from '../../core/text/bidi.ts';
import { eventIcs, type IcsEvent } from '../calendar/ics.ts';
import { createRenderer, type Renderer } from '../render/messages.ts';
import { DEFAULT_TEMPLATES_DIR } from '../render/templates.ts';
import { buildMimeTemplate, campaignHeaders } from './campaign-mime.ts';


/** A meetup as a calendar entry, worded as its announcement words it (the mail's .ics and the /events.ics feed). */
export function icsEventOf(event: { id: number; sequence: number; date: Date }, data: EventMailData): IcsEvent {
  return {
    id: event.id,
    sequence: event.sequence,
    start: event.date,
    durationMinutes: MEETUP_MINUTES,
    // each user value closes its own direction overrides before our punctuation (core/text/bidi.ts)
    summary: closeBidi(data.eventTitle),
    description: [...data.talks, ...data.lightning].map((t) => `${closeBidi(t.title)} (${closeBidi(t.speakers)})`).join('\n'),
    location: [data.venue, data.venueAddress].filter((x): x is string => Boolean(x)).map(closeBidi).join(', '),
    url: data.registrationUrl,
  };
}

export function templateDirs(config: Config): string[] {
  return config.templates.dir ? [config.templates.dir, DEFAULT_TEMPLATES_DIR] : [DEFAULT_TEMPLATES_DIR];
}

export function createEventMailBuilder(config: Config, opts: { renderer?: Renderer } = {}): EventMailBuilder & { renderer: Renderer } {
  const renderer = opts.renderer ?? createRenderer({ dir: templateDirs(config) });
  const inbox = config.addresses.proposals;
  const domain = domainOf(inbox);
  const group = { name: config.group.name, timezone: config.group.timezone };

  async function variant(input: EventMailInput, spec: VariantSpec): Promise<BuiltVariant> {
    const personal = spec.to === null;
    const data = eventMailData(input.event, input.talks, {
      group,
      locale: spec.locale,
      proposalsAddress: addressOf(inbox),
      personal,
      next: input.next,
      // A reminder's « demain » / « dans 6 jours » counted from when it is built (and sent), in the group's zone: one due
      // J-1 at 19:00 that went out the next morning, after an outage, is today's, and the J-d of its key can be a day off
      // for an event just after midnight across a change of clocks.
      daysBefore: input.daysBefore === undefined ? null : calendarDaysBetween(input.date, input.event.date, config.group.timezone),
      forSpeakers: input.forSpeakers ?? false,
      speakerOf: input.speakerOf ?? null,
      update: input.update ?? false,
      ...(input.changes ? { changes: input.changes } : {}),
      // Broadcast to lists (public archives) and members: a speaker without a name is not shown by their address.
      publicPage: !(input.forSpeakers ?? false),
    });
    const r = await renderer.render(input.kind, spec.locale, data);
    // Written for people who read lists in text mode: no line over 72 columns, whatever the titles' lengths.
    const text = wrapLongLines(r.text, 72);
    const ics =
      input.kind === 'announce'
        ? eventIcs(icsEventOf(input.event, data), { timeZone: config.group.timezone, domain, groupName: config.group.name, stamp: input.date, organizer: addressOf(config.addresses.from) })
        : null;
    // Roster mail carries the members' List-* headers; a speakers' reminder goes to people as speakers, members or not.
    const headers = campaignHeaders({ personal: personal && !(input.forSpeakers ?? false), domain, oneClick: Boolean(config.http.publicUrl) });
    headers['X-Crieur-Ref'] = `E-${input.event.id}`;
    // A speaker is asked to reply if anything changed: to their own reply address (their token for their talk, filled
    // per row: campaign-slots.ts), so that the reply reaches their proposal. Members' copies name none.
    if (input.forSpeakers) headers['Reply-To'] = sentinel('replyTo');
    const mime = buildMimeTemplate({
      from: config.addresses.from,
      to: spec.to,
      subject: r.subject,
      headers,
      text,
      html: r.html,
      ics,
      seed: `${input.seed}|${spec.key}`,
    });
    return { key: spec.key, locale: spec.locale, subject: r.subject, html: r.html, text, ics, mime };
  }

  return {
    renderer,
    async build(input: EventMailInput, specs: readonly VariantSpec[]): Promise<BuiltVariant[]> {
      return Promise.all(specs.map((s) => variant(input, s)));
    },
  };
}
