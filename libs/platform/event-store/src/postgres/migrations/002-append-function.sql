-- One round trip per append: lock the stream head, check the expectation, chain the hashes, insert, move the head.
--
-- The hash chain is computed here from canonical JSON the client renders (hash/canonical-json.ts): each event's
-- canonical body is `prefix || revision || suffix` (the revision is only known here), and
-- hash = sha256(previous hash || body), exactly as hash/hash-chain.ts computes it for verification.
--
-- Failures raise (so the implicit transaction rolls back and nothing is written):
--   SW001 wrong expected revision, DETAIL = the actual revision (-1: no stream);
--   23505 on events_event_id_key: an event id already stored (the client then decides: idempotent or conflict).
-- `sequence_now` fires the deferred sequencing trigger at once so the caller learns the global positions in the
-- same round trip; it is false inside a caller's own transaction, which must not hold the sequencing lock.
CREATE FUNCTION __SCHEMA__.append_events(
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
  inserted_last bigint;
BEGIN
  INSERT INTO __SCHEMA__.streams AS s (stream_id, revision, last_hash) VALUES (p_stream, -1, '')
    ON CONFLICT (stream_id) DO UPDATE SET revision = s.revision
    RETURNING s.revision, s.last_hash INTO current_revision, previous_hash;
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
  INSERT INTO __SCHEMA__.events (event_id, stream_id, category, revision, type, data, metadata, prev_hash, hash)
    SELECT t.id, p_stream, p_category, current_revision + t.ord, t.type, t.data, t.metadata, t.prev_hash, t.hash
      FROM unnest(p_ids, p_types, p_data, p_metadata, previous_hashes, hashes)
           WITH ORDINALITY AS t(id, type, data, metadata, prev_hash, hash, ord)
     ORDER BY t.ord;
  SELECT e.seq INTO inserted_last FROM __SCHEMA__.events e WHERE e.stream_id = p_stream AND e.revision = current_revision + n;
  UPDATE __SCHEMA__.streams SET revision = current_revision + n, last_hash = previous_hash WHERE stream_id = p_stream;
  next_revision := current_revision + n;
  last_seq := inserted_last;
  IF p_sequence_now THEN
    SET CONSTRAINTS __SCHEMA__.sequence_append IMMEDIATE;
    SELECT l.global_position INTO last_position FROM __SCHEMA__.log l WHERE l.seq = inserted_last;
  END IF;
  RETURN NEXT;
END
$fn$;
