-- Statements in the database functions whose plans stay right as the tables grow.
-- plpgsql caches a statement's plan per connection and, after five calls, may keep a generic plan made without
-- the values. Made while the tables were nearly empty (a new install; bench/ingest's first seconds), the choice
-- between two indexes that both fit was a coin toss, and kept for as long as the connection lived (the worker's:
-- days; on PGlite, which has no autovacuum to ANALYZE and invalidate it, for ever):
--  * the acknowledgement cap and the enqueue key were looked up through the first index whose leading column is
--    `purpose` and every row of that purpose filtered: a full read of the outbox per mail queued (bench/ingest:
--    crieur_enqueue at 6.2 ms a call at 3,000 messages, growing);
--  * the check for an earlier copy of a message (same Message-ID, the lowest id: ORDER BY id LIMIT 1) walked the
--    primary key in id order, filtering on the Message-ID: 4.6 ms a message at 20,000 (bench/ingest --sizes 20000,
--    pg_stat_statements), half of PostgreSQL's CPU.
-- Planning every call with its values instead (plan_cache_mode = force_custom_plan) was tried and measured worse:
-- planning a dozen statements a call, and without statistics the copy check chose the id walk all the same. So the
-- statements keep plpgsql's plans and each gets an index that fits it whole, which no plan can find dearer.

-- Rebuilt while crieur starts, under the migration's lock: on a large outbox another crieur process (a rolling
-- restart) waits for the index builds.
-- The idempotency key, same columns (ON CONFLICT (purpose, subject_ref, recipient) infers it in any order), no
-- longer led by `purpose`: the cap's count has outbox_recipient (purpose, lower(recipient), created_at) alone.
ALTER TABLE outbox DROP CONSTRAINT outbox_purpose_subject_ref_recipient_key;
ALTER TABLE outbox ADD CONSTRAINT outbox_key UNIQUE (subject_ref, recipient, purpose);

-- The earlier copy of a message: the Message-ID's rows in id order, the first one that is not 'failed'.
CREATE INDEX inbound_messages_copies ON inbound_messages ((coalesce(message_id, '')), id);

-- The application's prepared statements are planned at each execution (plan_cache_mode = force_custom_plan, set per
-- connection: src/adapters/db/pg-db.ts); the functions keep plpgsql's cached plans, which the indexes above make
-- right whatever the tables' size.
ALTER FUNCTION crieur_enqueue(text[], text[], text[], bytea, integer[], text[], integer[], integer[], timestamptz, integer)
  SET plan_cache_mode = auto;
ALTER FUNCTION crieur_file_proposal(integer, jsonb, text, text, text, timestamptz) SET plan_cache_mode = auto;
ALTER FUNCTION crieur_classify_and_file(integer, jsonb, text, text, text, timestamptz) SET plan_cache_mode = auto;
