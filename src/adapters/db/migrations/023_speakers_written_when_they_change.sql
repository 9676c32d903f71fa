-- A proposal's speakers (issue 12, bench/ingest):
--  * each filing upserted each speaker's row even when nothing changed (INSERT … ON CONFLICT DO UPDATE writes a new row
--    version for a name it already has: 0.18 row writes a message); the row is now read first, and written only when it
--    is new or its name changes — as before, a filing's name replaces the stored one, a filing without one keeps it;
--  * two filings with co-speakers in other orders (« A et B », « B et A »), in transactions of their own or in two
--    batches, each wrote one speaker's row and waited for the other's: a deadlock, broken by PostgreSQL after
--    deadlock_timeout by cancelling a whole batch. A speaker's row is now written under a lock of its own address
--    ('crieur-speaker:' || lower(email)), taken with the filing locks of migration 022 in one ascending order, all of
--    them before anything is written: a transaction waits only while it holds no lock taken after the one it waits for.
--  * crieur_update_proposal rewrote the speaker and attachment lists of every re-send; it now rewrites a list only when
--    it changed (its history line names the lists that changed, as before).
-- CREATE OR REPLACE resets a function's settings: plan_cache_mode is set again below (migration 017).

-- The locks of a filing: its (speaker, title) filing lock (when deduplicated) and one per speaker's address, in one order.
CREATE FUNCTION crieur_filing_lock_keys(p_speaker text, p_title_key text, p_draft jsonb)
RETURNS SETOF integer LANGUAGE sql IMMUTABLE AS $$
  SELECT hashtext('crieur-file:' || lower(p_speaker) || ':' || p_title_key) WHERE p_speaker IS NOT NULL AND p_title_key <> ''
  UNION
  SELECT hashtext('crieur-speaker:' || lower(e->>'email')) FROM jsonb_array_elements(coalesce(p_draft->'speakers', '[]')) e
  WHERE coalesce(e->>'email', '') <> ''
$$;

-- A draft's speakers with an address, each as its row now stands (id, email as stored): the rows are read, and written
-- only when missing or named otherwise, in ascending address order. The caller holds the speakers' locks.
CREATE FUNCTION crieur_speakers_of(p_draft jsonb)
RETURNS TABLE (sp_key text, sp_id integer, sp_email text) LANGUAGE plpgsql AS $$
DECLARE
  v_item jsonb;
  v_id integer;
  v_email text;
  v_name text;
BEGIN
  FOR v_item IN SELECT e FROM jsonb_array_elements(coalesce(p_draft->'speakers', '[]')) WITH ORDINALITY AS x(e, o)
                WHERE coalesce(e->>'email', '') <> '' ORDER BY lower(e->>'email'), o LOOP
    SELECT s.id, s.email, s.name INTO v_id, v_email, v_name FROM speakers s WHERE lower(s.email) = lower(v_item->>'email');
    IF v_id IS NULL THEN
      INSERT INTO speakers (email, name) VALUES (v_item->>'email', v_item->>'name')
      ON CONFLICT ((lower(email))) DO UPDATE SET name = coalesce(excluded.name, speakers.name) RETURNING speakers.id, speakers.email INTO v_id, v_email;
    ELSIF v_item->>'name' IS NOT NULL AND v_item->>'name' IS DISTINCT FROM v_name THEN
      UPDATE speakers s SET name = v_item->>'name' WHERE s.id = v_id;
    END IF;
    sp_key := lower(v_item->>'email');
    sp_id := v_id;
    sp_email := v_email;
    RETURN NEXT;
    v_id := NULL;
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION crieur_file_proposal(p_message integer, p_draft jsonb, p_actor text, p_speaker text,
                                                p_title_key text, p_since timestamptz)
RETURNS TABLE (outcome text, record jsonb) LANGUAGE plpgsql AS $$
DECLARE
  v_id integer;
  v_n bigint;
  v_speakers jsonb := '[]'::jsonb;
  v_rows jsonb;
BEGIN
  -- Redone from the durable raw message if a crash undoes it (see ASYNC_COMMIT in src/adapters/db/db.ts).
  PERFORM set_config('synchronous_commit', 'off', true);
  SELECT p.id INTO v_id FROM proposals p WHERE p.message_id = p_message;
  IF v_id IS NULL THEN
    SELECT h.proposal_id INTO v_id FROM proposal_history h WHERE h.message_id = p_message AND h.action = 'updated' LIMIT 1;
  END IF;
  IF v_id IS NOT NULL THEN
    RETURN QUERY SELECT 'already-filed'::text, to_jsonb(r) FROM proposal_records r WHERE r.id = v_id;
    RETURN;
  END IF;
  -- The filing lock and the speakers' locks, in one order (a batch took them all already: they stack, no wait).
  PERFORM pg_advisory_xact_lock(k) FROM (SELECT k FROM crieur_filing_lock_keys(p_speaker, p_title_key, p_draft) k ORDER BY 1) AS locks;
  IF p_speaker IS NOT NULL AND p_title_key <> '' THEN
    SELECT p.id INTO v_id FROM proposals p
      -- Not this message's own proposal: a second job for it (a replay racing the first) waited for the lock
      -- and must end 'already-filed' at the insert below, not update the proposal with its own message.
      WHERE p.title_key = p_title_key AND p.updated_at >= p_since AND p.message_id <> p_message AND EXISTS (
        SELECT 1 FROM proposal_speakers ps JOIN speakers s ON s.id = ps.speaker_id
        WHERE ps.proposal_id = p.id AND lower(s.email) = lower(p_speaker))
      ORDER BY p.updated_at DESC, p.id DESC LIMIT 1;
    IF v_id IS NOT NULL THEN
      RETURN QUERY SELECT 'duplicate'::text, to_jsonb(r) FROM proposal_records r WHERE r.id = v_id;
      RETURN;
    END IF;
  END IF;
  v_n := nextval('proposal_ref_seq');
  -- P-0001 … P-9999, then P-10000: lpad would cut longer numbers.
  INSERT INTO proposals (ref, message_id, format, title, title_key, abstract, duration_minutes, language)
  VALUES ('P-' || CASE WHEN v_n < 1000 THEN lpad(v_n::text, 4, '0') ELSE v_n::text END, p_message,
          p_draft->>'format', p_draft->>'title', p_title_key, p_draft->>'abstract',
          (p_draft->>'durationMinutes')::integer, p_draft->>'language')
  ON CONFLICT (message_id) DO NOTHING RETURNING id INTO v_id;
  IF v_id IS NULL THEN
    -- A concurrent filing of the same message won the unique constraint: its proposal is the answer.
    RETURN QUERY SELECT 'already-filed'::text, to_jsonb(r) FROM proposal_records r WHERE r.message_id = p_message;
    RETURN;
  END IF;
  SELECT coalesce(jsonb_object_agg(s.sp_key, jsonb_build_object('id', s.sp_id, 'email', s.sp_email)), '{}'::jsonb) INTO v_rows FROM crieur_speakers_of(p_draft) s;
  INSERT INTO proposal_speakers (proposal_id, position, speaker_id, name)
    SELECT v_id, o - 1, (v_rows->lower(e->>'email')->>'id')::integer, e->>'name'
    FROM jsonb_array_elements(coalesce(p_draft->'speakers', '[]')) WITH ORDINALITY AS x(e, o);
  -- An address already known keeps its stored spelling, as the view shows it.
  SELECT coalesce(jsonb_agg(jsonb_build_object('name', e->>'name', 'email', v_rows->lower(e->>'email')->>'email') ORDER BY o), '[]'::jsonb)
    INTO v_speakers FROM jsonb_array_elements(coalesce(p_draft->'speakers', '[]')) WITH ORDINALITY AS x(e, o);
  INSERT INTO proposal_attachments (proposal_id, position, sha256, filename, content_type, size)
    SELECT v_id, o - 1, e->>'sha256', e->>'filename', e->>'contentType', (e->>'size')::integer
    FROM jsonb_array_elements(coalesce(p_draft->'attachments', '[]')) WITH ORDINALITY AS x(e, o);
  INSERT INTO proposal_history (proposal_id, actor, action, detail, message_id)
    VALUES (v_id, p_actor, 'filed', jsonb_build_object('title', p_draft->'title'), p_message);
  -- What proposal_records would show for it: the row, the speakers just written, the attachments as listed.
  RETURN QUERY SELECT 'filed'::text,
    to_jsonb(p) || jsonb_build_object('speakers', v_speakers, 'attachments', (
      SELECT coalesce(jsonb_agg(jsonb_build_object('filename', e->>'filename', 'contentType', e->>'contentType',
                                                   'size', (e->>'size')::integer, 'sha256', e->>'sha256') ORDER BY o), '[]'::jsonb)
      FROM jsonb_array_elements(coalesce(p_draft->'attachments', '[]')) WITH ORDINALITY AS x(e, o)))
    FROM proposals p WHERE p.id = v_id;
END $$;

-- A batch's locks: every filing's filing lock and speakers' locks, at once, in one ascending order, before anything.
CREATE OR REPLACE FUNCTION crieur_classify_and_file_many(p_messages integer[], p_parsed jsonb[], p_actors text[], p_speakers text[],
                                                         p_title_keys text[], p_since timestamptz[])
RETURNS TABLE (pos integer, outcome text, record jsonb) LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(k) FROM (
    SELECT DISTINCT k FROM generate_subscripts(p_messages, 1) AS i,
      LATERAL crieur_filing_lock_keys(p_speakers[i], p_title_keys[i], p_parsed[i]->'proposal') AS k
    ORDER BY 1) AS locks;
  FOR i IN 1 .. coalesce(cardinality(p_messages), 0) LOOP
    RETURN QUERY SELECT i, f.outcome, f.record
      FROM crieur_classify_and_file(p_messages[i], p_parsed[i], p_actors[i], p_speakers[i], p_title_keys[i], p_since[i]) f;
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION crieur_update_proposal(p_ref text, p_draft jsonb, p_title_key text, p_actor text, p_message integer,
                                                  p_unless_superseded boolean)
RETURNS TABLE (record jsonb) LANGUAGE plpgsql AS $$
DECLARE
  v_id integer;
  v_latest integer;
  v_before jsonb;
  v_changes jsonb;
  v_rows jsonb;
BEGIN
  -- Locked first: two re-sends filed side by side compare one after the other.
  SELECT p.id INTO v_id FROM proposals p WHERE p.ref = p_ref FOR UPDATE;
  IF v_id IS NULL THEN
    RETURN;
  END IF;
  IF p_unless_superseded AND p_message IS NOT NULL THEN
    SELECT greatest(p.message_id, (SELECT max(h.message_id) FROM proposal_history h WHERE h.proposal_id = p.id AND h.action = 'updated'))
      INTO v_latest FROM proposals p WHERE p.id = v_id;
    IF v_latest IS NOT NULL AND v_latest > p_message THEN
      INSERT INTO proposal_history (proposal_id, actor, action, detail, message_id)
        VALUES (v_id, p_actor, 'updated', jsonb_build_object('supersededBy', v_latest), p_message);
      RETURN QUERY SELECT to_jsonb(r) FROM proposal_records r WHERE r.id = v_id;
      RETURN;
    END IF;
  END IF;
  SELECT to_jsonb(r) INTO v_before FROM proposal_records r WHERE r.id = v_id;
  -- The fields that changed, under the application's names (the view's columns are the table's).
  SELECT coalesce(jsonb_object_agg(f.name, jsonb_build_object('from', coalesce(v_before->f.col, 'null'::jsonb), 'to', coalesce(p_draft->f.name, 'null'::jsonb))), '{}'::jsonb)
    INTO v_changes
    FROM (VALUES ('format', 'format'), ('title', 'title'), ('abstract', 'abstract'), ('durationMinutes', 'duration_minutes'),
                 ('language', 'language'), ('speakers', 'speakers'), ('attachments', 'attachments')) AS f(name, col)
    WHERE coalesce(v_before->f.col, 'null'::jsonb) IS DISTINCT FROM coalesce(p_draft->f.name, 'null'::jsonb);
  UPDATE proposals SET format = p_draft->>'format', title = p_draft->>'title', title_key = p_title_key, abstract = p_draft->>'abstract',
         duration_minutes = (p_draft->>'durationMinutes')::integer, language = p_draft->>'language', updated_at = now()
    WHERE id = v_id;
  -- Speakers are people, kept once per address: their names kept up to date whether or not the list changed.
  PERFORM pg_advisory_xact_lock(k) FROM (SELECT k FROM crieur_filing_lock_keys(NULL, '', p_draft) k ORDER BY 1) AS locks;
  SELECT coalesce(jsonb_object_agg(s.sp_key, jsonb_build_object('id', s.sp_id, 'email', s.sp_email)), '{}'::jsonb) INTO v_rows FROM crieur_speakers_of(p_draft) s;
  -- The lists rewritten as crieur_file_proposal writes a new proposal's, when they changed.
  IF v_changes ? 'speakers' THEN
    DELETE FROM proposal_speakers WHERE proposal_id = v_id;
    INSERT INTO proposal_speakers (proposal_id, position, speaker_id, name)
      SELECT v_id, o - 1, (v_rows->lower(e->>'email')->>'id')::integer, e->>'name'
      FROM jsonb_array_elements(coalesce(p_draft->'speakers', '[]')) WITH ORDINALITY AS x(e, o);
  END IF;
  IF v_changes ? 'attachments' THEN
    DELETE FROM proposal_attachments WHERE proposal_id = v_id;
    INSERT INTO proposal_attachments (proposal_id, position, sha256, filename, content_type, size)
      SELECT v_id, o - 1, e->>'sha256', e->>'filename', e->>'contentType', (e->>'size')::integer
      FROM jsonb_array_elements(coalesce(p_draft->'attachments', '[]')) WITH ORDINALITY AS x(e, o);
  END IF;
  INSERT INTO proposal_history (proposal_id, actor, action, detail, message_id) VALUES (v_id, p_actor, 'updated', v_changes, p_message);
  RETURN QUERY SELECT to_jsonb(r) FROM proposal_records r WHERE r.id = v_id;
END $$;

-- As every crieur_ function (migration 017): plpgsql's cached plans, not the connection's force_custom_plan.
ALTER FUNCTION crieur_speakers_of(jsonb) SET plan_cache_mode = auto;
ALTER FUNCTION crieur_file_proposal(integer, jsonb, text, text, text, timestamptz) SET plan_cache_mode = auto;
ALTER FUNCTION crieur_classify_and_file_many(integer[], jsonb[], text[], text[], text[], timestamptz[]) SET plan_cache_mode = auto;
ALTER FUNCTION crieur_update_proposal(text, jsonb, text, text, integer, boolean) SET plan_cache_mode = auto;
