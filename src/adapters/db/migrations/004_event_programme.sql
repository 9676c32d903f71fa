-- Meetups and their programme. An event keeps a SEQUENCE (RFC 5545) bumped on every change, so a calendar entry
-- sent again replaces the old one; a proposal's place in the running order is its programme_position.
ALTER TABLE events ADD COLUMN sequence integer NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX events_date ON events (date);
ALTER TABLE proposals ADD COLUMN programme_position integer;
CREATE INDEX proposals_event ON proposals (event_id, programme_position) WHERE event_id IS NOT NULL;
