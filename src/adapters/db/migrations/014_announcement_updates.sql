-- Updated announcements (issue 8): the event's SEQUENCE (migration 004) a campaign announced. `crieur announce`
-- compares it with the event's: the same, nothing new to say; higher, the event changed since (date, venue,
-- programme) and an update goes out — a campaign of its own, keyed by the new SEQUENCE, whose .ics keeps the UID.
ALTER TABLE campaigns ADD COLUMN event_sequence integer;
-- Campaigns made before: what they announced was the event as it stands.
UPDATE campaigns c SET event_sequence = e.sequence FROM events e WHERE c.event_id = e.id;
