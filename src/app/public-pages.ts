/**
 * What the public pages show (issue 9): the next meetup with its programme (`/`), and the upcoming meetups (the
 * `/events.ics` feed). A meetup stays "next" until it is over — someone looking for the address at 19h30 still
 * finds it — so "upcoming" counts from its start plus its length in calendars.
 */
import type { Clock } from './clock.ts';
import type { ProposalStore } from './proposal-store.ts';
import type { TalkForMail } from '../core/render/announce-data.ts';
import { MEETUP_MINUTES } from '../core/programme.ts';
import { programmeTalks } from './announce-event.ts';
import type { EventRecord, EventStore } from './event-store.ts';

export interface PublicPagesDeps {
  store: { events: EventStore; proposals: ProposalStore };
  clock: Clock;
}

export interface Meetup {
  event: EventRecord;
  talks: TalkForMail[];
}


export async function upcomingMeetups(deps: PublicPagesDeps, limit = 50): Promise<Meetup[]> {
  const from = new Date(deps.clock.now().getTime() - MEETUP_MINUTES * 60_000);
  const events = (await deps.store.events.list({ from })).slice(0, limit);
  return Promise.all(events.map(async (event) => ({ event, talks: await programmeTalks(deps.store.proposals, event) })));
}

export async function nextMeetup(deps: PublicPagesDeps): Promise<Meetup | null> {
  return (await upcomingMeetups(deps, 1))[0] ?? null;
}
