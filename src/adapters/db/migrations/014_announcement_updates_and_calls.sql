-- Announcements (issue 8), the missing points: updates of an announced event, and the call for proposals.
-- Updated announcements (issue 8): the event's SEQUENCE (migration 004) a campaign announced. `crieur announce`
-- compares it with the event's: the same, nothing new to say; higher, the event changed since (date, venue,
-- programme) and an update goes out — a campaign of its own, keyed by the new SEQUENCE, whose .ics keeps the UID.
ALTER TABLE campaigns ADD COLUMN event_sequence integer;
-- Campaigns made before: what they announced was the event as it stands.
UPDATE campaigns c SET event_sequence = e.sequence FROM events e WHERE c.event_id = e.id;

-- The call for proposals (`crieur call`): a campaign of its own kind, its ledger rows an outbox purpose of their own.
ALTER TABLE campaigns DROP CONSTRAINT campaigns_kind_check;
ALTER TABLE campaigns ADD CONSTRAINT campaigns_kind_check CHECK (kind IN ('announce', 'reminder', 'digest', 'call'));
-- (Every purpose so far, 010's `membership` included: a later migration that redefines this check must keep `call`.)
ALTER TABLE outbox DROP CONSTRAINT outbox_purpose_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_purpose_check
  CHECK (purpose IN ('ack', 'notify-organizer', 'command-result', 'announce', 'digest', 'reminder', 'membership', 'call'));
