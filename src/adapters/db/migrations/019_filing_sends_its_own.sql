-- A filing sends its acknowledgement and notices from its own job once they are queued (deps.sendNow). It used to
-- queue them, then claim them in a second statement — a synchronous commit of its own, the rows' bytes read back —
-- before the SMTP transactions began. With p_lease_ms[i], crieur_enqueue inserts row i, when it inserts it, already
-- claimed (claimAll's `transmitting`: sending, attempt 1, leased, transmitting_at now()), and the caller sends the
-- bytes it holds: it reserved a pooled connection for each such row before calling, so nothing waits between this
-- commit and the transactions, and a crash in between leaves what a crash after a claim leaves (parked by
-- parkInterrupted, never sent twice). Rows found already queued (a replay) or refused by their cap are untouched,
-- answered as before. A call that claims a row commits synchronously (the claim did); one that claims none, as before.
-- The concurrent filings of one process share a call (src/adapters/db/outbox.ts): p_completes lists the inbound
-- messages whose handling the rows finish, and each capped row says since when its cap counts. migration 016's function, replaced whole (new parameters: a new signature).
DROP FUNCTION crieur_enqueue(text[], text[], text[], bytea, integer[], text[], integer[], integer[], timestamptz, integer);

CREATE FUNCTION crieur_enqueue(p_purpose text[], p_ref text[], p_rcpt text[], p_raws bytea, p_len integer[], p_from text[],
                               p_cause integer[], p_cap integer[], p_since timestamptz[], p_completes integer[], p_lease_ms integer[] DEFAULT NULL)
RETURNS TABLE (pos integer, id integer, inserted boolean) LANGUAGE plpgsql AS $$
DECLARE
  i integer;
  v_id integer;
  v_n integer;
  v_at integer := 1;
  v_raw bytea;
BEGIN
  -- Queued rows: redone if a crash undoes it; the claim before any SMTP transaction commits synchronously and
  -- flushes this too (see ASYNC_COMMIT in src/adapters/db/db.ts). Rows claimed here are sent right after this
  -- commit: it is their claim, and commits synchronously.
  IF NOT EXISTS (SELECT 1 FROM unnest(p_lease_ms) AS l WHERE l IS NOT NULL) THEN
    PERFORM set_config('synchronous_commit', 'off', true);
  END IF;
  -- Every cap lock first, in one order: two filings with the same co-speakers listed in other orders would
  -- otherwise each hold one lock and wait for the other's (a deadlock).
  PERFORM pg_advisory_xact_lock(k) FROM (
    SELECT DISTINCT hashtext('crieur-cap:' || u.purpose || ':' || crieur_cap_address(u.purpose, u.rcpt)) AS k
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
      IF p_purpose[i] = 'membership' THEN
        -- crieur_cap_address's expression: the index outbox_membership_cap.
        SELECT count(*) INTO v_n FROM outbox o
          WHERE o.purpose = 'membership' AND crieur_cap_address('membership', o.recipient) = crieur_cap_address('membership', p_rcpt[i])
            AND o.created_at >= p_since[i];
      ELSE
        SELECT count(*) INTO v_n FROM outbox o
          WHERE o.purpose = p_purpose[i] AND lower(o.recipient) = lower(p_rcpt[i]) AND o.created_at >= p_since[i];
      END IF;
      IF v_n >= p_cap[i] THEN
        pos := i; id := NULL; inserted := false; RETURN NEXT;
        CONTINUE;
      END IF;
    END IF;
    INSERT INTO outbox (purpose, subject_ref, recipient, raw, envelope_from, cause_message_id, status, attempts, lease_until, transmitting_at)
    VALUES (p_purpose[i], p_ref[i], p_rcpt[i], v_raw, p_from[i], p_cause[i],
            CASE WHEN p_lease_ms[i] IS NULL THEN 'queued' ELSE 'sending' END, CASE WHEN p_lease_ms[i] IS NULL THEN 0 ELSE 1 END,
            now() + p_lease_ms[i] * interval '1 millisecond', CASE WHEN p_lease_ms[i] IS NOT NULL THEN now() END)
    ON CONFLICT (purpose, subject_ref, recipient) DO NOTHING RETURNING outbox.id INTO v_id;
    IF v_id IS NULL THEN
      -- Queued concurrently under the same key (an uncapped row takes no lock): that row is the answer.
      SELECT o.id INTO v_id FROM outbox o WHERE o.purpose = p_purpose[i] AND o.subject_ref = p_ref[i] AND o.recipient = p_rcpt[i];
      pos := i; id := v_id; inserted := false; RETURN NEXT;
    ELSE
      pos := i; id := v_id; inserted := true; RETURN NEXT;
    END IF;
  END LOOP;
  IF cardinality(p_completes) > 0 THEN
    UPDATE inbound_messages SET state = 'done', error = NULL, updated_at = now() WHERE inbound_messages.id = ANY(p_completes);
  END IF;
END $$;

ALTER FUNCTION crieur_enqueue(text[], text[], text[], bytea, integer[], text[], integer[], integer[], timestamptz[], integer[], integer[])
  SET plan_cache_mode = auto;
