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

-- Draws positions for the events of one stream appended after revision p_after through p_through, in revision
-- order, under the shared lock; returns the last one. Used by
-- the commit-time trigger (appends inside a caller's transaction) and directly by an append in autocommit.
CREATE FUNCTION __SCHEMA__.log_appended(p_stream text, p_after bigint, p_through bigint) RETURNS bigint
LANGUAGE plpgsql AS $fn$
DECLARE
  last_position bigint;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtext('stepwell.event_store.sequence:' || trim(both '"' from '__SCHEMA__')));
  -- the sorted subquery is not flattened, so nextval runs in revision order: a batch's positions rise with its
  -- revisions (they need not be contiguous: another commit may draw in between)
  WITH logged AS (
    INSERT INTO __SCHEMA__.log (global_position, seq, category)
      SELECT nextval('__SCHEMA__.global_position_seq'), appended.seq, appended.category
        FROM (SELECT e.seq, e.category FROM __SCHEMA__.events e
               WHERE e.stream_id = p_stream AND e.revision > p_after AND e.revision <= p_through
               ORDER BY e.revision) AS appended
      RETURNING global_position)
  SELECT max(global_position) INTO last_position FROM logged;
  RETURN last_position;
END
$fn$;

CREATE OR REPLACE FUNCTION __SCHEMA__.sequence_append() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM __SCHEMA__.log_appended(NEW.stream_id, OLD.revision, NEW.revision);
  -- identical payloads are folded into one notification per transaction
  PERFORM pg_notify('stepwell_event_store_' || TG_TABLE_SCHEMA, '');
  RETURN NULL;
END
$fn$;

-- An append in autocommit takes its positions itself (no trigger queued, no second look-up of its events) and the
-- store announces it after its commit, coalesced: a NOTIFY in a committing transaction holds a database-wide lock
-- through that commit's flush, which alone serialised every append.
DROP TRIGGER sequence_append ON __SCHEMA__.streams;
CREATE CONSTRAINT TRIGGER sequence_append AFTER UPDATE OF revision ON __SCHEMA__.streams
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.revision > OLD.revision AND current_setting('stepwell.event_store_sequenced', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION __SCHEMA__.sequence_append();

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

-- As in 002 (same contract), with fewer statements: the head row is locked without writing a new version of it,
-- the inserted events' seq come back from the INSERT, and with p_sequence_now the positions are drawn here.
CREATE OR REPLACE FUNCTION __SCHEMA__.append_events(
  p_stream text, p_category text, p_expected text,
  p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[], p_prefixes text[], p_suffixes text[],
  p_sequence_now boolean
) RETURNS TABLE (next_revision bigint, last_seq bigint, last_position bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  current_revision bigint;
  previous_hash text;
  n integer := cardinality(p_ids);
  hashes text[] := '{}';
  previous_hashes text[] := '{}';
  h text;
BEGIN
  SELECT s.revision, s.last_hash INTO current_revision, previous_hash
    FROM __SCHEMA__.streams s WHERE s.stream_id = p_stream FOR UPDATE;
  IF NOT FOUND THEN
    -- a racing creator's row: this waits for its commit or rollback, then the SELECT locks what is there
    INSERT INTO __SCHEMA__.streams (stream_id, revision, last_hash) VALUES (p_stream, -1, '') ON CONFLICT (stream_id) DO NOTHING;
    SELECT s.revision, s.last_hash INTO current_revision, previous_hash
      FROM __SCHEMA__.streams s WHERE s.stream_id = p_stream FOR UPDATE;
  END IF;
  -- parenthesised: PL/pgSQL would otherwise end the IF condition at the CASE's first THEN
  IF NOT (CASE p_expected
      WHEN 'any' THEN true
      WHEN 'no_stream' THEN current_revision = -1
      WHEN 'stream_exists' THEN current_revision >= 0
      ELSE current_revision = p_expected::bigint
    END) THEN
    RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'SW001', DETAIL = current_revision::text;
  END IF;
  IF current_revision = -1 THEN
    previous_hash := '';
  END IF;
  FOR i IN 1..n LOOP
    h := encode(sha256(convert_to(previous_hash || p_prefixes[i] || (current_revision + i)::text || p_suffixes[i], 'UTF8')), 'hex');
    previous_hashes := previous_hashes || previous_hash;
    hashes := hashes || h;
    previous_hash := h;
  END LOOP;
  WITH inserted AS (
    INSERT INTO __SCHEMA__.events (event_id, stream_id, category, revision, type, data, metadata, prev_hash, hash)
      SELECT t.id, p_stream, p_category, current_revision + t.ord, t.type, t.data, t.metadata, t.prev_hash, t.hash
        FROM unnest(p_ids, p_types, p_data, p_metadata, previous_hashes, hashes)
             WITH ORDINALITY AS t(id, type, data, metadata, prev_hash, hash, ord)
       ORDER BY t.ord
      RETURNING seq)
  SELECT max(seq) INTO last_seq FROM inserted;
  next_revision := current_revision + n;
  IF p_sequence_now THEN
    last_position := __SCHEMA__.log_appended(p_stream, current_revision, next_revision);
    -- the head moves without queueing the commit-time trigger (it would draw positions a second time)
    PERFORM set_config('stepwell.event_store_sequenced', 'on', true);
    UPDATE __SCHEMA__.streams SET revision = next_revision, last_hash = previous_hash WHERE stream_id = p_stream;
    PERFORM set_config('stepwell.event_store_sequenced', 'off', true);
  ELSE
    UPDATE __SCHEMA__.streams SET revision = next_revision, last_hash = previous_hash WHERE stream_id = p_stream;
  END IF;
  RETURN NEXT;
END
$fn$;
