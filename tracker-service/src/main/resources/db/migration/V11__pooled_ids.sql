-- A new bottleneck and its first history entry are written for every first sighting, thousands at
-- once when a fleet starts. Identity ids made each insert its own round trip (the id is only known
-- once the row is in), and under load a poll's transaction took tens of seconds. The tracker now
-- takes ids from these sequences in blocks of 50 and sends a poll's inserts in batches.
--
-- The identity goes, a plain sequence of the same name takes its place. Its next value is the
-- largest id + 50: the tracker reads a value as the top of its next block of 50, so no block
-- reaches back to an id in use. Rows inserted without an id still get one (the column default).
ALTER TABLE bottleneck ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE bottleneck_id_seq INCREMENT BY 50 OWNED BY bottleneck.id;
SELECT setval('bottleneck_id_seq', (SELECT coalesce(max(id), 0) + 50 FROM bottleneck), false);
ALTER TABLE bottleneck ALTER COLUMN id SET DEFAULT nextval('bottleneck_id_seq');

ALTER TABLE status_history ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE status_history_id_seq INCREMENT BY 50 OWNED BY status_history.id;
SELECT setval('status_history_id_seq', (SELECT coalesce(max(id), 0) + 50 FROM status_history), false);
ALTER TABLE status_history ALTER COLUMN id SET DEFAULT nextval('status_history_id_seq');
