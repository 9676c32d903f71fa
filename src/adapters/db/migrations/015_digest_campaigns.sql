-- Digests as campaigns (SPEC `crieur campaigns`: "announcements and digests being sent"). A list's digest of a period
-- — one list × period, all formats and members — is a campaign of kind `digest` (key `digest:<list>:<period>`, the
-- kind exists since 006), and its outbox rows point to it, so `crieur campaigns` counts them with the same queries as
-- an announcement's. Unlike an announcement's ledger rows, a digest's rows keep their own bytes (one mail per member,
-- composed in their format) and stay delivered by the `deliver` queue: the outbox claim takes a row with no campaign,
-- or a digest row whose campaign is not paused (src/adapters/db/outbox.ts). No column or constraint changes.
--
-- The list digests queued before this migration (purpose `digest`, subject_ref `<list>/<period>/<format>`) become
-- campaigns the same way, so a run again of an earlier period finds its campaign, and `campaigns list` shows them.
-- The organizers' digest (`organizers/<day>`: one mail per organizer) stays outside, as it is sent from now on.
INSERT INTO campaigns (key, kind, list, parts)
SELECT DISTINCT 'digest:' || m[1] || ':' || m[2], 'digest', m[1], '{"variants": {}}'::jsonb
FROM (SELECT regexp_match(subject_ref, '^(.+)/([^/]+)/(html|text|mime)$') AS m FROM outbox WHERE purpose = 'digest' AND campaign_id IS NULL) r
WHERE m IS NOT NULL
ON CONFLICT (key) DO NOTHING;

UPDATE outbox o SET campaign_id = c.id
FROM campaigns c
WHERE o.purpose = 'digest' AND o.campaign_id IS NULL AND c.kind = 'digest'
  AND c.key = 'digest:' || (regexp_match(o.subject_ref, '^(.+)/([^/]+)/(html|text|mime)$'))[1] || ':' || (regexp_match(o.subject_ref, '^(.+)/([^/]+)/(html|text|mime)$'))[2];
