/** Events and their programme (migration 004): the EventStore of src/app/event-store.ts over a Db. */
import type { EventRecord, EventStore } from '../../app/event-store.ts';
import { runningOrder, type ProgrammeItem } from '../../core/programme.ts';
import { DbError, type Db, type Queryable } from './db.ts';

interface Row {
  id: number;
  date: Date | string;
  venue: string;
  title: string | null;
  sequence: number;
  /** Scheduling order (programme_position); `toRecord` puts it in running order. */
  programme: ProgrammeItem[] | null;
  venue_address: string | null;
  map_url: string | null;
  registration_url: string | null;
  capacity: number | null;
}

// Columns named, not *: statements are prepared once per connection (see proposals.ts).
const SELECT = `SELECT e.id, e.date, e.venue, e.title, e.sequence, e.venue_address, e.map_url, e.registration_url, e.capacity,
  (SELECT coalesce(json_agg(json_build_object('ref', p.ref, 'format', p.format) ORDER BY p.programme_position, p.id), '[]'::json)
   FROM proposals p WHERE p.event_id = e.id) AS programme
  FROM events e`;

function toRecord(r: Row): EventRecord {
  return {
    id: r.id,
    date: new Date(r.date),
    venue: r.venue,
    title: r.title,
    sequence: r.sequence,
    programme: runningOrder(r.programme ?? []).map((i) => i.ref),
    venueAddress: r.venue_address,
    mapUrl: r.map_url,
    registrationUrl: r.registration_url,
    capacity: r.capacity,
  };
}

async function one(q: Queryable, where: string, params: unknown[]): Promise<EventRecord | null> {
  const rows = await q.query<Row>(`${SELECT} WHERE ${where} LIMIT 1`, params);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** The ids the column holds (serial: 1 … 2³¹−1). */
const MAX_ID = 2_147_483_647;

/**
 * The event with that id; none for an id the column cannot hold — a typo's « 99999999999 » (crieur events show,
 * announce, « programmer événement 99999999999 ») was PostgreSQL's « out of range for type integer », exit 1.
 */
function byId(q: Queryable, id: number): Promise<EventRecord | null> {
  return Number.isInteger(id) && id >= 1 && id <= MAX_ID ? one(q, 'e.id = $1', [id]) : Promise.resolve(null);
}

export function eventStore(db: Db): EventStore {
  return {
    async create(e) {
      const rows = await db.query<{ id: number }>(
        `INSERT INTO events (date, venue, title, venue_address, map_url, registration_url, capacity)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [e.date, e.venue, e.title ?? null, e.venueAddress ?? null, e.mapUrl ?? null, e.registrationUrl ?? null, e.capacity ?? null],
      );
      return (await one(db, 'e.id = $1', [rows[0]!.id]))!;
    },

    get(id) {
      return byId(db, id);
    },

    async update(id, patch) {
      const ev = await byId(db, id);
      if (!ev) return null;
      const pick = <K extends keyof typeof patch>(k: K, current: unknown) => (patch[k] === undefined ? current : patch[k]);
      const next = [
        pick('date', ev.date),
        pick('venue', ev.venue),
        pick('title', ev.title),
        pick('venueAddress', ev.venueAddress),
        pick('mapUrl', ev.mapUrl),
        pick('registrationUrl', ev.registrationUrl),
        pick('capacity', ev.capacity),
      ];
      // Compared in SQL (timestamps to the microsecond, nulls as values): only a real change bumps the SEQUENCE.
      const rows = await db.query<{ id: number }>(
        `UPDATE events SET date = $2, venue = $3, title = $4, venue_address = $5, map_url = $6, registration_url = $7, capacity = $8,
           sequence = sequence + 1, updated_at = now()
         WHERE id = $1 AND (date, venue, title, venue_address, map_url, registration_url, capacity)
           IS DISTINCT FROM ($2::timestamptz, $3::text, $4::text, $5::text, $6::text, $7::text, $8::integer)
         RETURNING id`,
        [id, ...next],
      );
      return { event: (await one(db, 'e.id = $1', [id]))!, changed: rows.length > 0 };
    },

    async list(filter = {}) {
      const rows = filter.from
        ? await db.query<Row>(`${SELECT} WHERE e.date >= $1 ORDER BY e.date, e.id`, [filter.from])
        : await db.query<Row>(`${SELECT} ORDER BY e.date, e.id`);
      return rows.map(toRecord);
    },

    async onDay(day, timeZone) {
      const rows = await db.query<Row>(`${SELECT} WHERE (e.date AT TIME ZONE $2)::date = $1::date ORDER BY e.date, e.id`, [day, timeZone]);
      return rows.map(toRecord);
    },

    assign(eventId, ref) {
      return db.transaction(async (tx) => {
        // The event row is locked first: two proposals assigned at once get distinct positions.
        const ev = await tx.query<{ id: number }>('SELECT id FROM events WHERE id = $1 FOR UPDATE', [eventId]);
        if (!ev[0]) throw new DbError('EDB_NOT_FOUND', `no event ${eventId}`);
        const moved = await tx.query<{ old: number | null }>(
          `UPDATE proposals p SET event_id = $1, updated_at = now(),
             programme_position = CASE WHEN p.event_id = $1 THEN p.programme_position
               ELSE (SELECT coalesce(max(q.programme_position), 0) + 1 FROM proposals q WHERE q.event_id = $1) END
           FROM (SELECT id, event_id AS old FROM proposals WHERE ref = $2 FOR UPDATE) before
           WHERE p.id = before.id RETURNING before.old`,
          [eventId, ref],
        );
        if (!moved[0]) throw new DbError('EDB_NOT_FOUND', `no proposal ${ref}`);
        const old = moved[0].old;
        if (old !== eventId) {
          await tx.query('UPDATE events SET sequence = sequence + 1, updated_at = now() WHERE id = $1 OR id = $2', [eventId, old]);
        }
        return (await one(tx, 'e.id = $1', [eventId]))!;
      });
    },

    async unassign(ref) {
      await db.transaction((tx) => leaveProgramme(tx, ref));
    },
  };
}

/**
 * Takes a proposal off the programme it is on, in the caller's transaction (the event's sequence moves: its
 * announcement and .ics change); nothing when it is on none.
 */
export async function leaveProgramme(tx: Queryable, ref: string): Promise<void> {
  const rows = await tx.query<{ old: number | null }>(
    `UPDATE proposals p SET event_id = NULL, programme_position = NULL, updated_at = now()
     FROM (SELECT id, event_id AS old FROM proposals WHERE ref = $1 FOR UPDATE) before WHERE p.id = before.id AND before.old IS NOT NULL RETURNING before.old`,
    [ref],
  );
  const old = rows[0]?.old;
  if (old) await tx.query('UPDATE events SET sequence = sequence + 1, updated_at = now() WHERE id = $1', [old]);
}
