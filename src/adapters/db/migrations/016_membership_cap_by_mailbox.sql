-- Membership mails (join and leave confirmations, notices) are capped per *mailbox*, not per address string:
-- victim+1@…, victim+2@… land in one inbox, and each used to get a fresh cap of membership.requestsPerDay (a
-- mail bomb by page or by forged-From mail). Their cap counts, and locks, the canonical address: the local part
-- without its +tag, lower-cased. Other purposes keep the lower-cased recipient. crieur_enqueue is migration 003's,
-- replaced whole; only its lock key and its count for 'membership' differ.
CREATE FUNCTION crieur_cap_address(p_purpose text, p_rcpt text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN p_purpose = 'membership' THEN lower(regexp_replace(p_rcpt, '^([^+@]*)\+[^@]*@', '\1@'))
              ELSE lower(p_rcpt) END
$$;

CREATE INDEX outbox_membership_cap ON outbox ((crieur_cap_address('membership', recipient)), created_at) WHERE purpose = 'membership';

CREATE OR REPLACE FUNCTION crieur_enqueue(p_purpose text[], p_ref text[], p_rcpt text[], p_raws bytea, p_len integer[], p_from text[],
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
            AND o.created_at >= p_since;
      ELSE
        SELECT count(*) INTO v_n FROM outbox o
          WHERE o.purpose = p_purpose[i] AND lower(o.recipient) = lower(p_rcpt[i]) AND o.created_at >= p_since;
      END IF;
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
