-- A proposal classified and filed in one statement and one commit (issue 12, bench/ingest: every round trip is a
-- wake-up of a backend and a commit), the filed record answered from what the function just wrote instead of the
-- proposal_records view, and an index for the replay path's "mails of this message still queued".

-- crieur_file_proposal, unchanged but for its answer when it files: the caller has the draft; the speakers come
-- from the rows just written (an address already known keeps its stored spelling, as the view shows it).
CREATE OR REPLACE FUNCTION crieur_file_proposal(p_message integer, p_draft jsonb, p_actor text, p_speaker text,
                                                p_title_key text, p_since timestamptz)
RETURNS TABLE (outcome text, record jsonb) LANGUAGE plpgsql AS $$
DECLARE
  v_id integer;
  v_n bigint;
  v_speaker integer;
  v_email text;
  v_speakers jsonb := '[]'::jsonb;
  v_item jsonb;
  v_pos bigint;
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
  IF p_speaker IS NOT NULL AND p_title_key <> '' THEN
    PERFORM pg_advisory_xact_lock(hashtext('crieur-file:' || lower(p_speaker) || ':' || p_title_key));
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
  FOR v_item, v_pos IN SELECT e, o - 1 FROM jsonb_array_elements(coalesce(p_draft->'speakers', '[]')) WITH ORDINALITY AS x(e, o) LOOP
    v_speaker := NULL;
    v_email := NULL;
    IF coalesce(v_item->>'email', '') <> '' THEN
      INSERT INTO speakers (email, name) VALUES (v_item->>'email', v_item->>'name')
      ON CONFLICT ((lower(email))) DO UPDATE SET name = coalesce(excluded.name, speakers.name) RETURNING id, email INTO v_speaker, v_email;
    END IF;
    INSERT INTO proposal_speakers (proposal_id, position, speaker_id, name) VALUES (v_id, v_pos, v_speaker, v_item->>'name');
    v_speakers := v_speakers || jsonb_build_array(jsonb_build_object('name', v_item->>'name', 'email', v_email));
  END LOOP;
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

-- The classify job's whole write for a proposal: its classification (kind, the ParseResult), the check for an earlier
-- copy of the same message, and its filing — one commit (asynchronous: redone from the raw message). Answers
--   'handled': the message is done already (a second job for it): nothing written;
--   'copy':    an earlier copy (same Message-ID, not failed) is acted on instead: this one is marked done,
--              record = {"id": that copy's id};
--   else crieur_file_proposal's answer ('filed', 'already-filed', 'duplicate'), the message left 'classified' for the
--   caller's crieur_enqueue to complete.
CREATE FUNCTION crieur_classify_and_file(p_message integer, p_parsed jsonb, p_actor text, p_speaker text,
                                         p_title_key text, p_since timestamptz)
RETURNS TABLE (outcome text, record jsonb) LANGUAGE plpgsql AS $$
DECLARE
  v_message_id text;
  v_copy integer;
BEGIN
  PERFORM set_config('synchronous_commit', 'off', true);
  UPDATE inbound_messages m SET kind = 'proposal', parsed = p_parsed, state = 'classified', error = NULL, updated_at = now()
    WHERE m.id = p_message AND m.state <> 'done' RETURNING m.message_id INTO v_message_id;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'handled'::text, NULL::jsonb;
    RETURN;
  END IF;
  -- coalesce(…) = …: the identity index's expression, an index scan.
  SELECT o.id INTO v_copy FROM inbound_messages o
    WHERE coalesce(o.message_id, '') = v_message_id AND o.id < p_message AND o.state <> 'failed' ORDER BY o.id LIMIT 1;
  IF v_copy IS NOT NULL THEN
    UPDATE inbound_messages SET state = 'done', updated_at = now() WHERE id = p_message;
    RETURN QUERY SELECT 'copy'::text, jsonb_build_object('id', v_copy);
    RETURN;
  END IF;
  RETURN QUERY SELECT f.outcome, f.record FROM crieur_file_proposal(p_message, p_parsed->'proposal', p_actor, p_speaker, p_title_key, p_since) f;
END $$;

-- The replay path's "mails of this message still queued" (outbox.queuedFor): without it, a scan of the whole outbox.
CREATE INDEX outbox_queued_cause ON outbox (cause_message_id) WHERE status = 'queued';
-- `crieur failed list` for mail: the parked rows, not a scan of every mail ever sent.
CREATE INDEX outbox_failed ON outbox (id) WHERE status = 'failed';
