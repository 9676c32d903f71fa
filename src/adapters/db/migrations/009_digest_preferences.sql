-- Members' digest choice per list (issues 9 and 10): a member who chose a cadence for a configured list gets that
-- list's digest in that format instead of nothing (crieur does not relay each list post; the list itself does).
-- No row: no digest. Set by email (`digest`/`résumé`), the public page or the CLI.
CREATE TABLE digest_preferences (
  subscriber_id  integer NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
  list           text NOT NULL,
  cadence        text NOT NULL CHECK (cadence IN ('daily', 'weekly')),
  format         text NOT NULL DEFAULT 'html' CHECK (format IN ('html', 'text', 'mime')),
  chosen_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subscriber_id, list)
);
CREATE INDEX digest_preferences_list ON digest_preferences (list, subscriber_id);
