-- When a parked (failed) mail was listed in the organizers' daily summary of undelivered mail; null: not yet.
-- Mails parked before the summary existed are in `crieur failed list` already: not announced again.
ALTER TABLE outbox ADD COLUMN reported_at timestamptz;
UPDATE outbox SET reported_at = now() WHERE status = 'failed';
CREATE INDEX outbox_unreported ON outbox (id) WHERE status = 'failed' AND reported_at IS NULL;
