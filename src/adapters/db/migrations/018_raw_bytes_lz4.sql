-- The mails' bytes compressed with lz4 instead of pglz where the server has it (PostgreSQL 14+ built with lz4, as
-- Debian's and the PGDG packages are). An acknowledgement's 17 KB cost PostgreSQL 0.8 ms of CPU to compress with
-- pglz against 0.3 with lz4, for the same size on disk (bench/ingest: two such rows a proposal, ≈ a sixth of the
-- backends' CPU per message). Values already stored keep their compression; new ones take lz4. PGlite is built
-- without lz4: its columns keep pglz, and the migration does nothing there.
DO $$
BEGIN
  ALTER TABLE inbound_messages ALTER COLUMN raw SET COMPRESSION lz4;
  ALTER TABLE outbox ALTER COLUMN raw SET COMPRESSION lz4;
  ALTER TABLE held_mail ALTER COLUMN raw SET COMPRESSION lz4;
  ALTER TABLE attachments ALTER COLUMN bytes SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END $$;
