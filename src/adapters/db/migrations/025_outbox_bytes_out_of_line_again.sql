-- A mail's bytes back out of line (TOAST), undoing 024 for the rows written from now on. 024 saved two TOAST chunks a
-- mail at insert, but an outbox row is updated one to three times after it (claimed, sent, retried) and none of those
-- updates can be HOT (status and lease are indexed): each new row version copied the mail's compressed bytes inline,
-- where out of line it copies an 18-byte pointer. Measured with bench:ingest (5,000 messages, idle machine, 2 runs
-- each): WAL 17.0 kB a message before 024, 23.8–24.2 kB with it (+41 %), no PostgreSQL CPU difference readable
-- (2.0–2.3 against 2.2–2.8 ms). WAL is what a replica ships and a backup keeps; a row write in a TOAST table is not.
-- Rows written under 024 keep their inline bytes until they are rewritten (they age out with the outbox's retention).
ALTER TABLE outbox ALTER COLUMN raw SET STORAGE EXTENDED;
