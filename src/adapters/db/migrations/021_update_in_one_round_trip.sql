-- A proposal updated in one round trip (issue 12, bench/ingest): a speaker's proposal sent again (the same speaker and
-- title within the update window), a speaker's labelled corrections and an organizer's `talk`/`lightning` were a
-- transaction of a dozen statements from the application — read, lock, compare, update, the speaker and attachment
-- lists rewritten, the history line, read again —, each a round trip and a wake-up of a backend. One function now,
-- the same steps in the same order, answering the record as proposal_records shows it (as crieur_file_proposal does).
--
-- p_title_key: the application's normalizeTitle of the new title. p_unless_superseded (a re-sent proposal): when the
-- proposal already holds a later message's content (inbound ids are arrival order), nothing changes but an `updated`
-- history line naming that message ({"supersededBy": id}) — a replay of its job then finds it handled. The history
-- line of a change names each field that changed, {"field": {"from": …, "to": …}}, with the application's names.
-- No row when p_ref names no proposal.
CREATE FUNCTION crieur_update_proposal(p_ref text, p_draft jsonb, p_title_key text, p_actor text, p_message integer,
                                       p_unless_superseded boolean)
RETURNS TABLE (record jsonb) LANGUAGE plpgsql AS $$
DECLARE
  v_id integer;
  v_latest integer;
  v_before jsonb;
  v_changes jsonb;
  v_item jsonb;
  v_pos bigint;
  v_speaker integer;
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
  -- The lists rewritten as crieur_file_proposal writes a new proposal's: speakers are people, kept once per address.
  DELETE FROM proposal_speakers WHERE proposal_id = v_id;
  DELETE FROM proposal_attachments WHERE proposal_id = v_id;
  FOR v_item, v_pos IN SELECT e, o - 1 FROM jsonb_array_elements(coalesce(p_draft->'speakers', '[]')) WITH ORDINALITY AS x(e, o) LOOP
    v_speaker := NULL;
    IF coalesce(v_item->>'email', '') <> '' THEN
      INSERT INTO speakers (email, name) VALUES (v_item->>'email', v_item->>'name')
      ON CONFLICT ((lower(email))) DO UPDATE SET name = coalesce(excluded.name, speakers.name) RETURNING id INTO v_speaker;
    END IF;
    INSERT INTO proposal_speakers (proposal_id, position, speaker_id, name) VALUES (v_id, v_pos, v_speaker, v_item->>'name');
  END LOOP;
  INSERT INTO proposal_attachments (proposal_id, position, sha256, filename, content_type, size)
    SELECT v_id, o - 1, e->>'sha256', e->>'filename', e->>'contentType', (e->>'size')::integer
    FROM jsonb_array_elements(coalesce(p_draft->'attachments', '[]')) WITH ORDINALITY AS x(e, o);
  INSERT INTO proposal_history (proposal_id, actor, action, detail, message_id) VALUES (v_id, p_actor, 'updated', v_changes, p_message);
  RETURN QUERY SELECT to_jsonb(r) FROM proposal_records r WHERE r.id = v_id;
END $$;

-- As every crieur_ function (migration 017): plpgsql's cached plans, not the connection's force_custom_plan.
ALTER FUNCTION crieur_update_proposal(text, jsonb, text, text, integer, boolean) SET plan_cache_mode = auto;
