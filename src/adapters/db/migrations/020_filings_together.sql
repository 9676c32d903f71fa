-- The classifications and filings of proposals made at once (16 classify jobs in flight in a backlog) in one call:
-- crieur_classify_and_file for each, in the order given (the callers' arrival order: refs go to messages as they
-- came), one round trip and one (asynchronous) commit for all (src/adapters/db/proposals.ts). Each row's outcome
-- is its own; a batch that fails is run again call by call by the caller, so one message the database refuses
-- fails alone. Rows with one speaker and title take their filing lock in turn inside the batch, as they would have
-- one after the other.
CREATE FUNCTION crieur_classify_and_file_many(p_messages integer[], p_parsed jsonb[], p_actors text[], p_speakers text[],
                                              p_title_keys text[], p_since timestamptz[])
RETURNS TABLE (pos integer, outcome text, record jsonb) LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1 .. coalesce(cardinality(p_messages), 0) LOOP
    RETURN QUERY SELECT i, f.outcome, f.record
      FROM crieur_classify_and_file(p_messages[i], p_parsed[i], p_actors[i], p_speakers[i], p_title_keys[i], p_since[i]) f;
  END LOOP;
END $$;

-- As every crieur_ function (migration 017): plpgsql's cached plans, not the connection's force_custom_plan.
ALTER FUNCTION crieur_classify_and_file_many(integer[], jsonb[], text[], text[], text[], timestamptz[]) SET plan_cache_mode = auto;
