-- Several streams in one write: one round trip, one commit (issue 14: a referral wrote its patient key, patient,
-- demographic key and referral streams in four commits, each waiting for its own WAL flush).
--
-- The events of all streams come flattened, stream after stream; p_counts says how many belong to each. Each
-- stream's part is appended by append_events (same hash chain, same checks, positions drawn at once), so the
-- whole statement's implicit transaction commits every part or none.
--
-- Existing stream heads are locked first, in stream-id order, so that two multi-stream appends over the same
-- streams never deadlock; every expectation is then checked before anything is written, and a failed one raises
-- SW001 with DETAIL = the actual revision (-1: no stream) and HINT = the 0-based index of the stream. (A stream
-- that a racing writer creates after that check still fails inside append_events, with SW001 and no HINT.)
CREATE FUNCTION __SCHEMA__.append_to_streams(
  p_streams text[], p_categories text[], p_expected text[], p_counts integer[],
  p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[], p_prefixes text[], p_suffixes text[]
) RETURNS TABLE (stream_index integer, next_revision bigint, last_seq bigint, last_position bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  heads jsonb;
  current_revision bigint;
  first integer := 1;
  last integer;
  appended record;
BEGIN
  SELECT coalesce(jsonb_object_agg(locked.stream_id, locked.revision), '{}'::jsonb) INTO heads
    FROM (SELECT s.stream_id, s.revision FROM __SCHEMA__.streams s
           WHERE s.stream_id = ANY(p_streams) ORDER BY s.stream_id FOR UPDATE) AS locked;
  FOR k IN 1..cardinality(p_streams) LOOP
    current_revision := coalesce((heads ->> p_streams[k])::bigint, -1);
    IF NOT (CASE p_expected[k]
        WHEN 'any' THEN true
        WHEN 'no_stream' THEN current_revision = -1
        WHEN 'stream_exists' THEN current_revision >= 0
        ELSE current_revision = p_expected[k]::bigint
      END) THEN
      RAISE EXCEPTION 'wrong expected revision' USING ERRCODE = 'SW001', DETAIL = current_revision::text, HINT = (k - 1)::text;
    END IF;
  END LOOP;
  FOR k IN 1..cardinality(p_streams) LOOP
    last := first + p_counts[k] - 1;
    SELECT * INTO appended FROM __SCHEMA__.append_events(
      p_streams[k], p_categories[k], p_expected[k],
      p_ids[first:last], p_types[first:last], p_data[first:last], p_metadata[first:last],
      p_prefixes[first:last], p_suffixes[first:last], true);
    stream_index := k - 1;
    next_revision := appended.next_revision;
    last_seq := appended.last_seq;
    last_position := appended.last_position;
    RETURN NEXT;
    first := last + 1;
  END LOOP;
END
$fn$;
