-- A mail's bytes kept in the outbox row itself, compressed, rather than cut into TOAST chunks (issue 12, bench/ingest).
-- An acknowledgement (17 KB, ≈ 6 KB with lz4) went out of line as 3 chunks of the TOAST table, each a row and an entry
-- of its index: 4.4 of the 14.7 row writes a message. STORAGE MAIN compresses the value first and moves it out of line
-- only when the row, compressed, still does not fit in a page (a long digest, a mail with attachments): up to that, one
-- heap row and no chunk to write at insert nor to fetch when the deliver job claims it. Rows already written keep theirs.
ALTER TABLE outbox ALTER COLUMN raw SET STORAGE MAIN;
