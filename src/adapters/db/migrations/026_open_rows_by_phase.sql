-- Updates that keep a row open are HOT again (issue 12, bench/ingest). PostgreSQL writes an update in place on its page,
-- without a new entry in every index of the table (a HOT update), only when no column any index names — in its keys
-- or in its WHERE — changes value. The partial indexes that find the work left (001, 007, 008) named `status` and
-- `state`, and inbound_messages_pending was keyed on `updated_at`: every update of either table was a new row version
-- elsewhere and one entry in each of their indexes (four or five), even the ones that leave the row in the same set —
-- a message classified (received → classified), a mail claimed (queued → sending), a lease renewed, a claim marked
-- transmitting, a failed try queued again.
-- The indexes now name `phase`, a stored generated column that only changes when a row leaves the work left: 'open'
-- (received or classified; queued or sending), else the state or status itself. The statements that read through them
-- say `phase` too (src/adapters/db/inbound.ts, outbox.ts, undelivered.ts), then filter on the state or status as before.
-- The recovery sweep's index is keyed on `id` (its ORDER BY), not `updated_at`: the open rows are the backlog.
-- The sent mark and the message done still leave their set: those updates are not HOT, and cannot be with an index
-- that finds the open rows without reading every finished one.
-- bench:ingest, 5,000 messages, alternating: inbound_messages 0.44 of 1.68 updates a message HOT (none before), WAL
-- 16.4 / 16.5 kB a message against 17.1 / 17.2; the outbox's updates there are sent marks (its mails are inserted
-- claimed, 019), not HOT either way.
-- Adding a stored column rewrites both tables once, under their lock: wait at most 10 s for it (a running crieur's
-- long transaction), then fail the start-up with nothing changed rather than hang it.
SET LOCAL lock_timeout = '10s';

-- Room on each page for a message's classified version (its parsed result added): a backlog is stored faster than it is
-- classified, and on a full page the update goes to another page, not HOT (0.28 HOT a message at 100, 0.44 at 75). The
-- mail's bytes are mostly out of line (TOAST): the quarter left free is of the rows' small part.
ALTER TABLE inbound_messages SET (fillfactor = 75);
ALTER TABLE inbound_messages ADD COLUMN IF NOT EXISTS phase text
  GENERATED ALWAYS AS (CASE WHEN state IN ('received', 'classified') THEN 'open' ELSE state END) STORED;
DROP INDEX IF EXISTS inbound_messages_pending;
DROP INDEX IF EXISTS inbound_messages_failed;
CREATE INDEX IF NOT EXISTS inbound_messages_open ON inbound_messages (id) WHERE phase = 'open';
CREATE INDEX IF NOT EXISTS inbound_messages_failed_phase ON inbound_messages (id) WHERE phase = 'failed';

ALTER TABLE outbox ADD COLUMN IF NOT EXISTS phase text
  GENERATED ALWAYS AS (CASE WHEN status IN ('queued', 'sending') THEN 'open' ELSE status END) STORED;
DROP INDEX IF EXISTS outbox_pending;
DROP INDEX IF EXISTS outbox_queued_cause;
DROP INDEX IF EXISTS outbox_failed;
-- The daily summary's unreported ones among them are read through the parked mails' index (a few hundred, `reported_at`
-- filtered on the row): marking them reported no longer changes an index.
DROP INDEX IF EXISTS outbox_unreported;
CREATE INDEX IF NOT EXISTS outbox_open ON outbox (id) WHERE phase = 'open';
-- No index of its own any more for the replay's "mails of this message still queued" (outbox.queuedFor: a job that
-- finds its message done, rare): it reads the open mails through outbox_open, the mails in flight, never the sent
-- ones. Keyed on the cause among the open rows, it took an entry for every mail a filing queues, and those are
-- inserted claimed (019): the old one (status = 'queued') had none of them.
CREATE INDEX IF NOT EXISTS outbox_failed_phase ON outbox (id) WHERE phase = 'failed';
