-- Filing a proposal and queueing its mails, each in one round trip and one commit. Measured (bench/ingest): the
-- worker spent most of its time in ~30 statements and ~12 commits per proposal; these two functions replace 20 of
-- them. plpgsql is part of PostgreSQL and of PGlite: still one dialect for both engines.

-- A proposal as the application reads it: speakers and attachments as JSON arrays, in their order. One definition
-- for the repository's queries and for crieur_file_proposal's answer.
CREATE VIEW proposal_records AS
  SELECT p.*,
         coalesce((SELECT json_agg(json_build_object('name', ps.name, 'email', s.email) ORDER BY ps.position)
                   FROM proposal_speakers ps LEFT JOIN speakers s ON s.id = ps.speaker_id
                   WHERE ps.proposal_id = p.id), '[]'::json) AS speakers,
         coalesce((SELECT json_agg(json_build_object('filename', pa.filename, 'contentType', pa.content_type,
                                                     'size', pa.size, 'sha256', pa.sha256) ORDER BY pa.position)
                   FROM proposal_attachments pa WHERE pa.proposal_id = p.id), '[]'::json) AS attachments
  FROM proposals p;

-- Files the proposal of inbound message p_message (p_draft: the ProposalDraft as JSON), unless
--   'already-filed': this message already filed or updated one (a replay) — that one is returned;
--   'duplicate':     (when p_speaker is given) the same speaker sent the same title key since p_since — that one is returned,
--                    the caller updates it. Checked under a lock: two such messages filed at once take turns.
-- Returns (outcome, record) with record a proposal_records row as JSON; outcome 'filed' for a new one.
CREATE FUNCTION crieur_file_proposal(p_message integer, p_draft jsonb, p_actor text, p_speaker text,
                                     p_title_key text, p_since timestamptz)
RETURNS TABLE (outcome text, record jsonb) LANGUAGE plpgsql AS $$
DECLARE
  v_id integer;
  v_n bigint;
  v_speaker integer;
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
    IF coalesce(v_item->>'email', '') <> '' THEN
      INSERT INTO speakers (email, name) VALUES (v_item->>'email', v_item->>'name')
      ON CONFLICT ((lower(email))) DO UPDATE SET name = coalesce(excluded.name, speakers.name) RETURNING id INTO v_speaker;
    END IF;
    INSERT INTO proposal_speakers (proposal_id, position, speaker_id, name) VALUES (v_id, v_pos, v_speaker, v_item->>'name');
  END LOOP;
  INSERT INTO proposal_attachments (proposal_id, position, sha256, filename, content_type, size)
    SELECT v_id, o - 1, e->>'sha256', e->>'filename', e->>'contentType', (e->>'size')::integer
    FROM jsonb_array_elements(coalesce(p_draft->'attachments', '[]')) WITH ORDINALITY AS x(e, o);
  INSERT INTO proposal_history (proposal_id, actor, action, detail, message_id)
    VALUES (v_id, p_actor, 'filed', jsonb_build_object('title', p_draft->'title'), p_message);
  RETURN QUERY SELECT 'filed'::text, to_jsonb(r) FROM proposal_records r WHERE r.id = v_id;
END $$;

-- Queues several outbox rows at once and, when p_completes is given, marks that inbound message done in the same
-- commit: a filing's mails and the end of its handling land together or not at all. For each row, in order:
-- (pos, id, inserted); id NULL when its cap (p_cap[pos] rows of that purpose to that recipient since p_since)
-- is reached. A row already queued under the same key comes back as is (a replay), cap or not. Capped rows take
-- a lock per (purpose, recipient) so that concurrent filings cannot all pass the cap.
-- The messages' bytes come as one bytea (p_raws, the rows' bytes end to end, p_len[i] bytes each): a bytea
-- parameter travels in binary, a bytea[] as hex text parsed by array_in — measured 4x the backend's CPU.
CREATE FUNCTION crieur_enqueue(p_purpose text[], p_ref text[], p_rcpt text[], p_raws bytea, p_len integer[], p_from text[],
                               p_cause integer[], p_cap integer[], p_since timestamptz, p_completes integer)
RETURNS TABLE (pos integer, id integer, inserted boolean) LANGUAGE plpgsql AS $$
DECLARE
  i integer;
  v_id integer;
  v_n integer;
  v_at integer := 1;
  v_raw bytea;
BEGIN
  -- Redone if a crash undoes it; the claim before any SMTP transaction commits synchronously and flushes this
  -- too (see ASYNC_COMMIT in src/adapters/db/db.ts).
  PERFORM set_config('synchronous_commit', 'off', true);
  -- Every cap lock first, in one order: two filings with the same co-speakers listed in other orders would
  -- otherwise each hold one lock and wait for the other's (a deadlock).
  PERFORM pg_advisory_xact_lock(k) FROM (
    SELECT DISTINCT hashtext('crieur-cap:' || u.purpose || ':' || lower(u.rcpt)) AS k
    FROM unnest(p_purpose, p_rcpt, p_cap) AS u(purpose, rcpt, cap) WHERE u.cap IS NOT NULL ORDER BY 1) AS locks;
  FOR i IN 1 .. coalesce(array_length(p_purpose, 1), 0) LOOP
    v_raw := substring(p_raws FROM v_at FOR p_len[i]);
    v_at := v_at + p_len[i];
    v_id := NULL;
    SELECT o.id INTO v_id FROM outbox o WHERE o.purpose = p_purpose[i] AND o.subject_ref = p_ref[i] AND o.recipient = p_rcpt[i];
    IF v_id IS NOT NULL THEN
      pos := i; id := v_id; inserted := false; RETURN NEXT;
      CONTINUE;
    END IF;
    IF p_cap[i] IS NOT NULL THEN
      SELECT count(*) INTO v_n FROM outbox o
        WHERE o.purpose = p_purpose[i] AND lower(o.recipient) = lower(p_rcpt[i]) AND o.created_at >= p_since;
      IF v_n >= p_cap[i] THEN
        pos := i; id := NULL; inserted := false; RETURN NEXT;
        CONTINUE;
      END IF;
    END IF;
    INSERT INTO outbox (purpose, subject_ref, recipient, raw, envelope_from, cause_message_id)
    VALUES (p_purpose[i], p_ref[i], p_rcpt[i], v_raw, p_from[i], p_cause[i])
    ON CONFLICT (purpose, subject_ref, recipient) DO NOTHING RETURNING outbox.id INTO v_id;
    IF v_id IS NULL THEN
      -- Queued concurrently under the same key (an uncapped row takes no lock): that row is the answer.
      SELECT o.id INTO v_id FROM outbox o WHERE o.purpose = p_purpose[i] AND o.subject_ref = p_ref[i] AND o.recipient = p_rcpt[i];
      pos := i; id := v_id; inserted := false; RETURN NEXT;
    ELSE
      pos := i; id := v_id; inserted := true; RETURN NEXT;
    END IF;
  END LOOP;
  IF p_completes IS NOT NULL THEN
    UPDATE inbound_messages SET state = 'done', error = NULL, updated_at = now() WHERE inbound_messages.id = p_completes;
  END IF;
END $$;

-- Mail bytes (a few kilobytes of HTML per outgoing row, the raw inbound message) compress with lz4 where the
-- server has it (PostgreSQL built with it, as Debian's is): measured with the outbox, less CPU than pglz and less
-- WAL than no compression. PGlite has no lz4 and keeps pglz.
DO $$ BEGIN
  ALTER TABLE outbox ALTER COLUMN raw SET COMPRESSION lz4;
  ALTER TABLE inbound_messages ALTER COLUMN raw SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN NULL;
END $$;
