/**
 * Meetups as the use cases see them (scheduling by email or CLI, announcements): an event on a date, at a venue,
 * with its programme — proposal refs in running order. Declared here, beside its consumers; implemented by
 * src/adapters/db/events.ts.
 */

export interface EventRecord {
  id: number;
  /** The instant it starts (stored UTC; shown in the group's time zone). */
  date: Date;
  venue: string;
  title: string | null;
  /** Proposal refs in running order (core/programme.ts `runningOrder`: talks, then lightning talks, each as scheduled). */
  programme: string[];
  /** RFC 5545 SEQUENCE: bumped on every change of the event or its programme. */
  sequence: number;
  /** What the announcement shows besides the venue's name (migration 006); null when not given. */
  venueAddress: string | null;
  mapUrl: string | null;
  registrationUrl: string | null;
  capacity: number | null;
}

export interface NewEvent {
  date: Date;
  venue: string;
  title?: string | null;
  venueAddress?: string | null;
  mapUrl?: string | null;
  registrationUrl?: string | null;
  capacity?: number | null;
}

export interface EventStore {
  create(e: NewEvent): Promise<EventRecord>;
  get(id: number): Promise<EventRecord | null>;
  /** Events from `from` on (all when absent), soonest first. */
  list(filter?: { from?: Date }): Promise<EventRecord[]>;
  /**
   * Every event on a local calendar day (`YYYY-MM-DD` in `timeZone`), earliest first: a day may hold two (a workshop
   * and the evening meetup), and a caller that takes a day for one event must say so when it cannot (findEvent).
   */
  onDay(day: string, timeZone: string): Promise<EventRecord[]>;
  /**
   * Puts a proposal on an event's programme, last of its format in running order (core/programme.ts: the talks, then
   * the lightning talks; a proposal already there keeps its place;
   * one on another event moves). Changes no status: the decision that causes it records that.
   */
  assign(eventId: number, ref: string): Promise<EventRecord>;
  /**
   * Changes what is given of an event (the rest kept); SEQUENCE bumped when anything actually changed, so that an
   * announcement sent again is an update calendars apply. Null: no such event.
   */
  update(id: number, patch: Partial<NewEvent>): Promise<{ event: EventRecord; changed: boolean } | null>;
  /** Takes a proposal off whatever programme it is on. */
  unassign(ref: string): Promise<void>;
}
