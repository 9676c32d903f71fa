-- When the SMTP transaction of a row began. A sender that dies after this point may have had its mail
-- accepted (RFC 1047): such a row is parked for a human instead of being sent a second time.
ALTER TABLE outbox ADD COLUMN transmitting_at timestamptz;
