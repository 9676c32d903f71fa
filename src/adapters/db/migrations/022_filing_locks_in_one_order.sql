-- A batch of filings (migration 020) takes its filing locks all at once, in one order, before it writes anything.
-- Each filing used to take its (speaker, title) lock as its turn came, holding the locks of the filings before it:
-- two processes' batches with the same speakers' re-sends in other orders each held one lock and waited for the
-- other's — a deadlock PostgreSQL breaks only after deadlock_timeout (1 s), cancelling a whole batch, whose filings
-- then ran again one by one beside the other batches and could be caught again (CI, tests/store/
-- batches-across-processes.test.ts). Taken in ascending key order by every batch, and first, a lock is only ever
-- waited for by a transaction that holds no lock taken after it: no cycle. crieur_file_proposal takes the same lock
-- again further on (advisory locks stack in a transaction: no wait), so a lone filing is unchanged.
CREATE OR REPLACE FUNCTION crieur_classify_and_file_many(p_messages integer[], p_parsed jsonb[], p_actors text[], p_speakers text[],
                                                         p_title_keys text[], p_since timestamptz[])
RETURNS TABLE (pos integer, outcome text, record jsonb) LANGUAGE plpgsql AS $$
BEGIN
  -- The key is crieur_file_proposal's, computed alike.
  PERFORM pg_advisory_xact_lock(k) FROM (
    SELECT DISTINCT hashtext('crieur-file:' || lower(u.speaker) || ':' || u.title_key) AS k
    FROM unnest(p_speakers, p_title_keys) AS u(speaker, title_key)
    WHERE u.speaker IS NOT NULL AND u.title_key <> '' ORDER BY 1) AS locks;
  FOR i IN 1 .. coalesce(cardinality(p_messages), 0) LOOP
    RETURN QUERY SELECT i, f.outcome, f.record
      FROM crieur_classify_and_file(p_messages[i], p_parsed[i], p_actors[i], p_speakers[i], p_title_keys[i], p_since[i]) f;
  END LOOP;
END $$;

-- CREATE OR REPLACE resets a function's settings: as every crieur_ function (migration 017), its cached plans.
ALTER FUNCTION crieur_classify_and_file_many(integer[], jsonb[], text[], text[], text[], timestamptz[]) SET plan_cache_mode = auto;
