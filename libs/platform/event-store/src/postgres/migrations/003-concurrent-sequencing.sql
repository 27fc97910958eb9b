-- Commits no longer queue behind one another to take global positions.
--
-- Before: the deferred `sequence_append` trigger took ONE exclusive advisory lock and held it through its commit's
-- flush, so every commit that took positions waited for the previous one's fsync (no group commit: 8 writers did
-- 0.31x the raw INSERT rate).
--
-- Now: committers take that lock SHARED (they never wait for each other) and draw positions from the sequence one
-- event at a time, in revision order. Positions are still drawn at COMMIT (a transaction held open takes none, so a
-- late commit gets a later position, as the late-commit conformance test demands), and a position drawn is visible
-- once its transaction's commit is, because transaction-scoped advisory locks are released only after the commit is
-- visible to new snapshots.
--
-- Readers must not read past a position that is drawn but not yet visible. `safe_horizon()` takes the same lock
-- EXCLUSIVELY for an instant: once granted, no committer is between drawing a position and finishing its commit,
-- so every position up to the sequence's last value is either visible or never will be (a rolled-back commit
-- leaves a permanent gap). Readers then read only positions at or below that horizon. A reader waits at most for
-- the commits in flight at that instant; committers arriving meanwhile queue behind it for the same instant.
--
-- The lock key is this schema's sequencing key, as before (so a rolling deploy's old writers and new writers still
-- exclude each other's readers correctly only once every instance runs this version: see the README).

ALTER SEQUENCE __SCHEMA__.global_position_seq CACHE 1;

CREATE OR REPLACE FUNCTION __SCHEMA__.sequence_append() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtext('stepwell.event_store.sequence:' || TG_TABLE_SCHEMA));
  -- the sorted subquery is not flattened, so nextval runs in revision order: a batch's positions rise with its
  -- revisions (they need not be contiguous: another commit may draw in between)
  INSERT INTO __SCHEMA__.log (global_position, seq, category)
    SELECT nextval('__SCHEMA__.global_position_seq'), appended.seq, appended.category
      FROM (SELECT e.seq, e.category FROM __SCHEMA__.events e
             WHERE e.stream_id = NEW.stream_id AND e.revision > OLD.revision AND e.revision <= NEW.revision
             ORDER BY e.revision) AS appended;
  -- an append in autocommit (append_events with p_sequence_now) is announced by the store after its commit,
  -- coalesced: a NOTIFY in a committing transaction takes a database-wide lock through its commit's flush
  IF current_setting('stepwell.event_store_notify', true) IS DISTINCT FROM 'off' THEN
    PERFORM pg_notify('stepwell_event_store_' || TG_TABLE_SCHEMA, '');
  END IF;
  RETURN NULL;
END
$fn$;

-- The highest position below which nothing is in flight (0 for an empty log). See above.
CREATE FUNCTION __SCHEMA__.safe_horizon() RETURNS bigint LANGUAGE plpgsql AS $fn$
DECLARE
  last bigint;
  called boolean;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('stepwell.event_store.sequence:' || trim(both '"' from '__SCHEMA__')));
  SELECT s.last_value, s.is_called INTO last, called FROM __SCHEMA__.global_position_seq s;
  RETURN CASE WHEN called THEN last ELSE last - 1 END;
END
$fn$;
